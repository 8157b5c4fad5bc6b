import { LosslessNumber } from 'lossless-json';
import { looksLikeJson, parseJsonTemplate, parseYamlTemplate, TemplateSyntaxError } from '../../../../src/local/template/parseTemplateText';
import { templateJson } from '../../../../src/local/template/templateValue';

function syntaxError(parse: () => unknown): { message: string; line: number; column: number } {
  try {
    parse();
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return { message: error.message, line: error.line, column: error.column };
    throw error;
  }
  throw new Error('parsed without an error');
}

describe('YAML templates: the short-form tags in their long form', () => {
  it.each([
    ['!Ref Stage', { Ref: 'Stage' }],
    ['!Condition IsProd', { Condition: 'IsProd' }],
    ['!GetAtt Queue.Arn', { 'Fn::GetAtt': ['Queue', 'Arn'] }],
    ['!GetAtt Database.Endpoint.Address', { 'Fn::GetAtt': ['Database', 'Endpoint.Address'] }],
    ['!GetAtt [Queue, Arn]', { 'Fn::GetAtt': ['Queue', 'Arn'] }],
    ["!Sub 'orders-${Stage}'", { 'Fn::Sub': 'orders-${Stage}' }],
    ["!Sub ['${A}-x', { A: !Ref B }]", { 'Fn::Sub': ['${A}-x', { A: { Ref: 'B' } }] }],
    ['!Join [",", [a, b]]', { 'Fn::Join': [',', ['a', 'b']] }],
    ['!Select [0, !GetAZs ""]', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
    ['!Split [",", "a,b"]', { 'Fn::Split': [',', 'a,b'] }],
    ['!If [IsProd, 1, !Ref AWS::NoValue]', { 'Fn::If': ['IsProd', 1, { Ref: 'AWS::NoValue' }] }],
    ['!Equals [!Ref Stage, prod]', { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] }],
    ['!Not [!Condition IsProd]', { 'Fn::Not': [{ Condition: 'IsProd' }] }],
    ['!And [!Condition A, !Condition B]', { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Or [!Condition A, !Condition B]', { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!FindInMap [Map, !Ref Stage, Key]', { 'Fn::FindInMap': ['Map', { Ref: 'Stage' }, 'Key'] }],
    ['!Base64 text', { 'Fn::Base64': 'text' }],
    ['!Base64 { "Fn::Sub": "${A}" }', { 'Fn::Base64': { 'Fn::Sub': '${A}' } }],
    ['!Cidr [10.0.0.0/16, 6, 5]', { 'Fn::Cidr': ['10.0.0.0/16', 6, 5] }],
    ['!ImportValue shared-bus', { 'Fn::ImportValue': 'shared-bus' }],
  ])('value: %s', (yaml, expected) => {
    expect(parseYamlTemplate(`value: ${yaml}\n`)).toStrictEqual({ value: expected });
  });

  it('reads block sequences and mappings under a tag', () => {
    const text = ['value: !Sub', "  - '${Name}-queue'", '  - Name: !Ref Stage', ''].join('\n');
    expect(parseYamlTemplate(text)).toStrictEqual({ value: { 'Fn::Sub': ['${Name}-queue', { Name: { Ref: 'Stage' } }] } });
  });

  it('resolves anchors and aliases', () => {
    expect(parseYamlTemplate('a: &pattern { source: [shop] }\nb: *pattern\n')).toStrictEqual({
      a: { source: ['shop'] },
      b: { source: ['shop'] },
    });
  });

  it('keeps a number a double cannot hold as its text, and every other number as a number', () => {
    const value = parseYamlTemplate(
      'big: 12345678901234567890\nlong: 0.12345678901234567891\nsafe: 9007199254740991\nhex: 0x1F\nfloat: 1.5\n',
    );
    expect(value).toStrictEqual({
      big: new LosslessNumber('12345678901234567890'),
      long: new LosslessNumber('0.12345678901234567891'),
      safe: 9007199254740991,
      hex: 31,
      float: 1.5,
    });
    expect(templateJson(value)).toBe(
      '{"big":12345678901234567890,"long":0.12345678901234567891,"safe":9007199254740991,"hex":31,"float":1.5}',
    );
  });

  it('reports a syntax error with its line and column', () => {
    expect(syntaxError(() => parseYamlTemplate('Resources:\n  A: [1\n'))).toStrictEqual({
      message: 'not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 1',
      line: 3,
      column: 1,
    });
  });

  it('refuses a duplicate key, as CloudFormation does', () => {
    expect(syntaxError(() => parseYamlTemplate('a: 1\na: 2\n'))).toStrictEqual({
      message: 'not valid YAML: Map keys must be unique at line 2, column 1',
      line: 2,
      column: 1,
    });
  });

  it('refuses a tag CloudFormation does not know', () => {
    expect(syntaxError(() => parseYamlTemplate('a: 1\nb: !Reff X\n'))).toStrictEqual({
      message: 'not a CloudFormation template: Unresolved tag: !Reff at line 2, column 4',
      line: 2,
      column: 4,
    });
  });
});

describe('JSON templates', () => {
  it('keeps a number a double cannot hold as its text', () => {
    const value = parseJsonTemplate('{"id": [12345678901234567890, 9007199254740993, 42, 0.5]}');
    expect(value).toStrictEqual({ id: [new LosslessNumber('12345678901234567890'), new LosslessNumber('9007199254740993'), 42, 0.5] });
    expect(templateJson(value)).toBe('{"id":[12345678901234567890,9007199254740993,42,0.5]}');
  });

  it.each([
    ['{\n  "a": 1,\n}', 'not valid JSON: property name expected at line 3, column 1', 3, 1],
    ['{\n  "a": tru\n}', 'not valid JSON: unexpected symbol at line 2, column 8', 2, 8],
    ['{"a": 1} x', 'not valid JSON: unexpected symbol at line 1, column 10', 1, 10],
    ['{"a": 1, "a": 2}', "not valid JSON: Duplicate key 'a' at line 1, column 11", 1, 11],
  ])('reports %j with its line and column', (text, message, line, column) => {
    expect(syntaxError(() => parseJsonTemplate(text))).toStrictEqual({ message, line, column });
  });

  it('is chosen for a .json file and for text that opens with {', () => {
    expect(looksLikeJson('stack.template.json', 'Resources: {}')).toBe(true);
    expect(looksLikeJson('template.yaml', '  {"Resources": {}}')).toBe(true);
    expect(looksLikeJson('template.yaml', 'Resources: {}')).toBe(false);
  });
});
