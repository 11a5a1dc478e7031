/**
 * Token usage of each call and of a whole plan, and what it cost. Thinking tokens are part of
 * `output_tokens` (the API bills them as output even when the thinking text is omitted; thinking
 * page, platform.claude.com/docs/en/build-with-claude/thinking); `thinkingTokens` only says how
 * many of them were thinking.
 */
import type { Usage } from '@anthropic-ai/sdk/resources/messages/messages';
import { bandFor, priceFor, type ModelPrice, type PriceOverride } from './pricing';

export interface TokenUsage {
  /** Uncached input tokens. */
  inputTokens: number;
  /** All cache writes (5-minute and 1-hour). */
  cacheWriteTokens: number;
  /** The part of `cacheWriteTokens` written with the 1-hour TTL. */
  cacheWrite1hTokens: number;
  cacheReadTokens: number;
  /** Everything generated, thinking included. */
  outputTokens: number;
  /** The part of `outputTokens` spent thinking (0 when the API does not say). */
  thinkingTokens: number;
}

export interface CallUsage extends TokenUsage {
  /** Which call: 'outline', 'outline-retry' or a plan part key such as 'module-2.1'. */
  call: string;
  model: string;
  /** USD; null when the model has no price. */
  costUsd: number | null;
  /** True for an attempt that broke off before its final usage arrived: its output is what was seen, a lower bound. */
  partial?: boolean;
  /** Sent in a Message Batch (billed at the batch discount). */
  batch?: boolean;
}

export interface UsageTotals {
  calls: number;
  inputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  outputTokens: number;
  thinkingTokens: number;
  /** USD; null when any call's model has no price. */
  costUsd: number | null;
}

export const NO_TOKENS: TokenUsage = { inputTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 0, outputTokens: 0, thinkingTokens: 0 };

/** Tokens of the prompt (what the long-context band looks at): input, cache writes and cache reads. */
export function promptTokens(t: Pick<TokenUsage, 'inputTokens' | 'cacheWriteTokens' | 'cacheReadTokens'>): number {
  return t.inputTokens + t.cacheWriteTokens + t.cacheReadTokens;
}

/** How a request was sent: through the Message Batches API every token costs `batchDiscount` less (pricing page). */
export interface BillingMode {
  batch?: boolean;
}

/**
 * USD for one request's token counts at a model's price (the long-context band when its prompt is
 * above the threshold). In a batch the discount applies to every kind of token, cache writes and reads
 * included: the batch and caching discounts stack (pricing page, batch processing).
 */
export function costOf(t: Omit<TokenUsage, 'thinkingTokens'> & { thinkingTokens?: number }, price: ModelPrice, mode: BillingMode = {}): number {
  const b = bandFor(price, promptTokens(t));
  const fiveMinute = Math.max(0, t.cacheWriteTokens - t.cacheWrite1hTokens);
  const full = (t.inputTokens * b.input + fiveMinute * b.cacheWrite5m + t.cacheWrite1hTokens * b.cacheWrite1h + t.cacheReadTokens * b.cacheRead + t.outputTokens * b.output) / 1_000_000;
  return mode.batch ? full * (1 - price.batchDiscount) : full;
}

type ApiUsage = Pick<Usage, 'input_tokens' | 'output_tokens'> & Partial<Omit<Usage, 'input_tokens' | 'output_tokens'>>;

/** Our record of the SDK's usage (the final, cumulative counters). */
export function tokensOf(usage: ApiUsage): TokenUsage {
  const write = usage.cache_creation_input_tokens ?? 0;
  return {
    inputTokens: usage.input_tokens ?? 0,
    cacheWriteTokens: write,
    cacheWrite1hTokens: Math.min(write, usage.cache_creation?.ephemeral_1h_input_tokens ?? 0),
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
    outputTokens: usage.output_tokens ?? 0,
    thinkingTokens: usage.output_tokens_details?.thinking_tokens ?? 0,
  };
}

export function callUsage(call: string, model: string, usage: ApiUsage, prices: Record<string, PriceOverride> = {}, mode: BillingMode = {}): CallUsage {
  const tokens = tokensOf(usage);
  const price = priceFor(model, prices);
  return { call, model, ...tokens, costUsd: price ? costOf(tokens, price, mode) : null, ...(mode.batch ? { batch: true } : {}) };
}

export function totalUsage(calls: readonly CallUsage[]): UsageTotals {
  const sum = (f: (c: CallUsage) => number): number => calls.reduce((n, c) => n + f(c), 0);
  return {
    calls: calls.length,
    inputTokens: sum((c) => c.inputTokens),
    cacheWriteTokens: sum((c) => c.cacheWriteTokens),
    cacheReadTokens: sum((c) => c.cacheReadTokens),
    outputTokens: sum((c) => c.outputTokens),
    thinkingTokens: sum((c) => c.thinkingTokens),
    costUsd: calls.some((c) => c.costUsd === null) ? null : sum((c) => c.costUsd ?? 0),
  };
}
