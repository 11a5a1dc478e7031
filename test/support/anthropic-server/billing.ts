/**
 * Billing helpers for benchmarks (research §5): cache writes cost 1.25× the base input price (5-minute TTL) or 2×
 * (1-hour TTL), cache reads 0.1×, uncached input 1×.
 */
/**
 * Usage fields the billing helpers read. Accepts the SDK's `Usage` (nullable counters) as well as ours; a missing
 * `cache_creation` split counts every write as a 5-minute write.
 */
export interface BillableUsage {
  input_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation?: { ephemeral_5m_input_tokens?: number | null; ephemeral_1h_input_tokens?: number | null } | null;
}

export const CACHE_WRITE_5M_MULTIPLIER = 1.25;
export const CACHE_WRITE_1H_MULTIPLIER = 2;
export const CACHE_READ_MULTIPLIER = 0.1;

/** Input tokens weighted by their price multiplier (uncached 1×, 5m write 1.25×, 1h write 2×, read 0.1×). */
export function billedInputTokens(usage: BillableUsage): number {
  const created = usage.cache_creation_input_tokens ?? 0;
  const oneHour = usage.cache_creation?.ephemeral_1h_input_tokens ?? 0;
  const fiveMin = usage.cache_creation?.ephemeral_5m_input_tokens ?? created - oneHour;
  return (
    usage.input_tokens +
    fiveMin * CACHE_WRITE_5M_MULTIPLIER +
    oneHour * CACHE_WRITE_1H_MULTIPLIER +
    (usage.cache_read_input_tokens ?? 0) * CACHE_READ_MULTIPLIER
  );
}

/**
 * Billed input cost in dollars.
 * @param inputPricePerMTok base input price, $ per million tokens (e.g. 3 for Sonnet 4.6)
 */
export function billedInputCost(usage: BillableUsage, inputPricePerMTok: number): number {
  return (billedInputTokens(usage) * inputPricePerMTok) / 1_000_000;
}

/** Input cost in dollars had nothing been cached (every input token at 1×). */
export function uncachedInputCost(usage: BillableUsage, inputPricePerMTok: number): number {
  const total = usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0);
  return (total * inputPricePerMTok) / 1_000_000;
}
