/** What Vitest passes to a global setup (its TestProject), in the part we read. */
export interface VitestGlobalSetupProject {
  readonly config: { readonly environmentOptions?: Record<string, unknown> | null; readonly testTimeout?: number };
  provide(key: string, value: unknown): void;
}

/**
 * `test.globalSetup: ['jest-eventbridge/vitest/global-setup']`. From a global setup of your own:
 * `const teardown = await setup(project)`, and call `teardown()` from yours.
 * @returns the teardown, which stops the run's embedded emulator (`emulator: true`)
 */
export default function setup(project: VitestGlobalSetupProject): Promise<() => Promise<void>>;
