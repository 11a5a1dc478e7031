import * as z from 'zod/mini';
import './zod-setup';

/** The six notes the planner reads; the meso and micro plans are required, the others read when present. */
export const ROLES = ['prd', 'macro', 'meso', 'micro', 'codeStandards', 'pitfalls'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;
/** Real projects often have no PRD note, or no macro plan: a missing one is a warning naming where it was looked for. */
export const REQUIRED_ROLES: readonly Role[] = ['meso', 'micro'];

/** Where each role lives when the user has not said otherwise (the planning convention's own paths). */
export const DEFAULT_ROLE_PATHS: Record<Role, string> = {
  prd: 'research/project-planning/PRD.md',
  macro: 'research/project-planning/macro-level-plan.md',
  meso: 'research/project-planning/meso-level-plan.md',
  micro: 'research/project-planning/micro-level-plan.md',
  codeStandards: '04-Agent-Reference-Files/Code-Standards.md',
  pitfalls: '04-Agent-Reference-Files/Common-Pitfalls-to-Avoid.md',
};

/** Human label of each role, for reports and messages. */
export const ROLE_LABELS: Record<Role, string> = {
  prd: 'PRD',
  macro: 'macro-level plan',
  meso: 'meso-level plan',
  micro: 'overall micro-level plan',
  codeStandards: 'code standards',
  pitfalls: 'common pitfalls',
};

/** The settings key (in data.json) that chooses each role's note. */
export const ROLE_SETTING_KEYS: Record<Role, string> = {
  prd: 'paths.prd',
  macro: 'paths.macro',
  meso: 'paths.meso',
  micro: 'paths.micro',
  codeStandards: 'paths.codeStandards',
  pitfalls: 'paths.pitfalls',
};

/** USD per million tokens for one band of a model's prices. */
const PriceBandSchema = z.object({
  /** Uncached input. */
  input: z.number().check(z.nonnegative()),
  output: z.number().check(z.nonnegative()),
  /** Cache writes with the 5-minute TTL; missing: 1.25 × input. */
  cacheWrite5m: z.optional(z.number().check(z.nonnegative())),
  /** Cache writes with the 1-hour TTL; missing: 2 × input. */
  cacheWrite1h: z.optional(z.number().check(z.nonnegative())),
  /** Cache reads (hits and refreshes); missing: 0.1 × input. */
  cacheRead: z.optional(z.number().check(z.nonnegative())),
});

/**
 * A model's prices in USD per million tokens (settings override or add to the built-in table).
 * Only `input` and `output` are required; the cache prices default to the usual multipliers.
 */
export const PriceSchema = z.extend(PriceBandSchema, {
  /** Prices for every token of a request whose prompt is longer than `thresholdTokens` (e.g. Haiku 5.5 above 100K). */
  longContext: z.optional(z.extend(PriceBandSchema, { thresholdTokens: z.int().check(z.positive()) })),
  /** Fraction taken off input and output on the Message Batches API; missing: 0.5. */
  batchDiscount: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
});

export type PriceOverride = z.infer<typeof PriceSchema>;

export const EFFORT_LEVELS = ['low', 'medium', 'high', 'xhigh', 'max'] as const;
export const EffortSchema = z.enum(EFFORT_LEVELS);
export type EffortLevel = z.infer<typeof EffortSchema>;

export const SettingsSchema = z.object({
  /**
   * Paths of the planning notes. An empty string means "not configured": discovery then
   * tries the default path, the project note's links and frontmatter tags.
   */
  paths: z._default(
    z.object({
      prd: z._default(z.string(), ''),
      macro: z._default(z.string(), ''),
      meso: z._default(z.string(), ''),
      micro: z._default(z.string(), ''),
      codeStandards: z._default(z.string(), ''),
      pitfalls: z._default(z.string(), ''),
    }),
    { prd: '', macro: '', meso: '', micro: '', codeStandards: '', pitfalls: '' },
  ),
  /**
   * The project: a project note, a project folder or a planning folder (vault path); empty means
   * look for planning sets (and project notes under `01-Projects/`).
   */
  projectNote: z._default(z.string(), ''),
  /**
   * Folder the plans and escalations go to. @default "Planning": with the default, a planning set
   * found in its own folder (`01-Projects/Acme/Planning/v2`) gets its plans beside it; another
   * value sends every plan there.
   */
  outputFolder: z._default(z.string(), 'Planning'),
  /** The planning set the plugin's "Plan workstream" used last (its folder); offered first next time. */
  lastPlanningSet: z._default(z.string(), ''),
  /** @default "claude-sonnet-5-5" */
  model: z._default(z.string(), 'claude-sonnet-5-5'),
  /** API base URL; empty means the SDK's default. */
  baseURL: z._default(z.string(), ''),
  /**
   * `max_tokens` of each call (thinking and text together); 0 means the planner's default room
   * (32 000, within the model's own limit). A call that stops at it is asked again with more room.
   * @default 0
   */
  maxOutputTokens: z._default(z.int().check(z.nonnegative()), 0),
  /** `output_config.effort` of the section calls (how hard Claude thinks before writing). @default "high" */
  effort: z._default(EffortSchema, 'high'),
  /** `output_config.effort` of the outline call. @default "medium" */
  outlineEffort: z._default(EffortSchema, 'medium'),
  /** Largest context (tokens, estimated) sent in one call. @default 150000 */
  contextBudgetTokens: z._default(z.int().check(z.positive()), 150000),
  /** Refuse or stop when the cost of one plan would exceed this (USD); 0 means no cap. @default 0 */
  costCapUsd: z._default(z.number().check(z.nonnegative()), 0),
  /** Concurrent section calls. @default 4 */
  concurrency: z._default(z.int().check(z.minimum(1), z.maximum(16)), 4),
  /** Use prompt caching. @default true */
  caching: z._default(z.boolean(), true),
  /** Ask before sending anything to the API. @default true */
  confirmBeforeSending: z._default(z.boolean(), true),
  /** Send the plans of upstream workstreams that already exist. @default true */
  includeUpstreamPlans: z._default(z.boolean(), true),
  /** Vault path of a note whose text replaces the built-in instructions; empty for the built-in. */
  promptTemplateNote: z._default(z.string(), ''),
  /** Per-model price overrides, USD per million tokens. */
  prices: z._default(z.record(z.string(), PriceSchema), {}),
  /** Seconds without a byte from the API, once the answer's text has started, before a stream is abandoned. @default 60 */
  idleTimeoutSeconds: z._default(z.number().check(z.positive()), 60),
  /**
   * Seconds to wait for the first text of an answer (Claude may think for minutes before it writes,
   * sending only pings meanwhile). Over Obsidian's network layer it bounds the whole call. @default 600
   */
  firstTextTimeoutSeconds: z._default(z.number().check(z.positive()), 600),
  /** Also put escalation callouts into the meso plan under the section at fault. @default false */
  calloutsInMesoPlan: z._default(z.boolean(), false),
  /** Use Obsidian's request layer (no live streaming) for organisations that block browser access. @default false */
  useObsidianNetwork: z._default(z.boolean(), false),
  /** Name of the secret (in Obsidian's secret storage) that holds the API key. */
  apiKeySecretName: z._default(z.string(), 'anthropic-api-key'),
});

export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** The configured path of a role, or '' when none. */
export function configuredPath(settings: Settings, role: Role): string {
  return settings.paths[role].trim();
}
