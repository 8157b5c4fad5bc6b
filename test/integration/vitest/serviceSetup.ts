/**
 * Vitest global setup of the Vitest integration test: the test's own bus on the integration
 * emulator (AWS_ENDPOINT_URL, inherited from the Jest worker that runs `vitest run`), and the
 * example order service on it, standing in for a deployed service.
 */
import { startOrderService, type RunningOrderService } from '../../../examples/order-service/service';
import { createEventBus } from '../../../tools/emulator';

let service: RunningOrderService | undefined;

export async function setup(): Promise<void> {
  const endpoint = process.env.AWS_ENDPOINT_URL;
  const bus = process.env.JEB_VITEST_BUS;
  if (!endpoint || !bus) throw new Error('serviceSetup: run through vitestRunner.test.ts, which sets AWS_ENDPOINT_URL and JEB_VITEST_BUS.');
  await createEventBus(endpoint, bus);
  service = await startOrderService({ eventBusName: bus });
}

export async function teardown(): Promise<void> {
  await service?.stop();
  service = undefined;
}
