/**
 * Headless Chromium for the report page's tests and tools/report-screenshot.mjs: Debian's
 * `chromium` package (or the executable CHROMIUM_PATH names), driven by playwright-core, which
 * never downloads a browser of its own. A missing browser is an error that says how to install
 * it: a browser test must fail, never pass by skipping, where it cannot run.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Switches for a quiet, offline, headless run: no sandbox (CI runs as root), no GPU, and none of
 * the background traffic (component updates, sync, first-run pages) a browser starts on its own,
 * so that the only request the tests see is the page's file.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The executable to launch: CHROMIUM_PATH when set (and not empty), else Debian's. */
export function chromiumPath(environment: NodeJS.ProcessEnv = process.env): string {
  const configured = environment.CHROMIUM_PATH;
  return configured !== undefined && configured !== '' ? configured : DEFAULT_CHROMIUM_PATH;
}

/** Why `path` cannot be launched, with how to fix it; undefined when it exists. */
export function missingChromiumProblem(path: string, environment: NodeJS.ProcessEnv = process.env): string | undefined {
  if (existsSync(path)) return undefined;
  const origin = environment.CHROMIUM_PATH ? `CHROMIUM_PATH names ${path}, which does not exist` : `Chromium is not installed at ${path}`;
  return (
    `${origin}. The report page's browser tests need a Chromium: install Debian's package ` +
    '(`apt-get install chromium` on Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium or Chrome executable.'
  );
}

/** Launches headless Chromium. Rejects with the install instructions when it is missing. */
export async function launchChromium(environment: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  const executablePath = chromiumPath(environment);
  const problem = missingChromiumProblem(executablePath, environment);
  if (problem !== undefined) throw new Error(problem);
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}
