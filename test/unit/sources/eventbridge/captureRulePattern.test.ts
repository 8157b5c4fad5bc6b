import { arnScopeFixture } from '../../capture/fixtures';
import { captureRulePattern } from '../../../../src/sources/eventbridge/captureRulePattern';
import { captureQueuePolicy } from '../../../../src/sources/eventbridge/queuePolicy';
import { parseEventBusArn, partitionOfArn, queueArn, ruleArn } from '../../../../src/aws/arns';
import { partitionOfRegion } from '../../../../src/aws/regions';

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

  it.each([
    ['eu-west-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
    ['us-isof-south-1', 'aws-iso-f'],
    ['eu-isoe-west-1', 'aws-iso-e'],
    ['eusc-de-east-1', 'aws-eusc'],
  ])('puts region %s in partition %s, as the SDK does', (region, partition) => {
    expect(partitionOfRegion(region)).toBe(partition);
  });

  it('reads the partition of an ARN AWS gave', () => {
    expect(partitionOfArn('arn:aws-eusc:sts::123456789012:user/moto')).toBe('aws-eusc');
    expect(partitionOfArn('arn:aws-iso-f:events:us-isof-south-1:123456789012:rule/r')).toBe('aws-iso-f');
    expect(partitionOfArn('not an arn')).toBeUndefined();
    expect(partitionOfArn(undefined)).toBeUndefined();
  });

  it("reads bus ARNs whose partition is their region's, and no others", () => {
    expect(parseEventBusArn('arn:aws-eusc:events:eusc-de-east-1:123456789012:event-bus/orders')).toEqual({
      partition: 'aws-eusc',
      region: 'eusc-de-east-1',
      account: '123456789012',
      name: 'orders',
    });
    expect(parseEventBusArn('arn:aws:events:eusc-de-east-1:123456789012:event-bus/orders')).toBeUndefined();
    expect(parseEventBusArn('arn:aws:events:xx-nowhere-1:123456789012:event-bus/orders')).toBeUndefined();
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

  it("takes a mirrored rule's pattern as the capture pattern: the rule's conditions AND this file's correlation prefix", () => {
    // As DescribeRule's text parses: an integer beyond 2^53 stays a BigInt.
    const mirrored = {
      source: ['shop.billing'],
      'detail-type': ['OrderConfirmed'],
      detail: { total: [{ numeric: ['>', 9007199254740993n] }], metadata: { correlationId: [{ exists: true }] } },
    };
    const pattern = captureRulePattern({
      accountId: '123456789012',
      canaryId: 'c1',
      capturePattern: mirrored,
      correlation: { segments: ['detail', 'metadata', 'correlationId'], prefix: 'jeb-r-w1-n:' },
    });
    expect(pattern.$or).toEqual([
      {
        source: ['shop.billing'],
        'detail-type': ['OrderConfirmed'],
        // The rule's own condition on the correlation field gives way to the file's prefix.
        detail: { total: [{ numeric: ['>', 9007199254740993n] }], metadata: { correlationId: [{ prefix: 'jeb-r-w1-n:' }] } },
      },
      { source: ['jest-eventbridge.readiness'], 'detail-type': ['Capture Readiness Check'], detail: { canaryId: ['c1'] } },
    ]);
  });
});
