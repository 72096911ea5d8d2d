/**
 * Bearer-token authentication and role checks for HTTP routes and socket handshakes, with the
 * limit on failed token attempts per client address.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Role } from '../../shared/index.ts';
import { requestAddress, type TrustedProxies } from '../http/clientAddress.ts';
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

export function bearerOf(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export type Verdict = { ok: true; principal: TokenRecord } | { ok: false; status: 401 | 429; message: string; retryAfter?: number };

/** Whether a request may go on, and who sent it; or the error to answer. */
/** A known principal admitted when it has one of the roles (admin always does), or refused 403. */
function roleAdmission(principal: TokenRecord, roles: readonly Role[] | undefined): Admission {
  if (roles && principal.role !== 'admin' && !roles.includes(principal.role)) {
    return { ok: false, status: 403, code: 'forbidden', message: `role ${principal.role} may not do this` };
  }
  return { ok: true, principal };
}

export type Admission = { ok: true; principal: TokenRecord } | { ok: false; status: 401 | 403 | 429; code: string; message: string; retryAfter?: number };

export class Authenticator {
  constructor(
    readonly tokens: TokenStore,
    private readonly failures: AuthFailureLimiter,
    private readonly trustedProxies: TrustedProxies = new Set(),
  ) {}

  /** The client's address (behind a trusted proxy: from its X-Forwarded-For). */
  addressOf(req: IncomingMessage): string {
    return requestAddress(req, this.trustedProxies);
  }

  /**
   * Checks a token presented from an address. Failures count against the address, and past the
   * limit a failure is answered 429 — but a valid token always passes (API.md v1.1): behind one
   * NAT or proxy, one revoked tablet retrying must not lock every other device out.
   */
  verify(token: string | undefined, address: string): Verdict {
    const principal = token ? this.tokens.verify(token) : undefined;
    if (principal) return { ok: true, principal };
    const retryAfter = this.failures.retryAfter(address);
    if (retryAfter > 0) return { ok: false, status: 429, message: `too many failed token attempts; retry in ${retryAfter} s`, retryAfter };
    this.failures.fail(address);
    return { ok: false, status: 401, message: token ? 'unknown or revoked token' : 'missing bearer token: send Authorization: Bearer <token>' };
  }

  /**
   * For a credential other than a token (an enrolment code): the refusal while the address is
   * locked out by its failures, else null; `failed` counts one more failure.
   */
  lockout(address: string): Exclude<Admission, { ok: true }> | null {
    const retryAfter = this.failures.retryAfter(address);
    return retryAfter > 0 ? { ok: false, status: 429, code: 'rate_limited', message: `too many failed attempts; retry in ${retryAfter} s`, retryAfter } : null;
  }

  failed(address: string): void {
    this.failures.fail(address);
  }

  /** A valid token; with roles given, also one of those roles (admin always passes). */
  admit(req: IncomingMessage, roles?: readonly Role[]): Admission {
    const verdict = this.verify(bearerOf(req), this.addressOf(req));
    if (!verdict.ok) return { ...verdict, code: verdict.status === 429 ? 'rate_limited' : 'unauthorized' };
    return roleAdmission(verdict.principal, roles);
  }

  /** Answers a refused admission (with Retry-After when the address must wait). */
  static refuse(res: ServerResponse, refusal: Exclude<Admission, { ok: true }>): void {
    if (refusal.retryAfter) res.setHeader('Retry-After', String(refusal.retryAfter));
    sendError(res, refusal.status, refusal.code, refusal.message);
  }

  /**
   * Express middleware: admit() or answer the refusal. A request whose token was already checked
   * (the API checks every token before it reads a body) has only its role checked here.
   */
  require(roles?: readonly Role[]): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const known = res.locals.principal as TokenRecord | undefined;
      const admission = known ? roleAdmission(known, roles) : this.admit(req, roles);
      if (!admission.ok) return Authenticator.refuse(res, admission);
      res.locals.principal = admission.principal;
      next();
    };
  }
}
