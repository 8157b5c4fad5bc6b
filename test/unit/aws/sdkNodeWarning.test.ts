import { SDK_NODE_WARNING_SWITCH, silenceSdkNodeVersionWarning } from '../../../src/aws/sdkNodeWarning';

describe('silenceSdkNodeVersionWarning', () => {
  it("turns the SDK's Node-version banner off when the user has not set its switch", () => {
    const env: NodeJS.ProcessEnv = {};
    silenceSdkNodeVersionWarning(env);
    expect(env).toEqual({ [SDK_NODE_WARNING_SWITCH]: 'true' });
  });

  it('leaves a value the user set alone, so that "false" brings the banner back', () => {
    const env: NodeJS.ProcessEnv = { [SDK_NODE_WARNING_SWITCH]: 'false' };
    silenceSdkNodeVersionWarning(env);
    expect(env).toEqual({ [SDK_NODE_WARNING_SWITCH]: 'false' });
  });
});
