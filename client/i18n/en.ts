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
      desc: 'Live totals, agency progress and milestones, for the projector in the hall.',
    },
    desk: {
      name: 'Registration desk',
      desc: 'Find or register donors, check them in, record donated or deferred.',
    },
    console: {
      name: 'Logistics console',
      desc: 'Logistics tasks (police, sound, lighting, banners, media) and incidents.',
    },
    mc: {
      name: 'MC',
      desc: 'Upcoming milestones, suggested words and the “announced” button.',
    },
    admin: {
      name: 'Organisers',
      desc: 'Set up the event, agencies, quotas, tasks and run-of-show; enrol devices; reports and audit log.',
    },
    live: {
      name: 'Live (public)',
      desc: "For everyone, no access code: units donated against the target, the agencies' progress, what is on now. Aggregates only.",
    },
    agency: {
      name: 'Agency',
      desc: "For an agency's liaison: progress against the quota, the agency's people (who has not come yet, to call them), sending the list and downloading the results.",
    },
  },
  index: {
    subtitle: 'Blood-donation festival dashboard',
    enrolNote: 'Each device is enrolled by opening its page once with the link /<page>?token=… (or its QR code) from the organisers.',
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
