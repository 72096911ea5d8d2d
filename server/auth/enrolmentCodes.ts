/**
 * One-time enrolment codes (issue 16, 5). An admin makes a code for a role and a device name;
 * the device's link and QR carry the code, not a token, and the page exchanges it by POST for a
 * new token of its own. A code works once, and only until it expires (ENROLMENT_CODE_MINUTES):
 * a link left in a browser's history, a chat or a photo of the QR is worth nothing afterwards.
 * Only the code's SHA-256 hash is kept, as for tokens.
 */
import crypto from 'node:crypto';
import type { Role } from '../../shared/index.ts';
import type { Db } from '../store/database.ts';
import { hashToken, type TokenRecord, type TokenStore } from './tokenStore.ts';

interface CodeRow {
  role: Role;
  label: string;
  expires_at: string;
  used_at: string | null;
  agency_id: string | null;
}

export type Redeemed = { ok: true; record: TokenRecord; token: string } | { ok: false; code: 'enrolment_code_unknown' | 'enrolment_code_used' | 'enrolment_code_expired'; message: string };

export class EnrolmentCodes {
  constructor(
    private readonly db: Db,
    private readonly tokens: TokenStore,
    private readonly lifetimeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new code for a device of `role` named `label`, usable once until the time returned. */
  create(role: Role, label: string, agencyId?: string): { code: string; expiresAt: string } {
    const code = crypto.randomBytes(16).toString('base64url');
    const now = this.now();
    const expiresAt = new Date(now + this.lifetimeMs).toISOString();
    // Codes long expired are of no use to anyone: they go as new ones are made.
    this.db.prepare('DELETE FROM enrolment_codes WHERE expires_at < ?').run(new Date(now - 86_400_000).toISOString());
    this.db
      .prepare('INSERT INTO enrolment_codes (hash, role, label, created_at, expires_at, agency_id) VALUES (?, ?, ?, ?, ?, ?)')
      .run(hashToken(code), role, label, new Date(now).toISOString(), expiresAt, role === 'agency' ? (agencyId ?? null) : null);
    return { code, expiresAt };
  }

  /** Exchanges a code for a new token of its role and name, once. */
  redeem(code: string): Redeemed {
    const hash = hashToken(code);
    return this.db.transaction((): Redeemed => {
      const row = this.db.prepare<[string], CodeRow>('SELECT role, label, expires_at, used_at, agency_id FROM enrolment_codes WHERE hash = ?').get(hash);
      if (!row) return { ok: false, code: 'enrolment_code_unknown', message: 'unknown enrolment code: ask the organisers for a new link' };
      if (row.used_at !== null) return { ok: false, code: 'enrolment_code_used', message: 'this enrolment code was already used: ask the organisers for a new link' };
      const now = this.now();
      if (Date.parse(row.expires_at) <= now) return { ok: false, code: 'enrolment_code_expired', message: 'this enrolment code has expired: ask the organisers for a new link' };
      const { record, token } = this.tokens.create(row.role, row.label, row.agency_id ?? undefined);
      this.db.prepare('UPDATE enrolment_codes SET used_at = ?, token_id = ? WHERE hash = ?').run(new Date(now).toISOString(), record.id, hash);
      return { ok: true, record, token };
    })();
  }
}
