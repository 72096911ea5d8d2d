/**
 * The i18n catalogs and formatting (client/i18n): Vietnamese and English have the same keys,
 * every key the admin and index pages use exists, numbers and dates are written per language.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, MILESTONE_KINDS, TASK_STATUSES } from '../../shared/events.ts';
import { ROLES } from '../../shared/roles.ts';
import { enAdmin } from '../../client/i18n/admin/en.ts';
import { viAdmin } from '../../client/i18n/admin/vi.ts';
import { en } from '../../client/i18n/en.ts';
import { vi } from '../../client/i18n/vi.ts';
import { addCatalogs, formatterFor, getLang, setLang, t } from '../../client/i18n/index.ts';
import { SETUP_SECTIONS, TABS } from '../../client/views/admin/route.ts';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

const viAll = new Set([...keysOf(vi), ...keysOf(viAdmin)]);

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
    for (const catalog of [vi, en, viAdmin, enAdmin]) {
      for (const key of keysOf(catalog)) {
        const value = key.split('.').reduce<any>((node, part) => node[part], catalog);
        expect(value.trim(), key).not.toBe('');
      }
    }
    // The admin part adds keys; it never overrides a shared one.
    for (const key of keysOf(viAdmin)) expect(keysOf(vi), key).not.toContain(key);
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
      ...['wall', 'desk', 'console', 'mc', 'admin'].flatMap((p) => [`pages.${p}.name`, `pages.${p}.desc`]),
      ...['percent', 'count', 'none'].map((k) => `admin.agencies.kind_${k}`),
      ...['donated', 'checkedIn'].map((k) => `admin.event.countOn_${k}`),
      ...ROLES.map((r) => `admin.devices.labelPlaceholder_${r}`),
      ...['donated', 'checkedIn', 'registered'].map((m) => `report.${m}`),
    ];
    expect(needed.filter((key) => !viAll.has(key))).toEqual([]);
  });

  it('Vietnamese text keeps its diacritics', () => {
    expect(vi.common.appName).toBe('Hải Dương ngàn trái tim hồng');
    expect(viAdmin.admin.tabs).toEqual({ label: 'Các mục quản trị', setup: 'Thiết lập', devices: 'Thiết bị', reports: 'Báo cáo', audit: 'Nhật ký' });
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
