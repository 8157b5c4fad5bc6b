export {
  createTargetDelivery,
  deliveryUnsupportedReason,
  DeliveryError,
  type TargetDelivery,
  type TargetDeliveryOptions,
  type DeliveryTarget,
  type DeliveryContext,
  type DeliveryReceipt,
  type DeliverableKind,
} from './deliverToTarget';
export { parseQueueArn, parseTopicArn, type QueueArnParts, type TopicArnParts } from './targetArns';
