import { JestEventBridgeError } from '../../foundation/errors';

const PREFIX = 'Event pattern is not valid. Reason: ';

/**
 * A pattern EventBridge would refuse (PutRule / TestEventPattern answer InvalidEventPatternException).
 * `reason` keeps EventBridge's own wording where it has one, so a message seen here can be searched
 * for in AWS material; `path` says where in the pattern the problem is, which EventBridge only gives
 * as a character offset.
 */
export class InvalidEventPatternError extends JestEventBridgeError {
  readonly path: string;
  readonly reason: string;

  constructor(reason: string, path: string) {
    super(path === '' ? `${PREFIX}${reason}` : `${PREFIX}${reason} (at ${path})`);
    this.reason = reason;
    this.path = path;
  }
}

export function invalid(reason: string, path: string): never {
  throw new InvalidEventPatternError(reason, path);
}
