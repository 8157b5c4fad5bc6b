import { resolveRunId } from '../../sources/eventbridge/resourceNames';

/**
 * The run id of this Jest run. Jest gives workers no run id; a worker is a child process that
 * Jest talks to over IPC (so `process.send` exists), and its parent owns every worker of the
 * run. When Jest runs in band there is no worker: this process owns the run.
 */
export function jestRunId(env: NodeJS.ProcessEnv = process.env): string {
  const owner = typeof process.send === 'function' ? process.ppid : process.pid;
  return resolveRunId(env, owner);
}
