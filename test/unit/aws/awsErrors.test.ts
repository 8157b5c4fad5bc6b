import { describeAwsError, isNotFound } from '../../../src/aws/awsErrors';

const context = { action: 'Creating the capture rule', eventBusName: 'orders', endpoint: 'http://127.0.0.1:4566' };
const error = (name: string, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { name, ...extra });

describe('describeAwsError', () => {
  it.each([
    [
      error('CredentialsProviderError', 'Could not load credentials from any providers'),
      'Creating the capture rule failed: no AWS credentials were found. Set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (any value works against an emulator).',
    ],
    [error('Error', 'Region is missing'), 'Creating the capture rule failed: no AWS region is set. Set the "region" option or AWS_REGION.'],
    [
      error('Error', 'connect ECONNREFUSED 127.0.0.1:4566', { code: 'ECONNREFUSED' }),
      'Creating the capture rule failed: cannot reach endpoint http://127.0.0.1:4566 (ECONNREFUSED). Is the emulator running, and are the "endpoint" option and AWS_ENDPOINT_URL right?',
    ],
    [
      error('Error', 'AWS SDK error wrapper for TimeoutError: socket hang up'),
      'Creating the capture rule failed: cannot reach endpoint http://127.0.0.1:4566 (socket hang up). Is the emulator running, and are the "endpoint" option and AWS_ENDPOINT_URL right?',
    ],
    [
      error('ResourceNotFoundException', 'Event bus orders does not exist.'),
      'Creating the capture rule failed: event bus "orders" does not exist at endpoint http://127.0.0.1:4566. Create it first, or fix "eventBusName" (and the region).',
    ],
    [
      error('UnrecognizedClientException', 'The security token included in the request is invalid.'),
      'Creating the capture rule failed: AWS rejected the credentials (UnrecognizedClientException). Refresh them, or check AWS_PROFILE and the region.',
    ],
    [
      error('AccessDeniedException', 'User: arn:aws:iam::1:user/ci is not authorized to perform: events:PutRule'),
      'Creating the capture rule failed: access denied (AccessDeniedException). The capture needs the IAM actions listed in the README\'s "IAM permissions" section. AWS said: User: arn:aws:iam::1:user/ci is not authorized to perform: events:PutRule',
    ],
    [
      error('LimitExceededException', 'The requested resource exceeds the maximum number allowed.', { $metadata: { httpStatusCode: 400 } }),
      'Creating the capture rule failed: LimitExceededException (HTTP 400): The requested resource exceeds the maximum number allowed.',
    ],
  ])('explains %p', (thrown, expected) => {
    expect(describeAwsError(thrown, context)).toBe(expected);
  });

  it('treats already-deleted resources as removed', () => {
    expect([error('ResourceNotFoundException', ''), error('QueueDoesNotExist', ''), error('AccessDenied', '')].map(isNotFound)).toEqual([
      true,
      true,
      false,
    ]);
  });
});
