import { validateOptions } from '../../../../src/session/options/validateOptions';
import { validateJestOptions, type JestValidationContext } from '../../../../src/runners/jest/jestOptions';

// Through the Jest runner's validation: it adds testTimeout's bound to validateOptions' checks.
const message = (raw: unknown, context: JestValidationContext = {}) => {
  try {
    validateJestOptions(raw, context);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected validateOptions to throw');
};

describe('validateOptions', () => {
  it('applies the defaults', () => {
    expect(validateOptions({ eventBusName: 'orders' })).toEqual({
      eventBusName: 'orders',
      emulator: false,
      timeout: 10000,
      resourcePrefix: 'jeb-',
      keep: false,
      captureScope: 'worker',
      captureScopeGiven: false,
      readinessTimeout: 30000,
      maxStoredEvents: 100000,
      maxAttempts: 5,
      retryMode: 'standard',
      sweep: false,
      sweepOlderThanMs: 3600000,
    });
  });

  it('takes captureScope, and remembers that it was given', () => {
    expect(validateOptions({ eventBusName: 'orders', captureScope: 'file' })).toMatchObject({
      captureScope: 'file',
      captureScopeGiven: true,
    });
    expect(validateOptions({ eventBusName: 'orders', captureScope: 'worker' })).toMatchObject({
      captureScope: 'worker',
      captureScopeGiven: true,
    });
  });

  it('resolves sweep and its threshold', () => {
    expect(validateOptions({ eventBusName: 'orders', sweep: true, sweepOlderThan: '30m' })).toMatchObject({
      sweep: true,
      sweepOlderThanMs: 1800000,
    });
    expect(validateOptions({ eventBusName: 'orders', sweepOlderThan: '0s' }).sweepOlderThanMs).toBe(0);
  });

  it('keeps the default timeout below a short Jest testTimeout', () => {
    expect(validateJestOptions({ eventBusName: 'orders' }, { testTimeout: 5000 }).timeout).toBe(4000);
  });

  it('reads account, region and name from a bus ARN', () => {
    expect(validateOptions({ eventBusName: 'arn:aws:events:eu-west-1:111122223333:event-bus/orders' })).toMatchObject({
      eventBusName: 'orders',
      region: 'eu-west-1',
      eventBusArn: { partition: 'aws', region: 'eu-west-1', account: '111122223333', name: 'orders' },
    });
  });

  it('resolves the correlation path into segments', () => {
    expect(validateOptions({ eventBusName: 'orders', correlation: { path: 'detail.metadata.correlationId' } }).correlation).toEqual({
      path: 'detail.metadata.correlationId',
      segments: ['detail', 'metadata', 'correlationId'],
    });
  });

  it.each([
    [
      undefined,
      "jest-eventbridge: testEnvironmentOptions.eventBridge is missing. Add it to your Jest config, for example testEnvironmentOptions: { eventBridge: { eventBusName: 'my-bus' } }.",
    ],
    ['orders', 'jest-eventbridge: testEnvironmentOptions.eventBridge must be an object like { eventBusName: \'my-bus\' }, got "orders".'],
    [
      {},
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.eventBusName" is required: the name or ARN of the bus your service uses, e.g. testEnvironmentOptions: { eventBridge: { eventBusName: \'my-bus\' } }.',
    ],
    [
      { eventBusName: 42 },
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.eventBusName" must be a string (a bus name or ARN), got 42.',
    ],
    [
      { eventBusName: 'my bus' },
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.eventBusName" "my bus" is not a valid bus name (letters, digits, . - _ /, at most 256) or event-bus ARN.',
    ],
    [
      { eventBusName: 'orders', timout: 5 },
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.timout" is not an option: did you mean "timeout"?',
    ],
    [
      { eventBusName: 'orders', colour: 'red' },
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.colour" is not an option. Known options: eventBusName, region, endpoint, emulator, capturePattern, mirrorRule, timeout, correlation, resourcePrefix, keep, captureScope, readinessTimeout, maxStoredEvents, maxAttempts, retryMode, sweep, sweepOlderThan, local.',
    ],
    [
      { eventBusName: 'orders', region: 'Frankfurt' },
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.region" must be an AWS region such as "us-east-1", got "Frankfurt".',
    ],
    [
      { eventBusName: 'orders', endpoint: 'localhost:4566' },
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.endpoint" must be an http(s) URL such as "http://127.0.0.1:4566", got "localhost:4566".',
    ],
    [
      { eventBusName: 'orders', timeout: '10s' },
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.timeout" must be a positive number of milliseconds (e.g. 10000), got "10s".',
    ],
    [
      { eventBusName: 'orders', timeout: -1 },
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.timeout" must be a positive number of milliseconds (e.g. 10000), got -1.',
    ],
    [
      { eventBusName: 'orders', capturePattern: [] },
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.capturePattern" must be an EventBridge event pattern object, got an array.',
    ],
    [
      { eventBusName: 'orders', correlation: { path: 'metadata.id' } },
      "jest-eventbridge: invalid options. \"testEnvironmentOptions.eventBridge.correlation\" must be { path: 'detail.<field>' }, a dotted path inside the event's detail such as 'detail.metadata.correlationId', got \"metadata.id\".",
    ],
    [
      { eventBusName: 'orders', correlation: 'detail.id' },
      "jest-eventbridge: invalid options. \"testEnvironmentOptions.eventBridge.correlation\" must be { path: 'detail.<field>' }, a dotted path inside the event's detail such as 'detail.metadata.correlationId', got \"detail.id\".",
    ],
    [
      { eventBusName: 'orders', resourcePrefix: 'team/payments' },
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.resourcePrefix" must be 1 to 20 letters, digits, "-" or "_" (queue and rule names allow no more), got "team/payments".',
    ],
    [
      { eventBusName: 'orders', keep: 'yes' },
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.keep" must be true or false, got "yes".',
    ],
    [
      { eventBusName: 'orders', maxStoredEvents: 0 },
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.maxStoredEvents" must be a positive whole number, got 0.',
    ],
    [
      { eventBusName: 'orders', maxAttempts: 50 },
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.maxAttempts" must be a whole number from 1 to 20, got 50.',
    ],
    [
      { eventBusName: 'orders', retryMode: 'legacy' },
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.retryMode" must be "standard" or "adaptive", got "legacy".',
    ],
    [
      { eventBusName: 'orders', sweep: 'yes' },
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.sweep" must be true or false, got "yes".',
    ],
    [
      { eventBusName: 'orders', swep: true },
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.swep" is not an option: did you mean "sweep"?',
    ],
    [
      { eventBusName: 'orders', sweepOlderThan: '1 hour' },
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.sweepOlderThan" must be a duration: a whole number and a unit, such as 0s, 30m, 2h or 1d, got "1 hour".',
    ],
    [
      { eventBusName: 'orders', sweepOlderThan: 3600 },
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.sweepOlderThan" must be a duration: a whole number and a unit, such as 0s, 30m, 2h or 1d, got 3600.',
    ],
  ])('rejects %j', (raw, expected) => {
    expect(message(raw)).toBe(expected);
  });

  it('rejects a timeout that Jest would cut off', () => {
    expect(message({ eventBusName: 'orders', timeout: 10000 }, { testTimeout: 5000 })).toBe(
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.timeout" (10000 ms) is not below Jest\'s testTimeout (5000 ms): Jest would stop the test before a matcher could report what arrived. Raise testTimeout (the jest-eventbridge preset sets 30000) or lower the timeout.',
    );
  });

  it('reports every problem at once', () => {
    expect(message({ timeout: 0, keep: 1, sweep: 1, sweepOlderThan: '2 h' })).toBe(
      [
        'jest-eventbridge: invalid options.',
        '  - "testEnvironmentOptions.eventBridge.eventBusName" is required: the name or ARN of the bus your service uses, e.g. testEnvironmentOptions: { eventBridge: { eventBusName: \'my-bus\' } }.',
        '  - "testEnvironmentOptions.eventBridge.timeout" must be a positive number of milliseconds (e.g. 10000), got 0.',
        '  - "testEnvironmentOptions.eventBridge.keep" must be true or false, got 1.',
        '  - "testEnvironmentOptions.eventBridge.sweep" must be true or false, got 1.',
        '  - "testEnvironmentOptions.eventBridge.sweepOlderThan" must be a duration: a whole number and a unit, such as 0s, 30m, 2h or 1d, got "2 h".',
      ].join('\n'),
    );
  });

  it('validates capturePattern with the pattern language', () => {
    expect(message({ eventBusName: 'orders', capturePattern: { source: 'shop' } })).toMatch(
      /^jest-eventbridge: invalid options\. "testEnvironmentOptions\.eventBridge\.capturePattern": Event pattern is not valid\. Reason: /,
    );
  });
});

describe('validateOptions: mirrorRule', () => {
  const P = 'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge';

  it('resolves a rule name, or a name and a target id', () => {
    expect(validateOptions({ eventBusName: 'orders', mirrorRule: 'order-audit' }).mirrorRule).toEqual({ name: 'order-audit' });
    expect(validateOptions({ eventBusName: 'orders', mirrorRule: { name: 'order-audit', target: 'AuditQueue' } }).mirrorRule).toEqual({
      name: 'order-audit',
      target: 'AuditQueue',
    });
    expect(validateOptions({ eventBusName: 'orders', mirrorRule: { name: 'order-audit' } }).mirrorRule).toEqual({ name: 'order-audit' });
  });

  it('refuses what is not a rule name or { name, target }, naming the value', () => {
    expect(message({ eventBusName: 'orders', mirrorRule: 7 })).toBe(
      `${P}.mirrorRule" must be a rule name or { name, target }, such as mirrorRule: 'order-service-audit' or \`mirrorRule: { name: 'order-service-audit', target: 'AuditQueue' }\`, got 7.`,
    );
    expect(message({ eventBusName: 'orders', mirrorRule: '' })).toBe(
      `${P}.mirrorRule" must be the name of a rule on the bus: 1 to 64 letters, digits, ".", "-" or "_" (with \`local\`, its logical id in the template works too), got "".`,
    );
    expect(message({ eventBusName: 'orders', mirrorRule: { name: 'a b', target: '' } })).toBe(
      [
        'jest-eventbridge: invalid options.',
        `  - "testEnvironmentOptions.eventBridge.mirrorRule.name" must be the name of a rule on the bus: 1 to 64 letters, digits, ".", "-" or "_" (with \`local\`, its logical id in the template works too), got "a b".`,
        `  - "testEnvironmentOptions.eventBridge.mirrorRule.target" must be the Id of one of the rule's targets: 1 to 64 letters, digits, ".", "-" or "_", got "".`,
      ].join('\n'),
    );
  });

  it('takes a logical id of up to 255 characters with `local`, and 64 for a rule on the bus', () => {
    const local = { template: './template.yaml' };
    const long = `Audit${'X'.repeat(250)}`;
    expect(validateOptions({ eventBusName: 'orders', emulator: true, local, mirrorRule: long }).mirrorRule).toEqual({ name: long });
    expect(message({ eventBusName: 'orders', emulator: true, local, mirrorRule: `${long}X` })).toBe(
      `${P}.mirrorRule" must be the name or logical id of a rule of the template: 1 to 255 letters, digits, ".", "-" or "_", got "${long}X".`,
    );
    expect(message({ eventBusName: 'orders', mirrorRule: 'A'.repeat(65) })).toBe(
      `${P}.mirrorRule" must be the name of a rule on the bus: 1 to 64 letters, digits, ".", "-" or "_" (with \`local\`, its logical id in the template works too), got "${'A'.repeat(65)}".`,
    );
  });

  it('names an unknown key of mirrorRule with a did-you-mean', () => {
    expect(message({ eventBusName: 'orders', mirrorRule: { name: 'order-audit', targetId: 'AuditQueue' } })).toBe(
      `${P}.mirrorRule.targetId" is not an option of mirrorRule: did you mean "target"?`,
    );
    expect(message({ eventBusName: 'orders', mirrorRule: { name: 'order-audit', colour: 'red' } })).toBe(
      `${P}.mirrorRule.colour" is not an option of mirrorRule: it takes name and target.`,
    );
  });

  it('refuses mirrorRule with capturePattern, saying which to drop', () => {
    expect(message({ eventBusName: 'orders', mirrorRule: 'order-audit', capturePattern: { source: ['shop'] } })).toBe(
      `${P}.mirrorRule" and "testEnvironmentOptions.eventBridge.capturePattern" cannot both be set: a mirrored capture copies the rule's pattern. Remove "capturePattern" to mirror the rule, or "mirrorRule" to capture by your own pattern.`,
    );
  });
});

describe('validateOptions: the rules it shares', () => {
  it('takes a resourcePrefix of up to 20 characters, the room names leave (resourcePrefixProblem)', () => {
    expect(validateOptions({ eventBusName: 'orders', resourcePrefix: 'p'.repeat(20) }).resourcePrefix).toBe('p'.repeat(20));
    expect(message({ eventBusName: 'orders', resourcePrefix: 'p'.repeat(21) })).toBe(
      `jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.resourcePrefix" must be 1 to 20 letters, digits, "-" or "_" (queue and rule names allow no more), got "${'p'.repeat(21)}".`,
    );
    expect(message({ eventBusName: 'orders', resourcePrefix: 5 })).toBe(
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.resourcePrefix" must be 1 to 20 letters, digits, "-" or "_" (queue and rule names allow no more), got 5.',
    );
  });

  it('shows a function as "a function", not its source text (describeValue)', () => {
    expect(message({ eventBusName: 'orders', keep: () => 'source text' })).toBe(
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.keep" must be true or false, got a function.',
    );
  });

  it('takes a bus ARN of a known region and refuses one of an unknown region (isEventBusNameOrArn)', () => {
    expect(validateOptions({ eventBusName: 'arn:aws:events:eu-west-1:111122223333:event-bus/orders' }).eventBusName).toBe('orders');
    expect(message({ eventBusName: 'arn:aws:events:xx-nowhere-1:111122223333:event-bus/orders' })).toBe(
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.eventBusName" "arn:aws:events:xx-nowhere-1:111122223333:event-bus/orders" is not a valid bus name (letters, digits, . - _ /, at most 256) or event-bus ARN.',
    );
  });
});

describe('validateOptions: local', () => {
  it('takes the template and passes parameter values on as text', () => {
    expect(
      validateOptions({
        eventBusName: 'orders',
        emulator: true,
        local: { template: './template.yaml', parameters: { Stage: 'test', Retries: 3, Debug: false } },
      }).local,
    ).toEqual({ template: './template.yaml', parameters: { Stage: 'test', Retries: '3', Debug: 'false' } });
    expect(validateOptions({ eventBusName: 'orders', endpoint: 'http://127.0.0.1:4566', local: { template: 't.json' } }).local).toEqual({
      template: 't.json',
      parameters: {},
    });
  });

  it('is off without the option', () => {
    expect(validateOptions({ eventBusName: 'orders' }).local).toBeUndefined();
  });

  it('needs an emulator, and says how to test the deployed stack instead', () => {
    expect(message({ eventBusName: 'orders', local: { template: './template.yaml' } })).toBe(
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.local" runs the service\'s resources and handlers on an emulator: add `emulator: true` (or the `endpoint` of one). To test the deployed stack instead, leave `local` out.',
    );
  });

  it('names each bad part of local', () => {
    expect(message({ eventBusName: 'orders', emulator: true, local: './template.yaml' })).toBe(
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.local" must be an object like local: { template: \'./template.yaml\', parameters: { Stage: \'test\' } }, got "./template.yaml".',
    );
    expect(message({ eventBusName: 'orders', emulator: true, local: { template: 't.yaml', maxChainDepth: 0 } })).toBe(
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.local.maxChainDepth" must be a whole number of hops, at least 1 (default 25), got 0.',
    );
    expect(validateOptions({ eventBusName: 'orders', emulator: true, local: { template: 't.yaml', maxChainDepth: 5 } }).local).toEqual({
      template: 't.yaml',
      parameters: {},
      maxChainDepth: 5,
    });
    expect(message({ eventBusName: 'orders', emulator: true, local: { templat: 'x.yaml', parameters: { Stage: null } } })).toBe(
      [
        'jest-eventbridge: invalid options.',
        '  - "testEnvironmentOptions.eventBridge.local.templat" is not an option of local: did you mean "template"?',
        '  - "testEnvironmentOptions.eventBridge.local.template" must be the path of the stack\'s template (CloudFormation or SAM, YAML or JSON, or cdk.out/<Stack>.template.json), got undefined.',
        '  - "testEnvironmentOptions.eventBridge.local.parameters.Stage" must be a string, number or boolean (CloudFormation passes parameters as text), got null.',
      ].join('\n'),
    );
  });
});
