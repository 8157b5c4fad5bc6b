/**
 * Routes the events of the template's buses as EventBridge would: each event is matched by the
 * library's pattern engine (not the emulator's, which differs from AWS: docs/PATTERNS.md) against
 * every enabled rule of its bus, and each matching rule's targets receive the event as their
 * Input, InputPath or InputTransformer make it. A Lambda target of the template is invoked
 * locally, asynchronously (its attempts and retries are the runtime's); a queue, topic or bus
 * target gets the text on the emulator.
 *
 * With a lineage, a chain of events and handlers deeper than `maxChainDepth` is cut: an event
 * that many hops from the event its chain started with is not routed, and the chain's first cut
 * event becomes one invocation record (outcome 'error', error.name 'LocalFlowCycleError', its
 * message naming the cycle) through `onCycle`, the path every invocation record takes.
 */
import { randomUUID } from 'node:crypto';
import { messageOf } from '../foundation/realm';
import type { Logger } from '../foundation/log';
import type { EventBridgeEvent } from '../core/events/envelope';
import { compileRouting, routeEvent, type Routing } from '../core/targets';
import type { AwsClients } from '../aws/awsClients';
import type { EventSink } from '../sources/source';
import { createTargetDelivery, type TargetDelivery } from './delivery';
import type { FunctionRuntime } from './lambda';
import { CYCLE_ERROR_NAME, cycleMessage, type EventLineage } from './lineage';
import type { InvocationRecord, LocalRuleSpec, LocalStack, LocalTargetSpec } from './stackModel';

export interface LocalRouterInputs {
  readonly stack: LocalStack;
  /** The runtime of each function, by logical id. */
  readonly runtimes: ReadonlyMap<string, FunctionRuntime>;
  readonly clients: AwsClients;
  /** The emulator's endpoint, for queue URLs. */
  readonly endpoint: string;
  readonly log: Logger;
  /** Which handler's invocation put which event: with it, chains deeper than `maxChainDepth` are cut. */
  readonly lineage?: EventLineage;
  /** Hops a chain may go before it is cut. @default DEFAULT_MAX_CHAIN_DEPTH */
  readonly maxChainDepth?: number;
  /** Hears the record of each chain cut. */
  readonly onCycle?: (record: InvocationRecord) => void;
  /** Hears each event routed, with the logical ids of the functions it goes to (none when no rule matched, or its chain was cut). */
  readonly onRouted?: (eventId: string, functions: readonly string[]) => void;
  /** Hears each invocation whose attempts are all done. */
  readonly onSettled?: (eventId: string, logicalId: string) => void;
}

/** Hops a chain of events and handlers may go before the router cuts it. */
export const DEFAULT_MAX_CHAIN_DEPTH = 25;

/** Event ids remembered to drop SQS's redeliveries; the oldest are forgotten past it. */
const REMEMBERED_IDS = 100_000;

export class LocalRouter {
  private readonly routing: Routing<LocalRuleSpec>;
  private readonly seen = new Set<string>();
  /** The chains cut so far, by the event each started with: one record per chain. */
  private readonly cutChains = new Set<string>();
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

    const { lineage } = this.inputs;
    if (lineage !== undefined && lineage.get(event.id) === undefined && lineage.pending > 0) {
      // A handler's PutEvents is in flight: this may be its event, reaching the bus's listener
      // before the emulator's answer reached the proxy. Its depth is known once the answer is.
      const work = lineage
        .settled()
        .then(() => this.routeKnown(eventBusName, event))
        .catch((error: unknown) => this.inputs.log(`local flows: event ${event.id} on bus ${eventBusName}: ${messageOf(error)}`));
      this.track(work);
      return;
    }
    this.routeKnown(eventBusName, event);
  }

  private routeKnown(eventBusName: string, event: EventBridgeEvent): void {
    const matches = [...routeEvent(event, this.routing, { eventBusName })];
    const { lineage } = this.inputs;
    if (lineage !== undefined && matches.length > 0) {
      const depth = lineage.depthOf(event.id);
      const maxChainDepth = this.inputs.maxChainDepth ?? DEFAULT_MAX_CHAIN_DEPTH;
      if (depth >= maxChainDepth) {
        // The record names the function the cut event would have invoked next, if any.
        const next = matches.find((match) => match.target.kind === 'lambda') ?? matches[0];
        this.cut(event, depth, maxChainDepth, lineage, next?.rule, next?.target.kind === 'lambda' ? next.target : undefined);
        this.inputs.onRouted?.(event.id, []);
        return;
      }
    }
    const functions = matches.flatMap(({ target }) => (target.kind === 'lambda' && this.invokes(target) ? [target.functionLogicalId] : []));
    this.inputs.log(
      `local flows: event ${event.id} (${event['detail-type']}) on bus ${eventBusName}: ${matches.length === 0 ? 'no rule matched' : matches.map(({ rule, target }) => `rule ${rule.name} → target ${target.id}`).join(', ')}`,
    );
    this.inputs.onRouted?.(event.id, functions);
    for (const { rule, target, input } of matches) {
      const work = this.dispatch(rule.name, target, event, input).catch((error: unknown) =>
        this.inputs.log(`local flows: rule ${rule.name} target ${target.id}: ${messageOf(error)}`),
      );
      this.track(work);
    }
  }

  private track(work: Promise<unknown>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Routes none of the event: the first cut event of its chain becomes a record, later ones a log line. */
  private cut(
    event: EventBridgeEvent,
    depth: number,
    maxChainDepth: number,
    lineage: EventLineage,
    rule: LocalRuleSpec | undefined,
    lambdaTarget: LocalTargetSpec | undefined,
  ): void {
    const root = lineage.rootOf(event.id);
    const message = cycleMessage({ eventId: event.id, depth, chain: lineage.chainOf(event.id), maxChainDepth });
    if (this.cutChains.has(root)) {
      this.inputs.log(`local flows: not routed, its chain already cut: ${message}`);
      return;
    }
    this.cutChains.add(root);
    if (this.cutChains.size > REMEMBERED_IDS) this.cutChains.delete(this.cutChains.values().next().value as string);
    this.inputs.log(`local flows: ${message}`);
    // Without a Lambda target, the function that put the event.
    const logicalId = lambdaTarget?.functionLogicalId ?? lineage.get(event.id)?.functionLogicalId ?? '';
    const spec = this.inputs.stack.functions.find((candidate) => candidate.logicalId === logicalId);
    this.inputs.onCycle?.({
      functionName: spec?.functionName ?? logicalId,
      logicalId,
      requestId: randomUUID(),
      eventId: event.id,
      ruleName: rule?.name ?? '',
      attempt: 1,
      attempts: 1,
      startedAt: Date.now(),
      durationMs: 0,
      outcome: 'error',
      error: { name: CYCLE_ERROR_NAME, message },
    });
  }

  /** Whether a Lambda target is one of the template's functions that runs here. */
  private invokes(target: LocalTargetSpec): target is LocalTargetSpec & { functionLogicalId: string } {
    return target.functionLogicalId !== undefined && this.inputs.runtimes.has(target.functionLogicalId);
  }

  private async dispatch(ruleName: string, target: LocalTargetSpec, event: EventBridgeEvent, input: string): Promise<void> {
    if (target.kind === 'lambda' && this.invokes(target)) {
      const runtime = this.inputs.runtimes.get(target.functionLogicalId);
      try {
        // Lambda's Node.js runtime parses the payload with JSON.parse: so does the local one.
        await runtime?.invoke(JSON.parse(input) as unknown, { eventId: event.id, ruleName });
      } finally {
        this.inputs.onSettled?.(event.id, target.functionLogicalId);
      }
      return;
    }
    if (target.kind === 'sqs' || target.kind === 'sns' || target.kind === 'event-bus') {
      await this.delivery.deliver({ kind: target.kind, arn: target.arn, description: `target ${target.id} of rule ${ruleName}` }, input, {
        eventId: event.id,
      });
    }
  }
}
