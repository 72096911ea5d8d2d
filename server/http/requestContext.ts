/**
 * What every HTTP request gets before its route runs, in Express and on the lean write path
 * alike: the security headers, a request id (X-Request-Id), the check that the query names
 * only parameters the route knows, and one log line when it finishes (path, status, device,
 * event types, duration — never a body, so no phone number or CCCD reaches the log).
 */
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { TokenRecord } from '../auth/tokenStore.ts';
import type { Logger } from '../log.ts';
import { sendError } from './errors.ts';
import { API_HEADERS, PAGE_HEADERS } from './security.ts';

/** What a route learns that the request log reports (Express's `res.locals`, or the same object on the lean path). */
export interface RequestFacts {
  principal?: TokenRecord;
  /** Event types of a write request. */
  eventTypes?: string[];
}

/** Query parameters each GET route under /api accepts; anything else is a 400, never ignored. */
const ALLOWED_QUERY: Record<string, readonly string[]> = {
  '/events': ['after', 'limit'],
  // A widget's cache-buster (jQuery's `_`), accepted and ignored.
  '/public': ['_'],
  '/audit': ['type', 'actor', 'from', 'to', 'order', 'after', 'before', 'limit'],
  '/audit.csv': ['type', 'actor', 'from', 'to'],
};

/** The message for query parameters `apiPath` (the path under /api) does not take, or null. */
export function unknownQueryMessage(apiPath: string, names: Iterable<string>): string | null {
  const allowed = ALLOWED_QUERY[apiPath] ?? [];
  const unknown = [...new Set(names)].filter((name) => !allowed.includes(name));
  if (unknown.length === 0) return null;
  return `unknown query parameter(s): ${unknown
    .slice(0, 5)
    .map((k) => JSON.stringify(k.slice(0, 40)))
    .join(', ')}`;
}

/**
 * Whether a path is the API's: the one rule for the headers (no-store…), the request log and
 * the routes, which Express matches in any case (/API/tokens is /api/tokens: it must be logged
 * and answered no-store like it) (issue 16, 3).
 */
export function isApiPath(path: string): boolean {
  const lower = path.toLowerCase();
  return lower === '/api' || lower.startsWith('/api/');
}

/** Sets the headers and the request id, and arranges the log line; `facts` is read when the answer is finished. */
export function beginRequest(req: IncomingMessage, res: ServerResponse, path: string, facts: RequestFacts, log: Logger): void {
  const isApi = isApiPath(path);
  for (const [name, value] of isApi ? API_HEADERS : PAGE_HEADERS) res.setHeader(name, value);
  const requestId = crypto.randomUUID();
  res.setHeader('X-Request-Id', requestId);
  if (!isApi || !log.isLevelEnabled('info')) return;
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    log.info(
      {
        reqId: requestId,
        method: req.method,
        path,
        status: res.statusCode,
        role: facts.principal?.role,
        device: facts.principal?.label,
        types: facts.eventTypes,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      },
      'request',
    );
  });
}

/** The same for Express: the path is taken before routing (mounted routers rewrite req.url). */
export function requestContext(log: Logger): RequestHandler {
  return (req, res, next) => {
    beginRequest(req, res, req.path, res.locals, log);
    next();
  };
}

/** Express middleware under /api: refuses query parameters the route does not take. */
export const rejectUnknownQuery: RequestHandler = (req, res, next) => {
  const message = unknownQueryMessage(req.path, Object.keys(req.query));
  if (message) return sendError(res, 400, 'invalid_query', message);
  next();
};
