/**
 * Which of a template's resource types local mode creates on the emulator, which it leaves to
 * local flows, and why it skips the others. Checked against moto 5.2.1's CloudFormation: it
 * creates tables, queues, topics and buckets from a template (their `Ref` and the `Fn::GetAtt`
 * names below are moto's own), while it has no model for queue policies or SNS subscriptions
 * (it would record them with no physical id) and mishandles event buses.
 */

/** Created through the emulator's CloudFormation, with the `Fn::GetAtt` names it answers for each. */
export const PROVISIONED_TYPES: Readonly<Record<string, readonly string[]>> = {
  'AWS::DynamoDB::Table': ['Arn', 'StreamArn'],
  'AWS::SQS::Queue': ['Arn', 'QueueName'],
  'AWS::SNS::Topic': ['TopicName'],
  'AWS::S3::Bucket': ['Arn', 'DomainName', 'DualStackDomainName', 'RegionalDomainName', 'WebsiteURL'],
};

/** SAM's table, created as the AWS::DynamoDB::Table SAM turns it into. */
export const SAM_SIMPLE_TABLE = 'AWS::Serverless::SimpleTable';

/** Run by local flows themselves (the function runtime and the router): neither created nor listed. */
export const LOCAL_FLOW_TYPES: ReadonlySet<string> = new Set([
  'AWS::Lambda::Function',
  'AWS::Serverless::Function',
  'AWS::Events::Rule',
  'AWS::Events::EventBus',
  'AWS::Lambda::Permission',
  'AWS::Lambda::EventInvokeConfig',
]);

/**
 * Not created because nothing in a local run reads them: local handlers run with the emulator's
 * dummy credentials and the emulator enforces no permissions or resource policies, and CDK's
 * metadata is CDK's. Reported apart from `skipped` (as `notNeeded`), so that the start-up list
 * shows the gaps that change behaviour, not one role and one policy per function of a CDK stack.
 */
export const NOT_NEEDED_TYPES: Readonly<Record<string, string>> = {
  'AWS::IAM::Role': 'not needed locally: the emulator does not enforce IAM permissions',
  'AWS::IAM::Policy': 'not needed locally: the emulator does not enforce IAM permissions',
  'AWS::IAM::ManagedPolicy': 'not needed locally: the emulator does not enforce IAM permissions',
  'AWS::SQS::QueuePolicy': 'not needed locally: the emulator does not enforce queue policies (and its CloudFormation does not create them)',
  'AWS::SNS::TopicPolicy': 'not needed locally: the emulator does not enforce topic policies',
  'AWS::S3::BucketPolicy': 'not needed locally: the emulator does not enforce bucket policies',
  'AWS::CDK::Metadata': "not needed locally: CDK's own record of the construct library versions",
};

const KNOWN_REASONS: Readonly<Record<string, string>> = {
  'AWS::SNS::Subscription':
    "the emulator's CloudFormation does not create SNS subscriptions: give the topic a Subscription property, or subscribe in the test's setup",
  'AWS::Lambda::EventSourceMapping':
    'local mode does not poll queues or streams for functions: invoke the function from an EventBridge rule, or test that path against AWS',
  'AWS::Lambda::Version': 'local mode invokes the function itself, not its versions',
  'AWS::Lambda::Alias': 'local mode invokes the function itself, not its aliases',
};

/** Why local mode does not create a resource of `type` (one not provisioned, run locally or unneeded). */
export function skipReason(type: string): string {
  return (
    KNOWN_REASONS[type] ??
    `local mode does not create ${type}: the emulator's CloudFormation creates only ${[...Object.keys(PROVISIONED_TYPES), SAM_SIMPLE_TABLE].join(', ')} reliably; test what uses it against AWS`
  );
}
