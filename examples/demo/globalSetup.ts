/**
 * Jest global setup of the demo (`npm run demo`): an emulator with an `orders` bus and the order
 * service listening on it, standing in for a deployed service in a real AWS account.
 */
import { startOrderService, type RunningOrderService } from '../order-service/service';
import {
  awsTestClientConfig,
  createEventBus,
  resolveTestEndpoint,
  TEST_REGION,
  type TestEmulator,
} from '../../tools/emulator';

export const DEMO_BUS = 'orders';

/** What teardown must stop; kept on globalThis because setup and teardown share the process. */
export interface DemoHandles {
  emulator?: TestEmulator;
  service?: RunningOrderService;
}

const HANDLES = Symbol.for('jest-eventbridge.demo.handles');
type HandleHolder = typeof globalThis & { [HANDLES]?: DemoHandles };

export default async function globalSetup(): Promise<void> {
  const handles: DemoHandles = {};
  (globalThis as HandleHolder)[HANDLES] = handles;
  try {
    handles.emulator = await resolveTestEndpoint();
    const { endpoint } = handles.emulator;
    // Workers are forked after global setup, so the tests' AWS clients see these.
    process.env.AWS_ENDPOINT_URL = endpoint;
    process.env.AWS_REGION = TEST_REGION;
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    // The SDK's notice about Node 20 support is not ours to act on here; keep test output clean.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED = endpoint;
    await createEventBus(endpoint, DEMO_BUS);
    handles.service = await startOrderService({
      eventBusName: DEMO_BUS,
      clientConfig: awsTestClientConfig(endpoint),
    });
  } catch (error) {
    // Jest runs no global teardown when global setup fails: undo the part that did start.
    await stopDemo();
    throw error;
  }
}

/** Stops the service, then the emulator under it; each at most once, whatever failed before. */
export async function stopDemo(): Promise<void> {
  const holder = globalThis as HandleHolder;
  const handles = holder[HANDLES];
  delete holder[HANDLES];
  try {
    await handles?.service?.stop();
  } finally {
    await handles?.emulator?.stop();
  }
}
