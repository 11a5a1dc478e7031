/**
 * Cost estimate computed on this machine before anything is sent. Each request is split at its cache
 * breakpoints: the longest prefix an earlier request already wrote is read (0.1×), the rest up to the
 * last breakpoint is written (1.25×), and the tail after it is plain input. The calls are assumed to run
 * one after another; concurrent calls that start together may each write the same prefix.
 */
import type { TextBlockParam } from '@anthropic-ai/sdk/resources/messages/messages';
import { estimateTokens } from './context';
import { priceFor, unknownPriceMessage, type ModelPrice } from './pricing';
import type { RequestParams } from './requests';
import { costOf } from './usage';

/** A plan part is typically much shorter than `max_tokens`; the typical figure assumes this many output tokens per call. */
export const TYPICAL_OUTPUT_TOKENS = 1500;

export interface PlannedRequest {
  /** 'outline' or the plan part key. */
  call: string;
  params: RequestParams;
}

export interface CostEstimate {
  calls: number;
  /** All input tokens (uncached + cache writes + cache reads). */
  inputTokens: number;
  uncachedInputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  /** Upper bound: every call uses its `max_tokens`. */
  outputTokensMax: number;
  outputTokensTypical: number;
  /** USD; null when the model has no price. */
  costUsdMax: number | null;
  costUsdTypical: number | null;
  warnings: string[];
}

function blocksOf(params: RequestParams): TextBlockParam[] {
  const sys: TextBlockParam[] = typeof params.system === 'string' ? [{ type: 'text', text: params.system }] : [...(params.system ?? [])];
  for (const m of params.messages) {
    if (typeof m.content === 'string') sys.push({ type: 'text', text: m.content });
    else for (const b of m.content) if (b.type === 'text') sys.push(b);
  }
  return sys;
}

/** Tokens of the whole request, and the prefixes ending at each breakpoint (key = the prefix text). */
function split(params: RequestParams): { total: number; breakpoints: Array<{ key: string; tokens: number }> } {
  const blocks = blocksOf(params);
  const schema = params.output_config?.format ? JSON.stringify(params.output_config.format.schema) : '';
  let text = '';
  const breakpoints: Array<{ key: string; tokens: number }> = [];
  for (const b of blocks) {
    text += b.text;
    if (b.cache_control) breakpoints.push({ key: `${params.model}\u0000${text}`, tokens: estimateTokens(text) });
  }
  return { total: estimateTokens(text) + estimateTokens(schema), breakpoints };
}

export function estimateRequests(requests: readonly PlannedRequest[], prices: Record<string, ModelPrice> = {}): CostEstimate {
  const written = new Set<string>();
  let uncached = 0;
  let writes = 0;
  let reads = 0;
  let outMax = 0;
  let outTypical = 0;
  let costMax: number | null = 0;
  let costTypical: number | null = 0;
  const warnings: string[] = [];
  for (const r of requests) {
    const { total, breakpoints } = split(r.params);
    let read = 0;
    for (const bp of breakpoints) if (written.has(bp.key)) read = bp.tokens;
    const last = breakpoints[breakpoints.length - 1]?.tokens ?? 0;
    const write = Math.max(0, last - read);
    for (const bp of breakpoints) written.add(bp.key);
    const tokens = { inputTokens: total - read - write, cacheWriteTokens: write, cacheReadTokens: read };
    const max = r.params.max_tokens;
    const typical = Math.min(max, TYPICAL_OUTPUT_TOKENS);
    uncached += tokens.inputTokens;
    writes += write;
    reads += read;
    outMax += max;
    outTypical += typical;
    const price = priceFor(r.params.model, prices);
    if (!price) {
      const w = unknownPriceMessage(r.params.model);
      if (!warnings.includes(w)) warnings.push(w);
      costMax = costTypical = null;
    } else {
      if (costMax !== null) costMax += costOf({ ...tokens, outputTokens: max }, price);
      if (costTypical !== null) costTypical += costOf({ ...tokens, outputTokens: typical }, price);
    }
  }
  return {
    calls: requests.length,
    inputTokens: uncached + writes + reads,
    uncachedInputTokens: uncached,
    cacheWriteTokens: writes,
    cacheReadTokens: reads,
    outputTokensMax: outMax,
    outputTokensTypical: outTypical,
    costUsdMax: costMax,
    costUsdTypical: costTypical,
    warnings,
  };
}
