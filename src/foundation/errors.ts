/**
 * Every error the library throws on purpose is one of these, so a user (or a wrapper) can tell
 * our diagnoses from an SDK's stack. Messages name the bad value and how to fix it.
 */
export class JestEventBridgeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An option is missing, misspelt or malformed. Thrown before any AWS call. */
export class ConfigurationError extends JestEventBridgeError {}

/** The capture queue, rule or target could not be created, or the rule is not delivering. */
export class CaptureSetupError extends JestEventBridgeError {}

/** One or more capture resources could not be removed; their names are in the message. */
export class CaptureTeardownError extends JestEventBridgeError {
  constructor(
    message: string,
    readonly leftBehind: readonly string[],
    readonly errors: readonly unknown[],
  ) {
    super(message, { cause: errors[0] });
  }
}

/** An entry given to `put()` is invalid, or EventBridge rejected one or more entries. */
export class PutEventsError extends JestEventBridgeError {}
