import { CAPTURE_RULE_DESCRIPTION, isCaptureRule } from '../../../../src/sources/eventbridge/resourceNames';

describe('isCaptureRule', () => {
  it("tells any run's capture rule (whatever its prefix) by its description", () => {
    expect(isCaptureRule({ Name: 'ci-abc-w1-spec-x1', Description: `${CAPTURE_RULE_DESCRIPTION}/repo/test/a.test.ts` })).toBe(true);
    expect(isCaptureRule({ Name: 'jeb-abc-w1-spec-x1', Description: `${CAPTURE_RULE_DESCRIPTION}a.test.ts` })).toBe(true);
  });

  it("keeps a service's rules, even one whose name looks like a capture's", () => {
    expect(isCaptureRule({ Name: 'jeb-orders-in', Description: 'Routes orders to the order service' })).toBe(false);
    expect(isCaptureRule({ Name: 'order-service-in' })).toBe(false);
  });
});
