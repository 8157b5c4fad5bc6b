import EventBridgeEnvironment from '../dist/environment/EventBridgeEnvironment';
export = EventBridgeEnvironment;
