/**
 * Searching a data directory's files for what must not be in them (privacy tests).
 */
import fs from 'node:fs';
import path from 'node:path';

/** Every file under a directory, recursively. */
export function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/**
 * Where each needle occurs in any file under the directory, byte for byte, as UTF-8 (SQLite,
 * JSON) or UTF-16 (how V8 serialises a string with Vietnamese letters, as in snapshots).
 */
export function findInFiles(dir: string, needles: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of filesUnder(dir)) {
    const bytes = fs.readFileSync(file);
    for (const needle of needles) {
      if (bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le'))) found.push(`${path.relative(dir, file)}: ${needle}`);
    }
  }
  return found;
}
