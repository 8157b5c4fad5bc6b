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
