import { summarize } from '../../../src/local/startLocalFlows';

describe('summarize: the start-up line of local flows', () => {
  it('says what runs, where the rules listen and what was made on the emulator', () => {
    expect(
      summarize({
        template: '/srv/orders/template.yaml',
        functions: ['ConfirmOrder', 'TakePayment'],
        rules: [{ eventBusName: 'orders' }, { eventBusName: 'orders' }, { eventBusName: 'default' }],
        created: ['OrdersTable (AWS::DynamoDB::Table)', 'OrdersBus (AWS::Events::EventBus)'],
        skipped: [],
      }),
    ).toBe(
      'template.yaml: 2 functions (ConfirmOrder, TakePayment); 3 rules on buses orders, default; on the emulator: OrdersTable (AWS::DynamoDB::Table), OrdersBus (AWS::Events::EventBus)',
    );
  });

  it('adds a line of what is not run locally, with each reason', () => {
    expect(
      summarize({
        template: 'template.json',
        functions: ['Notify'],
        rules: [{ eventBusName: 'orders' }],
        created: [],
        skipped: [
          { logicalId: 'Report', type: 'AWS::Lambda::Function', reason: 'python3.12: local mode runs Node.js handlers' },
          { logicalId: 'Machine', type: 'AWS::StepFunctions::StateMachine', reason: 'not created by the emulator' },
        ],
      }),
    ).toBe(
      'template.json: 1 function (Notify); 1 rule on bus orders\n' +
        '  not run locally: Report (AWS::Lambda::Function: python3.12: local mode runs Node.js handlers); Machine (AWS::StepFunctions::StateMachine: not created by the emulator)',
    );
  });
});
