import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Message, type Plugin } from 'esbuild';
import type { LocalFunctionSpec } from '../stackModel';
import { esbuildTargetOf, functionLabel } from './handlerSource';
import { LocalFunctionError } from './localFunctionError';

export interface BundleRequest {
  readonly spec: Pick<LocalFunctionSpec, 'logicalId' | 'templatePath' | 'runtime' | 'codeDirectory'>;
  /** The source to bundle (absolute). */
  readonly source: string;
  readonly format: 'cjs' | 'esm';
  /** The folder to write the bundle into (a temporary one, owned by the caller). */
  readonly outputDirectory: string;
}

/** Marks the resolutions this plugin asks esbuild for, so that it does not answer itself. */
const OWN_RESOLVE = 'jestEventBridgeOwnResolve';

/**
 * Packages stay outside the bundle, as `packages: 'external'` keeps them, so the handler uses the
 * project's own node_modules (its `@aws-sdk/*` clients, native modules, ...). But the bundle is
 * written to a temporary folder, from which a bare `require('@aws-sdk/client-dynamodb')` would not
 * find the project's node_modules: each package import is therefore resolved by esbuild from the
 * importing source's folder (with the conditions of the output format) and kept external under
 * that absolute path (a file URL in an ES module). A specifier that resolves to a file outside
 * node_modules (a tsconfig `paths` alias) is bundled like any local import; one that does not
 * resolve at all stays as written, for the handler to fail on when (if ever) it loads it.
 */
function packagesFromTheProject(format: 'cjs' | 'esm'): Plugin {
  return {
    name: 'jest-eventbridge-packages-from-the-project',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^[^./]/ }, async (args) => {
        if ((args.pluginData as Record<string, unknown> | undefined)?.[OWN_RESOLVE] === true) return undefined;
        if (path.isAbsolute(args.path)) return undefined;
        const resolved = await pluginBuild.resolve(args.path, {
          kind: format === 'cjs' ? 'require-call' : 'import-statement',
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: { [OWN_RESOLVE]: true },
        });
        if (resolved.errors.length > 0 || resolved.path === '') return { path: args.path, external: true };
        // Node's built-in modules (fs, node:crypto) come back external under their own name.
        if (resolved.external) return { path: resolved.path, external: true };
        if (!resolved.path.split(/[\\/]/).includes('node_modules')) return { path: resolved.path };
        return { path: format === 'esm' ? pathToFileURL(resolved.path).href : resolved.path, external: true };
      });
    },
  };
}

/** esbuild's first errors, each with its absolute file, line and column (esbuild's are 0-based). */
function describeMessages(messages: readonly Message[], codeDirectory: string): string {
  return messages
    .slice(0, 5)
    .map((message) => {
      const location = message.location;
      const where = location ? `${path.resolve(codeDirectory, location.file)}:${location.line}:${location.column + 1}: ` : '';
      return `  ${where}${message.text}`;
    })
    .join('\n');
}

/**
 * Bundles a handler's source with esbuild, as SAM's and CDK's esbuild builds do: platform node,
 * the runtime's Node.js as target, packages external (see above), and an inline source map so
 * that stack traces name the source's lines (the worker turns source maps on). Returns the
 * bundle's absolute path: `<outputDirectory>/<source name>.cjs` or `.mjs`, so Node loads it in the
 * format it was bundled to whatever package.json is above it. Throws a LocalFunctionError with
 * esbuild's first errors when the source does not compile.
 */
export async function bundleHandler(request: BundleRequest): Promise<string> {
  const { spec, source, format } = request;
  const outfile = path.join(
    request.outputDirectory,
    `${path.basename(source).replace(/\.[cm]?[jt]sx?$/, '')}.${format === 'esm' ? 'mjs' : 'cjs'}`,
  );
  await mkdir(request.outputDirectory, { recursive: true });
  try {
    await build({
      entryPoints: [source],
      outfile,
      bundle: true,
      platform: 'node',
      format,
      target: esbuildTargetOf(spec.runtime),
      sourcemap: 'inline',
      sourcesContent: false,
      absWorkingDir: spec.codeDirectory,
      logLevel: 'silent',
      plugins: [packagesFromTheProject(format)],
    });
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    const detail = Array.isArray(errors) && errors.length > 0 ? describeMessages(errors, spec.codeDirectory) : `  ${String(error)}`;
    throw new LocalFunctionError(
      `jest-eventbridge: ${functionLabel(spec)}: esbuild could not bundle ${source}:\n${detail}\nFix the source, or build the function and point the handler at the JavaScript.`,
      { cause: error },
    );
  }
  return outfile;
}
