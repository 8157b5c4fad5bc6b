import { isKnownRegion } from '../../../src/aws/regions';
import { validateOptions } from '../../../src/session/options/validateOptions';
import { parseCommandLine } from '../../../src/cli/commandLine';

describe("region names, from the SDK's partition data", () => {
  it.each([
    'us-east-1',
    'eu-central-2',
    'cn-northwest-1',
    'us-gov-east-1',
    'eusc-de-east-1',
    'us-isof-south-1',
    'eu-isoe-west-1',
    'us-isob-east-1',
  ])('accepts %s', (region) => {
    expect(isKnownRegion(region)).toBe(true);
    expect(validateOptions({ eventBusName: 'orders', region }).region).toBe(region);
  });

  it.each(['Frankfurt', 'us-east1', 'US-EAST-1', ' us-east-1', 'xx-nowhere-1', 'aws-global', 'aws-cn-global', ''])(
    'refuses %p',
    (region) => {
      expect(isKnownRegion(region)).toBe(false);
    },
  );

  it('lets the sweep command line take the same regions', () => {
    expect(parseCommandLine(['sweep', '--bus', 'orders', '--region', 'eusc-de-east-1'])).toMatchObject({
      options: { region: 'eusc-de-east-1' },
    });
    expect(() => parseCommandLine(['sweep', '--bus', 'orders', '--region', 'xx-nowhere-1'])).toThrow(
      '--region "xx-nowhere-1" is not an AWS region such as us-east-1.',
    );
  });

  it('reads region, account and partition from an aws-eusc bus ARN', () => {
    expect(validateOptions({ eventBusName: 'arn:aws-eusc:events:eusc-de-east-1:123456789012:event-bus/orders' })).toMatchObject({
      eventBusName: 'orders',
      region: 'eusc-de-east-1',
      eventBusArn: { partition: 'aws-eusc', region: 'eusc-de-east-1', account: '123456789012', name: 'orders' },
    });
  });
});
