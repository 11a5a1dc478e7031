/**
 * The cost estimate shown before anything is sent.
 *
 * Tokens: with an API key, every request and every cached prefix is counted by
 * `messages.countTokens` (free, and exact for the model called: the 4.7-and-later tokenizer counts
 * about 30% more than older ones; token-counting page). Without a key (a dry run offline) they are
 * characters ÷ 4, and the estimate says so.
 *
 * Two figures:
 * - typical: each request reads the longest prefix an earlier request wrote, writes the rest up to
 *   its last breakpoint, and its output is the text a call typically writes plus the thinking
 *   typical of its effort (thinking is billed as output; thinking page);
 * - at most: a true upper bound. Every prefix is written (the dearest input), every call uses its
 *   whole `max_tokens`, the outline is asked twice, and section 2 has as many modules as the
 *   workstream has tasks (the outline check allows no more). Retries beyond that only start while
 *   the budget they would take is still inside this figure (see the plan's cost budget).
 */
import type { MessageCountTokensParams, TextBlockParam } from '@anthropic-ai/sdk/resources/messages/messages';
import { estimateTokens } from './context';
import type { Effort } from './models';
import { priceFor, unknownPriceMessage, type PriceOverride } from './pricing';
import { countParams, type CallKind, type RequestParams } from './requests';
import { costOf, type TokenUsage } from './usage';

/** Text a call typically writes (tokens), besides its thinking. */
export const TYPICAL_TEXT_TOKENS: Record<CallKind, number> = { outline: 1500, section: 2500 };

/**
 * Thinking a call typically does at each effort (tokens). Assumptions, not measurements: adaptive
 * thinking decides per request, and "high" is the level where a long technical section can think
 * for 9 000 tokens or more.
 */
export const TYPICAL_THINKING_TOKENS: Record<Effort, number> = { low: 1500, medium: 4000, high: 8000, xhigh: 16000, max: 32000 };

export type TokenSource = 'count_tokens' | 'characters';

export interface PlannedRequest {
  /** 'outline' or the plan part key. */
  call: string;
  kind: CallKind;
  params: RequestParams;
}

export interface MeasuredRequest extends PlannedRequest {
  /** Input tokens of the whole request. */
  totalTokens: number;
  /** Tokens of the prefix at each cache breakpoint, with the key that names that cached prefix. */
  breakpoints: Array<{ key: string; tokens: number }>;
}

export interface CostEstimate {
  /** Calls of the plan as planned (one outline call, one per section). */
  calls: number;
  /** All input tokens (uncached + cache writes + cache reads), typical case. */
  inputTokens: number;
  uncachedInputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  /** Upper bound: every call uses its `max_tokens` (thinking included), the extra calls of the bound too. */
  outputTokensMax: number;
  /** Typical text plus typical thinking. */
  outputTokensTypical: number;
  /** The thinking part of `outputTokensTypical`. */
  thinkingTokensTypical: number;
  /** USD; null when the model has no price. */
  costUsdMax: number | null;
  costUsdTypical: number | null;
  /** Calls the "at most" allows for (the outline asked twice, a module per task). */
  callsMax: number;
  /** How the tokens were counted. */
  tokenSource: TokenSource;
  /** The model that has no price, if any. */
  missingPrice: string | null;
  warnings: string[];
}

export type TokenCounter = (params: MessageCountTokensParams) => Promise<number>;

interface Block {
  text: string;
  cached: boolean;
  /** In `system` (true) or in a message. */
  system: boolean;
}

function blocksOf(params: RequestParams): Block[] {
  const out: Block[] = [];
  const sys: TextBlockParam[] = typeof params.system === 'string' ? [{ type: 'text', text: params.system }] : [...(params.system ?? [])];
  for (const b of sys) out.push({ text: b.text, cached: !!b.cache_control, system: true });
  for (const m of params.messages) {
    if (typeof m.content === 'string') out.push({ text: m.content, cached: false, system: false });
    else for (const b of m.content) if (b.type === 'text') out.push({ text: b.text, cached: !!b.cache_control, system: false });
  }
  return out;
}

/**
 * The key of a cached prefix, as the API matches it: the model, the output format (it changes the
 * system prompt: structured-outputs page) and, for a prefix that reaches into the messages, the
 * thinking and effort settings (they invalidate message blocks only: prompt-caching page).
 */
function prefixKey(params: RequestParams, blocks: readonly Block[], upTo: number): string {
  const reachesMessages = !blocks[upTo]!.system;
  const head = [params.model, JSON.stringify(params.output_config?.format ?? null)];
  if (reachesMessages) head.push(JSON.stringify(params.thinking ?? null), String(params.output_config?.effort ?? ''));
  return `${head.join('\u0000')}\u0000${blocks.slice(0, upTo + 1).map((b) => b.text).join('\u0001')}`;
}

/** The request cut after block `upTo`, with a one-word user turn when the cut falls inside `system`. */
function prefixRequest(params: RequestParams, upTo: number): MessageCountTokensParams {
  const sys: TextBlockParam[] = typeof params.system === 'string' ? [{ type: 'text', text: params.system }] : [...(params.system ?? [])];
  if (upTo < sys.length) return { model: params.model, system: sys.slice(0, upTo + 1), messages: [{ role: 'user', content: STUB }] };
  let left = upTo - sys.length;
  const messages: RequestParams['messages'] = [];
  for (const m of params.messages) {
    if (left < 0) break;
    if (typeof m.content === 'string') {
      messages.push(m);
      left--;
      continue;
    }
    const keep = m.content.filter((b) => b.type === 'text').slice(0, left + 1);
    left -= keep.length;
    messages.push({ ...m, content: keep } as RequestParams['messages'][number]);
  }
  return { model: params.model, system: sys, messages };
}

const STUB = 'Go.';

/** Tokens by characters ÷ 4 (no key: nothing can be counted). */
export function measureByCharacters(requests: readonly PlannedRequest[]): MeasuredRequest[] {
  return requests.map((r) => {
    const blocks = blocksOf(r.params);
    let text = '';
    const breakpoints: MeasuredRequest['breakpoints'] = [];
    blocks.forEach((b, i) => {
      text += b.text;
      if (b.cached) breakpoints.push({ key: prefixKey(r.params, blocks, i), tokens: estimateTokens(text) });
    });
    return { ...r, totalTokens: estimateTokens(text), breakpoints };
  });
}

/** Tokens counted by the API: each request once, each distinct cached prefix once (minus the stub turn). */
export async function measureByCounting(requests: readonly PlannedRequest[], count: TokenCounter, concurrency = 8): Promise<MeasuredRequest[]> {
  const jobs = new Map<string, () => Promise<number>>();
  const model = requests[0]?.params.model ?? '';
  const stubKey = 'stub';
  jobs.set(stubKey, () => count({ model, messages: [{ role: 'user', content: STUB }] }));
  const plan = requests.map((r, i) => {
    const blocks = blocksOf(r.params);
    const totalKey = `total ${i}`;
    jobs.set(totalKey, () => count(countParams(r.params)));
    const bps: Array<{ key: string; system: boolean }> = [];
    blocks.forEach((b, at) => {
      if (!b.cached) return;
      const key = prefixKey(r.params, blocks, at);
      if (!jobs.has(key)) jobs.set(key, () => count(prefixRequest(r.params, at)));
      bps.push({ key, system: b.system });
    });
    return { r, totalKey, bps };
  });
  const results = await runLimited([...jobs.entries()], concurrency);
  const stub = results.get(stubKey) ?? 0;
  return plan.map(({ r, totalKey, bps }) => ({
    ...r,
    totalTokens: results.get(totalKey) ?? 0,
    // A prefix cut inside `system` was counted with the stub turn; take it off again.
    breakpoints: bps.map((b) => ({ key: b.key, tokens: Math.max(0, (results.get(b.key) ?? 0) - (b.system ? stub : 0)) })),
  }));
}

async function runLimited(jobs: Array<[string, () => Promise<number>]>, limit: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const [key, job] = jobs[next++]!;
      out.set(key, await job());
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, jobs.length)) }, worker));
  return out;
}

export interface EstimateOptions {
  prices?: Record<string, PriceOverride>;
  tokenSource: TokenSource;
  /** The effort the model uses when a request sends none (adaptive thinking on by default). */
  defaultEffort?: Effort | null;
  /** Calls only the "at most" allows for (an outline retry, modules beyond the planned ones). */
  extraForMax?: readonly MeasuredRequest[];
  /** Sent through the Message Batches API: every token at the batch discount (pricing page). */
  batch?: boolean;
}

/** True when the request's breakpoints write 1-hour cache entries (billed at the 1-hour write price). */
function writesOneHour(params: RequestParams): boolean {
  const sys = typeof params.system === 'string' ? [] : (params.system ?? []);
  const msgs = params.messages.flatMap((m) => (typeof m.content === 'string' ? [] : m.content));
  return [...sys, ...msgs].some((b) => (b as { cache_control?: { ttl?: string } }).cache_control?.ttl === '1h');
}

/** Thinking tokens a request typically spends. */
function typicalThinking(r: PlannedRequest, defaultEffort: Effort | null | undefined): number {
  const effort: Effort | null = r.params.output_config?.effort ?? null;
  const thinks = r.params.thinking?.type === 'adaptive' || (r.params.thinking === undefined && !!defaultEffort);
  if (!thinks) return 0;
  return TYPICAL_THINKING_TOKENS[effort ?? defaultEffort ?? 'high'];
}

export function estimateRequests(measured: readonly MeasuredRequest[], options: EstimateOptions): CostEstimate {
  const prices = options.prices ?? {};
  const written = new Set<string>();
  const e: CostEstimate = {
    calls: measured.length,
    inputTokens: 0,
    uncachedInputTokens: 0,
    cacheWriteTokens: 0,
    cacheReadTokens: 0,
    outputTokensMax: 0,
    outputTokensTypical: 0,
    thinkingTokensTypical: 0,
    costUsdMax: 0,
    costUsdTypical: 0,
    callsMax: measured.length + (options.extraForMax?.length ?? 0),
    tokenSource: options.tokenSource,
    missingPrice: null,
    warnings: [],
  };
  const addCost = (field: 'costUsdMax' | 'costUsdTypical', model: string, t: TokenUsage): void => {
    const price = priceFor(model, prices);
    if (!price) {
      e.missingPrice ??= model;
      e.costUsdMax = e.costUsdTypical = null;
      return;
    }
    const now = e[field];
    if (now !== null) e[field] = now + costOf(t, price, { batch: options.batch === true });
  };
  for (const r of measured) {
    let read = 0;
    for (const bp of r.breakpoints) if (written.has(bp.key)) read = bp.tokens;
    const last = r.breakpoints[r.breakpoints.length - 1]?.tokens ?? 0;
    const write = Math.max(0, last - read);
    for (const bp of r.breakpoints) written.add(bp.key);
    const thinking = Math.min(r.params.max_tokens, typicalThinking(r, options.defaultEffort));
    const output = Math.min(r.params.max_tokens, thinking + TYPICAL_TEXT_TOKENS[r.kind]);
    const typical: TokenUsage = { inputTokens: Math.max(0, r.totalTokens - read - write), cacheWriteTokens: write, cacheWrite1hTokens: writesOneHour(r.params) ? write : 0, cacheReadTokens: read, outputTokens: output, thinkingTokens: thinking };
    e.uncachedInputTokens += typical.inputTokens;
    e.cacheWriteTokens += write;
    e.cacheReadTokens += read;
    e.outputTokensTypical += output;
    e.thinkingTokensTypical += thinking;
    addCost('costUsdTypical', r.params.model, typical);
  }
  for (const r of [...measured, ...(options.extraForMax ?? [])]) {
    const cached = r.breakpoints[r.breakpoints.length - 1]?.tokens ?? 0;
    const worst: TokenUsage = { inputTokens: Math.max(0, r.totalTokens - cached), cacheWriteTokens: cached, cacheWrite1hTokens: writesOneHour(r.params) ? cached : 0, cacheReadTokens: 0, outputTokens: r.params.max_tokens, thinkingTokens: 0 };
    e.outputTokensMax += r.params.max_tokens;
    addCost('costUsdMax', r.params.model, worst);
  }
  e.inputTokens = e.uncachedInputTokens + e.cacheWriteTokens + e.cacheReadTokens;
  if (e.missingPrice) e.warnings.push(unknownPriceMessage(e.missingPrice));
  if (options.tokenSource === 'characters') e.warnings.push('Tokens were estimated as characters ÷ 4 (no API key to count them with); the models of the 4.7 generation and later count about 30% more.');
  return e;
}
