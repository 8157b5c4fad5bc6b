/**
 * Vitest global setup of the Vitest integration test: the test's own bus on the integration
 * emulator (AWS_ENDPOINT_URL, inherited from the Jest worker that runs `vitest run`), and the
 * example order service on it through local flows (its SAM template, its handler run locally),
 * standing in for a deployed service.
 */
import { join } from 'node:path';
import { startLocalFlows, type LocalFlows } from '../../../src/local/startLocalFlows';
import { createEventBus } from '../../../tools/emulator';

let service: LocalFlows | undefined;

export async function setup(): Promise<void> {
  const endpoint = process.env.AWS_ENDPOINT_URL;
  const bus = process.env.JEB_VITEST_BUS;
  if (!endpoint || !bus) throw new Error('serviceSetup: run through vitestRunner.test.ts, which sets AWS_ENDPOINT_URL and JEB_VITEST_BUS.');
  await createEventBus(endpoint, bus);
  service = await startLocalFlows({
    template: join(__dirname, '../../../examples/order-service/template.yaml'),
    endpoint,
    parameters: { EventBusName: bus },
  });
}

export async function teardown(): Promise<void> {
  await service?.stop();
  service = undefined;
}
