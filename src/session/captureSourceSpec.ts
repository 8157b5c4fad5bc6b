import type { AwsClients } from '../aws/awsClients';
import type { Clock } from '../core/store/clock';
import type { Logger } from '../foundation/log';
import type { EventBridgeSourceSpec } from '../sources/eventbridge/eventBridgeSource';
import type { CaptureNames } from '../sources/eventbridge/resourceNames';
import type { ResolvedOptions } from './options/options';

/**
 * The EventBridge source's spec from the options: one place for a file's own capture and a
 * worker's shared one. `label` is what tags and the rule's description name (the test file, or
 * `worker 2 of run abc123`).
 */
export function captureSourceSpec(inputs: {
  readonly options: ResolvedOptions;
  readonly clients: AwsClients;
  readonly names: CaptureNames;
  readonly label: string;
  readonly clock: Clock;
  readonly log: Logger;
  readonly mirroredPattern?: () => Promise<Readonly<Record<string, unknown>>>;
  /** @default 'file' */
  readonly captureScope?: 'file' | 'worker';
}): EventBridgeSourceSpec {
  const { options } = inputs;
  return {
    clients: inputs.clients,
    names: inputs.names,
    testPath: inputs.label,
    eventBusName: options.eventBusName,
    readinessTimeout: options.readinessTimeout,
    captureScope: inputs.captureScope ?? 'file',
    clock: inputs.clock,
    log: inputs.log,
    ...(options.eventBusArn ? { eventBusArn: options.eventBusArn } : {}),
    ...(options.region ? { region: options.region } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.capturePattern ? { capturePattern: options.capturePattern } : {}),
    ...(inputs.mirroredPattern ? { mirroredPattern: inputs.mirroredPattern } : {}),
    ...(options.correlation ? { correlationSegments: options.correlation.segments } : {}),
  };
}
