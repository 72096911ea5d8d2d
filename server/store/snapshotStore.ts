/**
 * Snapshots of the projection, so start-up loads the latest one and replays only the events
 * after it: start-up grows with the tail, not the log. A snapshot is the projection state
 * serialised with v8's structured serialiser (Maps included) and its `seq`; one made by
 * another PROJECTION_VERSION is ignored (the log is replayed instead), so changing the
 * projection's code never loads a stale state.
 */
import v8 from 'node:v8';
import { PROJECTION_VERSION, type ProjectionState } from '../../shared/index.ts';
import type { Db } from './database.ts';

const KEEP = 2;

export class SnapshotStore {
  constructor(private readonly db: Db) {
    db.exec(`CREATE TABLE IF NOT EXISTS snapshots (
      seq INTEGER PRIMARY KEY,
      version INTEGER NOT NULL,
      body BLOB NOT NULL,
      created_at TEXT NOT NULL
    )`);
  }

  /** The newest usable snapshot at or below `maxSeq`, or undefined. */
  latest(maxSeq: number): ProjectionState | undefined {
    const row = this.db
      .prepare<[number, number], { body: Buffer }>('SELECT body FROM snapshots WHERE version = ? AND seq <= ? ORDER BY seq DESC LIMIT 1')
      .get(PROJECTION_VERSION, maxSeq);
    return row ? (v8.deserialize(row.body) as ProjectionState) : undefined;
  }

  latestSeq(): number {
    return this.db.prepare<[number], { seq: number | null }>('SELECT MAX(seq) AS seq FROM snapshots WHERE version = ?').get(PROJECTION_VERSION)?.seq ?? 0;
  }

  save(state: ProjectionState): void {
    const body = v8.serialize(state);
    this.db.transaction(() => {
      this.db.prepare('INSERT OR REPLACE INTO snapshots (seq, version, body, created_at) VALUES (?, ?, ?, ?)').run(state.seq, PROJECTION_VERSION, body, new Date().toISOString());
      this.db.prepare('DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT ?)').run(KEEP);
    })();
  }
}
