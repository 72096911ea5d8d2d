/**
 * Large files (snapshots, backups) are written a part at a time, each on disk before the next
 * (server/store/writeInParts.ts): the file holds every byte, only its owner reads it, and a write
 * that fails leaves nothing behind.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { writeInParts } from '../../server/store/writeInParts.ts';
import { tempDataDir } from '../helpers/server.ts';

it('writes every byte of a file of several parts, for its owner only', async () => {
  const dir = tempDataDir();
  const bytes = crypto.randomBytes(9 * 1024 * 1024 + 123);
  const file = path.join(dir, 'big.bin');
  await writeInParts(file, bytes);
  expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  // Written again, shorter: the file is the new bytes only.
  await writeInParts(file, bytes.subarray(0, 10));
  expect(fs.readFileSync(file).equals(bytes.subarray(0, 10))).toBe(true);
});

it('fails without leaving a file when it cannot write', async () => {
  const dir = tempDataDir();
  const file = path.join(dir, 'missing-dir', 'big.bin');
  await expect(writeInParts(file, Buffer.alloc(10))).rejects.toThrow(/ENOENT/);
  expect(fs.existsSync(file)).toBe(false);
});
