/**
 * Once per `vitest run`: make sure the client is built (browser tests load it from the real
 * server) and say clearly whether browser tests can run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM_PATH, hasChromium } from './helpers/browser.ts';

export default async function setup(): Promise<void> {
  if (!hasChromium) {
    if (process.env.CI === 'true') {
      throw new Error(`CI=true but no Chromium at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install chromium)`);
    }
    console.log(`Browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH).`);
    return;
  }
  if (!fs.existsSync(path.resolve('dist/client/wall.html'))) {
    const { build } = await import('vite');
    await build({ logLevel: 'warn' });
  }
}
