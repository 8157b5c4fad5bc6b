// The CommonJS spec on the embedded emulator: `emulator: true`, and local flows of the service's
// template. Our global setup starts the emulator, creates the bus, hands the endpoint to the test
// files and runs the service's handler; no endpoint, region or credentials come from outside.
// The e2e test adds the event reporter on the command line, beside its JSON reporter (a
// command-line --reporter replaces the config's reporters).
import { eventBridgeOptions, vitestConfig } from './vitest.shared.mjs';

export default vitestConfig(['orders.spec.cjs', 'local.spec.cjs'], {
  ...eventBridgeOptions,
  emulator: true,
  local: { template: './service/template.yaml' },
});
