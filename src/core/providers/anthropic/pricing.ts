/**
 * Prices in USD per million tokens, per model: uncached input, output, cache writes (5-minute and
 * 1-hour TTL), cache reads, the long-context band where a model has one, and the Batch API
 * discount. Each entry names its source and the date it was read; `settings.prices` overrides an
 * entry or adds a model (only `input` and `output` are required there: the cache prices then follow
 * the usual multipliers, 1.25× / 2× / 0.1× of input).
 */
import type { PriceOverride } from '../../contracts/settings';

/** One band of prices, every field resolved. */
export interface PriceBand {
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
}

export interface ModelPrice extends PriceBand {
  /** Every token of a request whose prompt (input + cache writes + cache reads) is above the threshold is billed at these prices. */
  longContext?: PriceBand & { thresholdTokens: number };
  /** Fraction taken off input and output on the Message Batches API (0.5 = half price). */
  batchDiscount: number;
}

/** A table entry: the prices, when they were read and where. */
export interface PriceEntry extends ModelPrice {
  asOf: string;
  source: string;
}

export type { PriceOverride };

/** The usual multipliers of the input price, used where an override gives no cache price. */
export const CACHE_WRITE_5M_MULTIPLIER = 1.25;
export const CACHE_WRITE_1H_MULTIPLIER = 2;
export const CACHE_READ_MULTIPLIER = 0.1;
export const BATCH_DISCOUNT = 0.5;

/** The date the built-in table was last checked against the sources it names. */
export const PRICES_AS_OF = '2026-12-03';

const PRICING_PAGE = 'https://platform.claude.com/docs/en/about-claude/pricing';
const overview = (slug: string): string => `https://platform.claude.com/docs/en/models/${slug}/overview`;

function band(input: number, output: number, cacheWrite5m: number, cacheWrite1h: number, cacheRead: number): PriceBand {
  return { input, output, cacheWrite5m, cacheWrite1h, cacheRead };
}

function entry(prices: PriceBand, source: string, longContext?: ModelPrice['longContext']): PriceEntry {
  return { ...prices, ...(longContext ? { longContext } : {}), batchDiscount: BATCH_DISCOUNT, asOf: PRICES_AS_OF, source };
}

/**
 * The built-in table. Cache-read prices differ per model: 0.05× input on Opus 5.5 and (since the
 * cut of 2026-10-07 in the release notes) Sonnet 5.5, 0.025× on Fable/Mythos 5.1, 0.1× elsewhere.
 * Haiku 5.5 bills a prompt over 100 000 tokens at five times its base prices, output included.
 * Batches are 50% off input and output on every model (batch-processing page).
 */
export const DEFAULT_PRICES: Readonly<Record<string, PriceEntry>> = {
  'claude-opus-5-5': entry(band(4, 20, 5, 8, 0.2), overview('opus-5-5')),
  'claude-sonnet-5-5': entry(band(2, 10, 2.5, 4, 0.1), `${overview('sonnet-5-5')}; cache read cut to $0.10 on 2026-10-07 (release notes, ${PRICING_PAGE})`),
  'claude-haiku-5-5': entry(band(0.1, 0.5, 0.125, 0.2, 0.01), overview('haiku-5-5'), { thresholdTokens: 100_000, ...band(0.5, 2.5, 0.625, 1, 0.05) }),
  'claude-fable-5-2': entry(band(8, 40, 10, 16, 0.2), PRICING_PAGE),
  'claude-mythos-5-2': entry(band(8, 40, 10, 16, 0.2), PRICING_PAGE),
  'claude-fable-5-1': entry(band(10, 50, 12.5, 20, 0.25), PRICING_PAGE),
  'claude-mythos-5-1': entry(band(10, 50, 12.5, 20, 0.25), PRICING_PAGE),
  'claude-opus-5': entry(band(5, 25, 6.25, 10, 0.5), overview('opus-5')),
  'claude-sonnet-5': entry(band(2, 10, 2.5, 4, 0.2), overview('sonnet-5')),
  'claude-fable-5': entry(band(10, 50, 12.5, 20, 1), PRICING_PAGE),
  'claude-mythos-5': entry(band(10, 50, 12.5, 20, 1), PRICING_PAGE),
  'claude-opus-4-8': entry(band(5, 25, 6.25, 10, 0.5), overview('opus-4-8')),
  'claude-opus-4-7': entry(band(5, 25, 6.25, 10, 0.5), overview('opus-4-7')),
  'claude-opus-4-6': entry(band(5, 25, 6.25, 10, 0.5), overview('opus-4-6')),
  'claude-opus-4-5': entry(band(5, 25, 6.25, 10, 0.5), overview('opus-4-5')),
  'claude-sonnet-4-6': entry(band(3, 15, 3.75, 6, 0.3), overview('sonnet-4-6')),
  'claude-sonnet-4-5': entry(band(3, 15, 3.75, 6, 0.3), overview('sonnet-4-5')),
  'claude-haiku-4-5': entry(band(1, 5, 1.25, 2, 0.1), overview('haiku-4-5')),
};

function resolveBand(o: { input: number; output: number; cacheWrite5m?: number | undefined; cacheWrite1h?: number | undefined; cacheRead?: number | undefined }, base?: PriceBand): PriceBand {
  // A base entry's cache prices stay only when the override keeps its input price.
  const same = base !== undefined && base.input === o.input;
  return {
    input: o.input,
    output: o.output,
    cacheWrite5m: o.cacheWrite5m ?? (same ? base.cacheWrite5m : o.input * CACHE_WRITE_5M_MULTIPLIER),
    cacheWrite1h: o.cacheWrite1h ?? (same ? base.cacheWrite1h : o.input * CACHE_WRITE_1H_MULTIPLIER),
    cacheRead: o.cacheRead ?? (same ? base.cacheRead : o.input * CACHE_READ_MULTIPLIER),
  };
}

/** A full price from a user's override, completing it from the table entry it replaces (if any). */
export function priceFromOverride(o: PriceOverride, base?: ModelPrice): ModelPrice {
  const main = resolveBand(o, base);
  const long = o.longContext ? { thresholdTokens: o.longContext.thresholdTokens, ...resolveBand(o.longContext, base?.longContext) } : base && base.input === o.input ? base.longContext : undefined;
  return { ...main, ...(long ? { longContext: long } : {}), batchDiscount: o.batchDiscount ?? base?.batchDiscount ?? BATCH_DISCOUNT };
}

const undated = (model: string): string => model.replace(/-\d{8}$/, '');

/**
 * The price of a model: the override first, then the table; a dated id (`claude-haiku-4-5-20251001`)
 * falls back to its undated alias. Null when unknown.
 */
export function priceFor(model: string, overrides: Record<string, PriceOverride> = {}): ModelPrice | null {
  const base = DEFAULT_PRICES[model] ?? DEFAULT_PRICES[undated(model)];
  const o = overrides[model] ?? overrides[undated(model)];
  if (o) return priceFromOverride(o, base);
  return base ?? null;
}

/** Where a model's price comes from, for the estimate's note. */
export function priceSource(model: string, overrides: Record<string, PriceOverride> = {}): string | null {
  if (overrides[model] ?? overrides[undated(model)]) return 'your price override';
  const e = DEFAULT_PRICES[model] ?? DEFAULT_PRICES[undated(model)];
  return e ? `the built-in table (${e.asOf}, ${e.source})` : null;
}

/** The prices that apply to one request, given the size of its prompt. */
export function bandFor(price: ModelPrice, promptTokens: number): PriceBand {
  return price.longContext && promptTokens > price.longContext.thresholdTokens ? price.longContext : price;
}

/** The sentence that says a model has no price and how to give it one. */
export function unknownPriceMessage(model: string): string {
  return `No price is known for the model "${model}", so no cost can be shown; add one under "prices" in the settings, e.g. "prices": {"${model}": {"input": 3, "output": 15}} (USD per million tokens).`;
}
