/**
 * Reads a CloudFormation, SAM, CDK-synthesized or Serverless Framework template from a file:
 * parses it (JSON or YAML with short-form tags), checks its parameters' values, applies SAM's
 * transform, and finds each function's code folder. Intrinsics stay unresolved: `resolveStack`.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { didYouMean } from '../../foundation/didYouMean';
import { describeValue } from '../../foundation/describeValue';
import { isPlainObject } from '../../foundation/objects';
import { formatProblemList } from '../../foundation/problemList';
import type { SkippedResource } from '../stackModel';
import type { FunctionCode, ParameterValue, ParsedTemplate, TemplateResource } from './parsedTemplate';
import { looksLikeJson, parseJsonTemplate, parseYamlTemplate, TemplateSyntaxError } from './parseTemplateText';
import { expandSamResource, usesSam } from './samTransform';
import { TemplateError } from './TemplateError';
import { joinPath } from './templatePaths';
import { isTemplateArray, isTemplateObject, scalarText, type TemplateObject, type TemplateValue } from './templateValue';

export interface ReadTemplateOptions {
  /** Values of the template's `Parameters`, by name; a parameter not given takes its `Default`. */
  readonly parameters?: Readonly<Record<string, string>>;
  /**
   * Where the caller's user gives `parameters`, as messages name it. @default 'local.parameters'
   * (local flows' option); `rulesFromTemplate` names its own.
   */
  readonly parametersName?: string;
}

/** The file as messages name it: relative to the working directory when it is inside it. */
export function displayNameOf(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

const TEMPLATE_KINDS = 'a CloudFormation or SAM template (YAML or JSON), or cdk.out/<Stack>.template.json';

async function readText(file: string, displayName: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      // The path it looked at, when the message names it otherwise: a relative path is resolved from a folder the user may not expect.
      const lookedAt = displayName === file ? '' : ` (looked for ${file})`;
      throw new TemplateError(
        displayName,
        `the file does not exist${lookedAt}. Fix local.template: it takes the path of ${TEMPLATE_KINDS}, ` +
          `absolute or relative to the project's root folder (Jest's rootDir, Vitest's root).`,
        { cause: error },
      );
    }
    if (code === 'EISDIR') {
      throw new TemplateError(
        displayName,
        `this is a folder, not a file. Give local.template the template file itself: ${TEMPLATE_KINDS}.`,
        {
          cause: error,
        },
      );
    }
    if (code === 'ENOTDIR') {
      throw new TemplateError(
        displayName,
        `a part of this path is a file, not a folder (ENOTDIR). Fix local.template: it takes the template file's path.`,
        {
          cause: error,
        },
      );
    }
    throw new TemplateError(displayName, `the file cannot be read (${code ?? (error as Error).message}). Check its permissions.`, {
      cause: error,
    });
  }
}

function parseText(file: string, displayName: string, text: string): { document: TemplateObject; format: 'json' | 'yaml' } {
  let format: 'json' | 'yaml' = looksLikeJson(file, text) ? 'json' : 'yaml';
  let document: TemplateValue;
  try {
    try {
      document = format === 'json' ? parseJsonTemplate(text) : parseYamlTemplate(text);
    } catch (jsonError) {
      // YAML written in flow style opens with `{` too: a file not named .json may still be YAML.
      if (format !== 'json' || file.toLowerCase().endsWith('.json')) throw jsonError;
      try {
        document = parseYamlTemplate(text);
        format = 'yaml';
      } catch {
        throw jsonError;
      }
    }
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    // The place first, as an editor's `file:line:column` has it.
    throw new TemplateError(
      displayName,
      `line ${error.line}, column ${error.column}: ${error.problem}. Fix the syntax there (local mode reads ${TEMPLATE_KINDS}).`,
      { cause: error },
    );
  }
  if (!isTemplateObject(document) || !isTemplateObject(document.Resources) || Object.keys(document.Resources).length === 0) {
    throw new TemplateError(
      displayName,
      `it has no Resources, so it is not a CloudFormation template. Give local.template ${TEMPLATE_KINDS} (with a Resources section).`,
    );
  }
  return { document, format };
}

/** Each parameter's value, or every problem with them in one error. */
function parameterValues(
  displayName: string,
  document: TemplateObject,
  given: Readonly<Record<string, unknown>>,
  parametersName: string,
): Record<string, ParameterValue> {
  const declared = isTemplateObject(document.Parameters) ? document.Parameters : {};
  const names = Object.keys(declared);
  const problems: string[] = [];
  for (const name of Object.keys(given)) {
    if (name in declared) continue;
    const hint = didYouMean(name, names);
    problems.push(
      `parameter "${name}" is given but the template declares no such parameter${
        hint !== undefined
          ? `: did you mean "${hint}"?`
          : names.length > 0
            ? `. Its parameters: ${names.join(', ')}.`
            : ' (it has no Parameters).'
      }`,
    );
  }
  const values: Record<string, ParameterValue> = {};
  for (const name of names) {
    const declaration = declared[name];
    const type = isTemplateObject(declaration) && typeof declaration.Type === 'string' ? declaration.Type : 'String';
    const givenValue = given[name];
    let value: string | undefined;
    if (givenValue !== undefined) {
      value =
        typeof givenValue === 'string' || typeof givenValue === 'number' || typeof givenValue === 'boolean'
          ? String(givenValue)
          : undefined;
      if (value === undefined) {
        problems.push(`parameter "${name}" must be given as a string, got ${describeValue(givenValue)}.`);
        continue;
      }
    } else {
      const fallback = isTemplateObject(declaration) ? declaration.Default : undefined;
      value = isTemplateArray(fallback) ? fallback.map((item) => scalarText(item) ?? '').join(',') : scalarText(fallback);
      if (value === undefined) {
        // The example uses a value the template allows, when it lists them.
        const allowedValues =
          isTemplateObject(declaration) && isTemplateArray(declaration.AllowedValues)
            ? declaration.AllowedValues.flatMap((item) => scalarText(item) ?? [])
            : [];
        const example = allowedValues[0] ?? '…';
        problems.push(
          `parameter "${name}" has no value and no Default: give it in ${parametersName}, e.g. parameters: { ${name}: '${example}' }` +
            `${allowedValues.length > 0 ? ` (its AllowedValues: ${allowedValues.join(', ')})` : ''}.`,
        );
        continue;
      }
    }
    const allowed =
      isTemplateObject(declaration) && isTemplateArray(declaration.AllowedValues) ? declaration.AllowedValues.map(scalarText) : undefined;
    if (allowed !== undefined && !allowed.includes(value)) {
      problems.push(
        `parameter "${name}" is ${JSON.stringify(value)}, which is not one of its AllowedValues: ${allowed.map((item) => JSON.stringify(item)).join(', ')}.`,
      );
      continue;
    }
    values[name] = { type, value };
  }
  if (problems.length > 0) throw new TemplateError(displayName, formatProblemList('invalid parameters.', problems));
  return values;
}

function dependsOnOf(value: TemplateValue | undefined): { dependsOn?: readonly string[] } {
  if (typeof value === 'string') return { dependsOn: [value] };
  if (isTemplateArray(value)) return { dependsOn: value.filter((item): item is string => typeof item === 'string') };
  return {};
}

/** A `.serverless/cloudformation-template-*.json` file that `serverless package` writes. */
function serverlessServiceFolder(file: string): string | undefined {
  const folder = path.dirname(file);
  return path.basename(folder) === '.serverless' && /^cloudformation-template-.*\.json$/.test(path.basename(file))
    ? path.dirname(folder)
    : undefined;
}

/** Where a CloudFormation Lambda function's code is: CDK's asset folder, the Serverless service folder, or a local `Code` path. */
function lambdaCode(resource: TemplateResource, directory: string, serviceFolder: string | undefined): FunctionCode {
  const { properties, metadata, templatePath } = resource;
  const code = properties.Code;
  if (properties.PackageType === 'Image' || (isTemplateObject(code) && code.ImageUri !== undefined)) {
    return {
      unsupported: `${templatePath}: a container image function (PackageType: Image) is not run by local mode, which runs Node.js handlers from files`,
    };
  }
  if (isTemplateObject(code) && code.ZipFile !== undefined) {
    return {
      unsupported: `${joinPath(templatePath, 'Properties', 'Code', 'ZipFile')}: inline code is not run by local mode; put the handler in a file (with CDK, Code.fromAsset) and read the synthesized template`,
    };
  }
  const assetPath = isTemplateObject(metadata) ? metadata['aws:asset:path'] : undefined;
  if (typeof assetPath === 'string') return { directory: path.resolve(directory, assetPath) };
  if (serviceFolder !== undefined) return { directory: serviceFolder };
  // `aws cloudformation package` takes a local folder as Code.
  if (typeof code === 'string') return { directory: path.resolve(directory, code) };
  return {
    unsupported: `${joinPath(templatePath, 'Properties', 'Code')}: the code is in S3, and the template does not say where it is on this machine. Give Code a local folder (as \`aws cloudformation package\` takes it), or read the template SAM, CDK (cdk.out) or the Serverless Framework (.serverless) wrote`,
  };
}

/**
 * Reads and checks the template at `file` (resolved against the working directory).
 *
 * @throws TemplateError when the file is missing or unreadable, is not JSON or YAML (with the
 *   line and column), has no `Resources`, has a resource without a `Type`, or when a parameter has
 *   no value, a value outside its `AllowedValues`, or is given but not declared (all parameter
 *   problems in one message).
 */
export async function readTemplate(file: string, options: ReadTemplateOptions = {}): Promise<ParsedTemplate> {
  const absolute = path.resolve(file);
  const displayName = displayNameOf(absolute);
  const text = await readText(absolute, displayName);
  const { document, format } = parseText(absolute, displayName, text);
  const given: unknown = options.parameters ?? {};
  const parametersName = options.parametersName ?? 'local.parameters';
  if (!isPlainObject(given)) {
    throw new TemplateError(
      displayName,
      `${parametersName} must be an object of parameter names to values, like { Stage: 'test' }, got ${describeValue(given)}.`,
    );
  }
  const parameters = parameterValues(displayName, document, given, parametersName);
  const directory = path.dirname(absolute);
  const serviceFolder = serverlessServiceFolder(absolute);
  const sam = usesSam(document);

  const declared: TemplateResource[] = [];
  for (const [logicalId, body] of Object.entries(document.Resources as TemplateObject)) {
    const templatePath = joinPath('Resources', logicalId);
    if (logicalId.startsWith('Fn::ForEach::')) {
      throw new TemplateError(
        displayName,
        `${templatePath}: Fn::ForEach (the AWS::LanguageExtensions transform) is not supported by local mode. Read the template the transform produces instead, or write the resources out.`,
        { templatePath },
      );
    }
    if (!isTemplateObject(body) || typeof body.Type !== 'string') {
      throw new TemplateError(displayName, `${templatePath} has no Type. Every resource needs one, e.g. Type: AWS::Lambda::Function.`, {
        templatePath,
      });
    }
    declared.push({
      logicalId,
      type: body.Type,
      properties: isTemplateObject(body.Properties) ? body.Properties : {},
      ...(typeof body.Condition === 'string' ? { condition: body.Condition } : {}),
      ...(isTemplateObject(body.Metadata) ? { metadata: body.Metadata } : {}),
      ...dependsOnOf(body.DependsOn),
      templatePath,
    });
  }

  const skipped: SkippedResource[] = [];
  const globals = isTemplateObject(document.Globals) && isTemplateObject(document.Globals.Function) ? document.Globals.Function : {};
  const expanded = sam ? declared.flatMap((resource) => expandSamResource(resource, { directory, globals, skipped })) : declared;
  const resources = expanded.map((resource) =>
    resource.type === 'AWS::Lambda::Function' && resource.code === undefined
      ? { ...resource, code: lambdaCode(resource, directory, serviceFolder) }
      : resource,
  );
  const isCdk = declared.some((resource) => isTemplateObject(resource.metadata) && resource.metadata['aws:cdk:path'] !== undefined);
  return {
    file: absolute,
    displayName,
    format,
    origin: sam ? 'sam' : serviceFolder !== undefined ? 'serverless' : isCdk ? 'cdk' : 'cloudformation',
    parameters,
    conditions: isTemplateObject(document.Conditions) ? document.Conditions : {},
    mappings: isTemplateObject(document.Mappings) ? document.Mappings : {},
    resources,
    skipped,
    document,
  };
}
