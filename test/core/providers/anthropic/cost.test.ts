import { priceFor, priceSource, DEFAULT_PRICES, PRICES_AS_OF } from '../../../../src/core/providers/anthropic/pricing';
import { callUsage, costOf, totalUsage } from '../../../../src/core/providers/anthropic/usage';
import { CostBudget, worstAttemptCost } from '../../../../src/core/providers/anthropic/budget';
import { MODEL_PROFILES } from '../../../../src/core/providers/anthropic/models';

const M = 1_000_000;

describe('prices per model', () => {
  it('has every price of the current models, dated and sourced', () => {
    expect(priceFor('claude-sonnet-5-5')).toMatchObject({ input: 2, output: 10, cacheWrite5m: 2.5, cacheWrite1h: 4, cacheRead: 0.1, batchDiscount: 0.5 });
    expect(priceFor('claude-opus-5-5')).toMatchObject({ input: 4, output: 20, cacheWrite5m: 5, cacheWrite1h: 8, cacheRead: 0.2 });
    expect(priceFor('claude-haiku-5-5')).toMatchObject({ input: 0.1, output: 0.5, cacheRead: 0.01, longContext: { thresholdTokens: 100_000, input: 0.5, output: 2.5 } });
    expect(priceFor('claude-haiku-4-5-20251001')).toMatchObject({ input: 1, output: 5, cacheRead: 0.1 });
    expect(priceFor('my-proxy-model')).toBeNull();
    for (const e of Object.values(DEFAULT_PRICES)) {
      expect(e.asOf).toBe(PRICES_AS_OF);
      expect(e.source).toMatch(/^https:\/\/platform\.claude\.com\/docs\//);
    }
    // Every model the planner knows how to call has a price.
    for (const id of Object.keys(MODEL_PROFILES)) expect(priceFor(id)).not.toBeNull();
  });

  it('an override replaces a price; cache prices it lacks follow the usual multipliers of its input price', () => {
    expect(priceFor('claude-sonnet-5-5', { 'claude-sonnet-5-5': { input: 3, output: 15 } })).toEqual({ input: 3, output: 15, cacheWrite5m: 3.75, cacheWrite1h: 6, cacheRead: expect.closeTo(0.3, 10), batchDiscount: 0.5 });
    // Same input price: the table's own cache prices stay.
    expect(priceFor('claude-sonnet-5-5', { 'claude-sonnet-5-5': { input: 2, output: 12 } })).toMatchObject({ output: 12, cacheRead: 0.1 });
    expect(priceFor('my-proxy-model', { 'my-proxy-model': { input: 1, output: 2, cacheRead: 0.05 } })).toMatchObject({ cacheWrite5m: 1.25, cacheRead: 0.05 });
    expect(priceSource('claude-sonnet-5-5', { 'claude-sonnet-5-5': { input: 3, output: 15 } })).toBe('your price override');
    expect(priceSource('claude-sonnet-5-5')).toContain(PRICES_AS_OF);
  });

  it('costs input, 5-minute and 1-hour writes, reads and output at the model\'s own prices', () => {
    const p = priceFor('claude-sonnet-5-5')!;
    const c = costOf({ inputTokens: M, cacheWriteTokens: 3 * M, cacheWrite1hTokens: M, cacheReadTokens: M, outputTokens: M }, p);
    expect(c).toBeCloseTo(2 + 2 * 2.5 + 4 + 0.1 + 10, 10);
  });

  it('bills every token of a Haiku 5.5 request above 100K prompt tokens at the long-context prices', () => {
    const p = priceFor('claude-haiku-5-5')!;
    const small = costOf({ inputTokens: 100_000, cacheWriteTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 0, outputTokens: 1000 }, p);
    const big = costOf({ inputTokens: 50_000, cacheWriteTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 50_001, outputTokens: 1000 }, p);
    expect(small).toBeCloseTo((100_000 * 0.1 + 1000 * 0.5) / M, 12);
    expect(big).toBeCloseTo((50_000 * 0.5 + 50_001 * 0.05 + 1000 * 2.5) / M, 12);
  });

  it('records a call with its thinking tokens and totals calls; an unknown model makes the total cost null, never a crash', () => {
    const a = callUsage('outline', 'claude-sonnet-5-5', { input_tokens: 100, cache_creation_input_tokens: 4000, cache_read_input_tokens: 0, output_tokens: 9500, output_tokens_details: { thinking_tokens: 9000 } });
    const b = callUsage('2.1', 'claude-sonnet-5-5', { input_tokens: 50, cache_creation_input_tokens: 0, cache_read_input_tokens: 4000, output_tokens: 800 });
    expect(a).toEqual({ call: 'outline', model: 'claude-sonnet-5-5', inputTokens: 100, cacheWriteTokens: 4000, cacheWrite1hTokens: 0, cacheReadTokens: 0, outputTokens: 9500, thinkingTokens: 9000, costUsd: (100 * 2 + 4000 * 2.5 + 9500 * 10) / M });
    const t = totalUsage([a, b]);
    expect(t).toMatchObject({ calls: 2, inputTokens: 150, cacheWriteTokens: 4000, cacheReadTokens: 4000, outputTokens: 10_300, thinkingTokens: 9000 });
    expect(t.costUsd).toBeCloseTo(a.costUsd! + b.costUsd!, 12);
    const u = callUsage('2.2', 'mystery', { input_tokens: 1, output_tokens: 1 });
    expect(u.costUsd).toBeNull();
    expect(totalUsage([a, u]).costUsd).toBeNull();
  });
});

describe('the cost budget', () => {
  const params = { model: 'claude-sonnet-5-5', max_tokens: 10_000, messages: [{ role: 'user' as const, content: 'x'.repeat(4000) }] };
  const worst = worstAttemptCost(params)!;

  it('admits attempts while spent + reserved + their worst case stay within the "at most", and stops at the cap', () => {
    expect(worst).toBeCloseTo((1500 * 2.5 + 10_000 * 10) / M, 10);
    const b = new CostBudget(3.2 * worst, 0.5);
    const t1 = b.begin(params, false);
    const t2 = b.begin(params, false);
    const t3 = b.begin(params, false);
    expect([t1, t2, t3].every((t) => t !== null)).toBe(true);
    expect(b.begin(params, true)).toBeNull();
    expect(b.refused).toBe(true);
    b.add(worst / 10);
    b.end(t1);
    // What the first attempt left unused pays for a retry.
    expect(b.begin(params, true)).not.toBeNull();
    b.add(0.6);
    expect(b.capExceeded).toBe(true);
    expect(b.signal.aborted).toBe(true);
  });

  it('admits every first attempt, even when the worst cases held at once pass the bound; a retry then waits for room', () => {
    // Four calls at once on a resume: the estimate counted their prompts with the API, the budget by characters with a margin.
    const b = new CostBudget(3.5 * worst, 0);
    const first = [1, 2, 3, 4].map(() => b.begin(params, false));
    expect(first.every((t) => t !== null)).toBe(true);
    expect(b.refused).toBe(false);
    expect(b.begin(params, true)).toBeNull();
    for (const t of first) b.end(t);
    b.add(worst / 10);
    expect(b.begin(params, true)).not.toBeNull();
  });

  it('enforces nothing when the bound is unknown (an unpriced model)', () => {
    const b = new CostBudget(null, 0);
    for (let i = 0; i < 100; i++) expect(b.begin(params, true)).not.toBeNull();
  });
});
