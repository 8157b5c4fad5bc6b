import { ListRulesCommand, type ListRulesCommandOutput, type Rule } from '@aws-sdk/client-eventbridge';
import { MAX_LISTED_RULES, MAX_PAGES, listBusRules, readBusRules, type RuleLister } from '../../../../src/sources/eventbridge/busRules';
import { CAPTURE_RULE_DESCRIPTION } from '../../../../src/sources/eventbridge/resourceNames';

/** A stand-in for ListRules: answers each request with the next page, and keeps the requests. */
function standIn(pages: readonly ListRulesCommandOutput[]): RuleLister & { readonly requests: ListRulesCommand['input'][] } {
  const requests: ListRulesCommand['input'][] = [];
  return {
    requests,
    send: (command) => {
      requests.push(command.input);
      const page = pages[requests.length - 1];
      return page ? Promise.resolve(page) : Promise.reject(new Error(`no page ${requests.length}`));
    },
  };
}

const page = (rules: Rule[], nextToken?: string): ListRulesCommandOutput => ({
  $metadata: {},
  Rules: rules,
  ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
});

describe('listBusRules', () => {
  it('reads every page, 100 rules a request, and sorts the rules by name', async () => {
    const client = standIn([
      page([{ Name: 'zeta', EventPattern: '{"source":["z"]}', State: 'ENABLED' }], 'token-2'),
      page([{ Name: 'alpha', State: 'DISABLED' }]),
    ]);
    expect(await listBusRules(client, 'orders')).toEqual([
      { name: 'alpha', state: 'DISABLED' },
      { name: 'zeta', eventPattern: '{"source":["z"]}', state: 'ENABLED' },
    ]);
    expect(client.requests).toEqual([
      { EventBusName: 'orders', Limit: 100 },
      { EventBusName: 'orders', Limit: 100, NextToken: 'token-2' },
    ]);
  });

  it("leaves out the excluded names and every run's captures (by description)", async () => {
    const client = standIn([
      page([
        { Name: 'mine', EventPattern: '{}' },
        { Name: 'other-capture', Description: CAPTURE_RULE_DESCRIPTION, EventPattern: '{}' },
        { Name: 'service', EventPattern: '{"source":["shop"]}' },
        {},
      ]),
    ]);
    expect(await listBusRules(client, 'orders', { excludeNames: ['mine'] })).toEqual([
      { name: 'service', eventPattern: '{"source":["shop"]}' },
    ]);
  });
});

describe('readBusRules', () => {
  it(`stops after ${MAX_PAGES} pages and says the listing is truncated`, async () => {
    const pages = Array.from({ length: MAX_PAGES + 1 }, (_, index) => page([{ Name: `rule-${index}` }], `token-${index + 1}`));
    const client = standIn(pages);
    const read = await readBusRules(client, 'orders');
    expect([read.truncated, read.rules.length, client.requests.length]).toEqual([true, MAX_PAGES, MAX_PAGES]);
    expect(MAX_LISTED_RULES).toBe(5000);
  });

  it('is not truncated when the last page has no token', async () => {
    const read = await readBusRules(standIn([page([{ Name: 'a' }], 'next'), page([{ Name: 'b' }])]), 'orders');
    expect(read).toEqual({ rules: [{ name: 'a' }, { name: 'b' }], truncated: false });
  });

  it('passes the abort signal to every request', async () => {
    const seen: (AbortSignal | undefined)[] = [];
    const abort = new AbortController();
    const client: RuleLister = {
      send: (_command, options) => {
        seen.push(options.abortSignal);
        return Promise.resolve(page([]));
      },
    };
    await readBusRules(client, 'orders', { abortSignal: abort.signal });
    expect(seen).toEqual([abort.signal]);
  });
});
