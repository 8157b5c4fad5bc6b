// Vitest configuration of the Vitest integration test (vitestRunner.test.ts runs `vitest run`
// with it): the README's Vitest config, with the built package's entry points by path (this
// repository is the package) and the emulator the integration global setup started.
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Vite bundles the config with __dirname set to this folder.
const repo = `${resolve(__dirname, '../../..')}/`;
const bus = process.env.JEB_VITEST_BUS ?? 'vitest-orders';

export default defineConfig({
  root: repo,
  resolve: { alias: [{ find: /^jest-eventbridge$/, replacement: `${repo}dist/index.js` }] },
  test: {
    globals: true,
    include: ['examples/orders.spec.ts', 'test/integration/vitest/specs/*.spec.ts'],
    environmentOptions: {
      eventBridge: { eventBusName: bus, correlation: { path: 'detail.metadata.correlationId' } },
    },
    // Ours, then the example order service on the same emulator (as the README's demo does).
    globalSetup: [`${repo}vitest/global-setup/index.mjs`, `${repo}test/integration/vitest/serviceSetup.ts`],
    setupFiles: [`${repo}vitest/index.mjs`],
    testTimeout: 30_000,
    pool: process.env.JEB_VITEST_POOL === 'threads' ? 'threads' : 'forks',
    isolate: process.env.JEB_VITEST_ISOLATE !== 'false',
  },
});
