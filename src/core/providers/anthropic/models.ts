/**
 * What the planner needs to know about a model before it sends a request: its output limit, how
 * thinking and effort are set on it, and the shortest prefix it caches. Known models come from this
 * table (read from each model's overview page and "what's new" page, 2026-12); any other model id
 * is asked of the Models API (`GET /v1/models/{id}`: `max_tokens` and `capabilities`), and a model
 * the API does not know is refused before anything is sent.
 */
import type { ModelInfo } from '@anthropic-ai/sdk/resources/models';
import { EFFORT_LEVELS } from '../../contracts/settings';

export const EFFORTS = EFFORT_LEVELS;
export type Effort = (typeof EFFORT_LEVELS)[number];

export interface ModelProfile {
  id: string;
  /** Largest `max_tokens` the model accepts. */
  maxOutputTokens: number;
  /**
   * How thinking is set: `adaptive` (we send `{type: 'adaptive', display: 'omitted'}`; on by default
   * anyway on the 5.x models), or `none` for models without adaptive thinking (nothing is sent, so
   * they do not think).
   */
  thinking: 'adaptive' | 'none';
  /** Effort levels `output_config.effort` accepts on this model (empty: the parameter is not sent). */
  efforts: readonly Effort[];
  /** The effort the API uses when none is sent. */
  defaultEffort: Effort | null;
  /** Shortest prefix (tokens) the model caches; shorter prefixes are silently not cached. */
  minCacheableTokens: number;
  /** Retired models answer 404; the date it happened. */
  retiredOn?: string;
  /** Where the figures come from. */
  source: string;
}

const ALL: readonly Effort[] = EFFORTS;
const NO_XHIGH: readonly Effort[] = ['low', 'medium', 'high', 'max'];

const page = (slug: string): string => `https://platform.claude.com/docs/en/models/${slug}/overview`;

function p(id: string, maxOutputTokens: number, thinking: ModelProfile['thinking'], efforts: readonly Effort[], defaultEffort: Effort | null, minCacheableTokens: number, source: string, retiredOn?: string): ModelProfile {
  return { id, maxOutputTokens, thinking, efforts, defaultEffort, minCacheableTokens, source, ...(retiredOn ? { retiredOn } : {}) };
}

/**
 * Known models. Minimum cacheable lengths: 512 on the 5.5 models (their migration guides and
 * "what's new" pages; the prompt-caching page as stored here predates them), 1024/2048/4096 on the
 * 4.x models (prompt-caching page, as quoted in anthropic-sdk-python#1194).
 */
export const MODEL_PROFILES: Readonly<Record<string, ModelProfile>> = Object.fromEntries(
  [
    p('claude-opus-5-5', 128_000, 'adaptive', ALL, 'medium', 512, page('opus-5-5')),
    p('claude-sonnet-5-5', 128_000, 'adaptive', ALL, 'high', 512, page('sonnet-5-5')),
    p('claude-haiku-5-5', 128_000, 'adaptive', ALL, 'medium', 512, page('haiku-5-5')),
    p('claude-fable-5-2', 128_000, 'adaptive', ALL, 'high', 512, page('fable-5-2')),
    p('claude-mythos-5-2', 128_000, 'adaptive', ALL, 'high', 512, page('mythos-5-2')),
    p('claude-fable-5-1', 128_000, 'adaptive', ALL, 'high', 512, page('fable-5-1')),
    p('claude-mythos-5-1', 128_000, 'adaptive', ALL, 'high', 512, page('mythos-5-1')),
    p('claude-opus-5', 128_000, 'adaptive', ALL, 'high', 512, page('opus-5')),
    p('claude-sonnet-5', 128_000, 'adaptive', ALL, 'high', 1024, page('sonnet-5')),
    p('claude-fable-5', 128_000, 'adaptive', ALL, 'high', 512, page('fable-5')),
    p('claude-mythos-5', 128_000, 'adaptive', ALL, 'high', 512, page('mythos-5')),
    p('claude-opus-4-8', 128_000, 'adaptive', ALL, 'high', 1024, page('opus-4-8')),
    p('claude-opus-4-7', 128_000, 'adaptive', ALL, 'high', 2048, page('opus-4-7')),
    p('claude-opus-4-6', 128_000, 'adaptive', NO_XHIGH, 'high', 4096, page('opus-4-6')),
    p('claude-sonnet-4-6', 128_000, 'adaptive', NO_XHIGH, 'high', 1024, page('sonnet-4-6')),
    p('claude-opus-4-5', 64_000, 'none', [], null, 4096, page('opus-4-5')),
    p('claude-haiku-4-5', 64_000, 'none', [], null, 4096, page('haiku-4-5')),
    // SDK 1.14 `internal/data/deprecated-models.ts`: end of life November 30th, 2026.
    p('claude-sonnet-4-5', 64_000, 'none', [], null, 1024, 'https://platform.claude.com/docs/en/about-claude/model-deprecations', '2026-11-30'),
  ].map((m) => [m.id, m]),
);

/** The table's entry for an id, a dated id (`claude-haiku-4-5-20251001`) falling back to its alias. */
export function knownProfile(model: string): ModelProfile | null {
  return MODEL_PROFILES[model] ?? MODEL_PROFILES[model.replace(/-\d{8}$/, '')] ?? null;
}

/** A profile from the Models API's record of a model the table does not know. */
export function profileFromModelInfo(info: Pick<ModelInfo, 'id' | 'max_tokens' | 'capabilities'>): ModelProfile {
  const caps = info.capabilities;
  const effort = caps?.effort;
  const efforts = effort?.supported ? EFFORTS.filter((e) => (effort[e] as { supported?: boolean } | null | undefined)?.supported === true) : [];
  return {
    id: info.id,
    maxOutputTokens: info.max_tokens ?? FALLBACK_MAX_OUTPUT,
    thinking: caps?.thinking?.types?.adaptive?.supported ? 'adaptive' : 'none',
    efforts,
    defaultEffort: null,
    minCacheableTokens: 1024,
    source: `GET /v1/models/${info.id}`,
  };
}

/** What is assumed of a model nobody could describe (no key, or the Models API unreachable). */
export const FALLBACK_MAX_OUTPUT = 32_000;
export function fallbackProfile(model: string): ModelProfile {
  return { id: model, maxOutputTokens: FALLBACK_MAX_OUTPUT, thinking: 'none', efforts: [], defaultEffort: null, minCacheableTokens: 1024, source: 'assumed (model not in the built-in table)' };
}

/**
 * The room a call gets by default: enough for a long section and the thinking before it at effort
 * high (tens of thousands of tokens), never more than the model allows. A call that still stops at
 * this limit is asked again with twice the room, up to the model's own limit.
 */
export const DEFAULT_OUTPUT_ROOM = 32_000;

/** `max_tokens` of a call's first attempt: the setting (0 = the default room), within the model's limit. */
export function initialMaxTokens(profile: ModelProfile, setting: number): number {
  const wanted = setting > 0 ? setting : DEFAULT_OUTPUT_ROOM;
  return Math.max(1, Math.min(wanted, profile.maxOutputTokens));
}

/** The effort actually sent for a wanted level: the nearest level the model accepts at or below it, or none. */
export function effortFor(profile: ModelProfile, wanted: Effort): Effort | null {
  if (profile.efforts.length === 0) return null;
  const at = EFFORTS.indexOf(wanted);
  for (let i = at; i >= 0; i--) if (profile.efforts.includes(EFFORTS[i]!)) return EFFORTS[i]!;
  return profile.efforts[0] ?? null;
}
