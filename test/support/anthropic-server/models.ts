/**
 * The models the local server knows, and what each accepts, as the API documents them (read 2026-12).
 * Independent of the planner's own table on purpose: the server follows the docs, the client may be wrong.
 *
 * Sources, one per behaviour (platform.claude.com/docs/en/…):
 * - limits, default effort, thinking mode: models/<model>/overview (comparison table: "Adaptive (always on)",
 *   "Default effort"; Max output 128K on the 5.x models)
 * - Sonnet 5.5: models/sonnet-5-5/whats-new-sonnet-5-5 ("Turn off up-front thinking with between_tools";
 *   `disabled` is a 400 pointing to between_tools; between_tools at xhigh/max is a 400; "Forced tool use
 *   returns an error"); Opus 5.5: models/opus-5-5/overview ("cannot disable thinking", forced tool use errors)
 * - budget thinking rejected on 4.7 and later: build-with-claude/extended-thinking ("Claude 4.7 and later
 *   models do not support it and reject requests that use it, returning a 400 error")
 * - no prefill, no sampling parameters on the 5.5 models: their migration guides (research note, 2026-12-03)
 * - minimum cacheable prompt: 512 tokens on the 5.5 models (migration guides; the prompt-caching page as
 *   stored here predates them), 1024/2048/4096 on the 4.x models (prompt-caching page, quoted in
 *   anthropics/anthropic-sdk-python#1194)
 * - retirement: about-claude/model-deprecations ("Requests to retired models will fail"); Sonnet 4.5 end of
 *   life 2026-11-30 (SDK 1.14 `internal/data/deprecated-models.ts`)
 */
export type Effort = 'low' | 'medium' | 'high' | 'xhigh' | 'max';
export const EFFORTS: readonly Effort[] = ['low', 'medium', 'high', 'xhigh', 'max'];

export interface ServerModel {
  id: string;
  displayName: string;
  releasedAt: string;
  maxOutputTokens: number;
  contextWindow: number;
  /** Thinking types the model accepts. */
  thinking: { adaptive: boolean; enabled: boolean; disabled: boolean; betweenTools: boolean };
  /** Thinks when the request sends no `thinking` (adaptive on by default). */
  thinksByDefault: boolean;
  efforts: readonly Effort[];
  defaultEffort: Effort | null;
  minCacheableTokens: number;
  /** Accepts a conversation ending in an assistant turn. */
  prefill: boolean;
  /** Accepts temperature / top_p / top_k. */
  sampling: boolean;
  /** Accepts `tool_choice` of type `tool` or `any`. */
  forcedToolChoice: boolean;
  /** Retired on this date (requests 404 from then on; the Models API still lists it as retired). */
  retiredOn?: string;
}

const ADAPTIVE_ONLY = { adaptive: true, enabled: false, disabled: false, betweenTools: false };
const FIVE_FIVE_SONNET = { adaptive: true, enabled: false, disabled: false, betweenTools: true };
const ADAPTIVE_OR_OFF = { adaptive: true, enabled: false, disabled: true, betweenTools: false };
const EXTENDED = { adaptive: false, enabled: true, disabled: true, betweenTools: false };

function m(id: string, displayName: string, releasedAt: string, rest: Omit<ServerModel, 'id' | 'displayName' | 'releasedAt' | 'contextWindow'> & { contextWindow?: number }): ServerModel {
  return { id, displayName, releasedAt, contextWindow: 1_000_000, ...rest };
}

const newest = { maxOutputTokens: 128_000, efforts: EFFORTS, minCacheableTokens: 512, prefill: false, sampling: false, forcedToolChoice: false, thinksByDefault: true } as const;

export const SERVER_MODELS: readonly ServerModel[] = [
  m('claude-sonnet-5-5', 'Claude Sonnet 5.5', '2026-09-28T00:00:00Z', { ...newest, thinking: FIVE_FIVE_SONNET, defaultEffort: 'high' }),
  m('claude-opus-5-5', 'Claude Opus 5.5', '2026-09-15T00:00:00Z', { ...newest, thinking: ADAPTIVE_ONLY, defaultEffort: 'medium' }),
  m('claude-haiku-5-5', 'Claude Haiku 5.5', '2026-10-07T00:00:00Z', { ...newest, thinking: ADAPTIVE_OR_OFF, defaultEffort: 'medium' }),
  m('claude-fable-5-1', 'Claude Fable 5.1', '2026-08-20T00:00:00Z', { ...newest, thinking: ADAPTIVE_ONLY, defaultEffort: 'high' }),
  m('claude-opus-5', 'Claude Opus 5', '2026-07-24T00:00:00Z', { ...newest, prefill: true, sampling: true, forcedToolChoice: true, thinking: ADAPTIVE_OR_OFF, defaultEffort: 'high' }),
  m('claude-sonnet-5', 'Claude Sonnet 5', '2026-06-01T00:00:00Z', { ...newest, minCacheableTokens: 1024, prefill: true, sampling: true, forcedToolChoice: true, thinking: ADAPTIVE_OR_OFF, defaultEffort: 'high' }),
  m('claude-sonnet-4-6', 'Claude Sonnet 4.6', '2026-02-17T00:00:00Z', {
    maxOutputTokens: 128_000,
    thinking: { adaptive: true, enabled: true, disabled: true, betweenTools: false },
    thinksByDefault: false,
    efforts: ['low', 'medium', 'high', 'max'],
    defaultEffort: null,
    minCacheableTokens: 1024,
    prefill: true,
    sampling: true,
    forcedToolChoice: true,
  }),
  m('claude-haiku-4-5-20251001', 'Claude Haiku 4.5', '2025-10-01T00:00:00Z', {
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    thinking: EXTENDED,
    thinksByDefault: false,
    efforts: [],
    defaultEffort: null,
    minCacheableTokens: 4096,
    prefill: true,
    sampling: true,
    forcedToolChoice: true,
  }),
  m('claude-sonnet-4-5-20250929', 'Claude Sonnet 4.5', '2025-09-29T00:00:00Z', {
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    thinking: EXTENDED,
    thinksByDefault: false,
    efforts: [],
    defaultEffort: null,
    minCacheableTokens: 1024,
    prefill: true,
    sampling: true,
    forcedToolChoice: true,
    retiredOn: '2026-11-30',
  }),
];

/** Aliases the API accepts for dated ids. */
const ALIASES: Record<string, string> = { 'claude-haiku-4-5': 'claude-haiku-4-5-20251001', 'claude-sonnet-4-5': 'claude-sonnet-4-5-20250929' };

export function findModel(models: readonly ServerModel[], id: string): ServerModel | undefined {
  const wanted = ALIASES[id] ?? id;
  return models.find((x) => x.id === wanted);
}

export function isRetired(model: ServerModel, now: number): boolean {
  return model.retiredOn !== undefined && Date.parse(`${model.retiredOn}T00:00:00Z`) <= now;
}

const supported = (ok: boolean): { supported: boolean } => ({ supported: ok });

/** The model as `GET /v1/models` describes it (SDK 1.14 `ModelInfo`). */
export function modelInfo(model: ServerModel, now: number): Record<string, unknown> {
  const retired = isRetired(model, now);
  return {
    type: 'model',
    id: model.id,
    display_name: model.displayName,
    created_at: model.releasedAt,
    lifecycle: retired ? 'retired' : model.retiredOn ? 'deprecated' : 'active',
    deprecated_at: model.retiredOn ? '2026-09-29T00:00:00Z' : null,
    retires_at: model.retiredOn ? `${model.retiredOn}T00:00:00Z` : null,
    line: null,
    max_input_tokens: model.contextWindow,
    max_tokens: model.maxOutputTokens,
    capabilities: {
      batch: supported(true),
      citations: supported(true),
      code_execution: supported(true),
      context_management: { supported: false },
      effort: {
        supported: model.efforts.length > 0,
        low: supported(model.efforts.includes('low')),
        medium: supported(model.efforts.includes('medium')),
        high: supported(model.efforts.includes('high')),
        xhigh: supported(model.efforts.includes('xhigh')),
        max: supported(model.efforts.includes('max')),
      },
      image_input: supported(true),
      pdf_input: supported(true),
      server_tools: { supported: true, code_execution: supported(true), web_search: supported(true) },
      structured_outputs: supported(true),
      thinking: {
        supported: model.thinking.adaptive || model.thinking.enabled,
        types: {
          adaptive: supported(model.thinking.adaptive),
          between_tools: supported(model.thinking.betweenTools),
          disabled: supported(model.thinking.disabled),
          enabled: supported(model.thinking.enabled),
        },
      },
    },
  };
}
