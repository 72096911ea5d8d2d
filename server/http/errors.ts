/**
 * JSON errors everywhere: `{ error: { code, message } }`. Helpers for routes, the body-parser
 * failure handler, and the unknown-route handler under /api.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';

export function sendError(res: Response, status: number, code: string, message: string, details?: Record<string, unknown>): void {
  res.status(status).json({ error: details ? { code, message, details } : { code, message } });
}

export const unknownApiRoute: RequestHandler = (req, res) => {
  sendError(res, 404, 'not_found', `no such API route: ${req.method} ${req.path}`);
};

/** Turns body-parser and any unexpected error into a JSON answer; never a stack trace. */
export function errorHandler(onUnexpected: (err: unknown) => void): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    if (res.headersSent) return;
    const type = (err as { type?: string }).type;
    const status = (err as { status?: number }).status;
    if (type === 'entity.too.large') return sendError(res, 413, 'body_too_large', 'request body is too large');
    if (type === 'entity.parse.failed') return sendError(res, 400, 'invalid_json', 'request body is not valid JSON');
    if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
      return sendError(res, 415, 'unsupported_encoding', 'request body encoding is not supported; send UTF-8 JSON');
    }
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return sendError(res, status, 'bad_request', (err as Error).message || 'bad request');
    }
    onUnexpected(err);
    sendError(res, 500, 'internal', 'internal error; nothing was recorded by this request unless it was answered 201 before');
  };
}
