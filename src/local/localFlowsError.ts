import { JestEventBridgeError } from '../foundation/errors';

/** Local flows could not start: the message names the template, resource or handler at fault, and the fix. */
export class LocalFlowsError extends JestEventBridgeError {}
