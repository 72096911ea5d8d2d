/**
 * The wall's JavaScript budget (DESIGN.md: ≤ 250 KB gzip, every chunk it loads, lazy ones
 * included), read from the build `npm test` makes before running the tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageJs } from '../helpers/bundle.ts';

const clientDir = path.resolve('dist/client');

describe('wall bundle', () => {
  it('the wall loads at most 250 KB of gzipped JavaScript, and no desk or admin code', () => {
    expect(fs.existsSync(path.join(clientDir, 'wall.html')), 'build the client first (npm run build)').toBe(true);
    const js = pageJs(clientDir, 'wall');
    expect(js.files.length).toBeGreaterThan(0);
    expect(js.gzip, js.files.map((f) => `${f.file} ${f.gzip}`).join(', ')).toBeLessThanOrEqual(250_000);
    expect(js.files.map((f) => f.file).filter((f) => /^(desk|admin|console|mc)-/.test(f))).toEqual([]);
  });
});
