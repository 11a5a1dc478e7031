/** Token usage of each call and of a whole plan, and what it cost. */
import type { Usage } from '@anthropic-ai/sdk/resources/messages/messages';
import { CACHE_READ_MULTIPLIER, CACHE_WRITE_MULTIPLIER, priceFor, type ModelPrice } from './pricing';

export interface CallUsage {
  /** Which call: 'outline', 'outline-retry' or a plan part key such as '2.1'. */
  call: string;
  model: string;
  /** Uncached input tokens. */
  inputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  outputTokens: number;
  /** USD; null when the model has no price. */
  costUsd: number | null;
}

export interface UsageTotals {
  calls: number;
  inputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  outputTokens: number;
  /** USD; null when any call's model has no price. */
  costUsd: number | null;
}

/** USD for the given token counts at a price. */
export function costOf(tokens: { inputTokens: number; cacheWriteTokens: number; cacheReadTokens: number; outputTokens: number }, price: ModelPrice): number {
  const inputSide =
    tokens.inputTokens * price.input +
    tokens.cacheWriteTokens * price.input * CACHE_WRITE_MULTIPLIER +
    tokens.cacheReadTokens * price.input * CACHE_READ_MULTIPLIER;
  return (inputSide + tokens.outputTokens * price.output) / 1_000_000;
}

/** Our record of the SDK's usage (the final, cumulative counters). */
export function callUsage(call: string, model: string, usage: Pick<Usage, 'input_tokens' | 'output_tokens'> & Partial<Usage>, prices: Record<string, ModelPrice> = {}): CallUsage {
  const tokens = {
    inputTokens: usage.input_tokens ?? 0,
    cacheWriteTokens: usage.cache_creation_input_tokens ?? 0,
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
    outputTokens: usage.output_tokens ?? 0,
  };
  const price = priceFor(model, prices);
  return { call, model, ...tokens, costUsd: price ? costOf(tokens, price) : null };
}

export function totalUsage(calls: readonly CallUsage[]): UsageTotals {
  const sum = (f: (c: CallUsage) => number): number => calls.reduce((n, c) => n + f(c), 0);
  return {
    calls: calls.length,
    inputTokens: sum((c) => c.inputTokens),
    cacheWriteTokens: sum((c) => c.cacheWriteTokens),
    cacheReadTokens: sum((c) => c.cacheReadTokens),
    outputTokens: sum((c) => c.outputTokens),
    costUsd: calls.some((c) => c.costUsd === null) ? null : sum((c) => c.costUsd ?? 0),
  };
}
