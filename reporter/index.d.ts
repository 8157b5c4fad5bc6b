import EventBridgeReporter from '../dist/runners/jest/reporter';
export = EventBridgeReporter;
