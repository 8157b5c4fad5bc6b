/**
 * End-to-end test of the package as users get it: `npm pack` the built repository, install the
 * tarball into throwaway consumer projects (Jest 30, Jest 29, Vitest 4, Vitest 5), and run real
 * specs there against the emulator, through both the CommonJS and the native-ESM entry, plus a
 * type test. The CommonJS spec is one file that every runner runs unchanged. Unit and integration tests import src/ directly, so only this test catches a file missing
 * from `files`, a wrong `exports` target, or declarations that do not resolve for a user.
 *
 * Needs a build (`npm test` runs one first) and access to the npm registry, or a warm npm cache.
 * Set JEST_EVENTBRIDGE_E2E_KEEP=1 to keep the temporary projects for debugging.
 *
 * The consumer projects run on the Node.js binary JEST_EVENTBRIDGE_E2E_NODE names (default: the
 * one running this test): their `npm install`, their runner, `tsc` and the probes. CI sets it to
 * Node 22 and 24 binaries (`.ci/run`, `tools/install-node.sh`); test titles name the version.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  constants,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { createEventBus, resolveTestEndpoint, TEST_REGION, type TestEmulator } from '../../tools/emulator';

const REPO_ROOT = resolve(__dirname, '../..');
const TEMPLATE_DIR = join(__dirname, 'consumer');
/** The repository's TypeScript checks the consumer's types, so that the consumer needs none. */
const TSC = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const BUS_NAME = 'orders';

const PACK_TIMEOUT_MS = 60_000;
/** A cold npm cache downloads Jest twice over; a warm one takes seconds. */
const INSTALL_TIMEOUT_MS = 240_000;
const SETUP_TIMEOUT_MS = PACK_TIMEOUT_MS + INSTALL_TIMEOUT_MS + 30_000;
/** Bounds one consumer Jest run, so that a run that never exits (a leaked handle) fails the test. */
const JEST_RUN_TIMEOUT_MS = 90_000;
const TSC_TIMEOUT_MS = 60_000;
const TEST_TIMEOUT_MS = JEST_RUN_TIMEOUT_MS + 30_000;

/** The number of tests in each consumer spec (see the comments at the top of those files). */
const EXPECTED_TESTS = { cjs: 8, esm: 3 } as const;
/** Tests in local.spec.cjs, which the `emulator: true` runs add (with `local`: the service's template). */
const EXPECTED_LOCAL_TESTS = 2;
/** The event reporter's folder in the `emulator: true` runs: its default `outputDir`, under the consumer's root. */
const EVENT_REPORT_DIR = 'eventbridge-report';

/** Paths every install must have; the targets of package.json's entry points are added to these. */
const REQUIRED_PACKED_FILES = [
  'package.json',
  'README.md',
  'jest-preset.js',
  'dist/index.js',
  'dist/index.d.ts',
  'esm/index.mjs',
  'environment/index.js',
  'environment/index.d.ts',
  'matchers/index.js',
  'matchers/index.d.ts',
  'global-setup/index.js',
  'global-setup/index.d.ts',
  'global-teardown/index.js',
  'global-teardown/index.d.ts',
  'reporter/index.js',
  'reporter/index.d.ts',
  'vitest/reporter/index.mjs',
  'vitest/reporter/index.cjs',
  'vitest/reporter/index.d.ts',
  'python/serve_moto.py',
  'bin/jest-eventbridge.js',
  'LICENSE',
];
/** Repository-only folders: sources, tests, tooling and examples stay out of the package. */
const FORBIDDEN_PACKED_PREFIXES = ['src/', 'test/', 'tools/', 'examples/', 'node_modules/'];

/** Names the Node.js binary the consumer projects run on; unset, the one running this test. */
const NODE_ENV = 'JEST_EVENTBRIDGE_E2E_NODE';

/** The Node.js the consumer projects run on. */
interface NodeUnderTest {
  /** Absolute path of the `node` executable. */
  readonly binary: string;
  /** As `node --version` prints it, without the v: `22.23.3`. */
  readonly version: string;
  readonly major: number;
}

/** Reads JEST_EVENTBRIDGE_E2E_NODE (or takes this process's binary) and asks the binary its version. */
function nodeUnderTest(): NodeUnderTest {
  const given = process.env[NODE_ENV]?.trim();
  const binary = given === undefined || given === '' ? process.execPath : given;
  if (!isAbsolute(binary)) throw new Error(`${NODE_ENV}=${binary} is not an absolute path: name the node executable by its full path.`);
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    throw new Error(`${NODE_ENV}=${binary} is not an executable file: point it at a node binary, or unset it to use ${process.execPath}.`);
  }
  const printed = execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 }).trim();
  const match = /^v((\d+)\.\d+\.\d+)$/.exec(printed);
  if (!match?.[1] || !match[2])
    throw new Error(`${NODE_ENV}=${binary} printed ${JSON.stringify(printed)} for --version, not a Node.js version.`);
  return { binary, version: match[1], major: Number(match[2]) };
}

const NODE = nodeUnderTest();

/** The test runners a consumer project can use, and how this test runs one. */
type Runner = 'jest' | 'vitest';
type SpecKind = 'cjs' | 'esm';
type EmulatorSource = 'endpoint' | 'emulator';

interface RunnerCli {
  /** In test titles: `Jest`. */
  readonly label: string;
  /** The runner's CLI script inside the consumer's node_modules, started with the Node under test. */
  readonly script: string;
  /** Arguments for one run of the consumer's spec of that kind, writing a Jest-format JSON report to `reportFile`. */
  args(kind: SpecKind, on: EmulatorSource, reportFile: string): string[];
  /** NODE_OPTIONS for that kind of spec, if the runner needs any. */
  nodeOptions(kind: SpecKind): string | undefined;
  /** The spec file of that kind in the consumer, as the report names it. */
  specFile(kind: SpecKind): string;
  /** The type test of a project on that major: correct usage, and the misuse that must not compile. */
  typeCheck(major: number): TypeCheck;
}

interface TypeCheck {
  /** The tsconfig over correct usage (with @ts-expect-error lines): must compile. */
  readonly project: string;
  /** The tsconfig over `misuseFile`: must fail on exactly its one misuse line. */
  readonly misuseProject: string;
  readonly misuseFile: string;
}

const RUNNERS: Readonly<Record<Runner, RunnerCli>> = {
  jest: {
    label: 'Jest',
    script: join('jest', 'bin', 'jest.js'),
    args: (kind, on, reportFile) => [
      '--config',
      on === 'emulator' ? 'jest.emulator.config.cjs' : `jest.${kind}.config.cjs`,
      '--ci',
      '--json',
      '--outputFile',
      reportFile,
    ],
    // Jest's native ESM support sits behind this flag; the CommonJS run gets no flag, as most users.
    nodeOptions: (kind) => (kind === 'esm' ? '--experimental-vm-modules' : undefined),
    specFile: (kind) => (kind === 'cjs' ? 'orders.spec.cjs' : 'orders.spec.mjs'),
    typeCheck: () => ({ project: 'tsconfig.json', misuseProject: 'tsconfig.wrong.json', misuseFile: 'wrong.ts' }),
  },
  vitest: {
    label: 'Vitest',
    script: join('vitest', 'vitest.mjs'),
    args: (kind, on, reportFile) => [
      'run',
      '--config',
      on === 'emulator' ? 'vitest.emulator.config.mjs' : `vitest.${kind}.config.mjs`,
      // Vitest's JSON report has the fields of Jest's that this test reads.
      '--reporter=json',
      // With emulator: true, also the event report, from the package's reporter entry; the JSON
      // reporter's file is then named for it alone (the event reporter has outputDir).
      ...(on === 'emulator'
        ? ['--reporter=jest-eventbridge/vitest/reporter', `--outputFile.json=${reportFile}`]
        : [`--outputFile=${reportFile}`]),
    ],
    nodeOptions: () => undefined,
    // The CommonJS spec is the Jest projects' own file; the ESM one imports from 'vitest'.
    specFile: (kind) => (kind === 'cjs' ? 'orders.spec.cjs' : 'orders.vitest.spec.mjs'),
    // Vitest 4 and 5 declare Assertion differently: each major has its own typings entry.
    typeCheck: (major) => ({
      project: `tsconfig.vitest${major}.json`,
      misuseProject: `tsconfig.vitest${major}.wrong.json`,
      misuseFile: 'vitest-wrong.mts',
    }),
  },
};

/** One consumer project: a runner at a major version, on the Node under test. */
interface VariantSpec {
  readonly runner: Runner;
  readonly runnerMajor: number;
  /** Added to the title after the runner, for a project set up differently from the plain one. */
  readonly setup?: string;
  readonly dir: string;
  /** The lowest Node.js major the runner supports (Vitest 5 needs 22): on older ones it is skipped. */
  readonly minNodeMajor: number;
  /** Installed next to the tarball, as a user of that runner version would. */
  readonly packages: readonly string[];
  /** Installed first, as a project's own dependencies that adding the package must not change. */
  readonly preinstalled?: readonly string[];
}

interface Variant extends VariantSpec {
  /** In test titles and messages: `Jest 30 project on Node 22.23.5`. */
  readonly name: string;
  readonly node: NodeUnderTest;
}

/**
 * The lowest AWS SDK clients package.json claims (`^3.428.0` gives 3.428.0), so that the floor
 * it states is the one this test runs on.
 */
function sdkFloor(): string[] {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  return Object.entries(manifest.dependencies)
    .filter(([name]) => name.startsWith('@aws-sdk/'))
    .map(([name, range]) => {
      const floor = /^\^(3\.\d+\.\d+)$/.exec(range)?.[1];
      if (floor === undefined) throw new Error(`${name}'s range ${range} is not of the form ^3.x.y that this test installs the floor of.`);
      return `${name}@${floor}`;
    });
}

/** Every consumer project, for the Node under test to run the ones it supports. */
const VARIANT_SPECS: readonly VariantSpec[] = [
  { runner: 'jest', runnerMajor: 30, dir: 'jest30', minNodeMajor: 20, packages: ['jest@30', '@jest/globals@30', '@types/jest@30'] },
  {
    runner: 'jest',
    runnerMajor: 29,
    dir: 'jest29',
    minNodeMajor: 20,
    // Pinned: otherwise npm satisfies the package's jest-environment-node peer (^29 || ^30) with
    // 30, whose @jest/environment types clash with @types/jest@29 in a lib check.
    packages: ['jest@29', '@jest/globals@29', '@types/jest@29', 'jest-environment-node@29'],
  },
  {
    // A project that already has the oldest SDK clients the package accepts: they must stay, and work.
    runner: 'jest',
    runnerMajor: 30,
    setup: 'with the lowest AWS SDK clients',
    dir: 'sdk-floor',
    minNodeMajor: 20,
    packages: ['jest@30', '@jest/globals@30', '@types/jest@30'],
    preinstalled: sdkFloor(),
  },
  // Exactly one Vitest in each project, and no Jest at all: the package must not need it.
  { runner: 'vitest', runnerMajor: 4, dir: 'vitest4', minNodeMajor: 20, packages: ['vitest@^4.1.0', '@types/node@22'] },
  { runner: 'vitest', runnerMajor: 5, dir: 'vitest5', minNodeMajor: 22, packages: ['vitest@5', '@types/node@22'] },
];

function variantName(spec: VariantSpec): string {
  const setup = spec.setup === undefined ? '' : ` ${spec.setup}`;
  return `${RUNNERS[spec.runner].label} ${spec.runnerMajor}${setup} project on Node ${NODE.version}`;
}

const VARIANTS: readonly Variant[] = VARIANT_SPECS.filter((spec) => NODE.major >= spec.minNodeMajor).map((spec) => ({
  ...spec,
  name: variantName(spec),
  node: NODE,
}));
/** Shown as skipped tests, so that a run on an older Node says what it left out. */
const UNSUPPORTED = VARIANT_SPECS.filter((spec) => NODE.major < spec.minNodeMajor).map((spec) => ({ ...spec, name: variantName(spec) }));

interface RunResult {
  readonly command: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/** The parts of Jest's `--json` report (and of Vitest's, which has the same shape) this test reads. */
interface JsonReport {
  readonly success: boolean;
  readonly numTotalTests: number;
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  /** Files that failed, a test or the file itself (an error outside any test). */
  readonly numFailedTestSuites: number;
  readonly testResults: ReadonlyArray<{
    readonly name: string;
    readonly message: string;
    readonly assertionResults: ReadonlyArray<{
      readonly fullName: string;
      readonly status: string;
      readonly failureMessages: readonly string[];
    }>;
  }>;
}

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/** Children still running, so that afterAll can end them when a hook or test timed out. */
const running = new Set<ChildProcess>();

let workDir: string | undefined;
let tarball: string | undefined;
let emulator: Outcome<TestEmulator> | undefined;
const installs = new Map<string, Outcome<string>>();

beforeAll(async () => {
  // This process talks to the emulator too (creating the bus); the SDK's notice about Node 20
  // support is not ours to act on here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (!existsSync(join(REPO_ROOT, 'dist', 'index.js')) || !existsSync(join(REPO_ROOT, 'dist', 'index.d.ts'))) {
    throw new Error('dist/ is missing: run `npm run build` before this test (`npm test` builds first).');
  }
  workDir = mkdtempSync(join(tmpdir(), 'jest-eventbridge-e2e-'));
  tarball = await pack(workDir);

  // Both installs and the emulator at once: the installs dominate the run time. Settled rather
  // than all-or-nothing, so that each test fails for its own reason only.
  const dir = workDir;
  const packed = tarball;
  const [emulatorOutcome, ...installOutcomes] = await Promise.all([
    settle(startEmulatorWithBus()),
    ...VARIANTS.map((variant) => settle(installConsumer(dir, packed, variant))),
  ]);
  emulator = emulatorOutcome;
  VARIANTS.forEach((variant, index) => {
    const outcome = installOutcomes[index];
    if (outcome) installs.set(variant.dir, outcome);
  });
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  for (const child of running) killGroup(child);
  try {
    if (emulator?.ok) await emulator.value.stop();
  } finally {
    if (workDir !== undefined) {
      if (process.env.JEST_EVENTBRIDGE_E2E_KEEP === '1') console.log(`Kept the e2e projects in ${workDir}`);
      else rmSync(workDir, { recursive: true, force: true });
    }
  }
}, 30_000);

describe('the packed package', () => {
  it('contains the entry points and no sources, tests or tooling', async () => {
    const listing = await run('tar', ['-tzf', requireValue(tarball, 'the tarball')], { cwd: REPO_ROOT, timeoutMs: 30_000 });
    assertSucceeded(listing);
    // npm puts everything under package/.
    const files = listing.stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.replace(/^package\//, ''));

    const required = [...new Set([...REQUIRED_PACKED_FILES, ...entryPointTargets()])].sort();
    expect(required.filter((file) => !files.includes(file))).toEqual([]);
    expect(files.filter((file) => FORBIDDEN_PACKED_PREFIXES.some((prefix) => file.startsWith(prefix)))).toEqual([]);
    // TypeScript sources anywhere (declarations are fine).
    expect(files.filter((file) => /\.[cm]?ts$/.test(file) && !/\.d\.[cm]?ts$/.test(file))).toEqual([]);
  });

  it(`runs its consumer projects on Node ${NODE.version}, the binary and the one on their PATH`, async () => {
    // Children that start `node` by name (npm, `#!/usr/bin/env node` scripts) must get the same one.
    const probe = await run(
      NODE.binary,
      [
        '-e',
        `const onPath = require('node:child_process').execFileSync('node', ['--version'], { encoding: 'utf8' }).trim();
         process.stdout.write(JSON.stringify({ version: process.version, onPath }));`,
      ],
      { cwd: REPO_ROOT, env: consumerEnv({ nodeOptions: undefined }), timeoutMs: 30_000 },
    );
    assertSucceeded(probe);
    expect(JSON.parse(probe.stdout)).toEqual({ version: `v${NODE.version}`, onPath: `v${NODE.version}` });
  });

  it(
    `exports the same names from its ESM and its CommonJS entry, and resolves every subpath, on Node ${NODE.version}`,
    async () => {
      const consumer = installedConsumer(VARIANTS[0]);
      const env = consumerEnv({ nodeOptions: undefined });
      const cjs = await run(
        NODE.binary,
        [
          '-e',
          // The subpaths a user's Jest config names; `matchers` only resolves here, since it needs Jest's expect.
          `const names = Object.keys(require('jest-eventbridge')).sort();
         const preset = require('jest-eventbridge/jest-preset');
         const subpaths = {
           environment: typeof require('jest-eventbridge/environment'),
           matchers: require('node:fs').existsSync(require.resolve('jest-eventbridge/matchers')),
           presetEnvironment: require('node:fs').existsSync(preset.testEnvironment),
           presetSetupFiles: preset.setupFilesAfterEnv.every((file) => require('node:fs').existsSync(file)),
           packageJson: require('jest-eventbridge/package.json').name,
         };
         process.stdout.write(JSON.stringify({ names, subpaths }));`,
        ],
        { cwd: consumer, env, timeoutMs: 30_000 },
      );
      assertSucceeded(cjs);
      const esm = await run(
        NODE.binary,
        [
          '--input-type=module',
          '-e',
          `import * as entry from 'jest-eventbridge';
         process.stdout.write(JSON.stringify(Object.keys(entry).sort()));`,
        ],
        { cwd: consumer, env, timeoutMs: 30_000 },
      );
      assertSucceeded(esm);

      const fromRequire = JSON.parse(cjs.stdout) as { names: string[]; subpaths: Record<string, unknown> };
      const fromImport = JSON.parse(esm.stdout) as string[];
      expect(fromRequire.names).toEqual(expect.arrayContaining(['eventBridge', 'eventPattern', 'matchers', 'toEmitEvent']));
      expect(fromImport).toEqual(fromRequire.names);
      expect(fromRequire.subpaths).toEqual({
        environment: 'function',
        matchers: true,
        presetEnvironment: true,
        presetSetupFiles: true,
        packageJson: 'jest-eventbridge',
      });
    },
    TEST_TIMEOUT_MS,
  );

  // Jest refuses `.each` over an empty table.
  if (UNSUPPORTED.length > 0) {
    describe.each(UNSUPPORTED)('in a $name', (spec) => {
      // A placeholder on purpose: the report lists what this Node version cannot run, and why.
      // eslint-disable-next-line jest/no-disabled-tests, jest/expect-expect
      it.skip(`is not run: ${RUNNERS[spec.runner].label} ${spec.runnerMajor} needs Node ${spec.minNodeMajor} or later`, () => {});
    });
  }

  describe.each(VARIANTS)('in a $name', (variant) => {
    it(
      'runs a CommonJS spec that requires the package',
      async () => {
        await expectConsumerSpecToPass(variant, 'cjs');
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'runs a native-ESM spec that imports the package',
      async () => {
        await expectConsumerSpecToPass(variant, 'esm');
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'runs the CommonJS spec and a service SAM template with emulator: true and local flows, nothing started by hand, and writes the event report',
      async () => {
        await expectConsumerSpecToPass(variant, 'cjs', 'emulator');
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'type-checks correct usage and rejects misuse',
      async () => {
        const consumer = installedConsumer(variant);
        const env = consumerEnv({ nodeOptions: undefined });

        // Both at once: each takes seconds, as the lib check reads the AWS SDK's declarations.
        const types = RUNNERS[variant.runner].typeCheck(variant.runnerMajor);
        const [good, wrong] = await Promise.all(
          [types.project, types.misuseProject].map((project) =>
            run(NODE.binary, [TSC, '-p', project], { cwd: consumer, env, timeoutMs: TSC_TIMEOUT_MS }),
          ),
        );
        // types.ts holds correct usage plus @ts-expect-error lines, so this also fails when misuse compiles.
        assertSucceeded(requireValue(good, 'type check'));

        // Proves the check can fail at all: the error must be exactly the misuse, nothing else.
        if (!wrong) throw new Error('The misuse check did not run.');
        const misuseLine =
          readFileSync(join(consumer, types.misuseFile), 'utf8')
            .split('\n')
            .findIndex((line) => line.includes('toEmitEvent(42)')) + 1;
        const errorLines = wrong.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
        expect({ failed: wrong.code !== 0, errorLines: errorLines.map((line) => line.replace(/,\d+\).*/, ')')) }).toEqual({
          failed: true,
          errorLines: [`${types.misuseFile}(${misuseLine})`],
        });
      },
      TEST_TIMEOUT_MS,
    );
  });

  // A Vitest user who wires the entries wrongly gets one error that names the fix.
  describe.each(VARIANTS.filter((variant) => variant.runner === 'vitest'))('in a $name', (variant) => {
    it(
      'stops with the fix when the Vitest entry is required, or imported outside Vitest',
      async () => {
        const consumer = installedConsumer(variant);
        const env = consumerEnv({ nodeOptions: undefined });
        const [required, imported] = await Promise.all([
          run(NODE.binary, ['-e', "require('jest-eventbridge/vitest')"], { cwd: consumer, env, timeoutMs: 30_000 }),
          run(NODE.binary, ['--input-type=module', '-e', "import 'jest-eventbridge/vitest'"], { cwd: consumer, env, timeoutMs: 30_000 }),
        ]);
        const errorLine = (result: RunResult) => /^\w*Error: .*$/m.exec(result.stderr)?.[0];
        expect({
          requiredCode: required.code,
          required: errorLine(required),
          importedCode: imported.code,
          imported: errorLine(imported),
        }).toEqual({
          requiredCode: 1,
          required: expect.stringMatching(
            /jest-eventbridge\/vitest is an ES module for Vitest's test\.setupFiles.*preset: 'jest-eventbridge'/,
          ),
          importedCode: 1,
          imported: expect.stringMatching(/runs under Vitest only: list 'jest-eventbridge\/vitest' in test\.setupFiles/),
        });
      },
      TEST_TIMEOUT_MS,
    );
  });

  // Installing the package into a project with older v3 clients must not upgrade them.
  describe.each(VARIANTS.flatMap((variant) => (variant.preinstalled ? [{ ...variant, preinstalled: variant.preinstalled }] : [])))(
    'in a $name',
    (variant) => {
      const { preinstalled } = variant;
      it(
        'keeps its own AWS SDK clients at their versions, and the package uses those',
        async () => {
          const consumer = installedConsumer(variant);
          // The version each client resolves to from the project and from inside the package: the
          // same, and the one the project had, so the package neither upgraded nor nested its own.
          const probe = await run(
            NODE.binary,
            [
              '-e',
              `const { createRequire } = require('node:module');
             const fromPackage = createRequire(require.resolve('jest-eventbridge'));
             const names = ${JSON.stringify(preinstalled.map((spec) => spec.slice(0, spec.lastIndexOf('@'))))};
             process.stdout.write(JSON.stringify(names.map((name) => [
               name,
               require(name + '/package.json').version,
               fromPackage(name + '/package.json').version,
             ])));`,
            ],
            { cwd: consumer, env: consumerEnv({ nodeOptions: undefined }), timeoutMs: 30_000 },
          );
          assertSucceeded(probe);
          expect(JSON.parse(probe.stdout)).toEqual(
            preinstalled.map((spec) => {
              const at = spec.lastIndexOf('@');
              return [spec.slice(0, at), spec.slice(at + 1), spec.slice(at + 1)];
            }),
          );
        },
        TEST_TIMEOUT_MS,
      );
    },
  );
});

async function pack(dir: string): Promise<string> {
  const destination = join(dir, 'pack');
  mkdirSync(destination);
  const result = await run('npm', ['pack', '--pack-destination', destination], {
    cwd: REPO_ROOT,
    env: npmEnv(),
    timeoutMs: PACK_TIMEOUT_MS,
  });
  assertSucceeded(result);
  // The directory rather than npm's output, which lifecycle scripts may write to as well.
  const tarballs = readdirSync(destination).filter((name) => name.endsWith('.tgz'));
  if (tarballs.length !== 1 || tarballs[0] === undefined) throw new Error(`npm pack produced ${tarballs.length} tarballs.`);
  return join(destination, tarballs[0]);
}

/** Copies the templates (dropping `.template` from names) and installs; resolves to the project dir. */
async function installConsumer(dir: string, packed: string, variant: Variant): Promise<string> {
  const consumer = join(dir, variant.dir);
  mkdirSync(consumer);
  for (const name of readdirSync(TEMPLATE_DIR)) {
    cpSync(join(TEMPLATE_DIR, name), join(consumer, name.replace(/\.template$/, '')), { recursive: true });
  }
  const install = (packages: readonly string[]) =>
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...packages], {
      cwd: consumer,
      env: npmEnv(),
      timeoutMs: INSTALL_TIMEOUT_MS,
    });
  // Exact versions, as a project's lockfile would hold them, before the package arrives.
  if (variant.preinstalled) assertSucceeded(await install(['--save-exact', ...variant.preinstalled]));
  assertSucceeded(await install([packed, ...variant.packages]));
  return consumer;
}

async function startEmulatorWithBus(): Promise<TestEmulator> {
  const started = await resolveTestEndpoint();
  try {
    await createEventBus(started.endpoint, BUS_NAME);
    return started;
  } catch (error) {
    await started.stop();
    throw error;
  }
}

/**
 * Runs one consumer spec with the consumer's own runner, on the Node under test, and checks the
 * runner's JSON report: against the test's emulator through AWS_ENDPOINT_URL, or with
 * `emulator: true` and no AWS variables at all.
 */
async function expectConsumerSpecToPass(variant: Variant, kind: SpecKind, on: EmulatorSource = 'endpoint'): Promise<void> {
  const consumer = installedConsumer(variant);
  let endpoint: string | undefined;
  if (on === 'endpoint') {
    if (!emulator) throw new Error('The emulator was not started (setup did not get that far).');
    if (!emulator.ok) throw new Error(`The emulator did not start: ${describeError(emulator.error)}`);
    endpoint = emulator.value.endpoint;
  }

  const cli = RUNNERS[variant.runner];
  const reportFile = join(consumer, `${variant.runner}-report-${kind}-${on}.json`);
  const eventReportDir = join(consumer, EVENT_REPORT_DIR);
  // Only this run's event report counts (the reporter replaces the files, but a run that wrote none must fail).
  rmSync(eventReportDir, { recursive: true, force: true });
  const nodeOptions = cli.nodeOptions(kind);
  const env = on === 'emulator' ? baseEnv() : consumerEnv({ endpoint, nodeOptions });
  if (on === 'emulator') {
    env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    if (nodeOptions !== undefined) env.NODE_OPTIONS = nodeOptions;
  }
  // The consumer's own CLI script, started with the Node under test (not npx, whose `node` is
  // whichever PATH gives): the runner's workers inherit that binary.
  const result = await run(NODE.binary, [join(consumer, 'node_modules', cli.script), ...cli.args(kind, on, reportFile)], {
    cwd: consumer,
    env,
    timeoutMs: JEST_RUN_TIMEOUT_MS,
  });

  const label = `${variant.name}, ${kind === 'cjs' ? 'CommonJS' : 'ESM'} spec${on === 'emulator' ? ' with emulator: true' : ''}`;
  if (result.timedOut)
    throw new Error(`${label}: ${cli.label} did not exit within ${JEST_RUN_TIMEOUT_MS / 1000} s.\n${describeRun(result)}`);
  if (!existsSync(reportFile)) throw new Error(`${label}: ${cli.label} wrote no report.\n${describeRun(result)}`);
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as JsonReport;

  const summary = {
    exitCode: result.code,
    success: report.success,
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    failedFiles: report.numFailedTestSuites,
    // Jest reports real paths; the temporary directory may sit behind a symlink (macOS).
    files: report.testResults.map((file) => relative(realpathSync(consumer), file.name)).sort(),
  };
  const expected = {
    exitCode: 0,
    success: true,
    passed: EXPECTED_TESTS[kind] + (on === 'emulator' ? EXPECTED_LOCAL_TESTS : 0),
    failed: 0,
    failedFiles: 0,
    files: [cli.specFile(kind), ...(on === 'emulator' ? ['local.spec.cjs'] : [])].sort(),
  };
  // Jest's diff of the summaries alone would not say why; the failures and output do. Jest's
  // stderr repeats the failures, so only its tail is added when the report has them.
  if (JSON.stringify(summary) !== JSON.stringify(expected)) {
    const failures = describeFailures(report);
    throw new Error(
      `${label} did not pass as expected.\nGot:      ${JSON.stringify(summary)}\nExpected: ${JSON.stringify(expected)}\n\n` +
        `${failures ?? 'No test failed.'}\n\n${describeRun(result, failures === undefined ? 60 : 10)}`,
    );
  }
  expect(summary).toEqual(expected);
  // The SDK's Node-version banner stays out of the user's runs (the package sets the SDK's switch).
  expect(result.stderr).not.toContain('NodeVersionSupportWarning');
  if (on === 'emulator') expectEventReport(variant, eventReportDir, result, { tests: expected.passed, files: expected.files });
}

/** The parts of the event report's report.json this test reads (src/core/report/reportModel.ts). */
interface EventReportJson {
  readonly runner: string;
  readonly files: ReadonlyArray<{
    readonly path: string;
    readonly status: string;
    readonly tests: ReadonlyArray<{
      readonly title: string;
      readonly status: string;
      readonly timeline: ReadonlyArray<{ readonly kind: string }>;
    }>;
  }>;
}

/**
 * The event reporter of the packed package wrote this run's report: report.json with the run's
 * files and tests, each test's timeline recorded in the workers (puts, captures, matchers and the
 * local handler's invocations), and report.html, the page with the same data.
 */
function expectEventReport(variant: Variant, dir: string, result: RunResult, run: { tests: number; files: readonly string[] }): void {
  const jsonFile = join(dir, 'report.json');
  const htmlFile = join(dir, 'report.html');
  if (!existsSync(jsonFile))
    throw new Error(`${variant.name}: the event reporter wrote no ${EVENT_REPORT_DIR}/report.json.\n${describeRun(result)}`);
  const report = JSON.parse(readFileSync(jsonFile, 'utf8')) as EventReportJson;
  const tests = report.files.flatMap((file) => file.tests);
  const kinds = new Set(tests.flatMap((test) => test.timeline.map((entry) => entry.kind)));
  expect({
    runner: report.runner,
    files: report.files.map((file) => [file.path, file.status]).sort(),
    tests: tests.length,
    failedTests: tests.filter((test) => test.status !== 'passed').map((test) => test.title),
    kinds: [...kinds].sort(),
    // The first test of orders.spec.cjs puts one OrderPlaced, sees it captured and asserts twice.
    firstTest: report.files
      .find((file) => file.path === 'orders.spec.cjs')
      ?.tests.find((test) => test.title === 'captures the event the test put, stamped with its correlation id')
      ?.timeline.map((entry) => entry.kind)
      .sort(),
    html: existsSync(htmlFile) && readFileSync(htmlFile, 'utf8').includes('captures the event the test put'),
    line: `${result.stdout}\n${result.stderr}`.includes(`jest-eventbridge: event report in ${EVENT_REPORT_DIR}/report.html`),
  }).toEqual({
    runner: variant.runner,
    files: run.files.map((file) => [file, 'passed']),
    tests: run.tests,
    failedTests: [],
    kinds: ['captured', 'invocation', 'matcher', 'put'],
    firstTest: ['captured', 'matcher', 'matcher', 'put'],
    html: true,
    line: true,
  });
}

function installedConsumer(variant: Variant | undefined): string {
  if (!variant) throw new Error('No such variant.');
  const outcome = installs.get(variant.dir);
  if (!outcome) throw new Error(`The ${variant.name} was not installed (setup did not get that far).`);
  if (!outcome.ok) throw new Error(`Installing the ${variant.name} failed: ${describeError(outcome.error)}`);
  return outcome.value;
}

/** Every file package.json points at (main, types, exports targets), without the leading ./ */
function entryPointTargets(): string[] {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  const targets: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') targets.push(value.replace(/^\.\//, ''));
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(manifest.main);
  collect(manifest.types);
  collect(manifest.exports);
  return targets;
}

/**
 * The outer environment without what would leak into the consumer (our AWS settings, Jest's
 * worker id, Node flags), with the Node under test first on PATH.
 */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // AWS_*: a profile, session token or service-specific endpoint of the developer's shell must
    // never reach the consumer, which talks to the emulator only.
    if (key.startsWith('AWS_') || key === 'JEST_WORKER_ID' || key === 'NODE_OPTIONS') continue;
    // Set by `npm test` around us; they describe this repository (and the Node running it), not
    // the consumer project.
    if (key.startsWith('npm_package_') || key.startsWith('npm_lifecycle_') || key === 'npm_config_local_prefix') continue;
    if (key === 'npm_node_execpath' || key === 'NODE') continue;
    env[key] = value;
  }
  // npm and every `#!/usr/bin/env node` script in the consumer run on the Node under test: a
  // user on Node 22 installs and runs with Node 22.
  env.PATH = [dirname(NODE.binary), env.PATH].filter((part) => part !== undefined && part !== '').join(delimiter);
  // Plain text in reports and error messages, even when the outer Jest forces colours on.
  env.FORCE_COLOR = '0';
  return env;
}

function npmEnv(): NodeJS.ProcessEnv {
  return { ...baseEnv(), npm_config_update_notifier: 'false' };
}

function consumerEnv(options: { endpoint?: string; nodeOptions: string | undefined }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(),
    AWS_REGION: TEST_REGION,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    // No AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: the package keeps the SDK's banner quiet itself.
  };
  if (options.endpoint !== undefined) env.AWS_ENDPOINT_URL = options.endpoint;
  if (options.nodeOptions !== undefined) env.NODE_OPTIONS = options.nodeOptions;
  return env;
}

/** Runs a command to completion; never rejects on a failed exit (callers decide), only on spawn errors. */
function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    // Own process group, so that a timeout ends npm or Jest together with the processes they started.
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? baseEnv(),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(error);
    });
    // 'close', not 'exit': the output is complete only once the pipes have closed.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolvePromise({ command: [command, ...args].join(' '), code, signal, timedOut, stdout, stderr });
    });
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch (error) {
    // ESRCH: already gone.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

function assertSucceeded(result: RunResult): void {
  if (result.code !== 0 || result.timedOut) throw new Error(describeRun(result));
}

function describeRun(result: RunResult, maxLines = 60): string {
  const status = result.timedOut
    ? 'timed out'
    : result.signal !== null
      ? `was killed by ${result.signal}`
      : `exited with code ${String(result.code)}`;
  return [
    `\`${shorten(result.command)}\` ${status}.`,
    section('stdout', result.stdout, maxLines),
    section('stderr', result.stderr, maxLines),
  ].join('\n');
}

/** What failed, from Jest's report: suite errors and failed tests with their messages. */
function describeFailures(report: JsonReport): string | undefined {
  const lines: string[] = [];
  for (const file of report.testResults) {
    if (file.message.trim() !== '') lines.push(`${file.name}:\n${stripAnsi(file.message)}`);
    for (const test of file.assertionResults) {
      if (test.status === 'failed') lines.push(`✕ ${test.fullName}\n${stripAnsi(test.failureMessages.join('\n'))}`);
    }
  }
  return lines.length === 0 ? undefined : `Failures:\n${lines.join('\n\n')}`;
}

/** The last lines of an output: enough to see the error, short enough to read in a test failure. */
function section(name: string, text: string, maxLines: number): string {
  const lines = stripAnsi(text).trimEnd().split('\n');
  const tail = lines.slice(-maxLines).join('\n');
  return `--- ${name}${lines.length > maxLines ? ` (last ${maxLines} lines)` : ''} ---\n${tail}`;
}

function shorten(command: string): string {
  return command.length > 300 ? `${command.slice(0, 300)}…` : command;
}

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function requireValue<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`No ${what}: setup did not get that far.`);
  return value;
}

async function settle<T>(promise: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}
