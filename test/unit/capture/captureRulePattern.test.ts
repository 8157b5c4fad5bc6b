import { arnScopeFixture } from './fixtures';
import { captureRulePattern } from '../../../src/capture/captureRulePattern';
import { captureQueuePolicy } from '../../../src/capture/queuePolicy';
import { partitionOf, queueArn, ruleArn } from '../../../src/capture/arns';

describe('captureRulePattern', () => {
  it("captures the account's events by default, and this file's canary", () => {
    expect(captureRulePattern({ accountId: '123456789012', canaryId: 'c1' })).toEqual({
      $or: [
        { account: ['123456789012'], source: [{ 'anything-but': 'jest-eventbridge.readiness' }] },
        { source: ['jest-eventbridge.readiness'], 'detail-type': ['Capture Readiness Check'], detail: { canaryId: ['c1'] } },
      ],
    });
  });

  it("narrows the user's pattern to this file's correlation ids without changing its source", () => {
    const pattern = captureRulePattern({
      accountId: '123456789012',
      canaryId: 'c1',
      capturePattern: { source: [{ prefix: 'shop.' }], detail: { kind: ['x'] } },
      correlation: { segments: ['detail', 'metadata', 'correlationId'], prefix: 'jeb-r-w1-n:' },
    });
    expect(pattern.$or).toContainEqual({
      source: [{ prefix: 'shop.' }],
      detail: { kind: ['x'], metadata: { correlationId: [{ prefix: 'jeb-r-w1-n:' }] } },
    });
  });
});

describe('ARNs and the queue policy', () => {
  it('computes rule ARNs for the default bus and custom buses', () => {
    expect(ruleArn(arnScopeFixture, 'default', 'r')).toBe('arn:aws:events:us-east-1:123456789012:rule/r');
    expect(ruleArn(arnScopeFixture, 'orders', 'r')).toBe('arn:aws:events:us-east-1:123456789012:rule/orders/r');
    expect(queueArn(arnScopeFixture, 'q')).toBe('arn:aws:sqs:us-east-1:123456789012:q');
  });

  it('knows the partitions', () => {
    expect([partitionOf('eu-west-1'), partitionOf('cn-north-1'), partitionOf('us-gov-west-1')]).toEqual(['aws', 'aws-cn', 'aws-us-gov']);
  });

  it('admits only EventBridge, only SendMessage, only from the capture rule', () => {
    expect(captureQueuePolicy({ queueArn: 'arn:q', ruleArn: 'arn:r' })).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowCaptureRuleOnly',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: 'arn:q',
          Condition: { ArnEquals: { 'aws:SourceArn': 'arn:r' } },
        },
      ],
    });
  });
});
