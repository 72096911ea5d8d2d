/**
 * Bearer-token authentication and role checks for HTTP routes.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Role } from '../../shared/index.ts';
import { sendError } from '../http/errors.ts';
import type { TokenRecord, TokenStore } from './tokenStore.ts';

declare module 'express-serve-static-core' {
  interface Locals {
    principal?: TokenRecord;
  }
}

export function bearerOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** Requires a valid token; with roles given, also one of those roles (admin always passes). */
export function requireAuth(tokens: TokenStore, roles?: readonly Role[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = bearerOf(req);
    if (!token) return sendError(res, 401, 'unauthorized', 'missing bearer token: send Authorization: Bearer <token>');
    const principal = tokens.verify(token);
    if (!principal) return sendError(res, 401, 'unauthorized', 'unknown or revoked token');
    if (roles && principal.role !== 'admin' && !roles.includes(principal.role)) {
      return sendError(res, 403, 'forbidden', `role ${principal.role} may not do this`);
    }
    res.locals.principal = principal;
    next();
  };
}
