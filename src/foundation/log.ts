/** A debug log, on when DEBUG names `jest-eventbridge` (e.g. `DEBUG=jest-eventbridge*`). */
export type Logger = (message: string) => void;

function enabled(namespace: string, setting: string | undefined): boolean {
  if (!setting) return false;
  return setting.split(/[\s,]+/).some((part) => {
    if (part === '') return false;
    const pattern = new RegExp(`^${part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    return pattern.test(namespace);
  });
}

/**
 * A logger for one part of the library: `capture` (setup, readiness, teardown), `put`,
 * `events` (what the consumer receives), `matcher` (each wait and its verdict). It logs ids,
 * sources and detail-types, never an event's detail: that goes to the payload logger.
 */
export function createLogger(scope: string, env: NodeJS.ProcessEnv = process.env): Logger {
  const namespace = `jest-eventbridge:${scope}`;
  if (!enabled(namespace, env.DEBUG)) return () => undefined;
  return (message) => process.stderr.write(`${namespace} ${message}\n`);
}

export const PAYLOAD_NAMESPACE = 'jest-eventbridge:payload';

/**
 * Event details as put and as received. Details can hold personal data or secrets, so this logs
 * only when DEBUG names the namespace itself (`DEBUG=jest-eventbridge*,jest-eventbridge:payload`):
 * a wildcard such as `jest-eventbridge*` alone does not turn it on.
 */
export function createPayloadLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  const named = (env.DEBUG ?? '').split(/[\s,]+/).some((part) => part.replace(/\*$/, '') === PAYLOAD_NAMESPACE);
  if (!named) return () => undefined;
  return (message) => process.stderr.write(`${PAYLOAD_NAMESPACE} ${message}\n`);
}

// Warnings for the user, on stderr, each line starting `jest-eventbridge: ` (or with the name of
// the part that wrote it, such as `jest-eventbridge emulator: `). Unlike the debug log above, they
// are always written. This module is the library's one way to stderr besides the CLI's own output.

const PREFIX = 'jest-eventbridge: ';
/** A message that already names us (an error's message, a line from the emulator's bootstrap). */
const NAMED = /^jest-eventbridge[: ]/;

/** The line `warn` writes for `message`: the prefix unless the message carries it, and a newline. */
export function warningLine(message: string): string {
  return `${NAMED.test(message) ? '' : PREFIX}${message}\n`;
}

const ignore = (): void => undefined;

/**
 * Writes `text` to stderr as it is. stderr may be a pipe to a Jest parent that has already gone
 * (a signal killed both): an EPIPE there must not crash the process while it cleans up.
 */
export function writeStderr(text: string): void {
  try {
    process.stderr.once('error', ignore);
    process.stderr.write(text, (error) => {
      // On an error the listener above takes the 'error' event; otherwise it is not needed.
      if (!error) process.stderr.removeListener('error', ignore);
    });
  } catch {
    // Nowhere left to report to.
  }
}

/** Writes one warning to stderr: `jest-eventbridge: <message>`. */
export function warn(message: string): void {
  writeStderr(warningLine(message));
}
