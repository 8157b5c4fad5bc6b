import EventBridgeVitestReporter from '../../dist/runners/vitest/reporter';
export default EventBridgeVitestReporter;
