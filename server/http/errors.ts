/**
 * JSON answers and errors everywhere: `{ error: { code, message } }`. Written straight on
 * Node's response, so Express routes and the lean write path (events/writeRoutes.ts) answer
 * alike. Also the failure handler that turns anything thrown into a JSON 500, and the
 * unknown-route handler under /api.
 */
import type { ServerResponse } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';

/** Answers `body` as JSON (UTF-8) with `status`; headers already set on `res` are kept. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: string, message: string, details?: Record<string, unknown>): void {
  sendJson(res, status, { error: details ? { code, message, details } : { code, message } });
}

export const UNEXPECTED_MESSAGE = 'internal error; nothing was recorded by this request unless it was answered 201 before';

export const unknownApiRoute: RequestHandler = (req, res) => {
  sendError(res, 404, 'not_found', `no such API route: ${req.method} ${req.path}`);
};

/** Turns anything thrown into a JSON answer; never a stack trace. */
export function errorHandler(onUnexpected: (err: unknown) => void): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    if (res.headersSent) return;
    const status = (err as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return sendError(res, status, 'bad_request', (err as Error).message || 'bad request');
    }
    onUnexpected(err);
    sendError(res, 500, 'internal', UNEXPECTED_MESSAGE);
  };
}
