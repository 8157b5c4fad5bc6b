/**
 * Types of the parts of the compared tools that the benchmark uses. The tools ship no types of
 * their own (aws-sdk v2 does, but only inside this separate package), and the benchmark must
 * type-check before `bench/peers` is installed, so these describe just what is called, as read
 * from the tools' published sources (lib/ of each package).
 */

declare module 'aws-sdk' {
  export interface AwsV2Request {
    /** The operation in v2 spelling: `createQueue`. */
    readonly operation: string;
  }
  export interface AwsV2Response {
    readonly request: AwsV2Request;
  }
  export interface AwsV2Events {
    on(event: 'validate', listener: (request: AwsV2Request) => void): AwsV2Events;
    on(event: 'complete', listener: (response: AwsV2Response) => void): AwsV2Events;
    removeListener(event: string, listener: (...args: never[]) => void): AwsV2Events;
  }
  export interface AwsV2ConfigUpdate {
    endpoint?: string;
    region?: string;
  }
  /** AWS.events: every request of every client emits its lifecycle events here too. */
  export const events: AwsV2Events;
  export const config: { update(options: AwsV2ConfigUpdate): void };
}

declare module 'sls-test-tools' {
  /** One message of an SQS ReceiveMessage answer (aws-sdk v2 shape). */
  export interface ReceivedMessage {
    readonly MessageId?: string;
    readonly ReceiptHandle?: string;
    readonly Body?: string;
  }
  export interface ReceiveResult {
    readonly Messages?: readonly ReceivedMessage[];
  }
  /** sls-test-tools' EventBridge helper (lib/helpers/eventBridge.js). */
  export interface SlsEventBridge {
    readonly QueueUrl: string;
    /** PutEvents, then one getEvents() to take the published event off its own queue. */
    publishEvent(source: string, detailType: string, detail: string): Promise<unknown>;
    /**
     * One ReceiveMessage (WaitTimeSeconds 5, one message), then DeleteMessageBatch of it. With no
     * message within the 5 s, an answer with an empty message list.
     */
    getEvents(): Promise<ReceiveResult>;
    /** PurgeQueue. */
    clear(): Promise<unknown>;
    /** DeleteQueue (the rule and its target stay). */
    destroy(): Promise<boolean>;
  }
  /** Creates a queue, a rule for every event of the account on the bus, its target and the queue policy. */
  export const EventBridge: { build(eventBridgeName: string): Promise<SlsEventBridge> };
  export interface PutEventsEntry {
    readonly EventBusName: string;
    readonly Source: string;
    readonly DetailType: string;
    readonly Detail: string;
  }
  /** The aws-sdk v2 module, with the credentials and region the tool set up. */
  export const AWSClient: {
    EventBridge: new () => {
      putEvents(params: { Entries: readonly PutEventsEntry[] }): { promise(): Promise<{ readonly FailedEntryCount?: number }> };
    };
  };
}

/** The same helpers without the package's entry, which needs Jest's global `expect` to load. */
declare module 'sls-test-tools/lib/helpers' {
  export { EventBridge } from 'sls-test-tools';
}

declare module 'sls-test-tools/lib/assertions' {
  const assertions: Record<string, import('expect').MatcherFunction<unknown[]>>;
  export default assertions;
}

declare module 'aws-testing-library/lib/jest/sqs' {
  export const toHaveMessage: import('expect').MatcherFunction<unknown[]>;
}

declare module 'aws-testing-library/lib/jest/utils' {
  type Matcher = import('expect').MatcherFunction<unknown[]>;
  /** Calls the matcher, then again every `pollEvery` ms (default 500) until `timeout` (default 2500). */
  export function wrapWithRetries(matcher: Matcher): Matcher;
}

// sls-test-tools registers its assertions on Jest's global expect when it loads.
declare namespace jest {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-empty-object-type
  interface Matchers<R, T = {}> {
    /** sls-test-tools: passes whenever getEvents() returned (it checks nothing more). */
    toHaveEvent(): R;
    /** sls-test-tools: the first message's source. */
    toHaveEventWithSource(source: string): R;
  }
}
