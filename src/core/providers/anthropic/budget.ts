/**
 * The plan's cost budget: what keeps the estimate's "at most" a true upper bound. Each attempt
 * reserves the most it could cost (its prompt written to the cache in full, its whole `max_tokens`
 * spent) while it runs; an attempt starts only while what was spent plus what is reserved plus
 * its own worst case stays within the bound. Retries therefore draw on what earlier calls left
 * unused, and a run that would need more stops instead (it can be resumed). It also stops the run
 * once the spent cost passes the user's cap.
 */
import type { AttemptBudget } from './stream-call';
import { estimateTokens } from './context';
import { priceFor, type PriceOverride } from './pricing';
import type { RequestParams } from './requests';
import { costOf } from './usage';

/**
 * Worst-case input tokens of a request counted by characters: ÷ 4, plus half again (the newer
 * tokenizers count about 30% more than ÷ 4 suggests; the margin keeps the bound a bound).
 */
export function worstInputTokens(params: RequestParams): number {
  const texts: string[] = [];
  if (typeof params.system === 'string') texts.push(params.system);
  else for (const b of params.system ?? []) texts.push(b.text);
  for (const m of params.messages) {
    if (typeof m.content === 'string') texts.push(m.content);
    else for (const b of m.content) if (b.type === 'text') texts.push(b.text);
  }
  return Math.ceil(estimateTokens(texts.join('')) * 1.5);
}

/** The most one attempt of a request can cost (USD), or null for an unpriced model. */
export function worstAttemptCost(params: RequestParams, prices: Record<string, PriceOverride> = {}): number | null {
  const price = priceFor(params.model, prices);
  if (!price) return null;
  const input = worstInputTokens(params);
  return costOf({ inputTokens: 0, cacheWriteTokens: input, cacheWrite1hTokens: 0, cacheReadTokens: 0, outputTokens: params.max_tokens }, price);
}

export class CostBudget implements AttemptBudget {
  private spentUsd = 0;
  private readonly reserved = new Map<object, number>();
  private readonly controller = new AbortController();
  private readonly forward = (): void => this.controller.abort();
  /** True once the spent cost passed the cap (the run was stopped for it). */
  capExceeded = false;
  /** True once an attempt was refused because it could pass the "at most". */
  refused = false;

  constructor(
    /** The estimate's "at most" (null: unknown, nothing to enforce). */
    readonly atMostUsd: number | null,
    /** The user's cap; 0 means none. */
    readonly capUsd: number,
    private readonly prices: Record<string, PriceOverride> = {},
    private readonly outer?: AbortSignal,
  ) {
    if (outer?.aborted) this.controller.abort();
    else outer?.addEventListener('abort', this.forward, { once: true });
  }

  /** Aborts when the caller cancels or the cap is passed. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get spent(): number {
    return this.spentUsd;
  }

  begin(params: RequestParams, retry: boolean): unknown {
    const ticket = {};
    if (this.atMostUsd === null) return ticket;
    const worst = worstAttemptCost(params, this.prices) ?? 0;
    let held = 0;
    for (const v of this.reserved.values()) held += v;
    // A first attempt is always admitted: the "at most" counts every call once with all its room (its
    // prompt counted by the API, where this worst case counts characters with a margin, so a few first
    // attempts at once could look over it). Only a retry has to fit in what is left.
    if (retry && this.spentUsd + held + worst > this.atMostUsd + 1e-9) {
      this.refused = true;
      return null;
    }
    this.reserved.set(ticket, worst);
    return ticket;
  }

  end(ticket: unknown): void {
    if (typeof ticket === 'object' && ticket !== null) this.reserved.delete(ticket);
  }

  /** Adds an attempt's cost (null: unpriced, nothing to add). */
  add(cost: number | null): void {
    if (cost === null) return;
    this.spentUsd += cost;
    if (this.capUsd > 0 && this.spentUsd > this.capUsd && !this.capExceeded) {
      this.capExceeded = true;
      this.controller.abort();
    }
  }

  dispose(): void {
    this.outer?.removeEventListener('abort', this.forward);
  }
}
