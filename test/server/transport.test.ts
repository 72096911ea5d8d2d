/**
 * Transport: HTTPS served directly (TLS_CERT / TLS_KEY), and client addresses behind a reverse
 * proxy (TRUST_PROXY): X-Forwarded-For is believed only from a trusted proxy, so a failed-token
 * limit falls on the client that failed and not on everyone behind the proxy — and a client
 * cannot dodge it by writing the header itself.
 */
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { io as ioClient } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { clientAddressOf, parseTrustProxy } from '../../server/http/clientAddress.ts';
import { configFromEnv } from '../../server/config.ts';
import { startTestServer } from '../helpers/server.ts';

const TLS = { certFile: path.resolve('test/fixtures/tls/localhost.crt'), keyFile: path.resolve('test/fixtures/tls/localhost.key') };
const CA = fs.readFileSync(TLS.certFile, 'utf8');

function httpsGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca: CA, headers }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('HTTPS', () => {
  it('with TLS_CERT and TLS_KEY the API, the pages and the live socket are served over HTTPS', async () => {
    const server = await startTestServer({ tls: TLS });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const health = await httpsGet(`${server.url}/api/health`);
      expect(health.status).toBe(200);
      expect(JSON.parse(health.body)).toMatchObject({ ok: true });
      expect((await httpsGet(`${server.url}/wall`)).status).toBe(200);
      const socket = ioClient(server.url, { auth: { token: server.adminToken }, transports: ['websocket'], ca: CA, reconnection: false, forceNew: true });
      const snapshot = await new Promise<{ seq: number }>((resolve, reject) => {
        socket.once('snapshot', resolve);
        socket.once('connect_error', reject);
      });
      socket.close();
      expect(snapshot.seq).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('refuses a half configuration or a missing file, saying what is wrong', () => {
    expect(() => configFromEnv({ TLS_CERT: TLS.certFile })).toThrow(/TLS_CERT and TLS_KEY go together/);
    expect(() => configFromEnv({ TLS_CERT: '/nope.crt', TLS_KEY: TLS.keyFile })).toThrow(/TLS_CERT: no such file/);
    expect(configFromEnv({ TLS_CERT: TLS.certFile, TLS_KEY: TLS.keyFile }).tls).toEqual(TLS);
  });
});

describe('client address behind a proxy', () => {
  const trusted = parseTrustProxy('loopback, 10.0.0.2');

  it('X-Forwarded-For counts only from a trusted proxy, and only its rightmost untrusted hop', () => {
    expect([...trusted].sort()).toEqual(['10.0.0.2', '127.0.0.1', '::1']);
    expect(clientAddressOf('::ffff:127.0.0.1', '192.168.1.7', trusted)).toBe('192.168.1.7');
    // Hops the client wrote itself (left of what the proxies saw) are not believed.
    expect(clientAddressOf('127.0.0.1', '6.6.6.6, 192.168.1.7, 10.0.0.2', trusted)).toBe('192.168.1.7');
    // Not from a proxy: the socket's address, whatever the header says.
    expect(clientAddressOf('192.168.1.9', '1.2.3.4', trusted)).toBe('192.168.1.9');
    expect(clientAddressOf('192.168.1.9', undefined, parseTrustProxy(''))).toBe('192.168.1.9');
    expect(clientAddressOf('127.0.0.1', undefined, trusted)).toBe('127.0.0.1');
  });

  async function failTokens(url: string, count: number, forwardedFor?: string): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      const res = await fetch(`${url}/api/state`, { headers: { authorization: 'Bearer wrong', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) } });
      statuses.push(res.status);
    }
    return statuses;
  }

  it('behind a trusted proxy, the failed-token limit blocks the client that failed, not the others behind the proxy', async () => {
    const server = await startTestServer({ trustProxy: 'loopback', rateLimits: { authFailuresPerMinute: 3, writesPerSecond: 1000 } });
    try {
      expect(await failTokens(server.url, 4, '192.168.1.50')).toEqual([401, 401, 401, 429]);
      // Another tablet behind the same proxy is not blocked.
      expect(await failTokens(server.url, 1, '192.168.1.51')).toEqual([401]);
    } finally {
      await server.close();
    }
  });

  it('without TRUST_PROXY a client cannot dodge the limit by writing X-Forwarded-For itself', async () => {
    const server = await startTestServer({ rateLimits: { authFailuresPerMinute: 3, writesPerSecond: 1000 } });
    try {
      const statuses = [...(await failTokens(server.url, 2, '1.1.1.1')), ...(await failTokens(server.url, 2, '2.2.2.2'))];
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await server.close();
    }
  });
});
