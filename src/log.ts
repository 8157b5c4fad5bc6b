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

export function createLogger(scope: string, env: NodeJS.ProcessEnv = process.env): Logger {
  const namespace = `jest-eventbridge:${scope}`;
  if (!enabled(namespace, env.DEBUG)) return () => undefined;
  return (message) => process.stderr.write(`${namespace} ${message}\n`);
}
