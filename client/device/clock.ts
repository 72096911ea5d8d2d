/**
 * The device's clock against the server's. A tablet whose clock is a few minutes off would
 * date its events wrongly (the time of action, `occurredAt`, decides the day an event counts
 * on): every answer to GET /api/me carries the server's time, and the offset is estimated from
 * the sample with the shortest round trip (NTP's idea: the server read its clock somewhere in
 * the middle of that trip).
 */

interface Sample {
  offsetMs: number;
  roundTripMs: number;
}

let best: Sample | null = null;

/**
 * Records one exchange: the device's clock when the request left and when the answer came,
 * and the server's time in the answer (ISO 8601). Ignored when unreadable.
 */
export function recordClockSample(sentAt: number, receivedAt: number, serverTime: unknown): void {
  const server = typeof serverTime === 'string' ? Date.parse(serverTime) : NaN;
  if (!Number.isFinite(server) || receivedAt < sentAt) return;
  const roundTripMs = receivedAt - sentAt;
  const sample = { offsetMs: server - (sentAt + roundTripMs / 2), roundTripMs };
  if (!best || sample.roundTripMs <= best.roundTripMs) best = sample;
}

/** The server's clock minus the device's, in ms (0 until measured). */
export function clockOffsetMs(): number {
  return best ? Math.round(best.offsetMs) : 0;
}

/** Now, on the server's clock as well as this device can tell. */
export function serverNow(): number {
  return Date.now() + clockOffsetMs();
}
