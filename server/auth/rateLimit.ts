/**
 * Rate limits, in memory (their settings come from the environment through config.ts):
 * - failed token attempts per client address (HTTP and socket handshakes): after
 *   AUTH_FAILURES_PER_MINUTE failures in a minute, the address's failures get 429 with
 *   Retry-After until the minute has passed (a valid token still passes);
 * - events written per token: a token bucket refilled at WRITE_RATE_LIMIT events/s (default
 *   1.000) holding ten seconds' worth, so a desk flushing a whole day's outbox at once is never
 *   slowed, while a runaway client is;
 * - live-socket handshakes per client address (SOCKET_HANDSHAKES_PER_MINUTE, default 3.000, a
 *   minute's worth at once): a device reconnects a few times a minute at most, a venue behind
 *   one NAT a thousand at once; a loop of reconnections is slowed (each may cost a snapshot).
 */

export interface RateLimitConfig {
  authFailuresPerMinute: number;
  writesPerSecond: number;
}

const MINUTE_MS = 60_000;

export class AuthFailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(address: string): number[] {
    const cutoff = this.now() - MINUTE_MS;
    const list = (this.failures.get(address) ?? []).filter((t) => t > cutoff);
    if (list.length) this.failures.set(address, list);
    else this.failures.delete(address);
    return list;
  }

  /** Seconds to wait when the address is blocked, else 0. */
  retryAfter(address: string): number {
    const list = this.recent(address);
    if (list.length < this.perMinute) return 0;
    return Math.max(1, Math.ceil((list[list.length - this.perMinute]! + MINUTE_MS - this.now()) / 1000));
  }

  fail(address: string): void {
    const list = this.recent(address);
    list.push(this.now());
    this.failures.set(address, list);
  }
}

/**
 * A token bucket per key, refilled at `perSecond` and holding `burstSeconds` worth: what one
 * key (a token, an address) may do in a burst, and then steadily.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly capacity: number;
  private sweptAt: number;

  constructor(
    private readonly perSecond: number,
    burstSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.capacity = perSecond * burstSeconds;
    this.sweptAt = now();
  }

  /** Takes `count` from the key's bucket; returns seconds to wait when it cannot. */
  take(key: string, count: number): number {
    const now = this.now();
    if (now - this.sweptAt > MINUTE_MS) this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= count) {
      bucket.tokens -= count;
      return 0;
    }
    return Math.max(1, Math.ceil((count - bucket.tokens) / this.perSecond));
  }

  /** A bucket full again is as good as none: without this, every key ever seen would stay. */
  private sweep(now: number): void {
    this.sweptAt = now;
    for (const [key, bucket] of this.buckets) if (bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond >= this.capacity) this.buckets.delete(key);
  }
}
