import type { WallCatalog } from './vi.ts';

/** English: the big screen's own strings, typed as the Vietnamese part's shape. */
export const enWall: WallCatalog = {
  wall: {
    ceremony: {
      kicker: 'Honouring exemplary blood donors',
    },
    header: {
      festivalDay: 'Day {{n}} · {{date}}',
      festivalDayShort: 'Day {{n}}',
      otherDay: '{{weekday}} · {{date}}',
    },
    hero: {
      aria: 'Totals',
      title: 'Units of blood donated',
      target: 'target',
      units: 'units of blood',
    },
    stats: {
      today: 'Today',
      todayDay: 'Today (day {{n}})',
      litres: 'Volume (litres)',
      checkedIn: 'Checked in',
      registered: 'Registered',
    },
    hearts: {
      aria: 'A thousand pink hearts',
      title: '{{n}} pink hearts',
      titleThousand: '{{n}} pink hearts',
      perOne: 'One heart per unit',
      perMany: 'One heart per {{n}} units',
      over: '+{{n}} over target',
    },
    board: {
      aria: 'Agencies',
      title: 'Agencies',
      legend: 'donated / quota',
      checkedIn: 'checked in',
      registered: 'registered',
      donated: 'donated',
      met: 'Quota reached',
      eta: 'Quota expected at {{time}}',
      loading: 'Loading…',
      noQuota: 'No agency has a quota yet.',
      others: 'Other agencies',
      walkIns: 'Walk-ins',
    },
    charts: {
      aria: 'Charts',
      loading: 'Loading charts…',
      unavailable: 'Charts will be back shortly',
      quarters: 'Donations per 15 min today',
      quartersEmpty: 'No donations yet today',
      days: 'Per day',
      daysEmpty: 'No data yet',
      dayTick: 'Day {{n}} · {{date}}',
      blood: 'Blood types',
      unknown: 'unknown',
    },
    ticker: {
      thanks: 'Thank you, donor from {{agency}}',
      thankYou: 'Thank you!',
      slogan: 'A drop of blood given, a life saved',
    },
    celebration: {
      kicker: 'Milestone',
    },
  },
};
