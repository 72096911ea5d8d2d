/**
 * What the console relies on beyond test/server/operations.test.ts: an offline console's
 * batch (a new task and its note together), the later of two coordinators' changes winning
 * with each one's label, the change history and incident details in a coordinator's snapshot
 * (and not in the wall's), and /api/me naming the device.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionFromWire } from '../../shared/index.ts';
import { api, connectLive, makeToken, newId, post, startTestServer, type LiveClient, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let coordA: string;
let coordB: string;
let wall: string;
const clients: LiveClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  [coordA, coordB, wall] = await Promise.all([makeToken(server, 'coordinator', 'Điều phối A'), makeToken(server, 'coordinator', 'Điều phối B'), makeToken(server, 'wall')]);
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
});

const taskRow = async (id: string) => (await api(server.url, 'GET', '/api/state', { token: coordA })).body.tasks.find((t: { id: string }) => t.id === id);

describe('console', () => {
  it('an offline console flushes a new task and its note in one batch, in order; a retry records nothing twice', async () => {
    const events = [
      { id: newId('con'), type: 'task.defined', payload: { taskId: 'task-water', title: 'Nước uống', owner: 'tinhdoan', phase: 'day2', due: '2024-07-20T06:30:00+07:00' } },
      { id: newId('con'), type: 'task.status_set', payload: { taskId: 'task-water', status: 'todo', note: '500 chai' } },
      { id: newId('con'), type: 'incident.reported', payload: { incidentId: 'inc-water', title: 'Thiếu nước', severity: 'low', taskId: 'task-water' } },
    ];
    const first = await api(server.url, 'POST', '/api/events/batch', { token: coordA, body: { events } });
    expect(first.status).toBe(200);
    expect(first.body.results.every((r: { seq?: number; duplicate?: boolean }) => typeof r.seq === 'number' && !r.duplicate)).toBe(true);
    const again = await api(server.url, 'POST', '/api/events/batch', { token: coordA, body: { events } });
    expect(again.body.results.every((r: { duplicate?: boolean }) => r.duplicate === true)).toBe(true);
    expect(await taskRow('task-water')).toMatchObject({ owner: 'tinhdoan', phase: 'day2', status: 'todo', note: '500 chai', updatedBy: 'Điều phối A' });
  });

  it('two coordinators change the same task: the later wins, each change keeps who made it; editing keeps the status', async () => {
    expect((await post(server, coordA, 'task.status_set', { taskId: 'sound', status: 'done' })).status).toBe(201);
    expect((await post(server, coordB, 'task.status_set', { taskId: 'sound', status: 'blocked', note: 'loa hỏng' })).status).toBe(201);
    expect(await taskRow('sound')).toMatchObject({ status: 'blocked', note: 'loa hỏng', updatedBy: 'Điều phối B' });

    // The console edits a task by sending its definition again with the same id.
    const plan = await taskRow('sound');
    const edit = { taskId: 'sound', title: plan.title, titleEn: plan.titleEn, owner: 'hctd', phase: plan.phase, due: '2024-07-18T20:00:00+07:00', whenText: plan.whenText };
    expect((await post(server, coordA, 'task.defined', edit)).status).toBe(201);
    expect(await taskRow('sound')).toMatchObject({ title: plan.title, owner: 'hctd', due: '2024-07-18T20:00:00+07:00', whenText: plan.whenText, status: 'blocked', updatedBy: 'Điều phối B' });
  });

  it("a coordinator's snapshot carries each task's history and the incidents' details; the wall's does not", async () => {
    const coordinator = connectLive(server.url, coordB);
    const screen = connectLive(server.url, wall);
    clients.push(coordinator, screen);
    await coordinator.until(() => coordinator.snapshots.length > 0, 5000, 'coordinator snapshot');
    await screen.until(() => screen.snapshots.length > 0, 5000, 'wall snapshot');

    const projection = projectionFromWire(coordinator.snapshots[0]!.projection);
    const changes = projection.tasks.get('sound')!.changes.map((c) => [c.status, c.by, c.note ?? null]);
    expect(changes).toEqual([
      ['done', 'Điều phối A', null],
      ['blocked', 'Điều phối B', 'loa hỏng'],
    ]);
    expect(projection.incidents.get('inc-water')).toMatchObject({ title: 'Thiếu nước', taskId: 'task-water', reportedBy: 'Điều phối A' });
    expect(coordinator.snapshots[0]!.incidents.items?.[0]).toMatchObject({ id: 'inc-water', title: 'Thiếu nước' });

    const forWall = screen.snapshots[0]!;
    expect(forWall.incidents).toEqual({ open: 1, bySeverity: { low: 1, medium: 0, high: 0, critical: 0 } });
    expect(JSON.stringify(forWall.projection)).not.toContain('Thiếu nước');

    // A change pushed live reaches the coordinator with the author's label.
    expect((await post(server, coordA, 'task.status_set', { taskId: 'sound', status: 'done' })).status).toBe(201);
    await coordinator.until(() => coordinator.events.some((e) => e.type === 'task.status_set'), 5000, 'the pushed change');
    expect(coordinator.events.find((e) => e.type === 'task.status_set')!.actor).toMatchObject({ role: 'coordinator', label: 'Điều phối A' });
  });

  it('/api/me names the console device (its label is what the others see)', async () => {
    const me = await api(server.url, 'GET', '/api/me', { token: coordA });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: 'coordinator', label: 'Điều phối A' });
  });
});
