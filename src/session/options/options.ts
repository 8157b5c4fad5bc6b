import type { EventBusArn } from '../../aws/arns';

/**
 * Options of the capture, given under `testEnvironmentOptions.eventBridge` in the Jest config,
 * or per file in a `@jest-environment-options {"eventBridge": {...}}` docblock.
 */
export interface EventBridgeOptions {
  /** Name or ARN of the bus to capture from and to put events on. Required. */
  eventBusName: string;
  /** AWS region. @default the AWS SDK chain (AWS_REGION, profile) */
  region?: string;
  /** Endpoint of EventBridge, SQS and STS, for an emulator. @default the AWS SDK chain (AWS_ENDPOINT_URL) */
  endpoint?: string;
  /**
   * Run against the embedded emulator (moto, with jest-eventbridge's fixes): the global setup
   * starts it once per run on a free loopback port, creates the bus, points every worker at it
   * (endpoint, region us-east-1 and dummy credentials unless set) and stops it after the run.
   * Needs Python 3 with moto 5 (`pip install 'moto[server]>=5,<6'`), and the preset's global setup and teardown.
   * Not with `endpoint`. @default false
   */
  emulator?: boolean;
  /**
   * Which of the bus's events to capture, in EventBridge's pattern language.
   * @default all of this account's events on the bus: `{ "account": ["<account id>"] }`
   */
  capturePattern?: Record<string, unknown>;
  /**
   * Mirror a rule of the bus: the capture copies the event pattern of rule `name` (instead of
   * `capturePattern`, which cannot be set with it), and with `target` also applies that
   * target's `Input`, `InputPath` or `InputTransformer`, so `eventBridge.events` and the
   * matchers see what that target receives. A string is `{ name }`. With `local`, the rule is
   * looked up in the template (by name or logical id). README: "Mirror a rule".
   * @default off
   */
  mirrorRule?: string | MirrorRuleOption;
  /** Default matcher timeout in ms. @default 10000, lowered to stay below Jest's testTimeout */
  timeout?: number;
  /**
   * Correlation scoping: `put()` stamps an id at `path` (inside `detail`), unique to the file and
   * to the test or `describe` block putting it (a block's id in its `beforeAll`/`afterAll`); the
   * capture rule only forwards events whose id at `path` belongs to this file, and a test sees
   * events with its own id or the id of a block that encloses it. The service under test must
   * copy the id onto the events it emits.
   * @default off
   */
  correlation?: { path: string };
  /** Prefix of the capture queue and rule names (for IAM name-prefix policies). @default 'jeb-' */
  resourcePrefix?: string;
  /** Leave the capture queue and rule in place after the file, and print their names. @default false */
  keep?: boolean;
  /**
   * How long a capture lives. `'worker'`: the first file a worker runs creates and proves the
   * capture, later files of that worker reuse it (each with its own window, store and, with
   * `correlation`, its own id prefix), and the global teardown removes it after the run.
   * `'file'`: every file creates, proves and removes its own. Worker scope needs the preset's
   * (or your own) global setup and teardown, and under Vitest `isolate: false`; without them,
   * and for a file with `keep` or `mirrorRule`, a file gets its own capture. README: "One capture
   * per worker". @default 'worker'
   */
  captureScope?: 'file' | 'worker';
  /** How long setup waits for the readiness canary to arrive, in ms. @default 30000 */
  readinessTimeout?: number;
  /** Most captured events kept per file; the oldest are forgotten past it, with a warning. @default 100000 */
  maxStoredEvents?: number;
  /** SDK attempts per AWS call, including the first. @default 5 */
  maxAttempts?: number;
  /** SDK retry mode. @default 'standard' */
  retryMode?: 'standard' | 'adaptive';
  /**
   * Before the run's tests start, remove capture queues and rules that earlier runs left on the
   * bus (killed workers, cancelled jobs). Needs the preset's global setup
   * (`globalSetup: 'jest-eventbridge/global-setup'`). @default false
   */
  sweep?: boolean;
  /**
   * With `sweep`, only leftovers at least this old are removed, so that runs in progress on the
   * same bus keep theirs: a duration such as '30m', '2h' or '1d'. @default '1h'
   */
  sweepOlderThan?: string;
  /**
   * Local flows: run the service's own Node.js handlers from its template, routed by its rules,
   * on the emulator (`emulator: true` or an `endpoint`). The global setup reads the template,
   * creates its resources on the emulator and routes every event on its buses with
   * EventBridge's semantics; the same spec then runs against the deployed stack without
   * `local`. Needs the preset's (or your own) global setup and teardown. README: "Run your
   * service locally". @default off
   */
  local?: LocalOptions;
}

/** The object form of `mirrorRule`. */
export interface MirrorRuleOption {
  /** The rule's name on the bus (with `local`: its name or logical id in the template). */
  name: string;
  /** The `Id` of one of its targets, whose input settings the capture applies. @default none: the whole event */
  target?: string;
}

/** The `local` option: which template, with which parameter values. */
export interface LocalOptions {
  /**
   * The stack's template: CloudFormation or SAM, YAML or JSON, or CDK's
   * `cdk.out/<Stack>.template.json`. A relative path is resolved from the runner's root folder
   * (Jest's `rootDir`, Vitest's `root`).
   */
  template: string;
  /** Values of the template's parameters, by name (numbers and booleans are passed as their text). */
  parameters?: Record<string, string | number | boolean>;
  /**
   * Hops a chain of events and handlers may go (an event, the handler it invokes, the event that
   * handler puts, …) before local flows cut it as a cycle. @default 25
   */
  maxChainDepth?: number;
}

/** Options after validation, with defaults applied. */
export interface ResolvedOptions {
  readonly eventBusName: string;
  /** The bus's account and region when `eventBusName` was an ARN. */
  readonly eventBusArn?: EventBusArn;
  readonly region?: string;
  readonly endpoint?: string;
  readonly emulator: boolean;
  readonly capturePattern?: Readonly<Record<string, unknown>>;
  readonly mirrorRule?: { readonly name: string; readonly target?: string };
  readonly timeout: number;
  readonly correlation?: { readonly path: string; readonly segments: readonly string[] };
  readonly resourcePrefix: string;
  readonly keep: boolean;
  readonly captureScope: 'file' | 'worker';
  /** Whether `captureScope` was set (not defaulted): a fall-back to per file is then said aloud. */
  readonly captureScopeGiven: boolean;
  readonly readinessTimeout: number;
  readonly maxStoredEvents: number;
  readonly maxAttempts: number;
  readonly retryMode: 'standard' | 'adaptive';
  readonly sweep: boolean;
  readonly sweepOlderThanMs: number;
  readonly local?: { readonly template: string; readonly parameters: Readonly<Record<string, string>>; readonly maxChainDepth?: number };
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_READINESS_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_STORED_EVENTS = 100_000;
export { DEFAULT_MAX_ATTEMPTS } from '../../aws/awsClients';
export const DEFAULT_SWEEP_OLDER_THAN_MS = 3_600_000;
