/**
 * A template's text as plain values: JSON, or YAML with CloudFormation's short-form tags
 * (`!Ref X`, `!GetAtt A.B`, `!Sub …`) turned into their long form (`{ Ref: X }`,
 * `{ 'Fn::GetAtt': [A, B] }`, `{ 'Fn::Sub': … }`), numbers kept exact (see templateValue.ts).
 *
 * YAML is eemeli's `yaml`: the short forms are registered as custom tags (so they parse without
 * warnings) and the document's nodes are then read here, because a scalar node keeps its source
 * text (`Scalar.source`), which is what an exact number needs. JSON is read by lossless-json
 * (it hands each number's text to us); jsonc-parser finds a syntax error's offset first, since
 * JSON.parse's message has no line and column on Node 20.
 */
import { printParseErrorCode, parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { isSafeNumber, LosslessNumber, parse as parseLossless } from 'lossless-json';
import {
  isAlias,
  isMap,
  isScalar,
  isNode,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type ScalarTag,
  type CollectionTag,
} from 'yaml';
import { exactNumber, type TemplateValue } from './templateValue';

/** A syntax error of the template's text, at a 1-based line and column. */
export class TemplateSyntaxError extends Error {
  constructor(
    readonly problem: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${problem} at line ${line}, column ${column}`);
  }
}

/** The short forms CloudFormation's YAML accepts, and the long form each stands for. */
export const SHORT_FORMS: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!GetAtt': 'Fn::GetAtt',
  '!Sub': 'Fn::Sub',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!If': 'Fn::If',
  '!Equals': 'Fn::Equals',
  '!Not': 'Fn::Not',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!FindInMap': 'Fn::FindInMap',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!ImportValue': 'Fn::ImportValue',
  '!GetAZs': 'Fn::GetAZs',
};

/**
 * Each short form on a scalar, a sequence and a mapping. The nodes are kept as they are (the
 * tag stays on the node); `toTemplateValue` builds the long form.
 */
const CUSTOM_TAGS: (ScalarTag | CollectionTag)[] = Object.keys(SHORT_FORMS).flatMap((tag): (ScalarTag | CollectionTag)[] => [
  { tag, resolve: (text: string) => text },
  { tag, collection: 'seq', resolve: (node) => node },
  { tag, collection: 'map', resolve: (node) => node },
]);

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** Whether the text is JSON rather than YAML: a `.json` file, or text that opens with `{`. */
export function looksLikeJson(fileName: string, text: string): boolean {
  return fileName.toLowerCase().endsWith('.json') || text.trimStart().startsWith('{');
}

const JSON_ERROR_WORDS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'unexpected symbol',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected',
  ValueExpected: 'value expected',
  ColonExpected: '":" expected',
  CommaExpected: '"," expected',
  CloseBraceExpected: '"}" expected',
  CloseBracketExpected: '"]" expected',
  EndOfFileExpected: 'end of text expected',
  InvalidCommentToken: 'comments are not JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string',
};

/** Parses JSON text with exact numbers. Throws TemplateSyntaxError. */
export function parseJsonTemplate(text: string): TemplateValue {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const [first] = errors;
  if (first !== undefined) {
    const code = printParseErrorCode(first.error);
    const { line, column } = lineAndColumn(text, first.offset);
    throw new TemplateSyntaxError(`not valid JSON: ${JSON_ERROR_WORDS[code] ?? code}`, line, column);
  }
  try {
    return parseLossless(text, null, (number: string) =>
      isSafeNumber(number) ? Number(number) : new LosslessNumber(number),
    ) as TemplateValue;
  } catch (error) {
    // jsonc-parser accepts what lossless-json refuses only for a duplicate key ("… at position N").
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const { line, column } = lineAndColumn(text, position ? Number(position[1]) : 0);
    throw new TemplateSyntaxError(`not valid JSON: ${message.replace(/ (?:encountered )?at position \d+/, '')}`, line, column);
  }
}

/** Parses YAML text, short forms in long form, numbers exact. Throws TemplateSyntaxError. */
export function parseYamlTemplate(text: string): TemplateValue {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { customTags: CUSTOM_TAGS, lineCounter, prettyErrors: false, uniqueKeys: true });
  const [first] = document.errors;
  if (first !== undefined) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    throw new TemplateSyntaxError(`not valid YAML: ${first.message.split('\n')[0] ?? first.code}`, line, col);
  }
  const unknownTag = document.warnings.find((warning) => warning.code === 'TAG_RESOLVE_FAILED');
  if (unknownTag !== undefined) {
    const { line, col } = lineCounter.linePos(unknownTag.pos[0]);
    throw new TemplateSyntaxError(`not a CloudFormation template: ${unknownTag.message.split('\n')[0] ?? ''}`, line, col);
  }
  return toTemplateValue(document, document.contents);
}

function toTemplateValue(document: Document, node: unknown): TemplateValue {
  if (!isNode(node)) return null;
  if (isAlias(node)) return toTemplateValue(document, node.resolve(document) ?? null);
  let value: TemplateValue;
  if (isScalar(node)) {
    const raw = node.value;
    if (typeof raw === 'number') value = exactNumber(node.source ?? String(raw), raw);
    else if (typeof raw === 'string' || typeof raw === 'boolean' || raw === null) value = raw;
    else value = node.source ?? null; // no other scalar type in YAML 1.2's core schema
  } else if (isSeq(node)) {
    value = node.items.map((item) => toTemplateValue(document, item));
  } else if (isMap(node)) {
    const object: Record<string, TemplateValue> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      object[key] = toTemplateValue(document, pair.value);
    }
    value = object;
  } else {
    value = null;
  }
  const longForm = node.tag === undefined ? undefined : SHORT_FORMS[node.tag];
  if (longForm === undefined) return value;
  // `!GetAtt Resource.Attribute`: the attribute may itself hold dots (`Endpoint.Address`).
  if (longForm === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { [longForm]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [longForm]: value };
}
