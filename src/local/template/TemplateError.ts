import { JestEventBridgeError } from '../../foundation/errors';

/**
 * A template local mode cannot read or resolve: missing, unreadable, not JSON or YAML, without
 * `Resources`, a parameter without a value or unknown, an intrinsic that names nothing local.
 * The message names the file, the place in the template (`Resources.ConfirmOrder.Properties.Handler`)
 * and the fix.
 */
export class TemplateError extends JestEventBridgeError {
  /** The template file as the message names it. */
  readonly file: string;
  /** Where in the template, when the problem is at one place. */
  readonly templatePath: string | undefined;

  constructor(file: string, problem: string, options: { templatePath?: string; cause?: unknown } = {}) {
    super(`jest-eventbridge: template ${file}: ${problem}`, { cause: options.cause });
    this.file = file;
    this.templatePath = options.templatePath;
  }
}
