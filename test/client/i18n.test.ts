/**
 * The i18n catalogs and formatting (client/i18n): Vietnamese and English have the same keys,
 * every key the admin, index and desk pages use exists, numbers and dates are written per
 * language; the desk's catalog stays out of the other pages; every page names a figure the
 * same way (shared/figures.ts), and a quota in people, never in units.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi as mock } from 'vitest';
import { EVENT_TYPES, MILESTONE_KINDS, TASK_STATUSES } from '../../shared/events.ts';
import { BATCH_READY_ITEMS, HONOUREE_KINDS } from '../../shared/constants.ts';
import { FIGURES } from '../../shared/figures.ts';
import { ROLES } from '../../shared/roles.ts';
import { enAdmin } from '../../client/i18n/admin/en.ts';
import { viAdmin } from '../../client/i18n/admin/vi.ts';
import { enAgencyImport } from '../../client/i18n/agencyImport/en.ts';
import { viAgencyImport } from '../../client/i18n/agencyImport/vi.ts';
import { enDesk } from '../../client/i18n/desk/en.ts';
import { viDesk } from '../../client/i18n/desk/vi.ts';
import { en } from '../../client/i18n/en.ts';
import { enWriters } from '../../client/i18n/writers/en.ts';
import { viWriters } from '../../client/i18n/writers/vi.ts';
import { enHome } from '../../client/i18n/home/en.ts';
import { viHome } from '../../client/i18n/home/vi.ts';
import { enAgency } from '../../client/i18n/agency/en.ts';
import { viAgency } from '../../client/i18n/agency/vi.ts';
import { vi } from '../../client/i18n/vi.ts';
import { enConsole } from '../../client/i18n/console/en.ts';
import { viConsole } from '../../client/i18n/console/vi.ts';
import { enMc } from '../../client/i18n/mc/en.ts';
import { viMc } from '../../client/i18n/mc/vi.ts';
import { enWall } from '../../client/i18n/wall/en.ts';
import { viWall } from '../../client/i18n/wall/vi.ts';
import { pairOf, pick, splitRich, tIn } from '../../client/i18n/pairs.ts';
import { addCatalogs, formatterFor, getLang, i18n, setLang, t, translateIn } from '../../client/i18n/index.ts';
import { SETUP_SECTIONS, TABS } from '../../client/views/admin/route.ts';
import { DEFERRAL_CODES, refusalMsg, VOID_REASON_KEYS } from '../../client/views/desk/deskText.ts';
import { textOf } from '../../client/views/desk/i18n.ts';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

const viAll = new Set([...keysOf(vi), ...keysOf(viWriters), ...keysOf(viAdmin), ...keysOf(viHome)]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('catalogs', () => {
  it('Vietnamese and English have exactly the same keys, none empty', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(vi).sort());
    expect(keysOf(enAdmin).sort()).toEqual(keysOf(viAdmin).sort());
    expect(keysOf(enWriters).sort()).toEqual(keysOf(viWriters).sort());
    expect(keysOf(enHome).sort()).toEqual(keysOf(viHome).sort());
    for (const catalog of [vi, en, viWriters, enWriters, viAdmin, enAdmin, viHome, enHome]) {
      for (const key of keysOf(catalog)) {
        const value = key.split('.').reduce<any>((node, part) => node[part], catalog);
        expect(value.trim(), key).not.toBe('');
      }
    }
    // The admin part adds keys; it never overrides a shared one.
    for (const key of keysOf(viAdmin)) expect(keysOf(vi), key).not.toContain(key);
    // The writing pages' catalog is loaded by them alone: the wall, which writes nothing, never downloads it.
    const importers = sourceFiles('client')
      .filter((file) => /i18n\/writers\/(vi|en)\.ts['"]/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => file.split(path.sep).join('/'))
      .sort();
    expect(importers).toEqual(['admin', 'agency', 'console', 'desk', 'mc'].map((page) => `client/views/${page}/i18n.ts`));
  });

  it('every literal key the admin and index pages use exists in the catalog', () => {
    const files = [...sourceFiles('client/views/admin'), ...sourceFiles('client/views/index'), ...sourceFiles('client/i18n')];
    const used = new Set<string>();
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(match[1]!);
      // Both branches of t(cond ? 'a.b' : 'a.c').
      for (const match of text.matchAll(/\bt\([^()]*?\?\s*'([a-zA-Z0-9_.]+)'\s*:\s*'([a-zA-Z0-9_.]+)'/g)) {
        used.add(match[1]!);
        used.add(match[2]!);
      }
    }
    expect(used.size).toBeGreaterThan(150);
    const missing = [...used].filter((key) => !viAll.has(key));
    expect(missing).toEqual([]);
  });

  it('the keys made from domain values exist: roles, statuses, event types, milestone kinds, tabs', () => {
    const needed = [
      ...ROLES.map((r) => `roles.${r}`),
      ...TASK_STATUSES.map((s) => `taskStatus.${s}`),
      ...EVENT_TYPES.map((type) => `eventTypes.${type.replace('.', '_')}`),
      ...[...new Set(EVENT_TYPES.map((type) => type.split('.')[0]))].map((f) => `eventFamilies.${f}`),
      ...MILESTONE_KINDS.map((k) => `milestoneKinds.${k}`),
      ...TABS.map((tab) => `admin.tabs.${tab}`),
      ...SETUP_SECTIONS.map((s) => `admin.setup.${s}`),
      ...['wall', 'desk', 'console', 'mc', 'admin', 'agency', 'live'].flatMap((p) => [`pages.${p}.name`, `pages.${p}.desc`]),
      ...['percent', 'count', 'none'].map((k) => `admin.agencies.kind_${k}`),
      ...['donated', 'checkedIn'].map((k) => `admin.event.countOn_${k}`),
      ...ROLES.map((r) => `admin.devices.labelPlaceholder_${r}`),
      ...['donated', 'checkedIn', 'registered'].map((m) => `report.${m}`),
    ];
    expect(needed.filter((key) => !viAll.has(key))).toEqual([]);
  });

  it('Vietnamese text keeps its diacritics', () => {
    expect(vi.common.appName).toBe('Hải Dương ngàn trái tim hồng');
    expect(viAdmin.admin.tabs).toEqual({
      label: 'Các mục quản trị',
      setup: 'Thiết lập',
      devices: 'Thiết bị',
      reports: 'Báo cáo',
      ceremony: 'Lễ tôn vinh',
      audit: 'Nhật ký',
      privacy: 'Dữ liệu cá nhân',
    });
    expect(viAdmin.report.walkIns).toBe('Hiến máu tự do (không theo đơn vị)');
  });
});

describe('switching and formatting', () => {
  it('Vietnamese by default; setLang switches t(); catalogs added later are found', () => {
    addCatalogs({ vi: viAdmin, en: enAdmin });
    expect(getLang()).toBe('vi');
    expect(t('admin.tabs.setup')).toBe('Thiết lập');
    expect(t('admin.devices.sent', { n: '2', label: 'Bàn 3' })).toBe('Đã gửi lệnh tới 2 trang của “Bàn 3”.');
    setLang('en');
    expect(t('admin.tabs.setup')).toBe('Setup');
    setLang('vi');
    expect(t('kpi.donated')).toBe('Đã hiến máu');
  });

  it('numbers, dates, times and ages per language, in the event time zone', () => {
    const viFmt = formatterFor('vi');
    const enFmt = formatterFor('en');
    expect(viFmt.number(1234567)).toBe('1.234.567');
    expect(enFmt.number(1234567)).toBe('1,234,567');
    expect(viFmt.percent(57.1)).toBe('57,1%');
    expect(enFmt.percent(57.1)).toBe('57.1%');
    expect(viFmt.date('2024-07-19')).toBe('19/7/2024');
    expect(enFmt.date('2024-07-19')).toBe('19 Jul 2024');
    // 23:30 UTC on the 18th is 06:30 on the 19th at the venue.
    expect(viFmt.dateTime('2024-07-18T23:30:00Z')).toBe('06:30 19/7/2024');
    expect(enFmt.dateTime('2024-07-18T23:30:00Z')).toBe('19 Jul 2024, 06:30');
    expect(viFmt.litres(11_900)).toBe('11,9');
    expect(enFmt.litres(11_900)).toBe('11.9');
    expect(viFmt.age(3 * 60_000)).toBe('cách đây 3 phút');
    expect(enFmt.age(3 * 60_000)).toBe('3 min ago');
  });
});

describe('desk catalogs', () => {
  const deskKeys = new Set([...keysOf(vi), ...keysOf(viDesk), ...keysOf(viAgencyImport)]);

  it('Vietnamese and English have exactly the same keys, none empty; no shared key overridden', () => {
    expect(keysOf(enDesk).sort()).toEqual(keysOf(viDesk).sort());
    expect(keysOf(enAgencyImport).sort()).toEqual(keysOf(viAgencyImport).sort());
    for (const catalog of [viDesk, enDesk, viAgencyImport, enAgencyImport]) {
      for (const key of keysOf(catalog)) {
        const value = key.split('.').reduce<any>((node, part) => node[part], catalog);
        expect(value.trim(), key).not.toBe('');
      }
    }
    // Each adds one branch of its own, which the shared catalog does not have. (i18next merges
    // added catalogs into the shared objects themselves, so `vi` is read from its source here.)
    expect(Object.keys(viDesk)).toEqual(['desk']);
    expect(Object.keys(viAgencyImport)).toEqual(['agencyImport']);
    const sharedSource = fs.readFileSync('client/i18n/vi.ts', 'utf8');
    expect(sharedSource).not.toMatch(/^ {2}(desk|agencyImport):/m);
    for (const key of [...keysOf(viDesk), ...keysOf(viAgencyImport)]) expect(keysOf(viAdmin), key).not.toContain(key);
    // Every {{value}} of a Vietnamese string is in the English one too, and the other way round.
    const holes = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [viCat, enCat] of [
      [viDesk, enDesk],
      [viAgencyImport, enAgencyImport],
    ] as const) {
      for (const key of keysOf(viCat)) {
        const get = (catalog: object) => key.split('.').reduce<any>((node, part) => node[part], catalog) as string;
        // The English "other refusal" is the server's own message (its Vietnamese says it in general terms).
        if (key === 'desk.refusal.other') continue;
        expect(holes(get(enCat)), key).toEqual(holes(get(viCat)));
      }
    }
  });

  it('every literal key the desk and the import tool use exists', () => {
    const files = [...sourceFiles('client/views/desk'), 'client/components/AgencyImport.tsx'];
    const used = new Set<string>();
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/['"`]((?:desk|agencyImport|common|pages|connection|age|lang)\.[a-zA-Z0-9_.]+)['"`]/g)) used.add(match[1]!);
      // donorForm.ts names its problems by the last part of the key.
      for (const match of text.matchAll(/\bproblem\('(\w+)'/g)) used.add(`desk.formErrors.${match[1]}`);
    }
    expect(used.size).toBeGreaterThan(150);
    expect([...used].filter((key) => !deskKeys.has(key))).toEqual([]);
  });

  it('the keys made from domain values exist: states, deferral reasons, event types, fates, refusals', () => {
    const states = ['registered', 'checkedIn', 'donated', 'deferred'];
    const deskTypes = ['donor.registered', 'donor.checked_in', 'donor.donated', 'donor.deferred', 'donor.updated', 'event.voided'];
    const needed = [
      ...states.flatMap((s) => [`desk.state.${s}`, `desk.banner.today_${s}`]),
      ...DEFERRAL_CODES.map((code) => `desk.deferral.${code}`),
      ...deskTypes.map((type) => `desk.types.${type.replace('.', '_')}`),
      ...deskTypes.slice(0, 4).map((type) => `desk.what.${type.replace('.', '_')}`),
      ...['waiting', 'sent', 'recorded', 'refused', 'undone'].map((fate) => `desk.fate.${fate}`),
      ...VOID_REASON_KEYS.map((reason) => `desk.voidReasons.${reason}`),
      ...['female', 'male'].map((g) => `desk.gender.${g}`),
      ...['ok', 'warning', 'error', 'exists'].map((status) => `agencyImport.status.${status}`),
      ...['agencyImport.filterProblems', 'agencyImport.filterValid', 'agencyImport.filterAll'],
    ];
    expect(needed.filter((key) => !deskKeys.has(key))).toEqual([]);
    addCatalogs({ vi: viDesk, en: enDesk });
    const codes = [
      'already_donated_today',
      'already_deferred_today',
      'already_checked_in',
      'not_checked_in',
      'duplicate_donor',
      'donor_already_registered',
      'not_registered',
      'unknown_donor',
      'unknown_agency',
      'not_own_event',
      'void_blocked',
      'already_voided',
      'unknown_event',
      'not_voidable',
      'invalid_payload',
      'invalid_body',
      'forbidden',
      'something_new',
    ];
    for (const code of codes) {
      for (const lang of ['vi', 'en'] as const) {
        const text = textOf(refusalMsg(code, 'server words', { at: '2024-07-19T02:05:00.000Z', by: 'Bàn 2', donorId: 'd-1' }, 'Asia/Ho_Chi_Minh'), lang);
        expect(text, `${code} ${lang}`).not.toMatch(/desk\.|\{\{/);
      }
    }
  });

  it("the desk's words in either language, whatever the screen shows", () => {
    const refusal = refusalMsg('already_donated_today', 'donor already donated today', { at: '2024-07-19T02:05:00.000Z', by: 'Bàn 2' }, 'Asia/Ho_Chi_Minh');
    expect(textOf(refusal, 'vi')).toBe('Người này đã hiến máu hôm nay lúc 09:05 tại Bàn 2. Không ghi lần thứ hai.');
    expect(textOf(refusal, 'en')).toBe('Already donated today at 09:05 (Bàn 2). Not recorded twice.');
    // Numbers among a message's values are written per language.
    const queued = { key: 'desk.banner.importQueued', values: { sent: 1234 } };
    expect(textOf(queued, 'vi')).toBe('Đã đưa 1.234 người vào hàng gửi.');
    expect(textOf(queued, 'en')).toBe('Handed to the outbox: 1,234.');
    // A message inside a message (the deferral reason in what was done).
    const done = { key: 'desk.done.deferred', values: { reason: { key: 'desk.deferral.low_hemoglobin' }, name: 'Ngô Thị Hồng' } };
    expect(textOf(done, 'vi')).toBe('Tạm hoãn (Huyết sắc tố thấp): Ngô Thị Hồng');
    expect(textOf(done, 'en')).toBe('Deferred (Low haemoglobin): Ngô Thị Hồng');
  });

  it('only the desk loads its catalog (the wall and the other pages never download it)', () => {
    const others = sourceFiles('client').filter((file) => !file.startsWith(path.join('client', 'views', 'desk')) && !file.startsWith(path.join('client', 'i18n', 'desk')));
    const importers = others.filter((file) => /i18n\/desk\//.test(fs.readFileSync(file, 'utf8')));
    expect(importers).toEqual([]);
  });
});

describe('console, MC and agency catalogs', () => {
  // Read before any test adds catalogs at run time (i18next merges them into the shared objects).
  const sharedKeys = new Set(keysOf(en));
  const PAGES = { console: [viConsole, enConsole], mc: [viMc, enMc], agency: [viAgency, enAgency] } as const;
  const pageKeys = new Set([...keysOf(vi), ...keysOf(viConsole), ...keysOf(viMc), ...keysOf(viAgency)]);

  it('Vietnamese and English have exactly the same keys and the same {{values}}, none empty; no shared key overridden', () => {
    const holes = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [page, [viPage, enPage]] of Object.entries(PAGES)) {
      expect(keysOf(enPage).sort(), page).toEqual(keysOf(viPage).sort());
      // One branch of its own each: console.…, mc.…
      expect(Object.keys(viPage), page).toEqual([page]);
      for (const key of keysOf(viPage)) {
        const get = (catalog: object) => key.split('.').reduce<any>((node, part) => node[part], catalog) as string;
        expect(get(viPage).trim(), key).not.toBe('');
        expect(get(enPage).trim(), key).not.toBe('');
        expect(sharedKeys.has(key), key).toBe(false);
        // English names the phase "Other phase" without repeating its id.
        if (key !== 'console.phases.other') expect(holes(get(enPage)), key).toEqual(holes(get(viPage)));
      }
    }
    expect(fs.readFileSync('client/i18n/vi.ts', 'utf8')).not.toMatch(/^ {2}(console|mc|agency):/m);
  });

  it('every literal key the console, the MC and the agency page use exists, and none of their own lies unused', () => {
    const files = [...sourceFiles('client/views/console'), ...sourceFiles('client/views/mc'), ...sourceFiles('client/views/agency'), 'client/components/ConnectionStatus.tsx'];
    const KEY = String.raw`'([a-zA-Z0-9_]+(?:\.[a-zA-Z0-9_]+)+)'`;
    const patterns = [
      // t('…'), bi.t('…'), bi.pair('…'), bi.inline('…'), pairOf('…'), setProblem('…'); tIn(lang, '…'); notify(kind, '…').
      new RegExp(String.raw`\b(?:t|pair|inline|pairOf|setProblem)\(\s*${KEY}`, 'g'),
      new RegExp(String.raw`\b(?:tIn|splitRich)\(\s*[\w.']+\s*,\s*${KEY}`, 'g'),
      new RegExp(String.raw`\bnotify\(\s*'\w+'\s*,\s*${KEY}`, 'g'),
      // <Bi k="…" />, <Rich k="…" />, <ButtonText k="…" />, the date picker's label="…", a form footer's submit="…".
      /\b(?:k|label|submit)="([a-zA-Z0-9_]+(?:\.[a-zA-Z0-9_]+)+)"/g,
      // Both branches of a choice: t(cond ? 'a.b' : 'a.c'), k={cond ? 'a.b' : 'a.c'}.
      new RegExp(String.raw`\?\s*${KEY}\s*:\s*${KEY}`, 'g'),
      // Any page key written out.
      /'((?:console|mc|agency)\.[a-zA-Z0-9_]+(?:\.[a-zA-Z0-9_]+)+)'/g,
    ];
    const used = new Set<string>();
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const pattern of patterns)
        for (const match of text.matchAll(pattern)) for (const key of match.slice(1)) if (key && !/\.(tsx?|css)$/.test(key) && !(EVENT_TYPES as readonly string[]).includes(key)) used.add(key);
    }
    expect(used.size).toBeGreaterThan(150);
    expect([...used].filter((key) => !pageKeys.has(key))).toEqual([]);
    // Keys made from values: event types, statuses, tabs, chips, units, presets, refusal codes.
    const made = [
      'console.outbox.types.',
      'console.incidents.status.',
      'console.tabs.',
      'console.tasks.buttons.',
      'console.rosForm.quick.',
      'console.refusals.',
      'console.parade.kinds.',
      'console.security.now.',
      'console.ceremony.modes.',
      'console.ceremony.shown.',
      'console.ceremony.kinds.',
      'console.ceremony.ready.',
      'console.ceremony.status.',
      'console.tabs.short.',
      'mc.ceremony.status.',
      'mc.upcoming.units.',
      'mc.wall.presets.',
      'agency.filter.',
      'agency.review.',
    ];
    const unused = [...keysOf(viConsole), ...keysOf(viMc), ...keysOf(viAgency)].filter((key) => !used.has(key) && !made.some((prefix) => key.startsWith(prefix)));
    expect(unused).toEqual([]);
  });

  it('the keys made from domain values exist: severities, incident states, tabs, event types, units, presets', () => {
    const needed = [
      ...TASK_STATUSES.map((s) => `taskStatus.${s}`),
      ...['critical', 'high', 'medium', 'low'].map((s) => `severity.${s}`),
      ...['open', 'acknowledged', 'resolved'].map((s) => `console.incidents.status.${s}`),
      ...TASK_STATUSES.map((s) => `console.tasks.buttons.${s}`),
      ...['tasks', 'incidents', 'schedule'].map((tab) => `console.tabs.${tab}`),
      ...['task.status_set', 'task.defined', 'incident.reported', 'incident.acknowledged', 'incident.resolved', 'schedule.item_set', 'schedule.item_removed'].map(
        (type) => `console.outbox.types.${type.replace('.', '_')}`,
      ),
      ...['welcome', 'performances', 'opening', 'honouring', 'donation', 'closing'].map((q) => `console.rosForm.quick.${q}`),
      ...['donated', 'checkedIn', 'registered'].map((m) => `mc.upcoming.units.${m}`),
      ...['applause', 'seats', 'thanks'].map((p) => `mc.wall.presets.${p}`),
      ...['console', 'mc'].map((p) => `pages.${p}.name`),
      ...['reception', 'stage'].map((m) => `console.ceremony.modes.${m}`),
      ...['waiting', 'arrived', 'all'].map((s) => `console.ceremony.shown.${s}`),
      ...HONOUREE_KINDS.map((kind) => `console.ceremony.kinds.${kind}`),
      ...BATCH_READY_ITEMS.map((item) => `console.ceremony.ready.${item}`),
      ...['waiting', 'on_stage', 'done'].flatMap((s) => [`console.ceremony.status.${s}`, `mc.ceremony.status.${s}`]),
      ...['parade', 'ceremony'].map((tab) => `console.tabs.${tab}`),
      'console.tabs.short.parade',
    ];
    expect(needed.filter((key) => !pageKeys.has(key))).toEqual([]);
  });

  it('only the console and the MC load their catalogs (the wall and the other pages never download them)', () => {
    for (const page of ['console', 'mc']) {
      const importers = sourceFiles('client')
        .filter((file) => new RegExp(`i18n/${page}/(vi|en)\\.ts['"]`).test(fs.readFileSync(file, 'utf8')))
        .map((file) => file.split(path.sep).join('/'));
      expect(importers, page).toEqual([`client/views/${page}/i18n.ts`]);
      const main = fs.readFileSync(`client/views/${page}/main.tsx`, 'utf8');
      expect(main).toContain(`import '../../i18n/index.ts';`);
      expect(main).toContain(`import './i18n.ts';`);
    }
  });

  it('a key in one language or in both; the English line beside the Vietnamese, none beside the English', () => {
    addCatalogs({ vi: viConsole, en: enConsole });
    addCatalogs({ vi: viMc, en: enMc });
    expect(pairOf('console.tasks.filtered', (fmt) => ({ shown: fmt.number(1200), total: fmt.number(1300) }))).toEqual({
      vi: 'Đang lọc: 1.200/1.300',
      en: 'Filtered: 1,200/1,300',
    });
    expect(tIn('en', 'pages.console.name')).toBe('Logistics console');
    expect(pick('vi', { vi: 'Khai mạc', en: 'Opening' })).toEqual({ main: 'Khai mạc', second: 'Opening' });
    expect(pick('en', { vi: 'Khai mạc', en: 'Opening' })).toEqual({ main: 'Opening', second: null });
    expect(pick('en', { vi: 'Khai mạc', en: '' })).toEqual({ main: 'Khai mạc', second: null });
    expect(splitRich('vi', 'mc.ros.left', undefined, ['countdown'])).toEqual(['còn ', { name: 'countdown' }]);
    expect(splitRich('en', 'mc.ros.left', undefined, ['countdown'])).toEqual([{ name: 'countdown' }, ' left']);
  });

  it('remembers a plain key per language, and translates it again once a page adds its catalogs', () => {
    const key = 'probe.remembered';
    // Unknown yet: i18next answers the key itself.
    expect(tIn('vi', key)).toBe(key);
    addCatalogs({ vi: { probe: { remembered: 'Đã nhớ' } }, en: { probe: { remembered: 'Remembered' } } });
    expect(tIn('vi', key)).toBe('Đã nhớ');
    expect(tIn('en', key)).toBe('Remembered');
    expect(pairOf(key)).toEqual({ vi: 'Đã nhớ', en: 'Remembered' });
  });

  it('remembers a line by its values, apart per value and per language; forgets it when catalogs change', () => {
    addCatalogs({ vi: { probe: { line: 'Đã ghi nhận: {{name}} ({{n}})' } }, en: { probe: { line: 'Recorded: {{name}} ({{n}})' } } });
    // i18next's translator: what a remembered line no longer calls.
    const translate = mock.spyOn((i18n as unknown as { translator: { translate: () => unknown } }).translator, 'translate');
    try {
      expect(translateIn('vi', 'probe.line', { name: 'Lê Thị Hoa', n: 2 })).toBe('Đã ghi nhận: Lê Thị Hoa (2)');
      expect(translateIn('vi', 'probe.line', { name: 'Lê Thị Hoa', n: 2 })).toBe('Đã ghi nhận: Lê Thị Hoa (2)');
      expect(translate).toHaveBeenCalledTimes(1);
      // A number and the same digits as a string are different values; so are the languages.
      expect(translateIn('vi', 'probe.line', { name: 'Lê Thị Hoa', n: '2' })).toBe('Đã ghi nhận: Lê Thị Hoa (2)');
      expect(translateIn('en', 'probe.line', { name: 'Lê Thị Hoa', n: 2 })).toBe('Recorded: Lê Thị Hoa (2)');
      expect(translateIn('vi', 'probe.line', { name: 'Trần Văn Nam', n: 2 })).toBe('Đã ghi nhận: Trần Văn Nam (2)');
      expect(translate).toHaveBeenCalledTimes(4);
      // A value that is not a string or a number is translated every time.
      const nested = { name: { toString: () => 'An' }, n: 1 };
      translateIn('vi', 'probe.line', nested);
      translateIn('vi', 'probe.line', nested);
      expect(translate).toHaveBeenCalledTimes(6);
      // A full memory starts again: every line still reads right.
      for (let n = 0; n < 5001; n += 1) expect(translateIn('en', 'probe.line', { name: 'X', n })).toBe(`Recorded: X (${n})`);
      addCatalogs({ vi: { probe: { line: 'Đã ghi: {{name}}' } }, en: { probe: { line: 'Done: {{name}}' } } });
      expect(translateIn('vi', 'probe.line', { name: 'Lê Thị Hoa', n: 2 })).toBe('Đã ghi: Lê Thị Hoa');
    } finally {
      translate.mockRestore();
    }
  });
});

describe('wall catalogs', () => {
  // Read before any test adds catalogs at run time (i18next merges them into the shared objects).
  const sharedKeys = new Set(keysOf(vi));
  const get = (catalog: object, key: string) => key.split('.').reduce<any>((node, part) => node[part], catalog) as string;
  const holes = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

  it('Vietnamese and English have exactly the same keys and the same {{values}}, none empty; one branch of its own', () => {
    expect(keysOf(enWall).sort()).toEqual(keysOf(viWall).sort());
    expect(Object.keys(viWall)).toEqual(['wall']);
    expect(fs.readFileSync('client/i18n/vi.ts', 'utf8')).not.toMatch(/^ {2}wall:/m);
    for (const key of keysOf(viWall)) {
      expect(get(viWall, key).trim(), key).not.toBe('');
      expect(get(enWall, key).trim(), key).not.toBe('');
      expect(sharedKeys.has(key), key).toBe(false);
      // "Ngàn trái tim hồng" names the thousand in words; the English writes the number.
      if (key !== 'wall.hearts.titleThousand') expect(holes(get(enWall, key)), key).toEqual(holes(get(viWall, key)));
    }
  });

  it('every key the wall uses exists, and none of its own lies unused', () => {
    const text = sourceFiles('client/views/wall')
      .map((file) => fs.readFileSync(file, 'utf8'))
      .join('\n');
    const used = new Set([...text.matchAll(/['"]((?:wall|common|connection|age|lang)\.[a-zA-Z0-9_]+(?:\.[a-zA-Z0-9_]+)*)['"]/g)].map((m) => m[1]!));
    const known = new Set([...sharedKeys, ...keysOf(viWall)]);
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((key) => !known.has(key))).toEqual([]);
    expect(keysOf(viWall).filter((key) => !used.has(key))).toEqual([]);
  });

  it("only the wall loads its catalog, and the wall loads no other page's", () => {
    const importers = sourceFiles('client')
      .filter((file) => /i18n\/wall\/(vi|en)\.ts['"]/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => file.split(path.sep).join('/'));
    expect(importers).toEqual(['client/views/wall/i18n.ts']);
    const main = fs.readFileSync('client/views/wall/main.tsx', 'utf8');
    expect(main).toContain(`import '../../i18n/index.ts';`);
    expect(main).toContain(`import './i18n.ts';`);
    for (const file of sourceFiles('client/views/wall')) {
      expect(fs.readFileSync(file, 'utf8'), file).not.toMatch(/i18n\/(admin|desk|console|mc|agencyImport)\/|react-i18next/);
    }
  });

  it('the wall in either language: words and numbers', () => {
    addCatalogs({ vi: viWall, en: enWall });
    expect(tIn('vi', 'wall.hero.title')).toBe('Đơn vị máu đã hiến');
    expect(tIn('en', 'wall.hero.title')).toBe('Units of blood donated');
    expect(pairOf('wall.hearts.perMany', (fmt) => ({ n: fmt.number(1000) }))).toEqual({
      vi: 'Mỗi trái tim là 1.000 đơn vị máu',
      en: 'One heart per 1,000 units',
    });
    expect(pick('vi', pairOf('wall.board.met'))).toEqual({ main: 'Đạt chỉ tiêu', second: 'Quota reached' });
    expect(splitRich('en', 'wall.board.eta', undefined, ['time'])).toEqual(['Quota expected at ', { name: 'time' }]);
  });
});

describe('one name per figure (issue 15)', () => {
  /** Every page's dictionary, read from its source objects (before any test merges catalogs). */
  const DICTIONARIES = {
    shared: { vi, en },
    admin: { vi: viAdmin, en: enAdmin },
    desk: { vi: viDesk, en: enDesk },
    agencyImport: { vi: viAgencyImport, en: enAgencyImport },
    console: { vi: viConsole, en: enConsole },
    wall: { vi: viWall, en: enWall },
    mc: { vi: viMc, en: enMc },
  } as const;
  const FIGURE_KEYS = ['registered', 'checkedIn', 'donated', 'deferred', 'volumeMl', 'quota'] as const;
  type Leaf = { key: string; value: string };
  const leavesOf = (catalog: object): Leaf[] => keysOf(catalog).map((key) => ({ key, value: key.split('.').reduce<any>((node, part) => node[part], catalog) as string }));
  // Read now, while the describe blocks are collected: the tests above merge the pages' catalogs into the shared objects.
  const LEAVES = Object.fromEntries(Object.entries(DICTIONARIES).map(([page, langs]) => [page, { vi: leavesOf(langs.vi), en: leavesOf(langs.en) }])) as Record<
    keyof typeof DICTIONARIES,
    { vi: Leaf[]; en: Leaf[] }
  >;

  it("a key named after a figure is that figure's one name, on every page and in both languages (lower case under a bar aside)", () => {
    const checked: string[] = [];
    const wrong: string[] = [];
    for (const [page, langs] of Object.entries(LEAVES)) {
      for (const lang of ['vi', 'en'] as const) {
        for (const { key, value } of langs[lang]) {
          const last = key.split('.').pop()!;
          // A sentence that says more ("Đã có mặt lúc {{time}}") is not a name; nor is the unit the MC counts in ("còn 12 người hiến máu nữa").
          if (!(FIGURE_KEYS as readonly string[]).includes(last) || value.includes('{{') || key.includes('.units.')) continue;
          checked.push(`${page}.${lang}.${key}`);
          const name = FIGURES[last as (typeof FIGURE_KEYS)[number]][lang];
          if (value.toLowerCase() !== name.toLowerCase()) wrong.push(`${page} ${lang} ${key}: "${value}", not "${name}"`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // The figures every page shows: the KPIs, the report, the desk's states and figures, the wall's stats and board.
    for (const name of [
      'shared.vi.kpi.checkedIn',
      'admin.vi.report.checkedIn',
      'desk.vi.desk.state.checkedIn',
      'desk.vi.desk.figures.checkedIn',
      'wall.vi.wall.stats.checkedIn',
      'wall.vi.wall.board.checkedIn',
    ])
      expect(checked).toContain(name);
    expect(checked.length).toBeGreaterThan(40);
  });

  it('no page keeps the old names: check-in is "có mặt", never "đến"; the volume in litres is "Lượng máu (lít)"', () => {
    const old: string[] = [];
    for (const [page, langs] of Object.entries(LEAVES)) {
      for (const { key, value } of langs.vi) {
        if (/(đã|xác nhận|người) đến(?! tự do)|Lít máu/i.test(value)) old.push(`${page} ${key}: ${value}`);
      }
    }
    expect(old).toEqual([]);
    expect([vi.kpi.volumeLitres, viWall.wall.stats.litres]).toEqual(['Lượng máu (lít)', 'Lượng máu (lít)']);
    expect([en.kpi.volumeLitres, enWall.wall.stats.litres]).toEqual(['Volume (litres)', 'Volume (litres)']);
  });

  it("README's glossary, right after the quick start, has a line for each figure with the pages' names, and the counting rules", () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings.indexOf('Thuật ngữ và quy tắc đếm / Glossary and counting rules')).toBe(headings.indexOf('Quick start') + 1);
    const glossary = readme.split('## Thuật ngữ và quy tắc đếm / Glossary and counting rules')[1]!.split(/^## /m)[0]!;
    const rows = glossary.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---'));
    for (const key of ['registered', 'checkedIn', 'donated', 'deferred', 'volumeMl', 'quota', 'percentOfQuota', 'target', 'total'] as const) {
      const { vi: name, en: nameEn } = FIGURES[key];
      expect(
        rows.filter((row) => row.startsWith(`| ${name} | ${nameEn} | `)),
        `${name} / ${nameEn}`,
      ).toHaveLength(1);
    }
    for (const term of ['| Ngày và giờ |', '| Đơn vị 250 / 350 / 450 ml |', '| Hiến máu tự do |', '| Tập dượt / Chính thức |', '| Mốc |'])
      expect(
        rows.some((row) => row.startsWith(term)),
        term,
      ).toBe(true);
    // One line each: every row is a whole table row.
    expect(rows.every((row) => row.endsWith(' |'))).toBe(true);
  });

  it('a quota counts people: no page says a quota or the target in units of blood', () => {
    const units: string[] = [];
    for (const [page, langs] of Object.entries(LEAVES)) {
      for (const { key, value } of langs.vi) if (/(chỉ tiêu|mục tiêu)[^.:]*đơn vị máu/i.test(value)) units.push(`${page} vi ${key}: ${value}`);
      for (const { key, value } of langs.en) if (/(quota|target)[^.:]*\bunits\b/i.test(value)) units.push(`${page} en ${key}: ${value}`);
    }
    expect(units).toEqual([]);
    expect(viAdmin.admin.agencies.count).toBe('Chỉ tiêu (người)');
    expect(enAdmin.admin.agencies.count).toBe('Quota (people)');
    expect(viAdmin.admin.agencies.intro).toContain('{{target}} người');
  });
});
