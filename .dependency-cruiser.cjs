// The layers of src/, bottom first (ARCHITECTURE.md draws them). A module imports only from its
// own layer or the ones below it, and nothing imports in a cycle. `npm test` runs this check
// (`npm run check:layers`), so a wrong import fails the build instead of waiting for review.
/** Each entry is a layer; a layer may import from the ones before it. */
const LAYERS = [
  ['foundation', 'src/foundation/'],
  // The runner-neutral core, itself in order: patterns know nothing of events' envelopes, a
  // store nothing of expectations, and the matchers sit on all of them.
  ['core/pattern', 'src/core/pattern/'],
  ['core/events', 'src/core/events/'],
  // What a rule's target receives (Input, InputPath, InputTransformer) and which targets an
  // event reaches: pure, shared by local flows and the offline rule assertions.
  ['core/targets', 'src/core/targets/'],
  ['core/store', 'src/core/store/'],
  ['core/scopes', 'src/core/scopes/'],
  ['core/expectations', 'src/core/expectations/'],
  ['core/matchers', 'src/core/matchers/'],
  // What a report holds (issue 17): a shape every runner's reporter writes and reads.
  ['core/report', 'src/core/report/'],
  ['aws', 'src/aws/'],
  ['emulator', 'src/emulator/'],
  ['sources', 'src/sources/'],
  // Local flows: the service's template read, its resources made on the emulator, its rules
  // routed with our pattern engine and its Node.js handlers invoked in this machine.
  ['local', 'src/local/'],
  ['session', 'src/session/'],
  ['handle', 'src/handle/'],
  ['runners', 'src/runners/'],
  ['cli', 'src/cli/'],
  ['entry', 'src/index\\.ts$'],
];

const escape = (prefix) => `^${prefix.replace(/\//g, '\\/')}`;

/** One rule per layer: it must not reach any layer above it. */
const layerRules = LAYERS.slice(0, -1).map(([name, prefix], index) => ({
  name: `layer-${name.replace('/', '-')}`,
  comment: `${name} imports only from itself and the layers below it (see ARCHITECTURE.md).`,
  severity: 'error',
  from: { path: escape(prefix) },
  to: { path: LAYERS.slice(index + 1).map(([, above]) => escape(above)) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-cycle',
      comment: 'Modules that import each other, directly or around a loop, cannot be read or moved one at a time.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'runner-packages-in-runners',
      comment:
        "Only src/runners/ loads a test runner's package at run time; the rest of the library is runner-neutral (a type-only import of a shared shape is allowed).",
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/runners/' },
      to: {
        path: 'node_modules/(jest|jest-[^/]+|@jest/[^/]+|expect|vitest|@vitest/[^/]+)/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'src-stands-alone',
      comment: 'The shipped code never imports the tests, tools, benches or examples.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|tools|bench|examples)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
