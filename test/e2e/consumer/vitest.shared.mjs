// What a user of jest-eventbridge writes in their Vitest config (README, "Vitest"), shared by the
// CommonJS, the ESM and the emulator: true runs. Endpoint, region and credentials come from the
// AWS SDK's environment variables, which the e2e test sets to point at the emulator.
import { defineConfig } from 'vitest/config';

export const eventBridgeOptions = {
  eventBusName: 'orders',
  correlation: { path: 'detail.metadata.correlationId' },
};

/**
 * @param {string[]} include the spec files of this run
 * @param {Record<string, unknown>} eventBridge the options, as under Jest's testEnvironmentOptions
 */
export function vitestConfig(include, eventBridge = eventBridgeOptions) {
  return defineConfig({
    test: {
      globals: true,
      include,
      environmentOptions: { eventBridge },
      globalSetup: ['jest-eventbridge/vitest/global-setup'],
      setupFiles: ['jest-eventbridge/vitest'],
      testTimeout: 30_000,
    },
  });
}
