/**
 * The yardstick of start-up (issue 20): reading and decoding a data directory's snapshot with
 * nothing else (no server, no replay, no sockets), as the server's start does it. Prints
 * `BENCH_JSON {ms, rssMb, seq}`; bench/run.ts runs it compiled, in a process of its own.
 *
 *   node --import tsx bench/snapshot-load.ts <dataDir>
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { KeyStore } from '../server/privacy/keyStore.ts';
import { DB_FILE } from '../server/store/database.ts';
import { EventStore } from '../server/store/eventStore.ts';
import { SnapshotStore } from '../server/store/snapshotStore.ts';

const dataDir = process.argv[2]!;
const started = performance.now();
const db = new Database(path.join(dataDir, DB_FILE), { readonly: true, fileMustExist: true });
const keys = KeyStore.openReadOnly(dataDir);
const state = new SnapshotStore(dataDir, new EventStore(db, keys), keys.id).latest(Number.MAX_SAFE_INTEGER);
const ms = performance.now() - started;
if (!state) throw new Error(`no snapshot in ${dataDir}`);
process.stdout.write(`BENCH_JSON ${JSON.stringify({ ms, rssMb: process.memoryUsage().rss / 2 ** 20, seq: state.seq })}\n`);
