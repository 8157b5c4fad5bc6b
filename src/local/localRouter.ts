/**
 * Routes the events of the template's buses as EventBridge would: each event is matched by the
 * library's pattern engine (not the emulator's, which differs from AWS: docs/PATTERNS.md) against
 * every enabled rule of its bus, and each matching rule's targets receive the event as their
 * Input, InputPath or InputTransformer make it. A Lambda target of the template is invoked
 * locally, asynchronously (its attempts and retries are the runtime's); a queue, topic or bus
 * target gets the text on the emulator.
 */
import { messageOf } from '../foundation/realm';
import type { Logger } from '../foundation/log';
import type { EventBridgeEvent } from '../core/events/envelope';
import { compileRouting, routeEvent, type Routing } from '../core/targets';
import type { AwsClients } from '../aws/awsClients';
import type { EventSink } from '../sources/source';
import { createTargetDelivery, type TargetDelivery } from './delivery';
import type { FunctionRuntime } from './lambda';
import type { LocalRuleSpec, LocalStack, LocalTargetSpec } from './stackModel';

export interface LocalRouterInputs {
  readonly stack: LocalStack;
  /** The runtime of each function, by logical id. */
  readonly runtimes: ReadonlyMap<string, FunctionRuntime>;
  readonly clients: AwsClients;
  /** Hears each event routed, with the logical ids of the functions it goes to (none when no rule matched). */
  readonly onRouted?: (eventId: string, functions: readonly string[]) => void;
  /** Hears each invocation whose attempts are all done. */
  readonly onSettled?: (eventId: string, logicalId: string) => void;
  /** The emulator's endpoint, for queue URLs. */
  readonly endpoint: string;
  readonly log: Logger;
}

/** Event ids remembered to drop SQS's redeliveries; the oldest are forgotten past it. */
const REMEMBERED_IDS = 100_000;

export class LocalRouter {
  private readonly routing: Routing<LocalRuleSpec>;
  private readonly seen = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly delivery: TargetDelivery;

  /**
   * @throws InvalidEventPatternError for a rule whose pattern EventBridge would refuse, and
   *   InvalidTargetInputError for a target's input settings PutTargets would refuse (each names the rule)
   */
  constructor(private readonly inputs: LocalRouterInputs) {
    this.routing = compileRouting(inputs.stack.rules);
    this.delivery = createTargetDelivery(inputs.clients, { endpoint: inputs.endpoint });
  }

  /** Where the listener of bus `eventBusName` delivers what it receives. */
  sinkFor(eventBusName: string): EventSink {
    return {
      add: (events) => {
        for (const event of events) this.route(eventBusName, event);
      },
      reject: (body, reason) =>
        this.inputs.log(`local flows: bus ${eventBusName} delivered a message that is not an event (${reason}): ${body.slice(0, 200)}`),
    };
  }

  /** Resolves once every invocation and delivery started so far has ended. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private route(eventBusName: string, event: EventBridgeEvent): void {
    if (this.seen.has(event.id)) return;
    this.seen.add(event.id);
    if (this.seen.size > REMEMBERED_IDS) this.seen.delete(this.seen.values().next().value as string);

    const routes = routeEvent(event, this.routing, { eventBusName });
    const functions = routes.flatMap(({ target }) => (target.kind === 'lambda' && this.invokes(target) ? [target.functionLogicalId] : []));
    this.inputs.onRouted?.(event.id, functions);
    for (const { rule, target, input } of routes) {
      const work = this.dispatch(rule.name, target, event, input).catch((error: unknown) =>
        this.inputs.log(`local flows: rule ${rule.name} target ${target.id}: ${messageOf(error)}`),
      );
      this.inFlight.add(work);
      void work.finally(() => this.inFlight.delete(work));
    }
  }

  /** Whether a Lambda target is one of the template's functions that runs here. */
  private invokes(target: LocalTargetSpec): target is LocalTargetSpec & { functionLogicalId: string } {
    return target.functionLogicalId !== undefined && this.inputs.runtimes.has(target.functionLogicalId);
  }

  private async dispatch(ruleName: string, target: LocalTargetSpec, event: EventBridgeEvent, input: string): Promise<void> {
    if (target.kind === 'lambda' && target.functionLogicalId !== undefined) {
      const runtime = this.inputs.runtimes.get(target.functionLogicalId);
      if (runtime === undefined) return;
      try {
        // Lambda's Node.js runtime parses the payload with JSON.parse: so does the local one.
        await runtime.invoke(JSON.parse(input) as unknown, { eventId: event.id, ruleName });
      } finally {
        this.inputs.onSettled?.(event.id, target.functionLogicalId);
      }
      return;
    }
    if (target.kind === 'sqs' || target.kind === 'event-bus') {
      await this.delivery.deliver({ kind: target.kind, arn: target.arn, description: `target ${target.id} of rule ${ruleName}` }, input, {
        eventId: event.id,
      });
    }
  }
}
