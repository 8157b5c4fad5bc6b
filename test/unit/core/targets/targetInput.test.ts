import { targetInput, compileTargetInput, InvalidTargetInputError, type TargetInputSpec } from '../../../../src/core/targets';
import { parseEnvelope, type EventBridgeEvent } from '../../../../src/core/events/envelope';

// The sample event of the EventBridge User Guide's "Amazon EventBridge input transformation" page.
const ec2Event: EventBridgeEvent = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-0123456789', state: 'RUNNING' },
};
const guidePaths = { instance: '$.detail.instance-id', state: '$.detail.state' };
// The API reference's InputTransformer examples name the status "status".
const apiPaths = { instance: '$.detail.instance-id', status: '$.detail.state' };
const context = { ruleArn: 'arn:aws:events:us-east-2:123456789012:rule/example', ruleName: 'example' };

const transform = (inputTemplate: string, inputPathsMap: Record<string, string> = guidePaths, event: EventBridgeEvent = ec2Event): string =>
  targetInput(event, { inputTransformer: { inputPathsMap, inputTemplate } }, context);

describe('targetInput: the EventBridge User Guide input transform examples', () => {
  it.each([
    ['Simple sentence', '"instance <instance> is in <state>"', '"instance i-0123456789 is in RUNNING"'],
    ['Sentence with quotes', '"instance \\"<instance>\\" is in <state>"', '"instance \\"i-0123456789\\" is in RUNNING"'],
    ['Simple list', '["<instance>", "<state>"]', '["i-0123456789", "RUNNING"]'],
    ['List of variables', '[<instance>, <state>]', '["i-0123456789", "RUNNING"]'],
    ['Simple JSON', '{\n  "instance" : <instance>,\n  "state": <state>\n}', '{\n  "instance" : "i-0123456789",\n  "state": "RUNNING"\n}'],
    [
      'JSON with a mix of variables and static information',
      '{\n  "instance" : <instance>,\n  "state": [ 9, <state>, true ],\n  "Transformed" : "Yes"\n}',
      '{\n  "instance" : "i-0123456789",\n  "state": [ 9, "RUNNING", true ],\n  "Transformed" : "Yes"\n}',
    ],
    ['Including reserved variables in a string', '"<aws.events.rule-name> triggered"', '"example triggered"'],
  ])('%s', (_name, template, expected) => {
    expect(transform(template)).toBe(expected);
  });

  it('Including reserved variables in JSON: rule ARN, rule name and the original event without its detail', () => {
    const text = transform(
      '{"instance" : <instance>, "state": <state>, "ruleArn" : <aws.events.rule-arn>, "ruleName" : <aws.events.rule-name>, "originalEvent" : <aws.events.event>}',
    );
    const { detail: _detail, ...envelope } = ec2Event;
    expect(JSON.parse(text)).toEqual({
      instance: 'i-0123456789',
      state: 'RUNNING',
      ruleArn: 'arn:aws:events:us-east-2:123456789012:rule/example',
      ruleName: 'example',
      originalEvent: envelope,
    });
  });
});

describe('targetInput: the EventBridge API reference InputTransformer examples', () => {
  it('a plain-text template gets string values as they are', () => {
    expect(transform('<instance> is in state <status>', apiPaths)).toBe('i-0123456789 is in state RUNNING');
  });

  it('quote marks in a plain-text template stay around the value', () => {
    expect(transform('<instance> is in state "<status>"', apiPaths)).toBe('i-0123456789 is in state "RUNNING"');
  });

  it('a JSON template with variables in quotes and out', () => {
    expect(transform('{"myInstance": <instance>,"myStatus": "<instance> is in state \\"<status>\\""}', apiPaths)).toBe(
      '{"myInstance": "i-0123456789","myStatus": "i-0123456789 is in state \\"RUNNING\\""}',
    );
  });
});

describe('targetInput: Input, InputPath and no setting', () => {
  it('sends the whole event as JSON when the target has no input setting', () => {
    expect(JSON.parse(targetInput(ec2Event, {}, context))).toEqual(ec2Event);
  });

  it('sends Input exactly as written', () => {
    expect(targetInput(ec2Event, { input: '{ "action" : "refresh" }' }, context)).toBe('{ "action" : "refresh" }');
  });

  it('sends the JSON of what InputPath selects', () => {
    expect(targetInput(ec2Event, { inputPath: '$.detail' }, context)).toBe('{"instance-id":"i-0123456789","state":"RUNNING"}');
    expect(targetInput(ec2Event, { inputPath: '$.detail.state' }, context)).toBe('"RUNNING"');
    expect(targetInput(ec2Event, { inputPath: '$.resources[0]' }, context)).toBe(
      '"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"',
    );
  });

  it('InputPath "$" is the whole event', () => {
    expect(targetInput(ec2Event, { inputPath: '$' }, context)).toBe(JSON.stringify(ec2Event));
  });

  it('InputPath that selects nothing sends null', () => {
    expect(targetInput(ec2Event, { inputPath: '$.detail.missing' }, context)).toBe('null');
  });
});

describe('targetInput: how a value is written where its placeholder stands', () => {
  const event: EventBridgeEvent = {
    ...ec2Event,
    detail: { order: { ID: 1, lines: ['a', 'b'] }, count: 3, paid: true, none: null, items: [{ sku: 'x' }, { sku: 'y' }] },
  };
  const paths = {
    order: '$.detail.order',
    count: '$.detail.count',
    paid: '$.detail.paid',
    none: '$.detail.none',
    missing: '$.detail.missing',
    skus: '$.detail.items[*].sku',
  };

  it('writes objects, numbers, booleans and null as JSON in a value position', () => {
    expect(transform('{"o": <order>, "c": <count>, "p": <paid>, "n": <none>}', paths, event)).toBe(
      '{"o": {"ID":1,"lines":["a","b"]}, "c": 3, "p": true, "n": null}',
    );
  });

  it('removes the quotes of an object or array referenced inside a string, so the string stays one', () => {
    expect(transform('"Order is <order>"', paths, event)).toBe('"Order is {ID:1,lines:[a,b]}"');
  });

  it('writes numbers and booleans inside a string as their JSON text', () => {
    expect(transform('"<count> items, paid: <paid>"', paths, event)).toBe('"3 items, paid: true"');
  });

  it('a path that finds nothing gives null in a value position and nothing inside a string or plain text', () => {
    expect(transform('{"m": <missing>, "s": "[<missing>]"}', paths, event)).toBe('{"m": null, "s": "[]"}');
    expect(transform('missing: [<missing>]', paths, event)).toBe('missing: []');
  });

  it('a wildcard path gives the array of every value it finds', () => {
    expect(transform('{"skus": <skus>}', paths, event)).toBe('{"skus": ["x","y"]}');
  });

  it('writes a string inside a JSON string without escaping it, as EventBridge does', () => {
    const quoted: EventBridgeEvent = { ...ec2Event, detail: { note: 'say "hi"' } };
    expect(transform('{"n": "<note>", "v": <note>}', { note: '$.detail.note' }, quoted)).toBe('{"n": "say "hi"", "v": "say \\"hi\\""}');
  });

  it('ingestion time is the one given, else the event time', () => {
    const spec: TargetInputSpec = { inputTransformer: { inputTemplate: '{"at": <aws.events.event.ingestion-time>}' } };
    expect(targetInput(ec2Event, spec, context)).toBe('{"at": "2015-11-11T21:29:54Z"}');
    expect(targetInput(ec2Event, spec, { ...context, ingestionTime: '2015-11-11T21:29:55Z' })).toBe('{"at": "2015-11-11T21:29:55Z"}');
  });

  it('<aws.events.event.json> is the whole event', () => {
    const text = transform('{"event": <aws.events.event.json>}', {});
    expect(JSON.parse(text)).toEqual({ event: ec2Event });
  });

  it("finds no `length` member in an array or a string (jsonpath-plus would read JavaScript's)", () => {
    expect(targetInput(event, { inputPath: '$.detail.order.lines.length' }, context)).toBe('null');
    expect(transform('"<n>"', { n: '$.source.length' }, event)).toBe('""');
    const withLength: EventBridgeEvent = { ...ec2Event, detail: { length: 7 } };
    expect(targetInput(withLength, { inputPath: '$.detail.length' }, context)).toBe('7');
  });

  it('a repeated placeholder is filled each time', () => {
    expect(transform('<state>/<state>', guidePaths)).toBe('RUNNING/RUNNING');
  });
});

describe('targetInput: integers beyond 2^53 keep every digit', () => {
  const parsed = parseEnvelope(
    '{"version":"0","id":"1","detail-type":"Order Placed","source":"shop","time":"2026-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":{"orderId":12345678901234567890,"ids":[9007199254740993]}}',
  );
  if (!parsed.ok) throw new Error(parsed.reason);
  const event = parsed.event;

  it('in the whole event', () => {
    expect(targetInput(event, {}, context)).toContain('"orderId":12345678901234567890,"ids":[9007199254740993]');
  });

  it('through InputPath', () => {
    expect(targetInput(event, { inputPath: '$.detail.orderId' }, context)).toBe('12345678901234567890');
    expect(targetInput(event, { inputPath: '$.detail' }, context)).toBe('{"orderId":12345678901234567890,"ids":[9007199254740993]}');
  });

  it('through an input transformer, in a value position and inside a string', () => {
    expect(transform('{"id": <id>, "text": "order <id>", "ids": <ids>}', { id: '$.detail.orderId', ids: '$.detail.ids' }, event)).toBe(
      '{"id": 12345678901234567890, "text": "order 12345678901234567890", "ids": [9007199254740993]}',
    );
  });
});

describe('compileTargetInput', () => {
  it('refuses invalid settings up front with InvalidTargetInputError naming the target', () => {
    expect(() => compileTargetInput({ inputPath: 'detail' }, 'Target "Confirm" of rule "OrderPlaced"')).toThrow(
      new InvalidTargetInputError(
        'Target "Confirm" of rule "OrderPlaced": InputPath "detail" does not start with "$": write a JSONPath such as "$.detail" ("$" is the whole event).',
        [],
      ),
    );
  });

  it('gives the same text as targetInput, per event', () => {
    const compiled = compileTargetInput({ inputTransformer: { inputPathsMap: guidePaths, inputTemplate: '<instance>:<state>' } });
    expect(compiled(ec2Event, context)).toBe('i-0123456789:RUNNING');
    expect(compiled({ ...ec2Event, detail: { 'instance-id': 'i-2', state: 'STOPPED' } }, context)).toBe('i-2:STOPPED');
  });
});
