/**
 * Compiles the server (server/ and the shared/ code it uses) into one ES module,
 * dist/server/main.mjs (its worker threads' jobs into dist/server/workers/), which `npm start`
 * runs with plain Node.js: no TypeScript compiler at run time, so it starts faster and uses less memory. Packages stay in node_modules.
 */
import path from 'node:path';
import { build } from 'esbuild';

export const SERVER_OUT = 'dist/server/main.mjs';

export async function buildServer(root: string): Promise<void> {
  await build({
    // The worker threads' jobs (server/workers/runWorker.ts) are bundles of their own beside it.
    entryPoints: [
      { in: path.join(root, 'server/main.ts'), out: 'main' },
      { in: path.join(root, 'server/workers/snapshot.ts'), out: 'workers/snapshot' },
      { in: path.join(root, 'server/workers/xlsx.ts'), out: 'workers/xlsx' },
      { in: path.join(root, 'server/workers/backup.ts'), out: 'workers/backup' },
    ],
    outdir: path.join(root, path.dirname(SERVER_OUT)),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildServer(path.resolve(import.meta.dirname, '..'));
}
