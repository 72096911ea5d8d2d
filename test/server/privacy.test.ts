/**
 * Personal data at rest, against a real server and its real files: the full CCCD is in no
 * file; an erasure on request and the retention purge leave nothing of a person in any file
 * under DATA_DIR (log, its write-ahead log, snapshots, backups, key store), while the state,
 * the report and the milestones stay exactly as they were; a backup restored after an erasure
 * keeps the person erased.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldForSearch } from '../../shared/index.ts';
import { KEYS_FILE, KeyStore } from '../../server/privacy/keyStore.ts';
import { DB_FILE } from '../../server/store/database.ts';
import { findInFiles } from '../helpers/files.ts';
import { api, festivalClock, makeToken, newId, post, startTestServer, type TestServer } from '../helpers/server.ts';

interface Person {
  donorId: string;
  fullName: string;
  phone: string;
  nationalId: string;
}

const LAN: Person = { donorId: 'd_lan', fullName: 'Nguyễn Thị Lan', phone: '0912345678', nationalId: '030190001234' };
/** From an agency's list (the desk's import sends the list's source, then its rows). */
const HOA: Person = { donorId: 'd_hoa', fullName: 'Trần Thị Hoà', phone: '0987001122', nationalId: '030195004321' };
const MINH: Person = { donorId: 'd_minh', fullName: 'Lê Quang Minh', phone: '0977112233', nationalId: '001088009999' };
/** A chip card scanned at the desk: a walk-in registered from the card's QR code. */
const TUAN: Person = { donorId: 'd_tuan', fullName: 'Phạm Anh Tuấn', phone: '0933445566', nationalId: '036090012345' };
const EVERYONE = [LAN, HOA, MINH, TUAN];

/** What would give a person away: name (as written and folded), phone, CCCD, and the CCCD's keyed hash. */
function secretsOf(person: Person, hash: (nationalId: string) => string): string[] {
  return [person.fullName, foldForSearch(person.fullName), person.phone, person.nationalId, hash(person.nationalId)];
}

/** The figures that must not move: the state without its seq, the report's sections, the milestones as reached. */
async function figures(server: TestServer) {
  const { seq: _seq, logId: _logId, milestones, ...state } = (await api(server.url, 'GET', '/api/state', { token: server.adminToken })).body;
  const report = (await api(server.url, 'GET', '/api/reports/agencies', { token: server.adminToken })).body;
  return {
    state,
    report: { days: report.days, festival: report.festival, target: report.target },
    milestones: milestones.map(({ announcedAt: _a, skippedAt: _s, announceName: _n, ...m }: Record<string, unknown>) => m),
  };
}

describe('personal data at rest, erasure and retention', () => {
  let server: TestServer;
  let desk: string;
  let hash: (nationalId: string) => string;
  /** Days the test's clock runs ahead (retention reads it). */
  let daysAhead = 0;
  const festival = festivalClock();
  const now = () => festival() + daysAhead * 86_400_000;

  beforeAll(async () => {
    server = await startTestServer({ personalDataDays: 30, now });
    desk = await makeToken(server, 'desk', 'Bàn 1');
    const register = (person: Person, extra: Record<string, unknown> = {}) =>
      post(server, desk, 'donor.registered', { donorId: person.donorId, fullName: person.fullName, agencyId: 'soyte', phone: person.phone, nationalId: person.nationalId, birthYear: 1990, ...extra });
    expect((await register(LAN, { consent: { dataProcessing: true, announceName: true } })).status).toBe(201);
    const importId = 'imp-so-y-te';
    const batch = await api(server.url, 'POST', '/api/events/batch', {
      token: desk,
      body: {
        events: [
          { id: newId('imp'), type: 'list.imported', payload: { importId, agencyId: 'soyte', fileName: 'danh-sach-so-y-te.xlsx', rows: 2 } },
          ...[HOA, MINH].map((p) => ({
            id: newId('imp'),
            type: 'donor.registered',
            payload: { donorId: p.donorId, fullName: p.fullName, agencyId: 'soyte', phone: p.phone, nationalId: p.nationalId, importId },
          })),
        ],
      },
    });
    expect(batch.body.results.map((r: { seq?: number }) => typeof r.seq)).toEqual(['number', 'number', 'number']);
    expect((await register(TUAN, { gender: 'male', consent: { dataProcessing: true } })).status).toBe(201);
    for (const person of EVERYONE) expect((await post(server, desk, 'donor.checked_in', { donorId: person.donorId })).status).toBe(201);
    for (const person of [LAN, HOA, TUAN]) expect((await post(server, desk, 'donor.donated', { donorId: person.donorId, volumeMl: 350 })).status).toBe(201);
    expect((await post(server, desk, 'donor.deferred', { donorId: MINH.donorId, reasonCode: 'low_hemoglobin', reason: 'Hb 11,9' })).status).toBe(201);
    const keys = KeyStore.open(server.dataDir);
    hash = (nationalId) => keys.hashNationalId(nationalId);
    keys.close();
  });
  afterAll(() => server?.close());

  it('no full CCCD is stored anywhere; names and phones are sealed in the log', async () => {
    const backup = await api(server.url, 'POST', '/api/backups', { token: server.adminToken });
    expect(backup.status).toBe(201);
    expect(
      findInFiles(
        server.dataDir,
        EVERYONE.map((p) => p.nationalId),
      ),
    ).toEqual([]);
    const inLog = findInFiles(
      server.dataDir,
      EVERYONE.flatMap((p) => [p.fullName, p.phone]),
    ).filter((where) => where.startsWith(DB_FILE) || where.startsWith('backups'));
    expect(inLog).toEqual([]);
    // Positive control: the search finds what is there (the agency id, in clear), and admin reads the people back.
    expect(findInFiles(server.dataDir, ['"agencyId":"soyte"']).length).toBeGreaterThan(0);
    const events = (await api(server.url, 'GET', '/api/events?after=0&limit=1000', { token: server.adminToken })).body.events;
    expect(events.find((e: { payload: { donorId?: string } }) => e.payload.donorId === LAN.donorId).payload).toMatchObject({ fullName: LAN.fullName, phone: LAN.phone, nationalIdLast4: '1234' });
  });

  it('erasing one person on request leaves nothing of them in any file, and every figure as it was', async () => {
    // A restart writes a snapshot: the projection's copy of everyone, names included.
    server = await server.restart();
    expect(findInFiles(server.dataDir, [LAN.fullName]).some((where) => where.startsWith('snapshots'))).toBe(true);
    const before = await figures(server);
    const milestone = (await api(server.url, 'GET', '/api/state', { token: server.adminToken })).body.milestones.find((m: { id: string }) => m.id.startsWith('first-donation'));
    expect(milestone.announceName).toBe(LAN.fullName);

    expect((await api(server.url, 'POST', `/api/donors/${LAN.donorId}/erase`, { token: desk, body: { reason: 'x' } })).status).toBe(403);
    const refused = await api(server.url, 'POST', `/api/donors/${LAN.donorId}/erase`, { token: server.adminToken, body: { reason: `Chị ${LAN.fullName} yêu cầu` } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('reason_has_personal_data');
    const erased = await api(server.url, 'POST', `/api/donors/${LAN.donorId}/erase`, { token: server.adminToken, body: { reason: 'Đơn yêu cầu ngày 2/8/2024, số 12/HCTĐ' } });
    expect(erased.status).toBe(201);
    expect(erased.body).toMatchObject({ donorId: LAN.donorId, erased: true });
    expect((await api(server.url, 'POST', `/api/donors/${LAN.donorId}/erase`, { token: server.adminToken, body: { reason: 'lần hai' } })).status).toBe(409);
    expect((await api(server.url, 'POST', '/api/donors/d_nobody/erase', { token: server.adminToken, body: { reason: 'x' } })).status).toBe(404);

    expect(findInFiles(server.dataDir, secretsOf(LAN, hash))).toEqual([]);
    // The others are untouched, and admin still reads them; Lan reads as erased.
    const events = (await api(server.url, 'GET', '/api/events?after=0&limit=1000', { token: server.adminToken })).body.events;
    const registration = (person: Person) => events.find((e: { type: string; payload: { donorId?: string } }) => e.type === 'donor.registered' && e.payload.donorId === person.donorId).payload;
    expect(registration(LAN)).toEqual({ donorId: LAN.donorId, agencyId: 'soyte', consent: { dataProcessing: true, announceName: true }, fullName: '', erased: true });
    expect(registration(HOA)).toMatchObject({ fullName: HOA.fullName, phone: HOA.phone, importId: 'imp-so-y-te' });
    expect(await figures(server)).toEqual(before);
    const after = (await api(server.url, 'GET', '/api/state', { token: server.adminToken })).body.milestones.find((m: { id: string }) => m.id === milestone.id);
    expect(after).not.toHaveProperty('announceName');
    // And after a restart (the log replayed without her key), the same.
    server = await server.restart();
    expect(await figures(server)).toEqual(before);
    expect(findInFiles(server.dataDir, secretsOf(LAN, hash))).toEqual([]);
  });

  it('a backup taken before the erasure, restored, keeps the person erased (with the live keys, or with its own)', async () => {
    const backupDir = path.join(server.dataDir, 'backups');
    const oldest = fs
      .readdirSync(backupDir)
      .filter((name) => name.startsWith('events-'))
      .sort()[0]!;
    const before = await figures(server);
    await server.close();
    for (const withItsKeys of [false, true]) {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(server.dataDir, DB_FILE + suffix), { force: true });
      fs.copyFileSync(path.join(backupDir, oldest), path.join(server.dataDir, DB_FILE));
      if (withItsKeys) fs.copyFileSync(path.join(backupDir, oldest.replace(/^events-/, 'keys-')), path.join(server.dataDir, KEYS_FILE));
      const restored = await startTestServer({ dataDir: server.dataDir, personalDataDays: 30, now });
      try {
        const state = (await api(restored.url, 'GET', '/api/events?after=0&limit=1000', { token: restored.adminToken })).body.events;
        const lan = state.find((e: { type: string; payload: { donorId?: string } }) => e.type === 'donor.registered' && e.payload.donorId === LAN.donorId).payload;
        expect(lan, `restored ${withItsKeys ? 'with its keys' : 'with the live keys'}`).toMatchObject({ fullName: '', erased: true });
        expect(JSON.stringify(state)).toContain(HOA.fullName);
        expect(findInFiles(restored.dataDir, secretsOf(LAN, hash))).toEqual([]);
      } finally {
        await restored.close();
      }
    }
    // The log of the backup holds fewer events than the one erased from: restart on it as the live one.
    server = await startTestServer({ dataDir: server.dataDir, personalDataDays: 30, now });
    expect((await figures(server)).state.totals).toEqual(before.state.totals);
  });

  it('when retention runs out, everyone is erased the same way: nothing in any file, every figure as it was', async () => {
    const before = await figures(server);
    const privacy = (await api(server.url, 'GET', '/api/privacy', { token: server.adminToken })).body;
    expect(privacy).toMatchObject({ personalDataDays: 30, donors: { total: 4, held: 3, erased: 1 } });
    expect(privacy.imports).toEqual([expect.objectContaining({ id: 'imp-so-y-te', agencyId: 'soyte', fileName: 'danh-sach-so-y-te.xlsx', rows: 2, registered: 2, by: 'Bàn 1' })]);
    // 33 days on (past the festival's last day + 30): the purge runs at start-up.
    daysAhead = 33;
    server = await server.restart();
    await expect.poll(async () => (await api(server.url, 'GET', '/api/privacy', { token: server.adminToken })).body.donors.held, { timeout: 5000 }).toBe(0);
    expect(
      findInFiles(
        server.dataDir,
        EVERYONE.flatMap((p) => secretsOf(p, hash)),
      ),
    ).toEqual([]);
    expect(await figures(server)).toEqual(before);
    const audit = (await api(server.url, 'GET', '/api/audit?type=personal_data.expired', { token: server.adminToken })).body;
    expect(audit.events).toHaveLength(1);
    expect(audit.events[0].actor).toMatchObject({ tokenId: 'system' });
  });
});
