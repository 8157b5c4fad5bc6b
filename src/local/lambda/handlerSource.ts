import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LocalFunctionSpec } from '../stackModel';
import { LocalFunctionError } from './localFunctionError';

/** How a function is named in messages: its logical id and where the template declares it. */
export function functionLabel(spec: Pick<LocalFunctionSpec, 'logicalId' | 'templatePath'>): string {
  return `${spec.logicalId} (${spec.templatePath})`;
}

/** Lambda's handler setting split as the Node.js runtime splits it. */
export interface HandlerSetting {
  /** The module's path relative to the code directory, without extension: `src/confirm`. */
  readonly modulePath: string;
  /** The export's path inside the module: `handler`, or `handlers.confirm` for a nested one. */
  readonly exportPath: string;
}

/**
 * Splits `src/confirm.handler` as the Node.js runtime does: the folder, then in the last segment
 * the module name up to its first dot and the export path after it (`index.handlers.confirm` names
 * `handlers.confirm` in `index`). Throws a LocalFunctionError when there is no dot.
 */
export function parseHandlerSetting(spec: Pick<LocalFunctionSpec, 'logicalId' | 'templatePath' | 'handler'>): HandlerSetting {
  const { handler } = spec;
  const slash = Math.max(handler.lastIndexOf('/'), handler.lastIndexOf('\\'));
  const folder = handler.slice(0, slash + 1);
  const last = handler.slice(slash + 1);
  const dot = last.indexOf('.');
  if (dot <= 0 || dot === last.length - 1)
    throw new LocalFunctionError(
      `jest-eventbridge: ${functionLabel(spec)} has the handler ${JSON.stringify(handler)}, which names no export; ` +
        `write it as <file path without extension>.<export>, for example "src/confirm.handler".`,
    );
  return { modulePath: `${folder}${last.slice(0, dot)}`, exportPath: last.slice(dot + 1) };
}

/** Built JavaScript, loaded as it is; tried first, in this order, as the Node.js runtime does. */
export const JAVASCRIPT_EXTENSIONS = ['.js', '.mjs', '.cjs'] as const;
/** TypeScript sources, bundled with esbuild when no built JavaScript is found. */
export const TYPESCRIPT_EXTENSIONS = ['.ts', '.mts', '.cts'] as const;

/** The file a function's handler is loaded from. */
export type HandlerSource =
  | { readonly kind: 'javascript'; readonly file: string }
  /** A source to bundle (TypeScript, or the template's esbuild entry point), in `format`. */
  | { readonly kind: 'bundle'; readonly file: string; readonly format: 'cjs' | 'esm' };

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}

/**
 * Where the handler's code is: the template's esbuild entry point when it gives one (always
 * bundled, as SAM does); otherwise `<module>.js`, `.mjs`, `.cjs` in the code directory, then
 * `<module>.ts`, `.mts`, `.cts` to bundle. Throws a LocalFunctionError listing every path tried.
 */
export function locateHandlerSource(
  spec: Pick<LocalFunctionSpec, 'logicalId' | 'templatePath' | 'handler' | 'codeDirectory' | 'entryPoint'>,
): HandlerSource {
  if (spec.entryPoint !== undefined) {
    const file = path.resolve(spec.codeDirectory, spec.entryPoint);
    if (!isFile(file))
      throw new LocalFunctionError(
        `jest-eventbridge: ${functionLabel(spec)} names the entry point ${JSON.stringify(spec.entryPoint)}, but ${file} is not a file; ` +
          `fix the template's build metadata (EntryPoints) or the code folder (CodeUri).`,
      );
    return { kind: 'bundle', file, format: moduleFormatOf(file) };
  }
  const { modulePath } = parseHandlerSetting(spec);
  const base = path.resolve(spec.codeDirectory, modulePath);
  const tried: string[] = [];
  for (const extension of JAVASCRIPT_EXTENSIONS) {
    const file = `${base}${extension}`;
    tried.push(file);
    if (isFile(file)) return { kind: 'javascript', file };
  }
  for (const extension of TYPESCRIPT_EXTENSIONS) {
    const file = `${base}${extension}`;
    tried.push(file);
    if (isFile(file)) return { kind: 'bundle', file, format: moduleFormatOf(file) };
  }
  throw new LocalFunctionError(
    `jest-eventbridge: ${functionLabel(spec)} has the handler ${JSON.stringify(spec.handler)}, but its file is not in the code folder ${spec.codeDirectory}. Tried:\n` +
      tried.map((file) => `  ${file}`).join('\n') +
      `\nFix Handler (<file path in the code folder, without extension>.<export>) or the code folder (SAM's CodeUri, Code, the CDK asset), or build the code first.`,
  );
}

/**
 * The module format a source is bundled to, as Node would load it: `.mts`/`.mjs` are ES modules,
 * `.cts`/`.cjs` CommonJS, and any other file follows the nearest package.json's "type".
 */
export function moduleFormatOf(file: string): 'cjs' | 'esm' {
  if (/\.m[jt]s$/.test(file)) return 'esm';
  if (/\.c[jt]s$/.test(file)) return 'cjs';
  for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
    const manifest = path.join(folder, 'package.json');
    if (isFile(manifest)) {
      try {
        const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
        return typeof parsed === 'object' && parsed !== null && (parsed as { type?: unknown }).type === 'module' ? 'esm' : 'cjs';
      } catch {
        return 'cjs';
      }
    }
    if (path.dirname(folder) === folder) return 'cjs';
  }
}

/**
 * esbuild's target for a Lambda runtime: `nodejs20.x` → `node20`. A `nodejs*` runtime without a
 * version (long retired) gets the Node.js running the tests.
 */
export function esbuildTargetOf(runtime: string): string {
  const version = /^nodejs(\d+)/.exec(runtime)?.[1];
  return `node${version ?? process.versions.node.split('.')[0] ?? '20'}`;
}

/** Local mode runs Node.js handlers only; the runtime is checked first, before any file. */
export function checkRuntime(spec: Pick<LocalFunctionSpec, 'logicalId' | 'templatePath' | 'runtime'>): void {
  if (!/^nodejs/.test(spec.runtime))
    throw new LocalFunctionError(
      `jest-eventbridge: ${functionLabel(spec)} uses ${spec.runtime || 'no runtime'}: local mode runs Node.js handlers; run that flow against AWS.`,
    );
}
