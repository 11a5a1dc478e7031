/**
 * Deterministic token approximation: ceil(characters / 4) over tools, system and messages, in that
 * (cache-prefix) order. The same numbers feed `count_tokens`, usage and the caching simulation.
 */
import type { CacheControl, MessagesBody } from './types';

/** Characters per token of the approximation. */
export const CHARS_PER_TOKEN = 4;

/** Tokens for `chars` characters: ceil(chars / 4). */
export function tokensForChars(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

/** One cacheable unit of the prompt, in canonical order. */
export interface PromptBlock {
  /** Canonical JSON of the block without its `cache_control` (what the cache hashes). */
  canonical: string;
  /** Characters this block adds to the token count. */
  chars: number;
  /** The block's breakpoint, if it carries `cache_control`. */
  cacheControl?: CacheControl;
}

function withoutCacheControl(block: Record<string, unknown>): Record<string, unknown> {
  const { cache_control: _ignored, ...rest } = block;
  return rest;
}

function charsOf(block: Record<string, unknown>): number {
  if (typeof block.text === 'string') return block.text.length;
  return JSON.stringify(withoutCacheControl(block)).length;
}

function blockFrom(prefix: string, raw: unknown): PromptBlock {
  if (typeof raw === 'string') {
    return { canonical: `${prefix}:${JSON.stringify(raw)}`, chars: raw.length };
  }
  const block = (raw ?? {}) as Record<string, unknown>;
  const cc = block.cache_control as CacheControl | undefined;
  return {
    canonical: `${prefix}:${JSON.stringify(withoutCacheControl(block))}`,
    chars: charsOf(block),
    ...(cc ? { cacheControl: cc } : {}),
  };
}

/**
 * Flattens a request into prompt blocks: each tool, then each system block, then each message content block.
 * A top-level `cache_control` (automatic caching) marks the last block.
 */
export function promptBlocks(body: Pick<MessagesBody, 'tools' | 'system' | 'messages' | 'cache_control'>): PromptBlock[] {
  const blocks: PromptBlock[] = [];
  for (const tool of body.tools ?? []) blocks.push(blockFrom('tool', tool));
  if (typeof body.system === 'string') blocks.push(blockFrom('system', body.system));
  else for (const sys of body.system ?? []) blocks.push(blockFrom('system', sys));
  body.messages.forEach((message, i) => {
    const prefix = `message${i}:${message.role}`;
    if (typeof message.content === 'string') blocks.push(blockFrom(prefix, message.content));
    else if (Array.isArray(message.content)) for (const part of message.content) blocks.push(blockFrom(prefix, part));
  });
  const last = blocks[blocks.length - 1];
  if (body.cache_control && last && !last.cacheControl) last.cacheControl = body.cache_control;
  return blocks;
}

/** Input tokens of the whole request (what `count_tokens` answers). */
export function countInputTokens(body: Pick<MessagesBody, 'tools' | 'system' | 'messages' | 'cache_control'>): number {
  return tokensForChars(promptBlocks(body).reduce((sum, b) => sum + b.chars, 0));
}

/** Number of `cache_control` markers in a request (blocks plus the top-level one). */
export function countCacheMarkers(body: Pick<MessagesBody, 'tools' | 'system' | 'messages' | 'cache_control'>): number {
  const blocks = promptBlocks({ ...body, cache_control: undefined });
  return blocks.filter((b) => b.cacheControl).length + (body.cache_control ? 1 : 0);
}
