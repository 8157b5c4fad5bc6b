/**
 * The AWS SDK prints a multi-line NodeVersionSupportWarning once per process when Node is older
 * than the SDK's next minimum, in every test run and every `sweep`. It is about the user's Node,
 * not about their tests, so the library turns it off unless the user has set the SDK's own
 * switch either way: `AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=false` brings it back.
 */
export const SDK_NODE_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

/** Sets the SDK's switch to "true" when it is unset; a value the user gave is left alone. */
export function silenceSdkNodeVersionWarning(env: NodeJS.ProcessEnv = process.env): void {
  if (env[SDK_NODE_WARNING_SWITCH] === undefined) env[SDK_NODE_WARNING_SWITCH] = 'true';
}
