/**
 * Structured logs: one JSON line per API request with request id, role, device and event
 * types; never a phone number, a national id (CCCD) or a token, even when requests carry them
 * or fail.
 */
import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { createLogger } from '../../server/log.ts';
import { api, connectLive, makeToken, post, startTestServer } from '../helpers/server.ts';

it('logs requests with id, role and event type, and no personal data or tokens', async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const server = await startTestServer({ log: createLogger('debug', sink) });
  try {
    const desk = await makeToken(server, 'desk', 'Bàn 7');
    const phone = '0987123456';
    const cccd = '001203004005';
    await post(server, desk, 'donor.registered', { donorId: 'log-1', fullName: 'Lò Văn Nhật', agencyId: 'soyte', phone, nationalId: cccd });
    await post(server, desk, 'donor.registered', { donorId: 'log-2', fullName: 'X', agencyId: 'soyte', phone: '12', nationalId: cccd }); // 400
    await post(server, desk, 'donor.registered', { donorId: 'log-3', fullName: 'Y', agencyId: 'soyte', nationalId: cccd }); // 409 duplicate
    await api(server.url, 'GET', `/api/state?phone=${phone}`, { token: desk });
    await api(server.url, 'GET', '/api/state', { token: `not-${desk}` });
    const socket = connectLive(server.url, desk);
    await socket.until(() => socket.snapshots.length === 1);
    socket.close();

    await new Promise((r) => setTimeout(r, 100));
    const text = lines.join('\n');
    for (const secret of [phone, cccd, desk, server.adminToken]) expect(text).not.toContain(secret);
    const requests = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request');
    const write = requests.find((entry) => entry.path === '/api/events' && entry.status === 201);
    expect(write).toMatchObject({ reqId: expect.any(String), role: 'desk', device: 'Bàn 7', types: ['donor.registered'], path: '/api/events' });
    expect(requests.some((entry) => entry.status === 401)).toBe(true);
    expect(requests.some((entry) => entry.status === 409)).toBe(true);
  } finally {
    await server.close();
  }
});
