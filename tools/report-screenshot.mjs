// Writes a PNG screenshot of the event report page (issue 17) for a report.json, in the same
// headless Chromium the browser tests use (test/browser/chromium.ts: Debian's `chromium`, or
// CHROMIUM_PATH). The page opens as a person would see it: the first test (failed first) with
// its first failed matcher in the detail pane, or the test `--test F.T` names (file and test
// index in the report, from 0).
//
//   node tools/report-screenshot.mjs eventbridge-report/report.json docs/event-report.png
//   node tools/report-screenshot.mjs --fixture docs/event-report.png    # the tests' fixture report
//
// Options: --test F.T, --width 1440, --height 900, --full-page. TypeScript sources are loaded
// through jiti (a devDependency, as for ESLint's config), so no build is needed.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createJiti } from 'jiti';

const usage =
  'usage: node tools/report-screenshot.mjs (REPORT.json | --fixture) OUT.png [--test F.T] [--width N] [--height N] [--full-page]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    fixture: { type: 'boolean', default: false },
    test: { type: 'string' },
    width: { type: 'string', default: '1440' },
    height: { type: 'string', default: '900' },
    'full-page': { type: 'boolean', default: false },
  },
});
if (positionals.length !== (values.fixture ? 1 : 2) || (values.test !== undefined && !/^\d+\.\d+$/.test(values.test))) {
  console.error(usage);
  process.exit(2);
}

const jiti = createJiti(import.meta.url);
const { launchChromium } = await jiti.import('../test/browser/chromium.ts');
const { renderReportHtml } = await jiti.import('../src/core/report/html/renderReportHtml.ts');
const { parseExactJson } = await jiti.import('../src/foundation/exactJson.ts');

const report = values.fixture
  ? // Its harmless variant: the HTML the tests put in a title would only puzzle a reader of the docs.
    (await jiti.import('../test/support/reportFixture.ts')).fixtureReport('a cancelled order')
  : parseExactJson(readFileSync(positionals[0], 'utf8'));
const output = resolve(positionals[positionals.length - 1]);

const folder = mkdtempSync(join(tmpdir(), 'event-report-screenshot-'));
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: Number(values.width), height: Number(values.height) } });
  const file = join(folder, 'report.html');
  writeFileSync(file, renderReportHtml(report));
  await page.goto(pathToFileURL(file).href + (values.test ? `#test=${values.test}` : ''));
  await page.locator('html[data-ready=true]').waitFor({ timeout: 30_000 });
  await page.screenshot({ path: output, fullPage: values['full-page'] });
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
  rmSync(folder, { recursive: true, force: true });
}
