import { parseEventBusArn } from '../../../../src/aws/arns';
import { parseQueueArn, parseTopicArn } from '../../../../src/local/delivery/targetArns';

describe('parseTopicArn', () => {
  it.each([
    ['arn:aws:sns:us-east-1:123456789012:alerts', { region: 'us-east-1', account: '123456789012', name: 'alerts' }],
    ['arn:aws:sns:eu-west-1:123456789012:orders_2-x.fifo', { region: 'eu-west-1', account: '123456789012', name: 'orders_2-x.fifo' }],
    ['arn:aws-cn:sns:cn-north-1:123456789012:a', { region: 'cn-north-1', account: '123456789012', name: 'a' }],
    [`arn:aws:sns:us-east-1:123456789012:${'t'.repeat(256)}`, { region: 'us-east-1', account: '123456789012', name: 't'.repeat(256) }],
    [
      `arn:aws:sns:us-east-1:123456789012:${'t'.repeat(251)}.fifo`,
      { region: 'us-east-1', account: '123456789012', name: `${'t'.repeat(251)}.fifo` },
    ],
  ])('reads %s', (arn, parts) => {
    expect(parseTopicArn(arn)).toEqual(parts);
  });

  it.each([
    ['a queue', 'arn:aws:sqs:us-east-1:123456789012:alerts'],
    ['a subscription (topic name, then its id)', 'arn:aws:sns:us-east-1:123456789012:alerts:7b0b6c4e-1d2f-4a3b-9c8d-0e1f2a3b4c5d'],
    ['a name with a dot that is not .fifo', 'arn:aws:sns:us-east-1:123456789012:alerts.v2'],
    ['a name past 256 characters', `arn:aws:sns:us-east-1:123456789012:${'t'.repeat(257)}`],
    ['a FIFO name past 256 characters with .fifo', `arn:aws:sns:us-east-1:123456789012:${'t'.repeat(252)}.fifo`],
    ['an account that is not 12 digits', 'arn:aws:sns:us-east-1:1234:alerts'],
    ['an empty name', 'arn:aws:sns:us-east-1:123456789012:'],
  ])('refuses %s', (_what, arn) => {
    expect(parseTopicArn(arn)).toBeUndefined();
  });
});

describe('parseQueueArn, and parseEventBusArn as delivery reads a bus target', () => {
  it('read a queue and a bus, and refuse a topic', () => {
    expect(parseQueueArn('arn:aws:sqs:us-east-1:123456789012:jobs.fifo')).toEqual({
      region: 'us-east-1',
      account: '123456789012',
      name: 'jobs.fifo',
    });
    expect(parseEventBusArn('arn:aws:events:us-east-1:123456789012:event-bus/orders')).toEqual({
      partition: 'aws',
      region: 'us-east-1',
      account: '123456789012',
      name: 'orders',
    });
    expect(parseQueueArn('arn:aws:sns:us-east-1:123456789012:jobs')).toBeUndefined();
    expect(parseEventBusArn('arn:aws:sns:us-east-1:123456789012:jobs')).toBeUndefined();
  });
});
