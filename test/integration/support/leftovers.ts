import { EventBridgeClient, ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { awsTestClientConfig } from '../../../tools/emulator';

/** Capture queues and rules (by name prefix) still present on the emulator. */
export async function listCaptureResources(endpoint: string, buses: readonly string[], prefix = 'jeb-'): Promise<{ queues: string[]; rules: string[] }> {
  const config = awsTestClientConfig(endpoint);
  const sqs = new SQSClient(config);
  const eventBridge = new EventBridgeClient(config);
  try {
    const queues = (await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix }))).QueueUrls ?? [];
    const rules: string[] = [];
    for (const bus of buses) {
      const listed = await eventBridge.send(new ListRulesCommand({ EventBusName: bus, NamePrefix: prefix }));
      for (const rule of listed.Rules ?? []) rules.push(`${bus}/${rule.Name ?? '?'}`);
    }
    return { queues: queues.map((url) => url.split('/').pop() ?? url), rules };
  } finally {
    sqs.destroy();
    eventBridge.destroy();
  }
}
