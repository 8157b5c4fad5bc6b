// The compared tools' types are ambient declarations (they ship none, and live outside this
// project's dependencies): an import cannot name such a file, a reference can.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../peers/types.d.ts" />
/**
 * The tools jest-eventbridge is compared with, loaded from their own package (`bench/peers`,
 * with its own lockfile), so that their dependencies (aws-sdk v2 and all it pulls in) never
 * enter the library's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DeleteRuleCommand, RemoveTargetsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { MatcherFunction } from 'expect';
import { repoRoot } from './paths';

export type AwsSdkV2 = typeof import('aws-sdk');
export type { AwsV2Request, AwsV2Response } from 'aws-sdk';
export type { ReceiveResult, SlsEventBridge } from 'sls-test-tools';
type SlsHelpers = typeof import('sls-test-tools/lib/helpers');
type PeerMatcher = MatcherFunction<unknown[]>;

// The compared tools' matchers, as registered on the `expect` package by the harness.
declare module 'expect' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface Matchers<R extends void | Promise<void>, T = unknown> {
    /** sls-test-tools. */
    toHaveEvent(): R;
    /** sls-test-tools. */
    toHaveEventWithSource(source: string): R;
    /** aws-testing-library: a message on the queue satisfies `matcher` (polled). */
    toHaveMessage(matcher: (body: unknown) => boolean): Promise<void>;
  }
}

export function peersDir(): string {
  return join(repoRoot(), 'bench', 'peers');
}

/**
 * Installs the compared tools when they are missing or older than the lockfile: `npm ci` with a
 * lockfile (exact versions, as CI does), `npm install` without one.
 */
export function ensurePeersInstalled(log: (line: string) => void): void {
  const dir = peersDir();
  const lock = join(dir, 'package-lock.json');
  const manifest = join(dir, 'package.json');
  // npm writes this hidden lockfile last, so it is newer than the inputs of a completed install.
  const installed = join(dir, 'node_modules', '.package-lock.json');
  const mtime = (path: string): number => statSync(path).mtimeMs;
  const hasLock = existsSync(lock);
  if (existsSync(installed) && mtime(installed) >= mtime(manifest) && (!hasLock || mtime(installed) >= mtime(lock))) return;

  const args = [hasLock ? 'ci' : 'install', '--prefix', dir, '--no-audit', '--no-fund'];
  log(`installing the compared tools: npm ${args.join(' ').replace(dir, 'bench/peers')}`);
  // Under `npm run`, npm_execpath names the npm that runs us: use the same one.
  const npmCli = process.env.npm_execpath;
  const result = npmCli?.endsWith('.js')
    ? spawnSync(process.execPath, [npmCli, ...args], { stdio: 'inherit' })
    : spawnSync('npm', args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`installing bench/peers failed (npm exited with ${String(result.status ?? result.error)})`);
}

/** The installed versions of the compared tools, for the report. */
export function peerVersions(): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const name of ['sls-test-tools', 'aws-testing-library', 'aws-sdk']) {
    try {
      const manifest = JSON.parse(readFileSync(join(peersDir(), 'node_modules', name, 'package.json'), 'utf8')) as { version?: unknown };
      versions[name] = typeof manifest.version === 'string' ? manifest.version : 'unknown';
    } catch {
      versions[name] = 'not installed';
    }
  }
  return versions;
}

export interface Peers {
  readonly aws: AwsSdkV2;
  readonly sls: SlsHelpers;
  /** sls-test-tools' matchers (toHaveEvent, toHaveEventWithSource), for `expect.extend`. */
  readonly slsAssertions: Record<string, PeerMatcher>;
  /** aws-testing-library's toHaveMessage, wrapped with its retries exactly as its Jest entry does. */
  readonly toHaveMessage: PeerMatcher;
}

/** The flags sls-test-tools reads from the command line: it cannot load without `--stack`. */
export const SLS_TEST_TOOLS_ARGS = (region: string): string[] => ['--stack=jest-eventbridge-bench', `--region=${region}`];

/**
 * Loads the tools, pointed at `endpoint` with the emulator's fake credentials. Both use the
 * aws-sdk v2 global configuration, so one `AWS.config.update` covers their clients.
 */
export function loadPeers(endpoint: string, region: string): Peers {
  for (const flag of SLS_TEST_TOOLS_ARGS(region)) {
    const name = flag.slice(0, flag.indexOf('=') + 1);
    if (!process.argv.some((arg) => arg.startsWith(name))) process.argv.push(flag);
  }
  const peerRequire = createRequire(join(peersDir(), 'package.json'));
  const aws = peerRequire('aws-sdk') as AwsSdkV2;
  const sls = peerRequire('sls-test-tools/lib/helpers') as SlsHelpers;
  const slsAssertions = (peerRequire('sls-test-tools/lib/assertions') as { default: Record<string, PeerMatcher> }).default;
  const { toHaveMessage } = peerRequire('aws-testing-library/lib/jest/sqs') as { toHaveMessage: PeerMatcher };
  const { wrapWithRetries } = peerRequire('aws-testing-library/lib/jest/utils') as {
    wrapWithRetries: (matcher: PeerMatcher) => PeerMatcher;
  };
  // sls-test-tools set the credentials (from the environment) and region when it loaded.
  aws.config.update({ endpoint, region });
  return { aws, sls, slsAssertions, toHaveMessage: wrapWithRetries(toHaveMessage) };
}

/**
 * Removes what sls-test-tools' destroy() leaves on a bus: its rule (`test-<bus>-rule`) and the
 * rule's target, the deleted queue. On the emulator a rule that targets a deleted queue fails
 * every later PutEvents on the bus, so the benchmark cleans it up, outside any measurement.
 */
export async function removeSlsLeftovers(events: EventBridgeClient, bus: string): Promise<void> {
  const rule = `test-${bus}-rule`;
  try {
    await events.send(new RemoveTargetsCommand({ Rule: rule, EventBusName: bus, Ids: ['1'] }));
    await events.send(new DeleteRuleCommand({ Name: rule, EventBusName: bus }));
  } catch (error) {
    // Nothing left behind (build() failed before it made the rule): nothing to do.
    if ((error as { name?: unknown }).name !== 'ResourceNotFoundException') throw error;
  }
}
