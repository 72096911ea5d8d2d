/**
 * The admin's device list (tokens with presence and reported outbox) and remote control of a
 * device's pages.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ControlMessage } from '../../shared/index.ts';
import { api, connectLive, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

it('lists devices with role, label, connected now, page and outbox; reload and navigate reach the device', async () => {
  const made = await api(server.url, 'POST', '/api/tokens', { token: server.adminToken, body: { role: 'desk', label: 'Bàn 3' } });
  let device = (await api(server.url, 'GET', '/api/devices', { token: server.adminToken })).body.devices.find((d: any) => d.id === made.body.id);
  expect(device).toMatchObject({ role: 'desk', label: 'Bàn 3', connected: false, lastSeenAt: null, outbox: null });

  const client = connectLive(server.url, made.body.token);
  await client.until(() => client.snapshots.length === 1);
  client.socket.emit('device.status', { outbox: 4, page: 'desk' });
  await expect
    .poll(async () => (await api(server.url, 'GET', '/api/devices', { token: server.adminToken })).body.devices.find((d: any) => d.id === made.body.id))
    .toMatchObject({ connected: true, connections: 1, page: 'desk', outbox: 4, lastSeenAt: expect.any(String) });

  const commands: ControlMessage[] = [];
  client.socket.on('control', (command) => commands.push(command));
  expect((await api(server.url, 'POST', `/api/devices/${made.body.id}/control`, { token: server.adminToken, body: { action: 'reload' } })).body).toEqual({ id: made.body.id, delivered: 1 });
  await api(server.url, 'POST', `/api/devices/${made.body.id}/control`, { token: server.adminToken, body: { action: 'navigate', page: 'wall' } });
  await expect.poll(() => commands).toEqual([{ action: 'reload' }, { action: 'navigate', page: 'wall' }]);

  expect((await api(server.url, 'POST', `/api/devices/${made.body.id}/control`, { token: server.adminToken, body: { action: 'explode' } })).status).toBe(400);
  expect((await api(server.url, 'POST', '/api/devices/tok_nobody/control', { token: server.adminToken, body: { action: 'reload' } })).status).toBe(404);
  expect((await api(server.url, 'GET', '/api/devices', { token: made.body.token })).status).toBe(403);

  client.close();
  await expect.poll(async () => (await api(server.url, 'GET', '/api/devices', { token: server.adminToken })).body.devices.find((d: any) => d.id === made.body.id).connected).toBe(false);
  device = (await api(server.url, 'GET', '/api/devices', { token: server.adminToken })).body.devices.find((d: any) => d.id === made.body.id);
  expect(device.lastSeenAt).toEqual(expect.any(String));
});
