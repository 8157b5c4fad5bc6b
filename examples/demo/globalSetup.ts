/**
 * Jest global setup of the demo (`npm run demo`), composed the way a team composes its own with
 * jest-eventbridge's: ours first (with `emulator: true` it starts the embedded emulator and creates
 * the `orders` bus), then the example order service on that emulator, standing in for a service
 * deployed in a real AWS account.
 */
import type { Config } from '@jest/types';
import eventBridgeGlobalSetup from 'jest-eventbridge/global-setup';
import eventBridgeGlobalTeardown from 'jest-eventbridge/global-teardown';
import { startOrderService, type RunningOrderService } from '../order-service/service';

export const DEMO_BUS = 'orders';

const SERVICE = Symbol.for('jest-eventbridge.demo.service');
type ServiceHolder = typeof globalThis & { [SERVICE]?: RunningOrderService };

export default async function globalSetup(globalConfig: Config.GlobalConfig, projectConfig: Config.ProjectConfig): Promise<void> {
  // The SDK's notice about Node 20 support is not ours to act on here; keep the demo's output clean.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  await eventBridgeGlobalSetup(globalConfig, projectConfig);
  try {
    // Our global setup pointed AWS_ENDPOINT_URL, the region and credentials at the emulator;
    // the service's own SDK clients pick them up like the specs' do.
    (globalThis as ServiceHolder)[SERVICE] = await startOrderService({ eventBusName: DEMO_BUS });
  } catch (error) {
    // Jest runs no global teardown when global setup fails: stop the emulator here.
    await eventBridgeGlobalTeardown();
    throw error;
  }
}

/** Stops the service, then the emulator under it; each at most once, whatever failed before. */
export async function stopDemo(): Promise<void> {
  const holder = globalThis as ServiceHolder;
  const service = holder[SERVICE];
  delete holder[SERVICE];
  try {
    await service?.stop();
  } finally {
    await eventBridgeGlobalTeardown();
  }
}
