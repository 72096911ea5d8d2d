/**
 * Structured logging (pino). Nothing personal is logged on purpose (requests are logged
 * without bodies); as a second line of defence, donors' names, phone numbers, national ids (and
 * their hashes and digits) and bearer tokens are redacted wherever they appear in a logged object.
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
  'nationalIdHash',
  '*.nationalIdHash',
  '*.*.nationalIdHash',
  'nationalIdLast4',
  '*.nationalIdLast4',
  '*.*.nationalIdLast4',
  'fullName',
  '*.fullName',
  '*.*.fullName',
];

/** JSON lines to stdout, or to `destination` (tests read the log through it). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT, censor: '[redacted]' }, base: undefined };
  return destination ? pino(options, destination) : pino(options);
}
