import { describe, expect, it } from '@jest/globals';
import { lambdaEnvironmentVariables, newLogStreamName } from '../../../../src/local/lambda/lambdaEnvironmentVariables';

const SPEC = {
  functionName: 'orders-ConfirmOrder-1A2B3C',
  memorySizeMb: 512,
  runtime: 'nodejs22.x',
  handler: 'src/confirm.handler',
  codeDirectory: '/project/services/orders',
  environment: {
    TABLE_NAME: 'orders',
    // Reserved in Lambda: a template cannot set them there, nor here.
    AWS_REGION: 'us-east-1',
    AWS_LAMBDA_FUNCTION_NAME: 'other',
    AWS_SESSION_TOKEN: 'from-the-template',
    AWS_ENDPOINT_URL: 'https://events.eu-west-1.amazonaws.com',
  },
};

const ACCESS = { endpoint: 'http://127.0.0.1:5000', region: 'eu-west-1', credentials: { accessKeyId: 'key', secretAccessKey: 'secret' } };

describe('lambdaEnvironmentVariables', () => {
  it("keeps the function's variables, sets Lambda's reserved ones over them, and passes only PATH and the temporary folders from the host", () => {
    const host = {
      Path: 'C:\\Windows',
      TMPDIR: '/var/tmp',
      SystemRoot: 'C:\\Windows',
      HOME: '/home/me',
      AWS_PROFILE: 'production',
      AWS_ACCESS_KEY_ID: 'AKIAREAL',
      AWS_CONFIG_FILE: '/home/me/.aws/config',
      NODE_OPTIONS: '--inspect',
      DEBUG: 'jest-eventbridge*',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'false',
    };
    expect(lambdaEnvironmentVariables(SPEC, ACCESS, '2026/12/01/[$LATEST]0123', host)).toEqual({
      Path: 'C:\\Windows',
      TMPDIR: '/var/tmp',
      SystemRoot: 'C:\\Windows',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'false',
      TABLE_NAME: 'orders',
      AWS_LAMBDA_FUNCTION_NAME: 'orders-ConfirmOrder-1A2B3C',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/orders-ConfirmOrder-1A2B3C',
      AWS_LAMBDA_LOG_STREAM_NAME: '2026/12/01/[$LATEST]0123',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      LAMBDA_TASK_ROOT: '/project/services/orders',
      _HANDLER: 'src/confirm.handler',
      TZ: ':UTC',
      AWS_ACCESS_KEY_ID: 'key',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:5000',
    });
  });

  it("sets the session token when the emulator's credentials have one, and silences the SDK's Node.js warning unless the host chose", () => {
    const env = lambdaEnvironmentVariables(
      SPEC,
      { ...ACCESS, credentials: { ...ACCESS.credentials, sessionToken: 'token' } },
      '2026/12/01/[$LATEST]0123',
      {},
    );
    expect([env.AWS_SESSION_TOKEN, env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED, env.PATH]).toEqual(['token', 'true', undefined]);
  });
});

describe('newLogStreamName', () => {
  it("is Lambda's shape, new for each environment", () => {
    const first = newLogStreamName(new Date('2026-12-01T03:04:05Z'));
    expect(first).toMatch(/^2026\/12\/01\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(newLogStreamName(new Date('2026-12-01T03:04:05Z'))).not.toBe(first);
  });
});
