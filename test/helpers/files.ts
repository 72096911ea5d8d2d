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
 * Where each needle occurs in any file under the directory, byte for byte, in every encoding a
 * file may hold it in: UTF-8 (SQLite, JSON), and as V8 serialises strings (snapshots): one byte
 * per character when every character fits in Latin-1 ("Lê Quang Minh"), else UTF-16.
 */
export function findInFiles(dir: string, needles: readonly string[]): string[] {
  const found: string[] = [];
  const encodings = (needle: string): Buffer[] => {
    const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')];
    if ([...needle].every((ch) => ch.charCodeAt(0) < 256)) forms.push(Buffer.from(needle, 'latin1'));
    return forms;
  };
  for (const file of filesUnder(dir)) {
    const bytes = fs.readFileSync(file);
    for (const needle of needles) {
      if (encodings(needle).some((form) => bytes.includes(form))) found.push(`${path.relative(dir, file)}: ${needle}`);
    }
  }
  return found;
}
