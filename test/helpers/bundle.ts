/**
 * The JavaScript a built page loads, found from the built files themselves: the page's HTML
 * (module script and modulepreload links), then every chunk any loaded chunk names, static
 * import or lazy `import()` alike (hashed file names are unique, so a mention is a reference).
 * A lazy chunk counts: the page loads it too, only later.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface PageJs {
  files: { file: string; bytes: number; gzip: number }[];
  bytes: number;
  gzip: number;
}

export function pageJs(clientDir: string, page: string): PageJs {
  const html = fs.readFileSync(path.join(clientDir, `${page}.html`), 'utf8');
  const assetsDir = path.join(clientDir, 'assets');
  const assets = fs.readdirSync(assetsDir).filter((f) => f.endsWith('.js'));
  const seen = new Set<string>();
  const queue = assets.filter((f) => html.includes(f));
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = fs.readFileSync(path.join(assetsDir, file), 'utf8');
    for (const other of assets) if (!seen.has(other) && other !== file && text.includes(other)) queue.push(other);
  }
  const files = [...seen].sort().map((file) => {
    const content = fs.readFileSync(path.join(assetsDir, file));
    return { file, bytes: content.length, gzip: zlib.gzipSync(content).length };
  });
  return { files, bytes: files.reduce((n, f) => n + f.bytes, 0), gzip: files.reduce((n, f) => n + f.gzip, 0) };
}
