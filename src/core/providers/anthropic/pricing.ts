/**
 * Prices in USD per million tokens, keyed by model id (research §6). Cache writes (5-minute TTL) cost
 * 1.25× the input price and cache reads 0.1×. `settings.prices` overrides or adds models.
 */
export interface ModelPrice {
  /** USD per million input tokens. */
  input: number;
  /** USD per million output tokens. */
  output: number;
}

export const CACHE_WRITE_MULTIPLIER = 1.25;
export const CACHE_READ_MULTIPLIER = 0.1;

export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  'claude-opus-5-5': { input: 4, output: 20 },
  'claude-sonnet-5-5': { input: 2, output: 10 },
  'claude-haiku-5-5': { input: 0.1, output: 0.5 },
  'claude-opus-5': { input: 5, output: 25 },
  'claude-sonnet-5': { input: 2, output: 10 },
  'claude-fable-5-1': { input: 10, output: 50 },
  'claude-fable-5-2': { input: 8, output: 40 },
  'claude-opus-4-8': { input: 5, output: 25 },
  'claude-opus-4-7': { input: 5, output: 25 },
  'claude-opus-4-6': { input: 5, output: 25 },
  'claude-opus-4-5': { input: 5, output: 25 },
  'claude-sonnet-4-6': { input: 3, output: 15 },
  'claude-sonnet-4-5': { input: 3, output: 15 },
  'claude-haiku-4-5': { input: 1, output: 5 },
};

/**
 * The price of a model: the override first, then the table; a dated id (`claude-haiku-4-5-20251001`)
 * falls back to its undated alias. Null when unknown.
 */
export function priceFor(model: string, overrides: Record<string, ModelPrice> = {}): ModelPrice | null {
  const undated = model.replace(/-\d{8}$/, '');
  return overrides[model] ?? overrides[undated] ?? DEFAULT_PRICES[model] ?? DEFAULT_PRICES[undated] ?? null;
}

/** The warning shown when a model has no price. */
export function unknownPriceMessage(model: string): string {
  return `No price is known for the model "${model}", so no cost is shown; add one under prices in the settings.`;
}
