import { randomBytes } from 'node:crypto';
import { SDK_NODE_WARNING_SWITCH } from '../../aws/sdkNodeWarning';
import type { LocalFunctionSpec } from '../stackModel';

export interface EmulatorAccess {
  /** The emulator's endpoint, e.g. `http://127.0.0.1:5000`. */
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
}

/**
 * Host variables an execution environment keeps, and why: PATH so that a handler can spawn a
 * program; the temporary-folder variables so that `os.tmpdir()` (Lambda's /tmp) is writable;
 * SYSTEMROOT, without which Node's networking and child processes fail on Windows; the AWS SDK's
 * switch for its Node.js version warning (set to "true" when the host has not set it, as the
 * library does for itself: it is about the machine's Node, and each cold start would print it
 * again). Nothing else
 * passes: not AWS_PROFILE, AWS_CONFIG_FILE or the host's credentials (a handler must never reach
 * a real account from a local run), not NODE_OPTIONS (a worker takes its flags from the process,
 * not from its `env`), not DEBUG or the test runner's variables (Lambda has none of them).
 */
export const HOST_VARIABLES_KEPT = ['PATH', 'TMPDIR', 'TMP', 'TEMP', 'SYSTEMROOT'] as const;

/** Lambda's log stream name for a new execution environment: `2026/12/01/[$LATEST]<32 hex digits>`. */
export function newLogStreamName(now: Date = new Date()): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '/');
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
}

/**
 * The `process.env` of one execution environment, in this order (a later one wins):
 * 1. the host variables in HOST_VARIABLES_KEPT;
 * 2. the function's own `environment` (from the template);
 * 3. what Lambda reserves and sets itself (a template cannot set those in AWS either):
 *    AWS_LAMBDA_FUNCTION_NAME, AWS_LAMBDA_FUNCTION_VERSION (`$LATEST`),
 *    AWS_LAMBDA_FUNCTION_MEMORY_SIZE, AWS_LAMBDA_LOG_GROUP_NAME and _STREAM_NAME,
 *    AWS_LAMBDA_INITIALIZATION_TYPE (`on-demand`), AWS_REGION, AWS_DEFAULT_REGION,
 *    AWS_EXECUTION_ENV (`AWS_Lambda_nodejs20.x`), LAMBDA_TASK_ROOT (the code folder), _HANDLER,
 *    TZ (`:UTC`) and the credentials (here the emulator's dummy ones);
 * 4. AWS_ENDPOINT_URL, the emulator's endpoint, so that the handler's SDK v3 clients call the
 *    emulator; it wins over a function's own value, which would otherwise send a local run to AWS.
 *
 * TZ is set as Lambda sets it, but Node's time zone belongs to the whole process: run the tests
 * with TZ=UTC for dates to match Lambda's.
 */
export function lambdaEnvironmentVariables(
  spec: Pick<LocalFunctionSpec, 'functionName' | 'memorySizeMb' | 'runtime' | 'handler' | 'codeDirectory' | 'environment'>,
  access: EmulatorAccess,
  logStreamName: string,
  hostEnv: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of HOST_VARIABLES_KEPT) {
    // Windows spells some of them in another case (Path, SystemRoot).
    const key = Object.keys(hostEnv).find((candidate) => candidate.toUpperCase() === name);
    const value = key === undefined ? undefined : hostEnv[key];
    if (key !== undefined && value !== undefined) env[key] = value;
  }
  env[SDK_NODE_WARNING_SWITCH] = hostEnv[SDK_NODE_WARNING_SWITCH] ?? 'true';
  Object.assign(env, spec.environment);
  Object.assign(env, {
    AWS_LAMBDA_FUNCTION_NAME: spec.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memorySizeMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${spec.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_REGION: access.region,
    AWS_DEFAULT_REGION: access.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${spec.runtime}`,
    LAMBDA_TASK_ROOT: spec.codeDirectory,
    _HANDLER: spec.handler,
    TZ: ':UTC',
    AWS_ACCESS_KEY_ID: access.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: access.credentials.secretAccessKey,
    AWS_ENDPOINT_URL: access.endpoint,
  });
  if (access.credentials.sessionToken !== undefined) env.AWS_SESSION_TOKEN = access.credentials.sessionToken;
  else delete env.AWS_SESSION_TOKEN;
  return env;
}
