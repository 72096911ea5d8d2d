/**
 * Bearer-token authentication and role checks for HTTP routes and socket handshakes, with the
 * limit on failed token attempts per client address.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Role } from '../../shared/index.ts';
import { sendError } from '../http/errors.ts';
import type { AuthFailureLimiter } from './rateLimit.ts';
import type { TokenRecord, TokenStore } from './tokenStore.ts';

declare module 'express-serve-static-core' {
  interface Locals {
    principal?: TokenRecord;
    /** Event types of a write request, for the request log. */
    eventTypes?: string[];
  }
}

export function bearerOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export type Verdict = { ok: true; principal: TokenRecord } | { ok: false; status: 401 | 429; message: string; retryAfter?: number };

export class Authenticator {
  constructor(
    readonly tokens: TokenStore,
    private readonly failures: AuthFailureLimiter,
  ) {}

  /** Checks a token presented from an address; failures count against the address. */
  verify(token: string | undefined, address: string): Verdict {
    const retryAfter = this.failures.retryAfter(address);
    if (retryAfter > 0) return { ok: false, status: 429, message: `too many failed token attempts; retry in ${retryAfter} s`, retryAfter };
    if (!token) {
      this.failures.fail(address);
      return { ok: false, status: 401, message: 'missing bearer token: send Authorization: Bearer <token>' };
    }
    const principal = this.tokens.verify(token);
    if (!principal) {
      this.failures.fail(address);
      return { ok: false, status: 401, message: 'unknown or revoked token' };
    }
    return { ok: true, principal };
  }

  /** Requires a valid token; with roles given, also one of those roles (admin always passes). */
  require(roles?: readonly Role[]): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const verdict = this.verify(bearerOf(req), req.ip ?? req.socket.remoteAddress ?? 'unknown');
      if (!verdict.ok) {
        if (verdict.retryAfter) res.set('Retry-After', String(verdict.retryAfter));
        return sendError(res, verdict.status, verdict.status === 429 ? 'rate_limited' : 'unauthorized', verdict.message);
      }
      const { principal } = verdict;
      if (roles && principal.role !== 'admin' && !roles.includes(principal.role)) {
        return sendError(res, 403, 'forbidden', `role ${principal.role} may not do this`);
      }
      res.locals.principal = principal;
      next();
    };
  }
}
