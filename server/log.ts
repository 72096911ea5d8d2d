/**
 * Structured logging (pino). Donors' phone numbers, national ids and bearer tokens are
 * redacted wherever they appear in a logged object.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

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

/** JSON lines to stdout, or to `destination` (tests read the log through it). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT, censor: '[redacted]' }, base: undefined };
  return destination ? pino(options, destination) : pino(options);
}
