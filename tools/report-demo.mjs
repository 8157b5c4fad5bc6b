// Makes the README's screenshot of the event report from a real failed run: builds the package,
// runs the demo (examples/jest.config.js: the tutorial spec, the order service's local flows on
// the embedded emulator) with the event reporter and one failing variant of the tutorial spec
// (examples/report-demo/), then screenshots the report with its failed test open.
//
//   node tools/report-demo.mjs                      # writes docs/event-report.png
//   node tools/report-demo.mjs /tmp/report.png --width 1600 --height 1000
//
// The run must fail (that is the point) and leave examples/eventbridge-report/ (report.json and
// report.html, ignored by git). Needs what `npm run demo` needs (Python 3 with moto 5) and a
// Chromium for the screenshot (see tools/report-screenshot.mjs). Exits non-zero, saying why, when
// the run passes, writes no report, or the report holds no failed matcher.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const usage = 'usage: node tools/report-demo.mjs [OUT.png] [--width N] [--height N]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { width: { type: 'string', default: '1440' }, height: { type: 'string', default: '900' } },
});
if (positionals.length > 1) {
  console.error(usage);
  process.exit(2);
}
const output = resolve(positionals[0] ?? join(root, 'docs', 'event-report.png'));
const reportDir = join(root, 'examples', 'eventbridge-report');
const reportFile = join(reportDir, 'report.json');

/** Runs a command in the repository with the output shown; returns its exit code. */
function run(command, args) {
  console.log(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status;
}

function fail(message) {
  console.error(`report-demo: ${message}`);
  process.exit(1);
}

if (run('npm', ['run', 'build']) !== 0) fail('the build failed.');
// A report left by an earlier run must not pass for this one's.
rmSync(reportDir, { recursive: true, force: true });
const jestCode = run(process.execPath, [join('node_modules', 'jest', 'bin', 'jest.js'), '--config', 'examples/report-demo/jest.config.js']);
if (jestCode === 0) fail('the demo run passed: its failing variant (examples/report-demo/orders.failing.ts) should fail.');
if (!existsSync(reportFile))
  fail(`the run wrote no ${relative(root, reportFile)}: is the reporter in examples/report-demo/jest.config.js?`);

// The first test with a failed matcher, by its place in the report (file and test index), which
// is how the page's address names a test.
const report = JSON.parse(readFileSync(reportFile, 'utf8'));
let target;
report.files.forEach((file, f) =>
  file.tests.forEach((test, t) => {
    if (!target && test.timeline.some((entry) => entry.kind === 'matcher' && entry.verdict === 'fail'))
      target = { at: `${f}.${t}`, name: `${file.path}: ${[...test.ancestors, test.title].join(' › ')}` };
  }),
);
if (!target) fail(`${relative(root, reportFile)} holds no failed matcher: the run failed for another reason (see above).`);
console.log(`report-demo: the failed test is ${target.at} (${target.name})`);

const screenshot = [join('tools', 'report-screenshot.mjs'), reportFile, output, '--test', target.at];
if (run(process.execPath, [...screenshot, '--width', values.width, '--height', values.height]) !== 0) fail('the screenshot failed.');
