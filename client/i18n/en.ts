/** English: the second language. Typed as the Vietnamese catalog's shape, so a missing key fails the type check. */
import type { Catalog } from './vi.ts';

export const en: Catalog = {
  common: {
    appName: 'Hải Dương, a thousand pink hearts',
    eventFallback: 'Blood-donation festival “Hải Dương, a thousand pink hearts”',
    loading: 'Loading…',
    waiting: 'Waiting for data…',
    save: 'Save',
    saveChanges: 'Save changes',
    cancel: 'Cancel',
    close: 'Close',
    edit: 'Edit',
    remove: 'Remove',
    copy: 'Copy',
    copied: 'Copied',
    actions: 'Actions',
    yes: 'Yes',
    no: 'No',
    retry: 'Try again',
  },
  lang: {
    label: 'Language',
    vi: 'Tiếng Việt',
    en: 'English',
  },
  age: {
    justNow: 'just now',
    seconds: '{{n}} s ago',
    minutes: '{{n}} min ago',
    hours: '{{h}} h {{m}} min ago',
    days: '{{n}} days ago',
  },
  connection: {
    live: 'Live',
    notEnrolled: 'Not enrolled',
    connecting: 'Connecting…',
    unreachable: 'Cannot reach the server · retrying',
    lost: 'Connection lost · data from {{age}}',
    offline: 'Offline · data from {{age}}',
    lastSync: 'Last sync at {{time}}',
  },
  gate: {
    missing: 'This device is not enrolled yet.',
    refused: "This device's access token is not valid or has been revoked.",
    forbidden: "This device's access token is not for this page.",
    howTo: 'Open this page once with the enrollment link {{link}} (or scan its QR code) that the organisers share from the admin page /admin. The device will remember it.',
  },
  errorScreen: {
    title: 'Something went wrong on this screen; it will retry by itself shortly.',
    text: 'No data is lost. If it keeps happening, reload the page or tell the organisers.',
  },
  kpi: {
    donated: 'Donated',
    checkedIn: 'Checked in',
    registered: 'Registered',
    volumeLitres: 'Volume (litres)',
  },
  roles: {
    admin: 'Organisers (admin)',
    desk: 'Registration desk',
    coordinator: 'Logistics coordinator',
    mc: 'MC',
    wall: 'Big screen',
    agency: 'Agency liaison',
  },
  pages: {
    wall: {
      name: 'Big screen',
    },
    desk: {
      name: 'Registration desk',
    },
    console: {
      name: 'Logistics console',
    },
    mc: {
      name: 'MC',
    },
    admin: {
      name: 'Organisers',
    },
    live: {
      name: 'Live (public)',
    },
    agency: {
      name: 'Agency',
    },
  },
  taskStatus: {
    todo: 'To do',
    in_progress: 'In progress',
    done: 'Done',
    blocked: 'Blocked',
  },
  severity: {
    low: 'Low',
    medium: 'Medium',
    high: 'High',
    critical: 'Critical',
  },
  phases: {
    before: 'Preparation',
    parade: 'Parade',
    day1: 'Day one',
    day2: 'Day two',
    after: 'After the festival',
  },
  milestoneKinds: {
    first_donation_of_day: 'First donor of the day',
    donations: 'Donation steps (100, 200, … 500, then every 250)',
    one_thousand: '1,000 — “a thousand pink hearts”',
    target: 'Festival target reached',
    agency_half: 'Agency at 50% of its quota',
    agency_quota: 'Agency meets its quota',
    custom: "Organisers' own milestone",
  },
};
