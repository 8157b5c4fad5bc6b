/**
 * The event report page (issue 17) in headless Chromium: what a person sees in a generated
 * report, that nothing from the data becomes markup or a request, and that a large run stays
 * usable (what the DOM holds is bounded; its timings are printed, never asserted). Needs
 * Chromium (see chromium.ts): without it these tests fail with how to install it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { renderReportHtml } from '../../src/core/report/html/renderReportHtml';
import type { EventReport } from '../../src/core/report/reportModel';
import { fixtureReport, HOSTILE_TEXT, largeReport } from '../support/reportFixture';
import { launchChromium } from './chromium';

let browser: Browser;
let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'event-report-'));
  browser = await launchChromium();
});

afterAll(async () => {
  // undefined when Chromium did not launch
  await browser?.close();
  rmSync(folder, { recursive: true, force: true });
});

interface OpenedReport {
  readonly page: Page;
  readonly url: string;
  /** Every request the page made, its own file included. */
  readonly requests: string[];
  /** Requests that failed, with why: `url (csp)` for one the page's policy refused before sending it. */
  readonly failed: string[];
  /** Uncaught errors and console errors (a CSP violation is one). */
  readonly problems: string[];
  /** From navigation to the page's script having drawn the list, as the test saw it. */
  readonly openMs: number;
}

async function openReport(report: EventReport, name: string, hash = ''): Promise<OpenedReport> {
  const path = join(folder, `${name}.html`);
  writeFileSync(path, renderReportHtml(report));
  const url = pathToFileURL(path).href;
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // Below Jest's test timeout, so that a wait that never ends says what it waited for.
  page.setDefaultTimeout(10_000);
  const requests: string[] = [];
  const problems: string[] = [];
  const failed: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('requestfailed', (request) => failed.push(`${request.url()} (${request.failure()?.errorText ?? '?'})`));
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  const started = Date.now();
  await page.goto(url + hash);
  await page.locator('html[data-ready=true]').waitFor();
  return { page, url, requests, failed, problems, openMs: Date.now() - started };
}

const rowTexts = (page: Page, selector: string): Promise<string[]> => page.locator(selector).allTextContents();

describe('a small report', () => {
  let opened: OpenedReport;
  beforeEach(async () => {
    opened = await openReport(fixtureReport(), 'fixture');
  });
  afterEach(async () => {
    await opened.page.close();
  });

  it('shows the summary line and lists files and tests, failed first', async () => {
    const { page } = opened;
    expect(await page.locator('#summary').textContent()).toBe('3 files · 5 tests · 1 failed · 1 skipped · 9 events (4 put, 5 captured)');
    expect(await page.locator('.meta').textContent()).toBe('Jest run · written 2026-01-15T09:31:00.000Z · masked in detail: detail.card');
    expect(await rowTexts(page, '#test-list .row')).toEqual([
      'FAILED test/orders.spec.ts (2 tests)',
      'FAILED order flow › confirms a paid order · 5 events · 1 failed matcher · 1 failed invocation',
      'passed order flow › keeps an unpaid order open · 2 events',
      'passed test/payments.spec.ts (1 test)',
      `passed order flow › refunds ${HOSTILE_TEXT} · 2 events`,
      'passed test/shipping.spec.ts (2 tests)',
      'passed order flow › ships a confirmed order · 0 events',
      'skipped order flow › splits a parcel · 0 events',
    ]);
  });

  it('opens the failed test with its timeline in offset order, kinds and verdicts in words', async () => {
    const { page } = opened;
    expect(await page.locator('#test-view h2').textContent()).toBe('confirms a paid order');
    expect(await page.locator('#test-list [aria-current=true]').textContent()).toContain('confirms a paid order');
    const [offsets, kinds, labels] = await Promise.all(
      ['.offset', '.kind', '.label'].map((part) => rowTexts(page, `.timeline .entry ${part}`)),
    );
    const rows = offsets?.map((offset, index) => [offset, kinds?.[index], labels?.[index]].join(' | '));
    expect(rows).toEqual([
      '+12 ms | PUT | shop.checkout · OrderPlaced',
      '+20 ms | PUT | shop.checkout · PaymentReceived',
      '+30 ms | CAPTURED | shop.checkout · OrderPlaced',
      '+33 ms | INVOKE ok | AuditFunction',
      '+52 ms | CAPTURED | shop.checkout · PaymentReceived',
      "+61 ms | INVOKE ERROR | ConfirmOrderFunction: TypeError: Cannot read properties of undefined (reading 'amount')",
      '+75 ms | CAPTURED | orders.service · OrderConfirmed',
      '+90 ms | MATCH pass | toEmitEvent { "detail-type": "OrderPlaced" }',
      '+140 ms | MATCH FAIL | toEmitEvent { "detail-type": "OrderConfirmed", "detail": { "orderId": "o-1", "status": "PAID" } }',
    ]);
    // Marks sit at their offsets on one scale: the failed matcher's window (140 + 5000 ms) ends it.
    const style = await page.locator('.timeline .entry').nth(0).locator('.mark').getAttribute('style');
    const left = /left: ([\d.]+)%/.exec(style ?? '')?.[1] ?? 'none';
    expect(Number.parseFloat(left)).toBeCloseTo((12 / 5200) * 100, 5);
  });

  it('shows the failed matcher at once: expected, window, verdict, the nearest candidate and why', async () => {
    const detail = opened.page.locator('#detail');
    expect(await detail.locator('h2').textContent()).toBe('MATCH FAIL at +140 ms');
    expect(await detail.locator('dl').first().innerText()).toBe(
      'Matcher\ntoEmitEvent\nVerdict\nFAIL\nCalled at\n+140 ms\nWindow\n5000 ms\nWaited\n5000 ms',
    );
    expect(await detail.locator('pre').first().textContent()).toBe(
      '{ "detail-type": "OrderConfirmed", "detail": { "orderId": "o-1", "status": "PAID" } }',
    );
    expect(await detail.locator('ul.reasons li').allTextContents()).toEqual(['detail.status: expected "PAID", got "PENDING"']);
    // The nearest candidate's id leads to the event itself.
    await detail.getByRole('button', { name: 'evt-confirmed-1' }).click();
    expect(await detail.locator('h2').textContent()).toBe('CAPTURED at +75 ms');
    expect(await opened.page.locator('.timeline [aria-current=true] .kind').textContent()).toBe('CAPTURED');
  });

  it('shows the full event, pretty-printed, for a click on a captured entry; numbers beyond 2^53 stay exact', async () => {
    const { page } = opened;
    await page.locator('.timeline .entry', { hasText: 'OrderConfirmed' }).first().click();
    const captured = fixtureReport().files[0]?.tests[0]?.timeline.find(
      (entry) => entry.kind === 'captured' && entry.eventId === 'evt-confirmed-1',
    );
    expect(await page.locator('#detail pre.json').textContent()).toBe(
      JSON.stringify(captured?.kind === 'captured' && captured.event, null, 2),
    );
    expect(await page.locator('#detail dl').innerText()).toContain(
      'Event id\nevt-confirmed-1\nSource\norders.service\nDetail-type\nOrderConfirmed',
    );

    await page.locator('.timeline .entry', { hasText: 'PaymentReceived' }).nth(1).click();
    expect(await page.locator('#detail pre.json').textContent()).toContain('"ledgerId": 12345678901234567890');
    await page.locator('.timeline .entry', { hasText: 'INVOKE ERROR' }).click();
    expect(await page.locator('#detail').innerText()).toContain("Error\nTypeError: Cannot read properties of undefined (reading 'amount')");
  });

  it('runs nothing from the data and reads none of it as markup', async () => {
    const { page } = opened;
    await page.locator('.timeline .entry', { hasText: 'OrderConfirmed' }).first().click();
    expect(await page.locator('#detail pre.json').textContent()).toContain(HOSTILE_TEXT.replace(/"/g, '\\"'));
    expect(await page.evaluate('typeof window.__reportXss')).toBe('undefined');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(3);
    expect(opened.problems).toEqual([]);
  });

  it('makes no request other than its own file', async () => {
    await opened.page.locator('.timeline .entry').first().click();
    await opened.page.locator('.test-row', { hasText: 'refunds' }).click();
    expect(opened.requests).toEqual([opened.url]);
    expect(opened.failed).toEqual([]);
    expect(opened.problems).toEqual([]);
  });

  it('forbids any connection: its Content-Security-Policy refuses a fetch and an image before they are requested', async () => {
    const { page } = opened;
    const outcome = await page.evaluate(`(async () => {
      const image = document.createElement('img');
      image.src = 'http://127.0.0.1:9/pixel.png';
      document.body.appendChild(image);
      try { await fetch('http://127.0.0.1:9/data'); return 'fetched'; } catch (error) { return String(error); }
    })()`);
    expect(outcome).toBe('TypeError: Failed to fetch');
    await page.locator('img').evaluate('(image) => image.complete');
    // Chromium reports the image as a request that failed for the policy, never sent; the fetch not at all.
    expect(opened.requests).toEqual([opened.url, 'http://127.0.0.1:9/pixel.png']);
    expect(opened.failed).toEqual(['http://127.0.0.1:9/pixel.png (csp)']);
    expect(opened.problems.filter((problem) => problem.includes('violates the following Content Security Policy directive'))).toEqual([
      expect.stringContaining("Connecting to 'http://127.0.0.1:9/data' violates"),
      expect.stringContaining("Loading the image 'http://127.0.0.1:9/pixel.png' violates"),
    ]);
  });

  it('works from the keyboard: arrows move between rows, Enter opens', async () => {
    const { page } = opened;
    await page.locator('.test-row').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await page.locator('#test-view h2').textContent()).toBe('keeps an unpaid order open');
    await page.locator('.timeline .entry').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    expect(await page.locator('#detail h2').textContent()).toBe('CAPTURED at +25 ms');
  });

  it('filters by test name, detail-type or event id', async () => {
    const { page } = opened;
    await page.locator('#filter').fill('paymentreceived');
    await page.locator('#filter-status', { hasText: '1 of 5 tests match "paymentreceived"' }).waitFor();
    expect(await rowTexts(page, '#test-list .test-row')).toEqual([
      'FAILED order flow › confirms a paid order · 5 events · 1 failed matcher · 1 failed invocation',
    ]);
    await page.locator('#filter').fill('evt-refund-1');
    await page.locator('#filter-status', { hasText: '1 of 5 tests match "evt-refund-1"' }).waitFor();
    expect(await rowTexts(page, '#test-list .row')).toEqual([
      'passed test/payments.spec.ts (1 test)',
      `passed order flow › refunds ${HOSTILE_TEXT} · 2 events`,
    ]);
    await page.locator('#filter').fill('');
    await page.locator('#filter-status:empty').waitFor({ state: 'attached' });
    expect(await page.locator('#test-list .test-row').count()).toBe(5);
  });

  it('marks and selects what the filter names in the test it opens', async () => {
    const { page } = opened;
    await page.locator('#filter').fill('evt-payment-1');
    await page.locator('#filter-status', { hasText: '1 of 5 tests match "evt-payment-1"' }).waitFor();
    await page.locator('.test-row').click();
    expect(await rowTexts(page, '.timeline .found .label')).toEqual(['shop.checkout · PaymentReceived']);
    expect(await page.locator('#detail h2').textContent()).toBe('CAPTURED at +52 ms');
    expect(await page.locator('#detail dl').innerText()).toContain('Event id\nevt-payment-1');
  });

  it('opens the test the address names, and a file on its own', async () => {
    const { page } = await openReport(fixtureReport(), 'fixture', '#test=1.0');
    expect(await page.locator('#test-view h2').textContent()).toBe(`refunds ${HOSTILE_TEXT}`);
    await page.locator('.file-row', { hasText: 'shipping' }).click();
    expect(await page.locator('#test-view').innerText()).toContain('Events forgotten\n3 (over maxStoredEvents');
    await page.close();
  });

  it('takes a screenshot', async () => {
    const path = join(folder, 'fixture.png');
    await opened.page.screenshot({ path });
    const png = readFileSync(path);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(10_000);
  });
});

describe('a report whose first file failed outside any test', () => {
  it('opens that file, with its error', async () => {
    const report = fixtureReport();
    const broken = {
      path: 'test/broken.spec.ts',
      status: 'failed' as const,
      error: 'CaptureSetupError: the capture queue never received its canary',
      eventsForgotten: 0,
      tests: [],
    };
    const { page, problems } = await openReport({ ...report, files: [broken, ...report.files] }, 'broken');
    expect(await page.locator('#test-list .row').first().textContent()).toBe('FAILED test/broken.spec.ts (0 tests)');
    expect(await page.locator('#test-view h2').textContent()).toBe('test/broken.spec.ts');
    expect(await page.locator('#test-view pre.failure').textContent()).toBe(
      'CaptureSetupError: the capture queue never received its canary',
    );
    // From a file to a test with no entries, and back to one with some.
    await page.locator('.test-row', { hasText: 'ships a confirmed order' }).click();
    expect(await page.locator('#test-view .hint').textContent()).toBe(
      'Nothing was put, captured, asserted or invoked while this test ran.',
    );
    await page.locator('.test-row', { hasText: 'keeps an unpaid order open' }).click();
    expect(await page.locator('.timeline .entry').count()).toBe(2);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('an empty report', () => {
  it('says there is nothing to show', async () => {
    const empty: EventReport = { formatVersion: 1, generatedAt: '2026-01-15T09:31:00.000Z', runner: 'vitest', redacted: [], files: [] };
    const { page, problems } = await openReport(empty, 'empty');
    expect(await page.locator('#summary').textContent()).toBe('0 files · 0 tests · 0 failed · 0 events (0 put, 0 captured)');
    expect(await page.locator('.meta').textContent()).toBe('Vitest run · written 2026-01-15T09:31:00.000Z');
    expect(await page.locator('#test-view').innerText()).toBe('This report has no test files.');
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('a large report (500 tests, 20,000 events)', () => {
  // Whether the page stays usable is asserted by its structure: what is in the DOM after each
  // step is bounded (200 rows, 200 entries), whatever the report holds, and every step still
  // answers. How long the steps take is printed, never asserted: speed is the benchmarks' to
  // measure (bench/), not a test's to guess a bound for on whichever machine runs it.
  it('opens without freezing: a bounded page, a list that answers, a 1000-event test drawn 200 entries at a time', async () => {
    const { report, shape } = largeReport(500, 20000, 1000);
    const renderStarted = Date.now();
    const html = renderReportHtml(report);
    const renderMs = Date.now() - renderStarted;
    const opened = await openReport(report, 'large');
    const { page, openMs } = opened;
    const elementCount = (): Promise<number> => page.evaluate('document.getElementsByTagName("*").length').then(Number);
    // The longest the page kept its main thread busy while opening (a long task is one over 50 ms): printed.
    const longestTaskMs = Number(
      await page.evaluate(`new Promise((resolve) => {
        new PerformanceObserver((list) => resolve(Math.max(...list.getEntries().map((task) => task.duration))))
          .observe({ type: 'longtask', buffered: true });
        setTimeout(() => resolve(0), 500);
      })`),
    );
    expect(await page.locator('#summary').textContent()).toBe(
      `50 files · 500 tests · 50 failed · ${shape.events} events (10000 put, 10000 captured)`,
    );
    // The list is drawn 200 rows at a time, and the first test (failed first) is open with its
    // own entries only: nothing is drawn per event of the report.
    expect(await page.locator('#test-list .row').count()).toBe(200);
    expect(await page.locator('#more-tests').textContent()).toBe('Show 200 more rows (350 left)');
    expect(await page.locator('#test-view h2').textContent()).toBe('handles order batch 0-0');
    // 38 events and its failed matcher.
    expect(await page.locator('.timeline .entry').count()).toBe(report.files[0]?.tests[0]?.timeline.length);
    expect(report.files[0]?.tests[0]?.timeline.length).toBe(39);
    const openedElements = await elementCount();
    // 200 rows and 39 entries take about 1,150 elements; one per event would be over 20,000.
    expect(openedElements).toBeLessThan(3000);

    // The list answers a click: the 1000-event test opens with its first 200 entries.
    const clickStarted = Date.now();
    await page.locator('.test-row', { hasText: shape.bigTest.title }).click();
    expect(await page.locator('#test-view h2').textContent()).toBe(shape.bigTest.title);
    expect(await page.locator('.timeline .entry').count()).toBe(200);
    const clickMs = Date.now() - clickStarted;
    await page.getByRole('button', { name: 'Show 200 more entries (800 left)' }).click();
    expect(await page.locator('.timeline .entry').count()).toBe(400);
    expect(await page.getByRole('button', { name: 'Show 200 more entries (600 left)' }).count()).toBe(1);
    // About 3,650 with 400 entries shown; all 1000 drawn at once would be about 7,500.
    const bigTestElements = await elementCount();
    expect(bigTestElements).toBeLessThan(5000);

    // The filter reads every test's entries and narrows the list to the one test holding the id.
    const filterStarted = Date.now();
    await page.locator('#filter').fill('evt-7-3-999');
    await page.locator('#filter-status', { hasText: '1 of 500 tests match "evt-7-3-999"' }).waitFor();
    const filterMs = Date.now() - filterStarted;
    expect(await rowTexts(page, '#test-list .test-row')).toEqual([expect.stringContaining(shape.bigTest.title)]);
    await page.locator('#filter').fill('');
    await page.locator('#filter-status:empty').waitFor({ state: 'attached' });
    expect(await page.locator('#test-list .row').count()).toBe(200);

    console.log(
      `large report: ${(html.length / 1e6).toFixed(1)} MB rendered in ${renderMs} ms; navigation to an interactive list ${openMs} ms ` +
        `(longest task ${Math.round(longestTaskMs)} ms; ${openedElements} elements); a click on the ${shape.bigTest.events}-event test ` +
        `${clickMs} ms to its entries (${bigTestElements} elements with 400 shown); the first filter ${filterMs} ms`,
    );
    expect(opened.requests).toEqual([opened.url]);
    expect(opened.failed).toEqual([]);
    expect(opened.problems).toEqual([]);
    await page.close();
  });
});

describe('without Chromium', () => {
  it('fails with how to install it', async () => {
    await expect(launchChromium({ CHROMIUM_PATH: join(tmpdir(), 'no-such-chromium') })).rejects.toThrow(
      `CHROMIUM_PATH names ${join(tmpdir(), 'no-such-chromium')}, which does not exist. The report page's browser tests need a Chromium: ` +
        "install Debian's package (`apt-get install chromium` on Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium or Chrome executable.",
    );
  });
});
