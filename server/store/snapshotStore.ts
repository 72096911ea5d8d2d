/**
 * Snapshots of the projection, so start-up loads the latest one and replays only the events
 * after it: start-up grows with the tail, not the log. A snapshot is the projection state in
 * columns (snapshotCodec.ts) serialised by v8, with its `seq`. One made by another
 * PROJECTION_VERSION or another FORMAT is ignored (the log is replayed instead), so changing
 * the projection's code never loads a stale state; so is one that cannot be read.
 */
import v8 from 'node:v8';
import { PROJECTION_VERSION, type ProjectionState } from '../../shared/index.ts';
import type { Db } from './database.ts';
import { decodeTree, encodeTree } from './snapshotCodec.ts';

const KEEP = 2;
/** 1: the state through v8.serialize alone (before columns); 2: columns (snapshotCodec.ts). */
export const SNAPSHOT_FORMAT = 2;

export class SnapshotStore {
  constructor(private readonly db: Db) {
    db.exec(`CREATE TABLE IF NOT EXISTS snapshots (
      seq INTEGER PRIMARY KEY,
      version INTEGER NOT NULL,
      body BLOB NOT NULL,
      created_at TEXT NOT NULL
    )`);
    const columns = db.prepare<[], { name: string }>('PRAGMA table_info(snapshots)').all();
    if (!columns.some((c) => c.name === 'format')) db.exec('ALTER TABLE snapshots ADD COLUMN format INTEGER NOT NULL DEFAULT 1');
  }

  /** The newest usable snapshot at or below `maxSeq`, or undefined. */
  latest(maxSeq: number): ProjectionState | undefined {
    const row = this.db
      .prepare<[number, number, number], { body: Buffer }>('SELECT body FROM snapshots WHERE version = ? AND format = ? AND seq <= ? ORDER BY seq DESC LIMIT 1')
      .get(PROJECTION_VERSION, SNAPSHOT_FORMAT, maxSeq);
    if (!row) return undefined;
    try {
      return decodeTree(v8.deserialize(row.body)) as ProjectionState;
    } catch {
      // A snapshot is an optimisation: one that cannot be read is left for the log to replace.
      return undefined;
    }
  }

  latestSeq(): number {
    return this.db.prepare<[number, number], { seq: number | null }>('SELECT MAX(seq) AS seq FROM snapshots WHERE version = ? AND format = ?').get(PROJECTION_VERSION, SNAPSHOT_FORMAT)?.seq ?? 0;
  }

  save(state: ProjectionState): void {
    const body = v8.serialize(encodeTree(state));
    this.db.transaction(() => {
      this.db.prepare('INSERT OR REPLACE INTO snapshots (seq, version, format, body, created_at) VALUES (?, ?, ?, ?, ?)').run(state.seq, PROJECTION_VERSION, SNAPSHOT_FORMAT, body, new Date().toISOString());
      this.db.prepare('DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT ?)').run(KEEP);
    })();
  }
}
