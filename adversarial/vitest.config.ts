/**
 * The adversarial suite against a built, running dashboard (`next start` after `npm run build`):
 * what only the real server shows (proxy.ts, Next's HEAD and body handling, sockets, memory).
 * `npm test` runs it after the build; the in-process adversarial tests (*.adversarial.test.ts
 * under lib/ and app/) run with the unit tests. Loopback only.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('..', import.meta.url)),
      'server-only': fileURLToPath(new URL('../node_modules/server-only/empty.js', import.meta.url)),
    },
  },
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['adversarial/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
