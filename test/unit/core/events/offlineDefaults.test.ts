import { OFFLINE_ACCOUNT, offlineRegion, offlineRuleArn, partitionOfRegion } from '../../../../src/core/events/offlineDefaults';

describe('offlineDefaults', () => {
  it('reads the region from AWS_REGION, else us-east-1 (an empty one counts as unset)', () => {
    expect(offlineRegion({ AWS_REGION: 'ap-south-1' })).toBe('ap-south-1');
    expect(offlineRegion({})).toBe('us-east-1');
    expect(offlineRegion({ AWS_REGION: '' })).toBe('us-east-1');
  });

  it("names the region's partition from the SDK's data", () => {
    expect(partitionOfRegion('eu-west-1')).toBe('aws');
    expect(partitionOfRegion('cn-north-1')).toBe('aws-cn');
    expect(partitionOfRegion('us-gov-west-1')).toBe('aws-us-gov');
  });

  it("builds a rule's offline ARN in the region's partition, with the documentation account", () => {
    expect(OFFLINE_ACCOUNT).toBe('123456789012');
    expect(offlineRuleArn('audit', 'cn-north-1')).toBe('arn:aws-cn:events:cn-north-1:123456789012:rule/audit');
    expect(offlineRuleArn('audit', 'us-east-1')).toBe('arn:aws:events:us-east-1:123456789012:rule/audit');
  });
});
