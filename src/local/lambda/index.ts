/**
 * The local Lambda runtime of local flows: a template's Node.js functions, each run in an
 * execution environment of its own (a worker thread) as an asynchronous invocation runs it.
 * The router calls `createFunctionRuntime` per function, awaits `prepare()` before tests start,
 * `invoke`s it for each routed event and `stop`s it at the end.
 */
export {
  DEFAULT_RETRY_DELAYS_MS,
  INIT_TIMEOUT_MS,
  createFunctionRuntime,
  type FunctionRuntime,
  type FunctionRuntimeOptions,
  type InvocationListener,
  type InvocationMeta,
} from './functionRuntime';
export { LocalFunctionError } from './localFunctionError';
