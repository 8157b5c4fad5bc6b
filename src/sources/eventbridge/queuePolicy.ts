/**
 * The capture queue's resource policy: EventBridge may send to it only on behalf of this file's
 * rule. Without the `aws:SourceArn` condition any rule in any account could write into the
 * queue; with it, the queue admits exactly one sender.
 */
export interface QueuePolicyInputs {
  readonly queueArn: string;
  readonly ruleArn: string;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly {
    readonly Sid: string;
    readonly Effect: 'Allow';
    readonly Principal: { readonly Service: 'events.amazonaws.com' };
    readonly Action: 'sqs:SendMessage';
    readonly Resource: string;
    readonly Condition: { readonly ArnEquals: { readonly 'aws:SourceArn': string } };
  }[];
}

export function captureQueuePolicy({ queueArn, ruleArn }: QueuePolicyInputs): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowCaptureRuleOnly',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: queueArn,
        Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
      },
    ],
  };
}
