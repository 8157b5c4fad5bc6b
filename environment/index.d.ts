import EventBridgeEnvironment from '../dist/runners/jest/EventBridgeEnvironment';
export = EventBridgeEnvironment;
