import { defineConfig } from 'vitest/config';

// Unit (test/shared), integration against a real server on port 0 (test/server) and
// browser tests in headless Chromium (test/e2e) all run in `npm test`.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: process.env.CI ? ['default'] : ['default'],
    globalSetup: ['test/globalSetup.ts'],
    // fast-check: failures print seed and path; FC_SEED / FC_PATH replay one (README, Tests).
    setupFiles: ['test/setup/fastCheck.ts'],
  },
});
