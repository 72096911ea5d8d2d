/**
 * Bearer tokens: made by an admin per device and role, stored only as SHA-256 hashes,
 * revocable, surviving restarts. The admin token comes from ADMIN_TOKEN, or is generated on
 * first start and kept in DATA_DIR/admin-token (readable by the server's user only).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '../../shared/index.ts';
import type { Db } from '../store/database.ts';

export interface TokenRecord {
  id: string;
  role: Role;
  label: string;
  createdAt: string;
  revokedAt: string | null;
  /** (issue 18) The one agency an `agency` token may read and write for. */
  agencyId?: string;
}

interface TokenRow {
  id: string;
  hash: string;
  role: Role;
  label: string;
  created_at: string;
  revoked_at: string | null;
  agency_id: string | null;
}

export const ADMIN_TOKEN_FILE = 'admin-token';

/** The server itself, as the author of what it writes: the default event, retention's erasures. */
export const SYSTEM_PRINCIPAL: TokenRecord = { id: 'system', role: 'admin', label: 'Khởi tạo (system)', createdAt: new Date(0).toISOString(), revokedAt: null };
const ENV_ADMIN_ID = 'admin-env';
const GENERATED_ADMIN_ID = 'admin';

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

function newSecret(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/**
 * Why an ADMIN_TOKEN is too weak to guard everyone's data, or null (issue 16, 10): under 128 bits
 * by a generous estimate (its length times the bits of the kinds of characters it uses), or too
 * few different characters. `openssl rand -base64 32` gives 256 bits.
 */
export function adminTokenProblem(token: string): string | null {
  let pool = 0;
  if (/[a-z]/.test(token)) pool += 26;
  if (/[A-Z]/.test(token)) pool += 26;
  if (/[0-9]/.test(token)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(token)) pool += 33;
  const bits = pool > 0 ? token.length * Math.log2(pool) : 0;
  const distinct = new Set(token).size;
  const advice = '(e.g. the output of: openssl rand -base64 32); or leave it unset and one is generated';
  if (bits < 128) return `ADMIN_TOKEN is too weak: at most ${Math.floor(bits)} bits, 128 needed ${advice}`;
  if (distinct < 12) return `ADMIN_TOKEN is too weak: only ${distinct} different characters ${advice}`;
  return null;
}

export class TokenStore {
  /** hash → record, for tokens not revoked. */
  private readonly active = new Map<string, TokenRecord>();

  constructor(private readonly db: Db) {
    for (const row of db.prepare<[], TokenRow>('SELECT * FROM tokens WHERE revoked_at IS NULL').all()) {
      this.active.set(row.hash, toRecord(row));
    }
  }

  /**
   * Makes sure an admin token exists and returns it (for printing the admin link).
   * With ADMIN_TOKEN set, that token is admin (and a previously generated one keeps working).
   */
  ensureAdmin(dataDir: string, fromEnv: string | undefined): string {
    if (fromEnv) {
      const problem = adminTokenProblem(fromEnv);
      if (problem) throw new Error(problem);
      this.active.set(hashToken(fromEnv), { id: ENV_ADMIN_ID, role: 'admin', label: 'ADMIN_TOKEN', createdAt: new Date().toISOString(), revokedAt: null });
      return fromEnv;
    }
    const file = path.join(dataDir, ADMIN_TOKEN_FILE);
    if (fs.existsSync(file)) {
      const token = fs.readFileSync(file, 'utf8').trim();
      if (token && this.active.has(hashToken(token))) return token;
    }
    const token = newSecret();
    this.insert(GENERATED_ADMIN_ID, token, 'admin', 'Quản trị (admin)', true);
    fs.writeFileSync(file, token + '\n', { mode: 0o600 });
    return token;
  }

  /** A new token; an `agency` token is bound to `agencyId` (the routes check it names an agency). */
  create(role: Role, label: string, agencyId?: string): { record: TokenRecord; token: string } {
    const token = newSecret();
    const record = this.insert(`tok_${crypto.randomBytes(6).toString('hex')}`, token, role, label, false, role === 'agency' ? agencyId : undefined);
    return { record, token };
  }

  private insert(id: string, token: string, role: Role, label: string, replace: boolean, agencyId?: string): TokenRecord {
    const createdAt = new Date().toISOString();
    const hash = hashToken(token);
    if (replace) {
      const old = this.db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE id = ?').get(id);
      if (old) this.active.delete(old.hash);
      this.db.prepare('DELETE FROM tokens WHERE id = ?').run(id);
    }
    this.db.prepare('INSERT INTO tokens (id, hash, role, label, created_at, agency_id) VALUES (?, ?, ?, ?, ?, ?)').run(id, hash, role, label, createdAt, agencyId ?? null);
    const record: TokenRecord = { id, role, label, createdAt, revokedAt: null, ...(agencyId ? { agencyId } : {}) };
    this.active.set(hash, record);
    return record;
  }

  /** The record of a valid token, or undefined. */
  verify(token: string): TokenRecord | undefined {
    return this.active.get(hashToken(token));
  }

  /** Every token made here, and the environment's admin token when there is one (never a value: ids, roles, labels). */
  list(): TokenRecord[] {
    const made = this.db.prepare<[], TokenRow>('SELECT * FROM tokens ORDER BY created_at').all().map(toRecord);
    const fromEnv = [...this.active.values()].find((record) => record.id === ENV_ADMIN_ID);
    return fromEnv ? [fromEnv, ...made] : made;
  }

  /** Whether an id is the environment's admin token (rotated by setting ADMIN_TOKEN anew, never revoked here). */
  isFromEnvironment(id: string): boolean {
    return id === ENV_ADMIN_ID && [...this.active.values()].some((record) => record.id === ENV_ADMIN_ID);
  }

  /** Revokes a token by id; false when there is no such active token. */
  revoke(id: string): boolean {
    const row = this.db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE id = ? AND revoked_at IS NULL').get(id);
    if (!row) return false;
    this.db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ?').run(new Date().toISOString(), id);
    this.active.delete(row.hash);
    return true;
  }
}

function toRecord(row: TokenRow): TokenRecord {
  return { id: row.id, role: row.role, label: row.label, createdAt: row.created_at, revokedAt: row.revoked_at, ...(row.agency_id ? { agencyId: row.agency_id } : {}) };
}
