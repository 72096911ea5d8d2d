/**
 * Structured logging (pino). Donors' phone numbers, national ids and bearer tokens are
 * redacted wherever they appear in a logged object.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

const REDACT = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'phone',
  '*.phone',
  '*.*.phone',
  'nationalId',
  '*.nationalId',
  '*.*.nationalId',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: undefined });
}
