import { LOCAL_FLOWS_LOG_ENV, localFlowsSessionInputs } from '../../../src/session/runLocalFlows';
import { validateOptions } from '../../../src/session/options/validateOptions';

describe('localFlowsSessionInputs', () => {
  const withLocal = validateOptions({ eventBusName: 'orders', emulator: true, local: { template: './template.yaml' } });

  it('hands a session the invocation log (whose server also answers the rules local flows route)', () => {
    expect(localFlowsSessionInputs(withLocal, { [LOCAL_FLOWS_LOG_ENV]: 'http://127.0.0.1:9/log' })).toEqual({
      invocationLogUrl: 'http://127.0.0.1:9/log',
    });
  });

  it('gives nothing without local', () => {
    expect(
      localFlowsSessionInputs(validateOptions({ eventBusName: 'orders' }), { [LOCAL_FLOWS_LOG_ENV]: 'http://127.0.0.1:9/log' }),
    ).toEqual({});
  });
});
