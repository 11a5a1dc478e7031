import { priceFor, DEFAULT_PRICES } from '../../../../src/core/providers/anthropic/pricing';
import { callUsage, costOf, totalUsage } from '../../../../src/core/providers/anthropic/usage';

describe('pricing and usage', () => {
  it('prices the current models and 4.x ones, dated ids by their alias, overrides first', () => {
    expect(priceFor('claude-sonnet-5-5')).toEqual({ input: 2, output: 10 });
    expect(priceFor('claude-opus-5-5')).toEqual({ input: 4, output: 20 });
    expect(priceFor('claude-haiku-5-5')).toEqual({ input: 0.1, output: 0.5 });
    expect(priceFor('claude-haiku-4-5-20251001')).toEqual({ input: 1, output: 5 });
    expect(priceFor('claude-sonnet-5-5', { 'claude-sonnet-5-5': { input: 1, output: 1 } })).toEqual({ input: 1, output: 1 });
    expect(priceFor('my-proxy-model')).toBeNull();
    expect(Object.keys(DEFAULT_PRICES)).toContain('claude-sonnet-4-6');
  });

  it('costs input, cache writes at 1.25×, cache reads at 0.1× and output', () => {
    const c = costOf({ inputTokens: 1_000_000, cacheWriteTokens: 1_000_000, cacheReadTokens: 1_000_000, outputTokens: 1_000_000 }, { input: 2, output: 10 });
    expect(c).toBeCloseTo(2 + 2.5 + 0.2 + 10, 10);
  });

  it('records a call and totals calls; an unknown model makes the total cost null, never a crash', () => {
    const a = callUsage('outline', 'claude-sonnet-5-5', { input_tokens: 100, cache_creation_input_tokens: 4000, cache_read_input_tokens: 0, output_tokens: 500 });
    const b = callUsage('2.1', 'claude-sonnet-5-5', { input_tokens: 50, cache_creation_input_tokens: 0, cache_read_input_tokens: 4000, output_tokens: 800 });
    expect(a).toEqual({ call: 'outline', model: 'claude-sonnet-5-5', inputTokens: 100, cacheWriteTokens: 4000, cacheReadTokens: 0, outputTokens: 500, costUsd: (100 * 2 + 4000 * 2.5 + 500 * 10) / 1e6 });
    const t = totalUsage([a, b]);
    expect(t).toMatchObject({ calls: 2, inputTokens: 150, cacheWriteTokens: 4000, cacheReadTokens: 4000, outputTokens: 1300 });
    expect(t.costUsd).toBeCloseTo(a.costUsd! + b.costUsd!, 12);
    const u = callUsage('2.2', 'mystery', { input_tokens: 1, output_tokens: 1 });
    expect(u.costUsd).toBeNull();
    expect(totalUsage([a, u]).costUsd).toBeNull();
  });
});
