import { busNameOf } from '../../../../src/core/targets';
import { arnParts, functionNameOfArn, generatedName, stackId } from '../../../../src/local/template/physicalNames';

describe('generated names, as CloudFormation makes them', () => {
  it('is <stack>-<logicalId>-<12 upper-case letters and digits>, the same on every run', () => {
    expect(generatedName('orders-test', 'ShipmentQueue', 80)).toBe('orders-test-ShipmentQueue-BT44SFEI9MOS');
    expect(generatedName('orders-test', 'ShipmentQueue', 80)).toBe(generatedName('orders-test', 'ShipmentQueue', 80));
  });

  it('differs between stacks and between resources', () => {
    const names = new Set([generatedName('a', 'Queue', 80), generatedName('b', 'Queue', 80), generatedName('a', 'Queue2', 80)]);
    expect(names.size).toBe(3);
  });

  it('shortens the stack name and logical id to fit a function name (64 characters), keeping the suffix', () => {
    const name = generatedName('a-very-long-stack-name-for-the-orders-service', 'ConfirmOrderFunctionWithALongName', 64);
    expect([name, name.length]).toStrictEqual(['a-very-long-stack-name-for-the-orders-service-Confi-SKFPAHIN59MM', 64]);
  });
});

describe('ARNs', () => {
  it('gives the stack a CloudFormation stack ARN with a stable id', () => {
    expect(stackId({ partition: 'aws', region: 'eu-west-1', account: '123456789012' }, 'orders')).toMatch(
      /^arn:aws:cloudformation:eu-west-1:123456789012:stack\/orders\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it.each([
    ['arn:aws:lambda:eu-west-1:123456789012:function:confirm', 'confirm'],
    ['arn:aws:lambda:eu-west-1:123456789012:function:confirm:live', 'confirm'],
    ['arn:aws:sqs:eu-west-1:123456789012:confirm', undefined],
    ['confirm', undefined],
  ])('the function name of %s is %p', (arn, name) => {
    expect(functionNameOfArn(arn)).toBe(name);
  });

  it('splits an ARN into its service and resource, and reads a bus name from an event-bus ARN', () => {
    expect(arnParts('arn:aws:events:eu-west-1:123456789012:event-bus/orders')).toStrictEqual({
      service: 'events',
      resource: 'event-bus/orders',
    });
    expect(arnParts('orders')).toBeUndefined();
    expect([busNameOf('arn:aws:events:eu-west-1:123456789012:event-bus/orders'), busNameOf('orders')]).toStrictEqual(['orders', 'orders']);
  });
});
