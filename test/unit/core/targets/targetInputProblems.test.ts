import {
  assertValidTargetInput,
  describeTargetInputProblem,
  InvalidTargetInputError,
  targetInputProblems,
  type TargetInputSpec,
} from '../../../../src/core/targets';

const transformer = (inputTemplate: string, inputPathsMap?: Record<string, string>): TargetInputSpec => ({
  inputTransformer: inputPathsMap === undefined ? { inputTemplate } : { inputPathsMap, inputTemplate },
});
const messages = (spec: TargetInputSpec, options = {}): string[] => targetInputProblems(spec, options).map(describeTargetInputProblem);

describe('targetInputProblems', () => {
  it('accepts what PutTargets accepts', () => {
    expect(targetInputProblems({})).toEqual([]);
    expect(targetInputProblems({ input: '{"a":1}' })).toEqual([]);
    expect(targetInputProblems({ inputPath: '$' })).toEqual([]);
    expect(targetInputProblems({ inputPath: '$.detail.items[0].sku' })).toEqual([]);
    expect(targetInputProblems({ inputPath: '$.detail.items[*].sku' })).toEqual([]);
    expect(targetInputProblems(transformer('<a> <aws.events.rule-name> <aws.events.event.json>', { a: '$.detail.order-id/x_y' }))).toEqual(
      [],
    );
  });

  it('refuses more than one input setting', () => {
    expect(messages({ input: '1', inputPath: '$' })).toEqual([
      'Input and InputPath are both set; EventBridge takes at most one of Input, InputPath and InputTransformer: keep the one the target needs.',
    ]);
  });

  it('refuses Input that is not JSON', () => {
    expect(messages({ input: 'refresh' })).toEqual([
      expect.stringMatching(
        /^Input "refresh" is not JSON \(.+\); EventBridge sends Input as JSON text: write it as JSON, e\.g\. "\{\\"action\\":\\"refresh\\"\}" or "\\"text\\""\.$/,
      ),
    ]);
  });

  it.each([
    ['detail', 'does not start with "$"'],
    ['$..id', 'uses recursive descent (".."), which EventBridge does not evaluate'],
    ["$['detail']", 'uses bracket notation for a name; EventBridge needs dot notation ($.detail.name)'],
    ['$.items[?(@.x)]', 'uses a filter or script expression, which EventBridge does not evaluate'],
    ['$.detail id', 'is not in the dot notation EventBridge evaluates ($.detail.name, $.items[0], $.items[*].id)'],
    ['', 'is empty'],
  ])('refuses InputPath %j', (path, reason) => {
    expect(messages({ inputPath: path })).toEqual([
      `InputPath ${JSON.stringify(path)} ${reason}: write a JSONPath such as "$.detail" ("$" is the whole event).`,
    ]);
  });

  it('refuses more than 100 paths', () => {
    const paths = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`v${i}`, `$.detail.f${i}`]));
    expect(messages(transformer('{}', paths))).toEqual([
      'InputTransformer.InputPathsMap has 101 paths; EventBridge allows at most 100: remove the ones InputTemplate does not use, or select a common parent object once.',
    ]);
  });

  it('accepts exactly 100 paths', () => {
    const paths = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`v${i}`, `$.detail.f${i}`]));
    expect(targetInputProblems(transformer('{}', paths))).toEqual([]);
  });

  it.each(['AWSRegion', 'aws.events.rule-name'])('refuses the reserved InputPathsMap key %j', (name) => {
    expect(messages(transformer(`<${name}>`, { [name]: '$.region' }))).toEqual([
      `InputTransformer.InputPathsMap key ${JSON.stringify(name)} is reserved (keys must not start with "AWS" or name a predefined aws.events.* variable): rename it.`,
    ]);
  });

  it('refuses an InputPathsMap value that is not a JSONPath, naming its key', () => {
    expect(messages(transformer('<id>', { id: 'detail.id' }))).toEqual([
      'InputTransformer.InputPathsMap "id": "detail.id" does not start with "$": write a JSONPath such as "$.detail.id".',
    ]);
  });

  it('refuses a placeholder that is neither in InputPathsMap nor predefined, once per name', () => {
    expect(messages(transformer('{"a": <ID>, "b": <ID>}', { id: '$.detail.id' }))).toEqual([
      'InputTransformer.InputTemplate uses <ID>, which is not in InputPathsMap (InputPathsMap defines <id>; predefined: <aws.events.rule-arn>, <aws.events.rule-name>, <aws.events.event.ingestion-time>, <aws.events.event>, <aws.events.event.json>): add "ID" to InputPathsMap or fix the placeholder\'s name.',
    ]);
    expect(messages(transformer('<id>'))).toEqual([
      'InputTransformer.InputTemplate uses <id>, which is not in InputPathsMap (InputPathsMap defines no names; predefined: <aws.events.rule-arn>, <aws.events.rule-name>, <aws.events.event.ingestion-time>, <aws.events.event>, <aws.events.event.json>): add "id" to InputPathsMap or fix the placeholder\'s name.',
    ]);
  });

  it('refuses an empty InputTemplate', () => {
    expect(messages(transformer(''))).toEqual([
      'InputTransformer.InputTemplate is empty: write the text the target receives, e.g. "{\\"id\\": <id>}".',
    ]);
  });

  it('refuses an InputTemplate longer than 8192 characters', () => {
    expect(messages(transformer('x'.repeat(8193)))).toEqual([
      'InputTemplate is 8193 characters long; EventBridge allows at most 8192: shorten it.',
    ]);
  });

  it('refuses input settings on an event bus target', () => {
    expect(messages({ inputPath: '$.detail' }, { targetKind: 'event-bus' })).toEqual([
      'InputPath set on an event bus target; EventBridge forwards the event itself to a bus: remove it, or transform the event in a rule on the destination bus.',
    ]);
    expect(targetInputProblems({}, { targetKind: 'event-bus' })).toEqual([]);
  });
});

describe('assertValidTargetInput', () => {
  it('throws one error listing every problem, with the target named', () => {
    let thrown: unknown;
    try {
      assertValidTargetInput(transformer('<x>', { AWSx: 'nope' }), 'Target "T1" of rule "R"');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidTargetInputError);
    expect((thrown as InvalidTargetInputError).problems.map((problem) => problem.code)).toEqual([
      'reserved-name',
      'path-invalid',
      'unknown-placeholder',
    ]);
    expect((thrown as Error).message).toMatch(
      /^Target "T1" of rule "R" has 3 input problems:\n {2}- InputTransformer\.InputPathsMap key "AWSx" is reserved/,
    );
  });

  it('returns quietly for valid settings', () => {
    expect(() => assertValidTargetInput({ input: '"x"' }, 'Target')).not.toThrow();
  });
});
