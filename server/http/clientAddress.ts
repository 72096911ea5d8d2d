/**
 * The client's address, for the failed-token limit, the device list and the logs. Behind a
 * reverse proxy every request comes from the proxy; `TRUST_PROXY` names the proxies whose
 * `X-Forwarded-For` is believed. Only then, and only the part the proxies wrote: the client is
 * the rightmost address that is not a trusted proxy (anything left of it the client could have
 * written itself). A request that does not come from a trusted proxy is its socket's address,
 * whatever headers it sends.
 */
import type { IncomingMessage } from 'node:http';

/** `loopback` stands for this machine's own addresses. */
const ALIASES: Record<string, readonly string[]> = { loopback: ['127.0.0.1', '::1'] };

/** "::ffff:10.0.0.5" → "10.0.0.5": one spelling per IPv4 address. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().replace(/^\[|\]$/g, '');
  return trimmed.startsWith('::ffff:') && trimmed.includes('.') ? trimmed.slice(7) : trimmed;
}

export type TrustedProxies = ReadonlySet<string>;

/** TRUST_PROXY: addresses separated by commas, or `loopback`. Empty: trust no proxy. */
export function parseTrustProxy(raw: string | undefined): TrustedProxies {
  const set = new Set<string>();
  for (const part of (raw ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    for (const address of ALIASES[part] ?? [part]) set.add(normalizeAddress(address));
  }
  return set;
}

export function clientAddressOf(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string {
  const direct = normalizeAddress(peer ?? 'unknown');
  if (!trusted.has(direct) || !forwardedFor) return direct;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map(normalizeAddress).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i -= 1) if (!trusted.has(hops[i]!)) return hops[i]!;
  return hops[0] ?? direct;
}

/** The address of the client of a request (HTTP, or a socket's handshake request). */
export function requestAddress(req: IncomingMessage, trusted: TrustedProxies): string {
  return clientAddressOf(req.socket.remoteAddress, req.headers['x-forwarded-for'], trusted);
}
