import { afterEach, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { InvocationRecord, LocalFunctionSpec } from '../../../../src/local/stackModel';
import {
  DEFAULT_RETRY_DELAYS_MS,
  createFunctionRuntime,
  type FunctionRuntime,
  type FunctionRuntimeOptions,
} from '../../../../src/local/lambda/functionRuntime';
import { LocalFunctionError } from '../../../../src/local/lambda/localFunctionError';
import { listenOnLoopback } from '../../../support/loopbackServer';

const HANDLERS = path.resolve(__dirname, '../../../fixtures/handlers');

function functionSpec(overrides: Partial<LocalFunctionSpec> = {}): LocalFunctionSpec {
  return {
    logicalId: 'ConfirmOrder',
    functionName: 'orders-ConfirmOrder-1A2B3C',
    functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-ConfirmOrder-1A2B3C',
    runtime: 'nodejs20.x',
    codeDirectory: HANDLERS,
    handler: 'behaviours.counter',
    timeoutSeconds: 3,
    memorySizeMb: 256,
    environment: {},
    maximumRetryAttempts: 2,
    maximumEventAgeSeconds: 21_600,
    templatePath: 'Resources.ConfirmOrder',
    ...overrides,
  };
}

const OPTIONS: FunctionRuntimeOptions = {
  endpoint: 'http://127.0.0.1:4566',
  region: 'eu-west-1',
  accountId: '123456789012',
  credentials: { accessKeyId: 'local-key', secretAccessKey: 'local-secret' },
  retryDelaysMs: [10, 20],
};

const META = { eventId: 'event-1', ruleName: 'orders-ConfirmOrderRule' };

/** The runtime's debug log or warnings, and a wait (bounded by the test's timeout) for a line matching a pattern. */
function logCollector(): { logger: (message: string) => void; line: (pattern: RegExp) => Promise<string> } {
  const lines: string[] = [];
  const waiting = new Set<() => void>();
  return {
    logger: (message) => {
      lines.push(message);
      for (const check of [...waiting]) check();
    },
    line: (pattern) =>
      new Promise((resolve) => {
        const check = (): void => {
          const found = lines.find((candidate) => pattern.test(candidate));
          if (found === undefined) return;
          waiting.delete(check);
          resolve(found);
        };
        waiting.add(check);
        check();
      }),
  };
}

const started: FunctionRuntime[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((runtime) => runtime.stop()));
});

function runtimeFor(overrides: Partial<LocalFunctionSpec> = {}, options: Partial<FunctionRuntimeOptions> = {}): FunctionRuntime {
  const runtime = createFunctionRuntime(functionSpec(overrides), { ...OPTIONS, ...options });
  started.push(runtime);
  return runtime;
}

/** A record without its times and request id, which each test checks apart. */
function withoutTimes(record: InvocationRecord): Omit<InvocationRecord, 'startedAt' | 'durationMs' | 'requestId'> {
  expect(record.durationMs).toBeGreaterThanOrEqual(0);
  expect(record.startedAt).toBeGreaterThan(Date.now() - 120_000);
  expect(record.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const { startedAt: _startedAt, durationMs: _durationMs, requestId: _requestId, ...rest } = record;
  return rest;
}

const COMMON = {
  functionName: 'orders-ConfirmOrder-1A2B3C',
  logicalId: 'ConfirmOrder',
  eventId: 'event-1',
  ruleName: 'orders-ConfirmOrderRule',
};

describe('a successful invocation', () => {
  it('runs a CommonJS handler and records one attempt with its result', async () => {
    const runtime = runtimeFor({ handler: 'behaviours.echo' });
    const records = await runtime.invoke({ detail: { orderId: 'o-1', total: 12.5 } }, META);
    expect(records.map(withoutTimes)).toEqual([
      {
        ...COMMON,
        attempt: 1,
        attempts: 3,
        outcome: 'success',
        result: { received: { detail: { orderId: 'o-1', total: 12.5 } } },
      },
    ]);
  });

  it('keeps module state warm between invocations', async () => {
    const runtime = runtimeFor({ handler: 'behaviours.counter' });
    const results = [];
    for (const eventId of ['e1', 'e2', 'e3']) results.push((await runtime.invoke({}, { ...META, eventId }))[0]?.result);
    expect(results).toEqual([{ invocations: 1 }, { invocations: 2 }, { invocations: 3 }]);
  });

  it('runs an ES module handler, its state warm too', async () => {
    const runtime = runtimeFor({ handler: 'esm/echo.handler' });
    const first = await runtime.invoke({ 'detail-type': 'OrderPlaced' }, META);
    const second = await runtime.invoke({ 'detail-type': 'OrderPaid' }, META);
    expect([first[0]?.result, second[0]?.result]).toEqual([
      { calls: 1, detailType: 'OrderPlaced', functionName: 'orders-ConfirmOrder-1A2B3C' },
      { calls: 2, detailType: 'OrderPaid', functionName: 'orders-ConfirmOrder-1A2B3C' },
    ]);
  });

  it('bundles a TypeScript handler that imports a local module', async () => {
    const runtime = runtimeFor({ handler: 'typescript/confirm.handler' });
    await runtime.prepare();
    const records = await runtime.invoke({ detail: { orderId: 'o-7', total: 12.5 } }, META);
    expect(records.map(withoutTimes)).toEqual([
      { ...COMMON, attempt: 1, attempts: 3, outcome: 'success', result: { message: 'order o-7 confirmed for 12.50', confirmed: 1 } },
    ]);
  });

  it('bundles an .mts handler as an ES module, its packages imported from the project', async () => {
    const runtime = runtimeFor({ handler: 'typescript/paid.handler' });
    const [record] = await runtime.invoke({ detail: { orderId: 'o-3', total: 3 } }, META);
    expect(record?.error).toBeUndefined();
    expect(record?.result).toEqual({ message: 'order o-3 confirmed for 3.00', client: 'DynamoDBClient' });
  });

  it("bundles the template's esbuild entry point, the export named by the handler setting", async () => {
    const runtime = runtimeFor({ handler: 'app.handler', entryPoint: 'typescript/confirm.ts' });
    const [record] = await runtime.invoke({ detail: { orderId: 'o-4', total: 4 } }, META);
    expect(record?.result).toEqual({ message: 'order o-4 confirmed for 4.00', confirmed: 1 });
  });

  it("points a bundled TypeScript handler's stack at its .ts lines", async () => {
    const runtime = runtimeFor({ handler: 'typescript/confirm.handler', maximumRetryAttempts: 0 });
    const [record] = await runtime.invoke({ detail: { orderId: 'o-8', total: -1 } }, META);
    expect(record?.error?.name).toBe('RangeError');
    expect(record?.error?.message).toBe('order o-8 has a negative total');
    expect(record?.error?.stack).toContain(`${path.join(HANDLERS, 'typescript', 'format.ts')}:8:`);
    expect(record?.error?.stack).toContain(`${path.join(HANDLERS, 'typescript', 'confirm.ts')}:8:`);
  });

  it("resolves the SDK from the project's node_modules although the bundle is elsewhere, with the emulator's region and credentials", async () => {
    const runtime = runtimeFor({ handler: 'typescript/sdk.handler' });
    const [record] = await runtime.invoke({}, META);
    expect(record?.error).toBeUndefined();
    expect(record?.result).toEqual({ region: 'eu-west-1', accessKeyId: 'local-key' });
  });

  it("sends the handler's SDK clients to the emulator's endpoint, signed with its credentials", async () => {
    const requests: { target: string | undefined; authorization: string | undefined }[] = [];
    const server = await listenOnLoopback(
      createServer((request, response) => {
        requests.push({ target: request.headers['x-amz-target'] as string | undefined, authorization: request.headers.authorization });
        request.resume();
        request.on('end', () => {
          response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
          response.end('{"TableNames":["orders-test"]}');
        });
      }),
    );
    try {
      const runtime = runtimeFor({ handler: 'typescript/sdk.listTables' }, { endpoint: server.endpoint });
      const [record] = await runtime.invoke({}, META);
      expect(record?.error).toBeUndefined();
      expect(record?.result).toEqual(['orders-test']);
      expect(requests).toEqual([
        {
          target: 'DynamoDB_20120810.ListTables',
          authorization: expect.stringMatching(/^AWS4-HMAC-SHA256 Credential=local-key\/\d{8}\/eu-west-1\/dynamodb\/aws4_request, /),
        },
      ]);
    } finally {
      await server.close();
    }
  });

  it('answers a callback-style handler with what it calls back', async () => {
    const runtime = runtimeFor({ handler: 'behaviours.callback' });
    const [record] = await runtime.invoke({ value: 42 }, META);
    expect(record?.result).toEqual({ viaCallback: 42, requestId: record?.requestId });
  });

  it('finds a nested export, as the Node.js runtime does', async () => {
    const runtime = runtimeFor({ handler: 'behaviours.nested.handlers.confirm' });
    expect((await runtime.invoke({}, META))[0]?.result).toBe('nested');
  });

  it('gives a context with a deadline from timeoutSeconds', async () => {
    const runtime = runtimeFor({ handler: 'behaviours.remainingTime', timeoutSeconds: 2 });
    const [record] = await runtime.invoke({}, META);
    const { first, second } = record?.result as { first: number; second: number };
    expect(first).toBeGreaterThan(1_000);
    expect(first).toBeLessThanOrEqual(2_000);
    expect(second).toBeLessThanOrEqual(first - 40);
  });

  it('tells each listener every record as it ends, until it unsubscribes', async () => {
    const runtime = runtimeFor({ handler: 'behaviours.flaky' });
    const heard: string[] = [];
    const unsubscribe = runtime.onInvocation((record) => heard.push(`${record.attempt}:${record.outcome}`));
    const records = await runtime.invoke({ succeedOn: 2 }, META);
    unsubscribe();
    await runtime.invoke({ succeedOn: 1 }, META);
    expect(heard).toEqual(['1:error', '2:success']);
    expect(records.map((record) => record.outcome)).toEqual(['error', 'success']);
  });
});

describe('the execution environment', () => {
  it('sets the function environment, Lambda reserved variables and the emulator access, and none of the host AWS settings', async () => {
    process.env.AWS_PROFILE = 'production';
    try {
      const runtime = runtimeFor(
        { handler: 'behaviours.environment', environment: { TABLE_NAME: 'orders-test', AWS_ENDPOINT_URL: 'https://aws.example' } },
        { credentials: { accessKeyId: 'local-key', secretAccessKey: 'local-secret', sessionToken: 'local-token' } },
      );
      const [record] = await runtime.invoke({}, META);
      const { env, context } = record?.result as { env: Record<string, string>; context: Record<string, unknown> };
      const logStreamName = env.AWS_LAMBDA_LOG_STREAM_NAME;
      expect(logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
      const expected: Record<string, string> = {
        TABLE_NAME: 'orders-test',
        AWS_LAMBDA_FUNCTION_NAME: 'orders-ConfirmOrder-1A2B3C',
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
        AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/orders-ConfirmOrder-1A2B3C',
        AWS_LAMBDA_LOG_STREAM_NAME: logStreamName ?? '',
        AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
        AWS_REGION: 'eu-west-1',
        AWS_DEFAULT_REGION: 'eu-west-1',
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
        LAMBDA_TASK_ROOT: HANDLERS,
        _HANDLER: 'behaviours.environment',
        TZ: ':UTC',
        AWS_ACCESS_KEY_ID: 'local-key',
        AWS_SECRET_ACCESS_KEY: 'local-secret',
        AWS_SESSION_TOKEN: 'local-token',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ?? 'true',
      };
      for (const kept of ['PATH', 'TMPDIR', 'TMP', 'TEMP']) if (process.env[kept] !== undefined) expected[kept] = process.env[kept];
      expect(env).toEqual(expected);
      expect(context).toEqual({
        functionName: 'orders-ConfirmOrder-1A2B3C',
        functionVersion: '$LATEST',
        invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-ConfirmOrder-1A2B3C',
        memoryLimitInMB: '256',
        awsRequestId: record?.requestId,
        logGroupName: '/aws/lambda/orders-ConfirmOrder-1A2B3C',
        logStreamName,
        callbackWaitsForEmptyEventLoop: true,
        remaining: 'number',
      });
    } finally {
      delete process.env.AWS_PROFILE;
    }
  });

  it("isolates two functions' environments and module state", async () => {
    const placed = runtimeFor({
      logicalId: 'Placed',
      functionName: 'placed',
      handler: 'behaviours.environment',
      environment: { STAGE: 'a' },
    });
    const paid = runtimeFor({ logicalId: 'Paid', functionName: 'paid', handler: 'behaviours.environment', environment: { QUEUE: 'b' } });
    const counterA = runtimeFor({ logicalId: 'CounterA', handler: 'behaviours.counter' });
    const counterB = runtimeFor({ logicalId: 'CounterB', handler: 'behaviours.counter' });
    const [placedRecord] = await placed.invoke({}, META);
    const [paidRecord] = await paid.invoke({}, META);
    const placedEnv = (placedRecord?.result as { env: Record<string, string> }).env;
    const paidEnv = (paidRecord?.result as { env: Record<string, string> }).env;
    expect([placedEnv.STAGE, placedEnv.QUEUE, placedEnv.AWS_LAMBDA_FUNCTION_NAME]).toEqual(['a', undefined, 'placed']);
    expect([paidEnv.STAGE, paidEnv.QUEUE, paidEnv.AWS_LAMBDA_FUNCTION_NAME]).toEqual([undefined, 'b', 'paid']);
    // The host's environment is untouched.
    expect(process.env.STAGE).toBeUndefined();
    await counterA.invoke({}, META);
    await counterA.invoke({}, META);
    expect((await counterB.invoke({}, META))[0]?.result).toEqual({ invocations: 1 });
  });

  it('runs concurrent invocations of one function one at a time, in call order', async () => {
    const runtime = runtimeFor({ handler: 'behaviours.counter' });
    const all = await Promise.all(['e1', 'e2', 'e3'].map((eventId) => runtime.invoke({}, { ...META, eventId })));
    expect(all.map((records) => [records[0]?.eventId, records[0]?.result])).toEqual([
      ['e1', { invocations: 1 }],
      ['e2', { invocations: 2 }],
      ['e3', { invocations: 3 }],
    ]);
  });
});

describe('a failing invocation', () => {
  it('retries twice by default with the same request id, then gives up', async () => {
    const runtime = runtimeFor({ handler: 'behaviours.rejects' });
    const records = await runtime.invoke({}, META);
    const error = { name: 'PaymentDeclinedError', message: 'card 4242 declined' };
    expect(
      records.map((record) => ({ ...withoutTimes(record), error: { name: record.error?.name, message: record.error?.message } })),
    ).toEqual([
      { ...COMMON, attempt: 1, attempts: 3, outcome: 'error', error },
      { ...COMMON, attempt: 2, attempts: 3, outcome: 'error', error },
      { ...COMMON, attempt: 3, attempts: 3, outcome: 'error', error },
    ]);
    expect(new Set(records.map((record) => record.requestId)).size).toBe(1);
    expect(records[0]?.error?.stack).toContain(
      `PaymentDeclinedError: card 4242 declined\n    at exports.rejects (${path.join(HANDLERS, 'behaviours.js')}:`,
    );
  });

  it('waits the retry delays between attempts', async () => {
    const runtime = runtimeFor({ handler: 'behaviours.throws' }, { retryDelaysMs: [150, 250] });
    const records = await runtime.invoke({}, META);
    const [first, second, third] = records.map((record) => record.startedAt);
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(150);
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(250);
    expect(DEFAULT_RETRY_DELAYS_MS).toEqual([200, 400]);
  });

  it('stops at the first success, with the invoke config retries', async () => {
    const runtime = runtimeFor({ handler: 'behaviours.flaky', maximumRetryAttempts: 5 });
    const records = await runtime.invoke({ succeedOn: 3 }, META);
    expect(records.map((record) => [record.attempt, record.attempts, record.outcome, record.error?.message ?? record.result])).toEqual([
      [1, 6, 'error', 'declined on call 1'],
      [2, 6, 'error', 'declined on call 2'],
      [3, 6, 'success', { succeededOnCall: 3 }],
    ]);
  });

  it('makes one attempt when maximumRetryAttempts is 0', async () => {
    const runtime = runtimeFor({ handler: 'behaviours.throws', maximumRetryAttempts: 0 });
    const records = await runtime.invoke({}, META);
    expect(records.map(withoutTimes)).toEqual([
      {
        ...COMMON,
        attempt: 1,
        attempts: 1,
        outcome: 'error',
        error: {
          name: 'TypeError',
          message: "Cannot read properties of undefined (reading 'orderId')",
          stack: expect.stringContaining("TypeError: Cannot read properties of undefined (reading 'orderId')\n    at exports.throws"),
        },
      },
    ]);
  });

  it('makes no retry once the event is older than maximumEventAgeSeconds', async () => {
    const runtime = runtimeFor({ handler: 'behaviours.throws', maximumEventAgeSeconds: 0.05 }, { retryDelaysMs: [100] });
    const records = await runtime.invoke({}, META);
    expect(records.map((record) => record.attempt)).toEqual([1]);
  });

  it.each([
    ['callbackError', 'RangeError', 'out of range'],
    ['callbackString', 'string', 'plain failure'],
    ['throwsLater', 'SyntaxError', 'thrown from a timer'],
    ['unhandledRejection', 'Runtime.UnhandledPromiseRejection', 'URIError: nobody awaited me'],
    ['exits', 'Runtime.ExitError', 'Runtime exited with error: exit status 3'],
  ])('records %s as an error of the attempt, and the host lives on', async (handler, name, message) => {
    const runtime = runtimeFor({ handler: `behaviours.${handler}`, maximumRetryAttempts: 1 });
    const records = await runtime.invoke({}, META);
    expect(records.map((record) => [record.attempt, record.outcome, record.error?.name, record.error?.message])).toEqual([
      [1, 'error', name, message],
      [2, 'error', name, message],
    ]);
  });

  it('fails the next invocation with an error thrown while idle, as a thawed Lambda environment does, then starts cold', async () => {
    const warnings = logCollector();
    const runtime = runtimeFor({ handler: 'behaviours.throwsAfterReturning', maximumRetryAttempts: 0 }, { warn: warnings.logger });
    const first = await runtime.invoke({}, { ...META, eventId: 'e1' });
    expect(first[0]?.result).toEqual({ invocations: 1 });
    // The timer it left throws 5 ms later, while the environment is idle: a warning says so at once.
    expect(await warnings.line(/threw/)).toBe(
      'ConfirmOrder (Resources.ConfirmOrder) threw EvalError: left behind by the last invocation after its invocation ended (from a timer or a promise it left running); ' +
        "Lambda fails the function's next invocation with it, and so does local mode. Await that work before the handler returns.",
    );
    const second = await runtime.invoke({}, { ...META, eventId: 'e2' });
    expect(second.map((record) => [record.eventId, record.outcome, record.error?.name, record.error?.message])).toEqual([
      ['e2', 'error', 'EvalError', 'left behind by the last invocation'],
    ]);
    const third = await runtime.invoke({}, { ...META, eventId: 'e3' });
    expect(third[0]?.result).toEqual({ invocations: 1 });
  });

  it('records an init error on every attempt', async () => {
    const runtime = runtimeFor({ handler: 'initThrows.handler', maximumRetryAttempts: 1 });
    await runtime.prepare();
    const records = await runtime.invoke({}, META);
    expect(records.map((record) => [record.attempt, record.outcome, record.error?.name, record.error?.message])).toEqual([
      [1, 'error', 'ReferenceError', 'TABLE_NAME is not set'],
      [2, 'error', 'ReferenceError', 'TABLE_NAME is not set'],
    ]);
  });
});

describe('a timeout', () => {
  it("ends an attempt with Lambda's message, and the next attempt starts cold", async () => {
    const runtime = runtimeFor({ handler: 'behaviours.sleeps', timeoutSeconds: 0.3, maximumRetryAttempts: 1 });
    const records = await runtime.invoke({}, META);
    expect(records.map(withoutTimes)).toEqual([
      {
        ...COMMON,
        attempt: 1,
        attempts: 2,
        outcome: 'timeout',
        error: { name: 'Sandbox.Timedout', message: 'Task timed out after 0.30 seconds' },
      },
      {
        ...COMMON,
        attempt: 2,
        attempts: 2,
        outcome: 'timeout',
        error: { name: 'Sandbox.Timedout', message: 'Task timed out after 0.30 seconds' },
      },
    ]);
    expect(records[0]?.durationMs).toBeGreaterThanOrEqual(290);
  });

  it('stops a busy loop, and warm state is reset afterwards', async () => {
    const runtime = runtimeFor({ handler: 'behaviours.spins', timeoutSeconds: 0.3, maximumRetryAttempts: 0 });
    const warm = [];
    for (let i = 0; i < 2; i++) warm.push((await runtime.invoke({ spin: false }, META))[0]?.result);
    const spun = await runtime.invoke({ spin: true }, META);
    const cold = await runtime.invoke({ spin: false }, META);
    expect(warm).toEqual([{ invocations: 1 }, { invocations: 2 }]);
    expect(spun.map((record) => [record.outcome, record.error?.message])).toEqual([['timeout', 'Task timed out after 0.30 seconds']]);
    expect(cold[0]?.result).toEqual({ invocations: 1 });
  });
});

describe('bad input', () => {
  it('refuses a runtime other than Node.js at once', () => {
    expect(() => createFunctionRuntime(functionSpec({ runtime: 'python3.12' }), OPTIONS)).toThrow(
      new LocalFunctionError(
        'jest-eventbridge: ConfirmOrder (Resources.ConfirmOrder) uses python3.12: local mode runs Node.js handlers; run that flow against AWS.',
      ),
    );
  });

  it('refuses a handler setting without an export at once', () => {
    expect(() => createFunctionRuntime(functionSpec({ handler: 'index' }), OPTIONS)).toThrow(
      new LocalFunctionError(
        'jest-eventbridge: ConfirmOrder (Resources.ConfirmOrder) has the handler "index", which names no export; write it as <file path without extension>.<export>, for example "src/confirm.handler".',
      ),
    );
  });

  it('lists the paths it tried for a handler file that does not exist', async () => {
    const runtime = runtimeFor({ handler: 'src/missing.handler' });
    const base = path.join(HANDLERS, 'src', 'missing');
    await expect(runtime.prepare()).rejects.toThrow(
      new LocalFunctionError(
        `jest-eventbridge: ConfirmOrder (Resources.ConfirmOrder) has the handler "src/missing.handler", but its file is not in the code folder ${HANDLERS}. Tried:\n` +
          ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'].map((extension) => `  ${base}${extension}\n`).join('') +
          "Fix Handler (<file path in the code folder, without extension>.<export>) or the code folder (SAM's CodeUri, Code, the CDK asset), or build the code first.",
      ),
    );
    await expect(runtime.invoke({}, META)).rejects.toThrow(LocalFunctionError);
  });

  it('names the exports found for an export that does not exist, and the setting for the only one', async () => {
    const runtime = runtimeFor({ handler: 'esm/echo.main' });
    await expect(runtime.prepare()).rejects.toThrow(
      new LocalFunctionError(
        `jest-eventbridge: ConfirmOrder (Resources.ConfirmOrder) has the handler "esm/echo.main", but ${path.join(HANDLERS, 'esm', 'echo.mjs')} has no export "main": it exports handler. ` +
          'Set Handler to "esm/echo.handler", or export "main" from the module.',
      ),
    );
  });

  const BEHAVIOURS_EXPORTS =
    'callback, callbackError, callbackString, counter, echo, environment, exits, flaky, logs, nested, notAFunction, rejects, remainingTime, ' +
    'sleeps, spins, throws, throwsAfterReturning, throwsLater, unhandledRejection';

  it('suggests the export a misspelt one likely means', async () => {
    const runtime = runtimeFor({ handler: 'behaviours.countr' });
    await expect(runtime.prepare()).rejects.toThrow(
      new LocalFunctionError(
        `jest-eventbridge: ConfirmOrder (Resources.ConfirmOrder) has the handler "behaviours.countr", but ${path.join(HANDLERS, 'behaviours.js')} has no export "countr": ` +
          `it exports ${BEHAVIOURS_EXPORTS}. Set Handler to "behaviours.counter", or export "countr" from the module.`,
      ),
    );
  });

  it('suggests no export when none is close', async () => {
    const runtime = runtimeFor({ handler: 'behaviours.processOrderPlacedEvent' });
    await expect(runtime.prepare()).rejects.toThrow(
      new LocalFunctionError(
        `jest-eventbridge: ConfirmOrder (Resources.ConfirmOrder) has the handler "behaviours.processOrderPlacedEvent", but ${path.join(HANDLERS, 'behaviours.js')} ` +
          `has no export "processOrderPlacedEvent": it exports ${BEHAVIOURS_EXPORTS}. Fix the handler setting's export or the module's exports.`,
      ),
    );
  });

  it("gives esbuild's errors for a TypeScript source that does not compile", async () => {
    const code = await mkdtemp(path.join(tmpdir(), 'handler-'));
    try {
      await writeFile(path.join(code, 'broken.ts'), 'export const handler = async () => {\n  return { ok: true ;\n};\n');
      const runtime = runtimeFor({ handler: 'broken.handler', codeDirectory: code });
      const error = await runtime.prepare().catch((rejection: unknown) => rejection);
      expect(error).toBeInstanceOf(LocalFunctionError);
      // Its cause is esbuild's own error, with every message.
      expect((error as Error).message).toBe(
        `jest-eventbridge: ConfirmOrder (Resources.ConfirmOrder): esbuild could not bundle ${path.join(code, 'broken.ts')}:\n` +
          `  ${path.join(code, 'broken.ts')}:2:21: Expected "}" but found ";"\n` +
          'Fix the source, or build the function and point the handler at the JavaScript.',
      );
    } finally {
      await rm(code, { recursive: true, force: true });
    }
  });

  it('refuses a retry delay Node cannot wait for', () => {
    expect(() => createFunctionRuntime(functionSpec(), { ...OPTIONS, retryDelaysMs: [100, -1] })).toThrow(
      new RangeError('jest-eventbridge: retryDelaysMs[1] (-1 ms) is negative; each delay must be from 0 to 2147483647 ms.'),
    );
  });

  it('refuses an export that is not a function', async () => {
    const runtime = runtimeFor({ handler: 'behaviours.notAFunction' });
    await expect(runtime.prepare()).rejects.toThrow(
      new LocalFunctionError(
        `jest-eventbridge: ConfirmOrder (Resources.ConfirmOrder) has the handler "behaviours.notAFunction", but the export "notAFunction" of ${path.join(HANDLERS, 'behaviours.js')} is a string, not a function. Export the handler function under that name.`,
      ),
    );
  });
});

describe('stop', () => {
  it('waits for the running attempt, skips the retries left, removes the bundle and refuses new invocations', async () => {
    const log = logCollector();
    const runtime = runtimeFor({ handler: 'typescript/confirm.handler' }, { log: log.logger });
    await runtime.prepare();
    const bundled = /^ConfirmOrder: bundled (.+) to (.+)$/.exec(await log.line(/bundled/));
    expect(bundled?.[1]).toBe(path.join(HANDLERS, 'typescript', 'confirm.ts'));
    const bundle = bundled?.[2] ?? '';
    expect(path.basename(bundle)).toBe('confirm.cjs');
    expect(existsSync(bundle)).toBe(true);
    const failing = runtime.invoke({ detail: { orderId: 'o-9', total: -1 } }, META);
    await new Promise<void>((resolve) => {
      const unsubscribe = runtime.onInvocation(() => {
        unsubscribe();
        resolve();
      });
    });
    await runtime.stop();
    expect((await failing).map((record) => record.attempt)).toEqual([1]);
    expect(existsSync(path.dirname(bundle))).toBe(false);
    await expect(runtime.invoke({}, META)).rejects.toThrow(
      'jest-eventbridge: ConfirmOrder (Resources.ConfirmOrder) was invoked after its runtime stopped; stop local flows after the last event.',
    );
  });
});

describe("a handler's console", () => {
  it('reaches stdout and stderr line by line, each line after the function it came from', async () => {
    const written: Array<[string, string]> = [];
    const onStdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(['stdout', String(chunk)]);
      return true;
    });
    const onStderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(['stderr', String(chunk)]);
      return true;
    });
    try {
      const runtime = runtimeFor({ handler: 'behaviours.logs' });
      const [record] = await runtime.invoke({ orderId: 'o-7' }, META);
      expect(record?.result).toBe('logged');
      await runtime.stop();
      const prefix = `[${functionSpec().logicalId}] `;
      expect(written.filter(([, text]) => text.startsWith(prefix))).toEqual([
        ['stdout', `${prefix}handling o-7\n`],
        ['stderr', `${prefix}a warning\n`],
      ]);
    } finally {
      onStdout.mockRestore();
      onStderr.mockRestore();
    }
  });
});
