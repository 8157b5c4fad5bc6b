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
export { parseQueueArn, parseBusArn, type QueueArnParts, type BusArnParts } from './targetArns';
