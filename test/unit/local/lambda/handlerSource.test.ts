import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  checkRuntime,
  esbuildTargetOf,
  locateHandlerSource,
  moduleFormatOf,
  parseHandlerSetting,
} from '../../../../src/local/lambda/handlerSource';
import { LocalFunctionError } from '../../../../src/local/lambda/localFunctionError';

const FUNCTION = { logicalId: 'ConfirmOrder', templatePath: 'Resources.ConfirmOrder' };

describe('parseHandlerSetting', () => {
  it.each([
    ['index.handler', 'index', 'handler'],
    ['src/confirm.handler', 'src/confirm', 'handler'],
    ['src/handlers/index.handlers.confirm', 'src/handlers/index', 'handlers.confirm'],
    ['dist/v1.2/app.main', 'dist/v1.2/app', 'main'],
  ])('splits %s as the Node.js runtime does', (handler, modulePath, exportPath) => {
    expect(parseHandlerSetting({ ...FUNCTION, handler })).toEqual({ modulePath, exportPath });
  });

  it.each(['index', 'index.', '.handler', 'src/'])('refuses %p, which names no export', (handler) => {
    expect(() => parseHandlerSetting({ ...FUNCTION, handler })).toThrow(
      new LocalFunctionError(
        `jest-eventbridge: ConfirmOrder (Resources.ConfirmOrder) has the handler ${JSON.stringify(handler)}, which names no export; write it as <file path without extension>.<export>, for example "src/confirm.handler".`,
      ),
    );
  });
});

describe('checkRuntime', () => {
  it.each(['nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x'])('accepts %s', (runtime) => {
    expect(() => checkRuntime({ ...FUNCTION, runtime })).not.toThrow();
  });

  it.each([
    ['python3.12', 'uses python3.12'],
    ['java21', 'uses java21'],
    ['provided.al2023', 'uses provided.al2023'],
    ['', 'uses no runtime'],
  ])('refuses %p', (runtime, uses) => {
    expect(() => checkRuntime({ ...FUNCTION, runtime })).toThrow(
      new LocalFunctionError(
        `jest-eventbridge: ConfirmOrder (Resources.ConfirmOrder) ${uses}: local mode runs Node.js handlers; run that flow against AWS.`,
      ),
    );
  });
});

describe('esbuildTargetOf', () => {
  it.each([
    ['nodejs18.x', 'node18'],
    ['nodejs20.x', 'node20'],
    ['nodejs24.x', 'node24'],
  ])('targets %s as %s', (runtime, target) => {
    expect(esbuildTargetOf(runtime)).toBe(target);
  });

  it('targets the running Node.js for a runtime without a version', () => {
    expect(esbuildTargetOf('nodejs')).toBe(`node${process.versions.node.split('.')[0]}`);
  });
});

describe('locating the source', () => {
  let code: string;
  beforeAll(async () => {
    code = await mkdtemp(path.join(tmpdir(), 'handler-source-'));
    await mkdir(path.join(code, 'esm-package', 'src'), { recursive: true });
    await writeFile(path.join(code, 'esm-package', 'package.json'), '{ "type": "module" }');
    for (const file of ['built.js', 'built.ts', 'only.mjs', 'source.ts', 'source.cts', 'esm-package/src/app.ts', 'esm-package/src/app.cts'])
      await writeFile(path.join(code, file), '');
  });
  afterAll(async () => {
    await rm(code, { recursive: true, force: true });
  });

  it.each([
    ['built.handler', { kind: 'javascript', file: 'built.js' }],
    ['only.handler', { kind: 'javascript', file: 'only.mjs' }],
    ['source.handler', { kind: 'bundle', file: 'source.ts', format: 'cjs' }],
    ['esm-package/src/app.handler', { kind: 'bundle', file: 'esm-package/src/app.ts', format: 'esm' }],
  ])('finds %s, built JavaScript first', (handler, expected) => {
    expect(locateHandlerSource({ ...FUNCTION, handler, codeDirectory: code })).toEqual({
      ...expected,
      file: path.join(code, expected.file),
    });
  });

  it('bundles an entry point whatever the handler names', () => {
    expect(
      locateHandlerSource({ ...FUNCTION, handler: 'app.handler', codeDirectory: code, entryPoint: 'esm-package/src/app.cts' }),
    ).toEqual({
      kind: 'bundle',
      file: path.join(code, 'esm-package', 'src', 'app.cts'),
      format: 'cjs',
    });
  });

  it('names a missing entry point and what to fix', () => {
    expect(() => locateHandlerSource({ ...FUNCTION, handler: 'app.handler', codeDirectory: code, entryPoint: 'src/app.ts' })).toThrow(
      new LocalFunctionError(
        `jest-eventbridge: ConfirmOrder (Resources.ConfirmOrder) names the entry point "src/app.ts", but ${path.join(code, 'src', 'app.ts')} is not a file; fix the template's build metadata (EntryPoints) or the code folder (CodeUri).`,
      ),
    );
  });

  it.each([
    ['a.mts', 'esm'],
    ['a.mjs', 'esm'],
    ['a.cts', 'cjs'],
    ['esm-package/src/app.ts', 'esm'],
    ['esm-package/src/app.cts', 'cjs'],
    ['source.ts', 'cjs'],
  ])('bundles %s to %s, as Node would load it', (file, format) => {
    expect(moduleFormatOf(path.join(code, file))).toBe(format);
  });
});
