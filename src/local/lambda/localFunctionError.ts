import { JestEventBridgeError } from '../../foundation/errors';

/**
 * A function of the template cannot run locally as declared: a runtime other than Node.js, a
 * handler setting that names no file, an export that is missing or not a function, a TypeScript
 * source esbuild cannot bundle. The message names the function and the fix. Thrown by
 * `createFunctionRuntime` (the runtime) and by `FunctionRuntime.prepare()` (the rest), before any
 * event is routed; never for what a handler does when it runs (that is an invocation's record).
 */
export class LocalFunctionError extends JestEventBridgeError {}
