import { EventBridgeClient, ListRulesCommand, ResourceNotFoundException } from '@aws-sdk/client-eventbridge';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { awsTestClientConfig } from '../../../tools/emulator';

/**
 * Capture queues (account-wide) and rules (on the given buses, as `bus/rule`) still present on
 * the emulator, by name prefix, each list sorted. A bus that does not exist has no rules.
 */
export async function listCaptureResources(
  endpoint: string,
  buses: readonly string[],
  prefix = 'jeb-',
): Promise<{ queues: string[]; rules: string[] }> {
  const config = awsTestClientConfig(endpoint);
  const sqs = new SQSClient(config);
  const eventBridge = new EventBridgeClient(config);
  try {
    const queues = (await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix }))).QueueUrls ?? [];
    const rules: string[] = [];
    for (const bus of buses) {
      try {
        const listed = await eventBridge.send(new ListRulesCommand({ EventBusName: bus, NamePrefix: prefix }));
        for (const rule of listed.Rules ?? []) rules.push(`${bus}/${rule.Name ?? '?'}`);
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
    }
    return { queues: queues.map((url) => url.split('/').pop() ?? url).sort(), rules: rules.sort() };
  } finally {
    sqs.destroy();
    eventBridge.destroy();
  }
}
