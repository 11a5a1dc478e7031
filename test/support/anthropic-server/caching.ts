/**
 * Prompt-caching simulation (prompt-caching page). Each `cache_control` breakpoint names a prefix (tools → system →
 * messages, up to and including the marked block). A prefix at or above the model's minimum cacheable length is
 * remembered for its TTL (5 min default, 1 h when asked), refreshed on every hit. The longest remembered prefix is
 * read; the part between it and the last cacheable breakpoint is written; `input_tokens` is the uncached tail.
 *
 * The cache key is what the API matches on: the model; `output_config.format`, which changes the system prompt
 * ("Changing the output_config.format parameter will invalidate any prompt cache", structured-outputs page); and,
 * for the message blocks only, the thinking settings and `output_config.effort` ("changing it always invalidates
 * message blocks", prompt-caching page, what invalidates the cache).
 */
import { createHash } from 'node:crypto';
import { promptBlocks, tokensForChars } from './tokens';
import type { MessagesBody } from './types';

const TTL_MS = { '5m': 5 * 60_000, '1h': 60 * 60_000 } as const;

/** Input-side usage of one request. */
export interface InputUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

export interface CacheSimulatorOptions {
  /** Clock in ms. @default Date.now */
  now?: () => number;
  /** Minimum cacheable prefix length in tokens, or a function of the model. @default 1024 */
  minCacheableTokens?: number | ((model: string) => number);
  /**
   * How long after a request writes a prefix another request can read it, ms: "a cache entry only becomes
   * available after the first response begins" (prompt-caching page), so concurrent requests sent together
   * each write it. @default 0 (at once)
   */
  visibleAfterMs?: number;
}

interface Breakpoint {
  hash: string;
  tokens: number;
  ttl: '5m' | '1h';
}

export class CacheSimulator {
  private readonly entries = new Map<string, { expiry: number; visibleAt: number }>();
  private now: () => number;
  private minTokens: number | ((model: string) => number);
  private visibleAfterMs: number;

  constructor(options: CacheSimulatorOptions = {}) {
    this.now = options.now ?? Date.now;
    this.minTokens = options.minCacheableTokens ?? 1024;
    this.visibleAfterMs = options.visibleAfterMs ?? 0;
  }

  /** Changes the clock, the minimum length or the visibility delay (e.g. per test). */
  configure(options: CacheSimulatorOptions): void {
    if (options.now) this.now = options.now;
    if (options.minCacheableTokens !== undefined) this.minTokens = options.minCacheableTokens;
    if (options.visibleAfterMs !== undefined) this.visibleAfterMs = options.visibleAfterMs;
  }

  /** Forgets every cached prefix. */
  clear(): void {
    this.entries.clear();
  }

  /** Number of live (unexpired) cached prefixes. */
  size(): number {
    const now = this.now();
    return [...this.entries.values()].filter((e) => e.expiry > now).length;
  }

  /** Usage without touching the cache (for `count_tokens`-like callers). */
  static uncachedUsage(totalTokens: number): InputUsage {
    return {
      input_tokens: totalTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    };
  }

  /** Computes the input usage of a request and updates the cache (reads refresh, misses write). */
  process(body: MessagesBody): InputUsage {
    const blocks = promptBlocks(body);
    const totalChars = blocks.reduce((sum, b) => sum + b.chars, 0);
    const total = tokensForChars(totalChars);
    const min = typeof this.minTokens === 'function' ? this.minTokens(body.model) : this.minTokens;

    const hash = createHash('sha256').update(`model:${body.model}\nformat:${JSON.stringify(body.output_config?.format ?? null)}\n`);
    let chars = 0;
    let inMessages = false;
    const breakpoints: Breakpoint[] = [];
    for (const block of blocks) {
      if (!inMessages && block.canonical.startsWith('message')) {
        inMessages = true;
        hash.update(`thinking:${JSON.stringify(body.thinking ?? null)}\neffort:${String(body.output_config?.effort ?? '')}\n`);
      }
      hash.update(block.canonical).update('\n');
      chars += block.chars;
      if (!block.cacheControl) continue;
      const tokens = tokensForChars(chars);
      if (tokens < min) continue; // below the minimum: silently not cached
      breakpoints.push({ hash: hash.copy().digest('hex'), tokens, ttl: block.cacheControl.ttl ?? '5m' });
    }

    const now = this.now();
    let hitIndex = -1;
    breakpoints.forEach((bp, i) => {
      const entry = this.entries.get(bp.hash);
      if (entry !== undefined && entry.expiry > now && entry.visibleAt <= now) hitIndex = i;
    });

    const usage = CacheSimulator.uncachedUsage(total);
    let covered = 0;
    if (hitIndex >= 0) {
      const hit = breakpoints[hitIndex]!;
      covered = hit.tokens;
      usage.cache_read_input_tokens = hit.tokens;
      this.entries.set(hit.hash, { expiry: now + TTL_MS[hit.ttl], visibleAt: this.entries.get(hit.hash)!.visibleAt });
    }
    for (const bp of breakpoints.slice(hitIndex + 1)) {
      const written = bp.tokens - covered;
      if (bp.ttl === '1h') usage.cache_creation.ephemeral_1h_input_tokens += written;
      else usage.cache_creation.ephemeral_5m_input_tokens += written;
      usage.cache_creation_input_tokens += written;
      covered = bp.tokens;
      const before = this.entries.get(bp.hash);
      // A second writer of an entry not yet visible does not push its visibility back.
      const visibleAt = before && before.expiry > now ? before.visibleAt : now + this.visibleAfterMs;
      this.entries.set(bp.hash, { expiry: now + TTL_MS[bp.ttl], visibleAt });
    }
    usage.input_tokens = total - covered;
    return usage;
  }
}
