/** English: the home page's own strings; keys as ./vi.ts. */
import type { viHome } from './vi.ts';

export const enHome: typeof viHome = {
  pages: {
    wall: { desc: 'Live totals, agency progress and milestones, for the projector in the hall.' },
    desk: { desc: 'Find or register donors, check them in, record donated or deferred.' },
    console: { desc: 'Logistics tasks (police, sound, lighting, banners, media) and incidents.' },
    mc: { desc: 'Upcoming milestones, suggested words and the “announced” button.' },
    admin: { desc: 'Set up the event, agencies, quotas, tasks and run-of-show; enrol devices; reports and audit log.' },
    live: { desc: "For everyone, no access code: units donated against the target, the agencies' progress, what is on now. Aggregates only." },
    agency: { desc: "For an agency's liaison: progress against the quota, the agency's people (who has not come yet, to call them), sending the list and downloading the results." },
  },
  index: {
    subtitle: 'Blood-donation festival dashboard',
    enrolNote: 'Each device is enrolled by opening its page once with the link /<page>?token=… (or its QR code) from the organisers.',
  },
};
