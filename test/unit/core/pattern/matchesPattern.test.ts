import { compilePattern, matchesPattern } from '../../../../src/core/pattern';
import { matchCases, type MatchCase } from './matchesPattern.cases';

describe('matchesPattern', () => {
  it('has a broad table of cases, each with a source', () => {
    expect(matchCases.length).toBeGreaterThanOrEqual(150);
    expect(new Set(matchCases.map((c) => c.name)).size).toBe(matchCases.length);
    for (const c of matchCases) expect(c.source).not.toBe('');
  });

  it.each(matchCases.map((c): [string, MatchCase] => [c.name, c]))('%s', (_name, c) => {
    expect(matchesPattern(c.pattern, c.event)).toBe(c.matches);
  });

  it.each(matchCases.map((c): [string, MatchCase] => [c.name, c]))('explain agrees with matches: %s', (_name, c) => {
    const mismatches = compilePattern(c.pattern).explain(c.event);
    expect(mismatches.length === 0).toBe(c.matches);
  });

  it('gives the same answer for a pattern given as JSON text', () => {
    for (const c of matchCases) expect(compilePattern(JSON.stringify(c.pattern)).matches(c.event)).toBe(c.matches);
  });

  it('keeps its own copy of the pattern', () => {
    const pattern = { source: ['shop.orders'] };
    const compiled = compilePattern(pattern);
    pattern.source = ['other'];
    expect(compiled.matches({ source: 'shop.orders' })).toBe(true);
    expect(compiled.pattern).toEqual({ source: ['shop.orders'] });
    expect(Object.isFrozen(compiled.pattern)).toBe(true);
  });

  it('describes the pattern on one line', () => {
    expect(compilePattern({ source: ['shop'], detail: { total: [{ numeric: ['>', 100] }] } }).describe()).toBe(
      '{"source":["shop"],"detail":{"total":[{"numeric":[">",100]}]}}',
    );
  });

  it('reuses the compiled form of a pattern object', () => {
    const pattern = { source: ['shop.orders'] };
    expect(matchesPattern(pattern, { source: 'shop.orders' })).toBe(true);
    expect(matchesPattern(pattern, { source: 'shop.billing' })).toBe(false);
  });
});
