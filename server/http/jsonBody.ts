/**
 * Request bodies under /api: UTF-8 JSON, an object or an array, at most 64 KB (2 MB for a
 * batch), nested at most MAX_BODY_DEPTH deep; none on GET, HEAD or DELETE. One reader for
 * the Express routes (the `jsonBody` middleware) and the lean write path alike, with the same
 * answers: 413 body_too_large, 400 invalid_json, 415 unsupported_encoding, and 400
 * invalid_body for a POST whose body is not JSON at all.
 *
 * Ours rather than body-parser: it does less (no inflating, no other charsets, which no
 * client of ours sends) and that showed on the write path's profile.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { sendError } from './errors.ts';

/** A batch of 500 events needs the 2 MB; a single event or an admin's form, far less (issue 16, 1). */
export const BATCH_BODY_LIMIT_BYTES = 2 * 1024 * 1024;
export const BODY_LIMIT_BYTES = 64 * 1024;
/** Deeper than any body of ours (an event is 3 levels; a batch 4): nesting is refused before JSON.parse, whose time grows with it. */
export const MAX_BODY_DEPTH = 16;

export type BodyResult = { ok: true; body: unknown } | { ok: false; status: 400 | 413 | 415; code: string; message: string };

const UNSUPPORTED: BodyResult = { ok: false, status: 415, code: 'unsupported_encoding', message: 'request body encoding is not supported; send UTF-8 JSON' };
const TOO_LARGE: BodyResult = { ok: false, status: 413, code: 'body_too_large', message: 'request body is too large' };
const INVALID_JSON: BodyResult = { ok: false, status: 400, code: 'invalid_json', message: 'request body is not valid JSON' };
const NOT_JSON: BodyResult = { ok: false, status: 400, code: 'invalid_body', message: 'send a JSON body with Content-Type: application/json' };
const TOO_DEEP: BodyResult = { ok: false, status: 400, code: 'invalid_json', message: `request body is nested more than ${MAX_BODY_DEPTH} levels deep` };
const NO_BODY: BodyResult = { ok: false, status: 400, code: 'body_not_allowed', message: 'a GET, HEAD or DELETE request takes no body' };

/** The deepest nesting of [ and { outside strings, stopping as soon as it passes `max`: linear, no allocation. */
function nestingExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** The media type and charset of Content-Type, lower-cased. */
function contentType(req: IncomingMessage): { type: string; charset: string | undefined } {
  const [type = '', ...params] = (req.headers['content-type'] ?? '').split(';');
  const charset = params
    .map((p) => p.trim().toLowerCase())
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/^"|"$/g, '');
  return { type: type.trim().toLowerCase(), charset };
}

function parse(text: string): BodyResult {
  const trimmed = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = /\S/.exec(trimmed)?.[0];
  if (first === undefined) return { ok: true, body: {} };
  // Strict: a top-level object or array only, never a bare string or number.
  if (first !== '{' && first !== '[') return INVALID_JSON;
  if (nestingExceeds(trimmed, MAX_BODY_DEPTH)) return TOO_DEEP;
  try {
    return { ok: true, body: JSON.parse(trimmed) };
  } catch {
    return INVALID_JSON;
  }
}

function read(req: IncomingMessage, limit: number): Promise<BodyResult> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.resolve(TOO_LARGE);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return settle(TOO_LARGE);
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => settle(parse(Buffer.concat(chunks, size).toString('utf8'))));
    req.once('error', () => settle({ ok: false, status: 400, code: 'invalid_body', message: 'the request body did not arrive whole' }));
  });
}

/**
 * The JSON body of a request, or why it cannot have one. `undefined` when there is no body,
 * or when a request other than POST sends one that is not JSON (left alone, as before).
 */
export function readJsonBody(req: IncomingMessage, limit = BODY_LIMIT_BYTES): Promise<BodyResult> {
  if (!hasBody(req)) return Promise.resolve({ ok: true, body: undefined });
  // Never read: such a body is no request of ours, and reading it costs before anyone is known.
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE') return Promise.resolve(NO_BODY);
  const { type, charset } = contentType(req);
  if (type !== 'application/json') return Promise.resolve(req.method === 'POST' ? NOT_JSON : { ok: true, body: undefined });
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return Promise.resolve(UNSUPPORTED);
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return Promise.resolve(UNSUPPORTED);
  return read(req, limit);
}

/** Express middleware: `req.body` from readJsonBody, or the error answered (run after the token is checked). */
export function jsonBody(limit = BODY_LIMIT_BYTES): RequestHandler {
  return (req, res, next) => {
    readJsonBody(req, limit).then((result) => {
      if (!result.ok) return sendError(res, result.status, result.code, result.message);
      req.body = result.body;
      next();
    }, next);
  };
}
