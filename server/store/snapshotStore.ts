/**
 * Snapshots of the projection, so start-up loads the latest one and replays only the events
 * after it: start-up grows with the tail, not the log.
 *
 * A snapshot is a file in DATA_DIR/snapshots: the state in columns (snapshotCodec.ts)
 * serialised by v8, with its `seq` and the id of the event at that seq. Files, not rows in
 * the event database: at a million events a snapshot is ~150 MB, and writing that into
 * SQLite held the write lock (and the event loop) for a second or more, doubled it through
 * the WAL, and made every backup carry it. A file is written off the event loop (write,
 * fsync, rename), so only encoding the state runs on it.
 *
 * A snapshot is used only if it was made by this PROJECTION_VERSION and FORMAT, at or below
 * the log's last seq, and the log's event at its seq is the one it was made after — so a log
 * restored from a backup, or another event's log, never gets a state that is not its own — and
 * with the same key store (its id): who could be read then is who can be read now, so a key
 * store lost and brought back from its backup does not leave people shown as erased. One that
 * cannot be read is skipped. The log is the truth: without a usable snapshot, it is
 * replayed from the start.
 *
 * A snapshot holds people's personal data as it was when it was made. After an erasure every
 * snapshot made before it is deleted (`forgetBefore`), and one still being written then is
 * deleted as soon as it is on disk; snapshots of another history are deleted when found.
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import Database from 'better-sqlite3';
import { applyInPlace, initialState, PROJECTION_VERSION, type ProjectionState } from '../../shared/index.ts';
import { KeyStore } from '../privacy/keyStore.ts';
import { runWorker } from '../workers/runWorker.ts';
import { DB_FILE } from './database.ts';
import { EventStore } from './eventStore.ts';
import { decodeTree, encodeTree, type EncodedTree } from './snapshotCodec.ts';
import { PRIVATE_DIR_MODE } from './filePermissions.ts';
import { writeInParts } from './writeInParts.ts';

/**
 * The columns of snapshotCodec.ts (1 was the whole state through v8.serialize, in SQLite; 2 the
 * columns with each string column's own values).
 */
export const SNAPSHOT_FORMAT = 3;
export const SNAPSHOT_DIR = 'snapshots';
const KEEP = 2;
const NAME = /^snapshot-(\d+)-p(\d+)-f(\d+)\.v8$/;
const PARTIAL_NAME = /^\.snapshot-(\d+)-p\d+-f\d+\.v8\.partial$/;

/** The temporary name a snapshot is written under before it lands. */
function partialName(seq: number): string {
  return `.${snapshotFileName(seq)}.partial`;
}

export function snapshotFileName(seq: number, version = PROJECTION_VERSION, format = SNAPSHOT_FORMAT): string {
  return `snapshot-${String(seq).padStart(12, '0')}-p${version}-f${format}.v8`;
}

interface SnapshotFile {
  seq: number;
  /** The id of the event at `seq` in the log the state was made from. */
  lastEventId: string;
  /** The key store the log was read with (KeyStore.id). */
  keyStoreId: string;
  tree: EncodedTree;
}

/** What the store needs of the event log. */
export interface LogIdentity {
  idAt(seq: number): string | undefined;
}

export class SnapshotStore {
  readonly dir: string;
  /** Snapshots below this seq hold erased data: none may stay on disk. */
  private floor = 0;

  constructor(
    dataDir: string,
    private readonly log: LogIdentity,
    private readonly keyStoreId = '',
  ) {
    this.dir = path.join(dataDir, SNAPSHOT_DIR);
  }

  /**
   * The newest usable snapshot at or below `maxSeq`, or undefined. Snapshots that are not of
   * this log (ahead of it, or made after another event than the log's at their seq: a backup
   * was restored) or were read with another key store are deleted on the way: never used, they
   * would only keep the data of another history — people erased since, among them.
   */
  latest(maxSeq: number): ProjectionState | undefined {
    for (const { seq, name } of this.files()) {
      const file = path.join(this.dir, name);
      if (seq > maxSeq) {
        fs.rmSync(file, { force: true });
        continue;
      }
      try {
        const stored = v8.deserialize(fs.readFileSync(file)) as SnapshotFile;
        if (stored.seq !== seq || stored.lastEventId !== this.log.idAt(seq) || stored.keyStoreId !== this.keyStoreId) {
          fs.rmSync(file, { force: true });
          continue;
        }
        const state = decodeTree(stored.tree) as ProjectionState;
        if (state.seq === seq) return state;
      } catch {
        // Unreadable: an older one, or the log, will do.
      }
    }
    return undefined;
  }

  /**
   * Encodes the state now (on the caller's turn, so it is the state as it is) and writes it
   * off the event loop. Resolves once the file is on disk under its final name. Encoding stops
   * the caller's event loop in proportion to the state (seconds at a million events): the
   * running server snapshots with `saveFromLog`, and this is for when nothing waits (closing).
   */
  async save(state: ProjectionState): Promise<void> {
    const written = await this.writePartial(state);
    if (written) await this.land(written, state.seq);
  }

  /**
   * Makes the snapshot at `seq` on a worker thread (workers/snapshot.ts): the latest snapshot on
   * disk plus the log up to `seq`, read through connections of its own. The server's event
   * loop only starts it and renames the file it wrote. Resolves once it is on disk; `signal`
   * stops it (rejects; what it wrote is a leftover the next snapshot's pruning deletes).
   */
  async saveFromLog(seq: number, signal?: AbortSignal): Promise<void> {
    const job: SnapshotJob = { dataDir: path.dirname(this.dir), upTo: seq };
    let written: string;
    try {
      written = await runWorker<string>('snapshot', job, signal);
    } catch (err) {
      // What a stopped or failed worker may have left holds people's data: it goes.
      await fs.promises.rm(path.join(this.dir, partialName(seq)), { force: true });
      throw err;
    }
    if (written) await this.land(written, seq);
  }

  /** Writes the state's file under a temporary name, fsynced; its path, or '' when there is nothing to snapshot. */
  async writePartial(state: ProjectionState): Promise<string> {
    const lastEventId = this.log.idAt(state.seq);
    if (state.seq === 0 || lastEventId === undefined) return '';
    const file: SnapshotFile = { seq: state.seq, lastEventId, keyStoreId: this.keyStoreId, tree: encodeTree(state) };
    const body = v8.serialize(file);
    const temporary = path.join(this.dir, partialName(state.seq));
    await fs.promises.mkdir(this.dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    // A part at a time: a snapshot is a hundred megabytes and more at a million events.
    await writeInParts(temporary, body);
    return temporary;
  }

  /**
   * Gives a written file its final name, unless an erasure since it was begun has raised the
   * floor above its seq (it holds what was erased): then it is deleted.
   */
  private async land(temporary: string, seq: number): Promise<void> {
    if (seq < this.floor) {
      await fs.promises.rm(temporary, { force: true });
      return;
    }
    await fs.promises.rename(temporary, path.join(this.dir, snapshotFileName(seq)));
    await syncDirectory(this.dir);
    await this.prune();
  }

  /** Deletes every snapshot made before `seq` (an erasure), now and when one in progress lands; how many it deleted now. */
  forgetBefore(seq: number): number {
    if (seq > this.floor) this.floor = seq;
    let deleted = 0;
    for (const file of this.files()) {
      if (file.seq >= this.floor) continue;
      fs.rmSync(path.join(this.dir, file.name), { force: true });
      deleted += 1;
    }
    // A temporary file left by a snapshot that failed or was stopped (one being written is
    // deleted by land() when it is done, or its write fails and deletes it).
    let names: string[] = [];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      // No snapshots yet.
    }
    for (const name of names) {
      const seq = PARTIAL_NAME.exec(name)?.[1];
      if (seq !== undefined && Number(seq) < this.floor) fs.rmSync(path.join(this.dir, name), { force: true });
    }
    return deleted;
  }

  /** This version's snapshot files, newest first. */
  private files(): { seq: number; name: string }[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return [];
    }
    return names
      .map((name) => ({ name, match: NAME.exec(name) }))
      .filter(({ match }) => match && Number(match[2]) === PROJECTION_VERSION && Number(match[3]) === SNAPSHOT_FORMAT)
      .map(({ name, match }) => ({ seq: Number(match![1]), name }))
      .sort((a, b) => b.seq - a.seq);
  }

  /** Keeps the newest KEEP snapshots of this version not below the floor; removes older ones, other versions' and leftovers. */
  private async prune(): Promise<void> {
    const keep = new Set(
      this.files()
        .filter((f) => f.seq >= this.floor)
        .slice(0, KEEP)
        .map((f) => f.name),
    );
    for (const name of await fs.promises.readdir(this.dir)) {
      if (!keep.has(name)) await fs.promises.rm(path.join(this.dir, name), { force: true });
    }
  }
}

/** Makes a rename in `dir` durable (the directory entry itself). */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** What the snapshot worker is asked: the data directory, and the seq to snapshot at. */
export interface SnapshotJob {
  dataDir: string;
  upTo: number;
}

/**
 * The snapshot worker's work (workers/snapshot.ts): the state at `upTo`, from the latest
 * snapshot on disk and the log after it, read through read-only connections of its own (WAL:
 * the server goes on writing meanwhile), written under a temporary name. Returns that name.
 *
 * The people are read with the keys as they are now: someone erased after `upTo` reads back as
 * erased — and that snapshot, older than the erasure, is deleted rather than landed (`land`).
 */
export async function writeSnapshotFromLog(job: SnapshotJob): Promise<string> {
  const db = new Database(path.join(job.dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  const keys = KeyStore.openReadOnly(job.dataDir);
  try {
    db.pragma('busy_timeout = 1000');
    const store = new EventStore(db, keys);
    const snapshots = new SnapshotStore(job.dataDir, store, keys.id);
    const state = snapshots.latest(job.upTo) ?? initialState();
    keys.withEveryKey(() => {
      for (const event of store.all(state.seq, job.upTo)) applyInPlace(state, event);
    });
    if (state.seq !== job.upTo) throw new Error(`the log ends at ${state.seq}, before ${job.upTo}`);
    return await snapshots.writePartial(state);
  } finally {
    db.close();
    keys.close();
  }
}
