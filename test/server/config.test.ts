/**
 * Configuration from the environment (server/config.ts): README's table is what the schema
 * reads, with the defaults it says; a bad value stops the start with a line that names the
 * variable, what it must be and what it was — and `npm start`'s process exits with it, before
 * touching DATA_DIR.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENV_VARIABLES, configFromEnv, readEnv } from '../../server/config.ts';
import { tempDataDir } from '../helpers/server.ts';

/** README's "Environment" table: variable → its default column (`…` when in backticks, else null). */
function readmeTable(): Map<string, string | null> {
  const readme = fs.readFileSync(path.resolve('README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Environment'), readme.indexOf('\n## ', readme.indexOf('## Environment') + 1));
  const rows = new Map<string, string | null>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || !cells[1]!.startsWith('`')) continue;
    const fallback = /^`([^`]*)`$/.exec(cells[2]!)?.[1] ?? null;
    for (const name of cells[1]!.matchAll(/`([A-Z_]+)`/g)) rows.set(name[1]!, fallback);
  }
  return rows;
}

function problemsOf(env: Record<string, string>): string[] {
  try {
    configFromEnv(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('README and the schema', () => {
  it("README's table documents every variable the server reads (and CHROMIUM_PATH, the tests')", () => {
    const documented = readmeTable();
    expect([...documented.keys()].filter((name) => !(ENV_VARIABLES as string[]).includes(name))).toEqual(['CHROMIUM_PATH']);
    expect(ENV_VARIABLES.filter((name) => !documented.has(name))).toEqual([]);
  });

  it("each default in README's table is the one used when the variable is unset or empty", () => {
    const unset = readEnv({});
    for (const [name, fallback] of readmeTable()) {
      if (fallback === null || !(ENV_VARIABLES as string[]).includes(name)) continue;
      expect(readEnv({ [name]: fallback }), name).toEqual(unset);
      expect(readEnv({ [name]: '' }), name).toEqual(unset);
    }
    expect(configFromEnv({})).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      dataDir: path.resolve('data'),
      adminToken: undefined,
      logLevel: 'info',
      clientDir: path.resolve('dist/client'),
      rateLimits: { authFailuresPerMinute: 20, writesPerSecond: 1000 },
      backups: { intervalMinutes: 15, keep: 48 },
      personalDataDays: 90,
      acceptLostKeys: false,
      trustProxy: '',
    });
    expect(configFromEnv({}).tls).toBeUndefined();
  });

  it('reads good values', () => {
    expect(
      configFromEnv({
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        WRITE_RATE_LIMIT: '2.5',
        AUTH_FAILURES_PER_MINUTE: '5',
        BACKUP_INTERVAL_MINUTES: '0',
        BACKUP_KEEP: '3',
        PERSONAL_DATA_DAYS: '0',
        ACCEPT_LOST_KEYS: '1',
        TRUST_PROXY: 'loopback, 10.0.0.2, ::1',
      }),
    ).toMatchObject({
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      rateLimits: { authFailuresPerMinute: 5, writesPerSecond: 2.5 },
      backups: { intervalMinutes: 0, keep: 3 },
      personalDataDays: null,
      acceptLostKeys: true,
      trustProxy: 'loopback, 10.0.0.2, ::1',
    });
  });
});

describe('a bad value', () => {
  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number from 0 to 65535, got "abc"'],
    [{ PORT: '65536' }, 'PORT must be a whole number from 0 to 65535, got "65536"'],
    [{ PORT: '80.5' }, 'PORT must be a whole number from 0 to 65535, got "80.5"'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"'],
    [{ WRITE_RATE_LIMIT: '0' }, 'WRITE_RATE_LIMIT must be a positive number, got "0"'],
    [{ AUTH_FAILURES_PER_MINUTE: 'many' }, 'AUTH_FAILURES_PER_MINUTE must be a positive number, got "many"'],
    [{ BACKUP_INTERVAL_MINUTES: '-5' }, 'BACKUP_INTERVAL_MINUTES must be a whole number ≥ 0 (0: no scheduled backups), got "-5"'],
    [{ BACKUP_KEEP: '0' }, 'BACKUP_KEEP must be a whole number ≥ 1, got "0"'],
    [{ PERSONAL_DATA_DAYS: '3651' }, 'PERSONAL_DATA_DAYS must be a whole number of days from 0 (never erase) to 3650, got "3651"'],
    [{ ACCEPT_LOST_KEYS: 'yes' }, 'ACCEPT_LOST_KEYS must be 1 (start without the key store) or 0, got "yes"'],
    [{ TRUST_PROXY: 'proxy.local' }, 'TRUST_PROXY must be IP addresses separated by commas, or loopback, got "proxy.local"'],
    [{ TLS_KEY: 'test/fixtures/tls/localhost.key' }, 'TLS_CERT and TLS_KEY go together: give both (PEM files) to serve HTTPS, or neither'],
    [{ TLS_CERT: '/nope.crt', TLS_KEY: 'test/fixtures/tls/localhost.key' }, 'TLS_CERT: no such file "/nope.crt"'],
    // Issue 16, 10: an admin token anyone could guess guards nothing.
    [{ ADMIN_TOKEN: 'x' }, 'ADMIN_TOKEN is too weak: at most 4 bits, 128 needed (e.g. the output of: openssl rand -base64 32); or leave it unset and one is generated'],
    [
      { ADMIN_TOKEN: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
      'ADMIN_TOKEN is too weak: only 1 different characters (e.g. the output of: openssl rand -base64 32); or leave it unset and one is generated',
    ],
  ])('%j is refused: %s', (env, message) => {
    expect(problemsOf(env)).toEqual([message]);
  });

  it('every bad variable is named at once, one line each', () => {
    expect(problemsOf({ PORT: 'x', BACKUP_KEEP: 'none', HOST: 'localhost' })).toEqual(['PORT must be a whole number from 0 to 65535, got "x"', 'BACKUP_KEEP must be a whole number ≥ 1, got "none"']);
  });

  it('stops `npm start` with the message before anything is written, and never repeats the admin token', async () => {
    const dataDir = path.join(tempDataDir(), 'not-made');
    const secret = 'admin-secret-do-not-print-0123456789';
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { PATH: process.env.PATH, PORT: 'abc', LOG_LEVEL: 'loud', DATA_DIR: dataDir, ADMIN_TOKEN: secret },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toBe(
      'Không khởi động được / could not start: PORT must be a whole number from 0 to 65535, got "abc"\n' + 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"\n',
    );
    expect(stdout).toBe('');
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
