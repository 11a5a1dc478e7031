import { z } from 'zod';

/** The six notes the planner reads; the first four are required, the last two optional. */
export const ROLES = ['prd', 'macro', 'meso', 'micro', 'codeStandards', 'pitfalls'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;
export const REQUIRED_ROLES: readonly Role[] = ['prd', 'macro', 'meso', 'micro'];

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
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  /** Cache writes with the 5-minute TTL; missing: 1.25 × input. */
  cacheWrite5m: z.number().nonnegative().optional(),
  /** Cache writes with the 1-hour TTL; missing: 2 × input. */
  cacheWrite1h: z.number().nonnegative().optional(),
  /** Cache reads (hits and refreshes); missing: 0.1 × input. */
  cacheRead: z.number().nonnegative().optional(),
});

/**
 * A model's prices in USD per million tokens (settings override or add to the built-in table).
 * Only `input` and `output` are required; the cache prices default to the usual multipliers.
 */
export const PriceSchema = PriceBandSchema.extend({
  /** Prices for every token of a request whose prompt is longer than `thresholdTokens` (e.g. Haiku 5.5 above 100K). */
  longContext: PriceBandSchema.extend({ thresholdTokens: z.number().int().positive() }).optional(),
  /** Fraction taken off input and output on the Message Batches API; missing: 0.5. */
  batchDiscount: z.number().min(0).max(1).optional(),
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
  paths: z
    .object({
      prd: z.string().default(''),
      macro: z.string().default(''),
      meso: z.string().default(''),
      micro: z.string().default(''),
      codeStandards: z.string().default(''),
      pitfalls: z.string().default(''),
    })
    .default({ prd: '', macro: '', meso: '', micro: '', codeStandards: '', pitfalls: '' }),
  /** Project note (vault path); empty means: look under `01-Projects/`. */
  projectNote: z.string().default(''),
  /** Folder the plans and escalations go to. @default "Planning" */
  outputFolder: z.string().default('Planning'),
  /** @default "claude-sonnet-5-5" */
  model: z.string().default('claude-sonnet-5-5'),
  /** API base URL; empty means the SDK's default. */
  baseURL: z.string().default(''),
  /**
   * `max_tokens` of each call (thinking and text together); 0 means the planner's default room
   * (32 000, within the model's own limit). A call that stops at it is asked again with more room.
   * @default 0
   */
  maxOutputTokens: z.number().int().nonnegative().default(0),
  /** `output_config.effort` of the section calls (how hard Claude thinks before writing). @default "high" */
  effort: EffortSchema.default('high'),
  /** `output_config.effort` of the outline call. @default "medium" */
  outlineEffort: EffortSchema.default('medium'),
  /** Largest context (tokens, estimated) sent in one call. @default 150000 */
  contextBudgetTokens: z.number().int().positive().default(150000),
  /** Refuse or stop when the cost of one plan would exceed this (USD); 0 means no cap. @default 0 */
  costCapUsd: z.number().nonnegative().default(0),
  /** Concurrent section calls. @default 4 */
  concurrency: z.number().int().min(1).max(16).default(4),
  /** Use prompt caching. @default true */
  caching: z.boolean().default(true),
  /** Ask before sending anything to the API. @default true */
  confirmBeforeSending: z.boolean().default(true),
  /** Send the plans of upstream workstreams that already exist. @default true */
  includeUpstreamPlans: z.boolean().default(true),
  /** Vault path of a note whose text replaces the built-in instructions; empty for the built-in. */
  promptTemplateNote: z.string().default(''),
  /** Per-model price overrides, USD per million tokens. */
  prices: z.record(z.string(), PriceSchema).default({}),
  /** Seconds without a byte from the API, once the answer's text has started, before a stream is abandoned. @default 60 */
  idleTimeoutSeconds: z.number().positive().default(60),
  /**
   * Seconds to wait for the first text of an answer (Claude may think for minutes before it writes,
   * sending only pings meanwhile). Over Obsidian's network layer it bounds the whole call. @default 600
   */
  firstTextTimeoutSeconds: z.number().positive().default(600),
  /** Also put escalation callouts into the meso plan under the section at fault. @default false */
  calloutsInMesoPlan: z.boolean().default(false),
  /** Use Obsidian's request layer (no live streaming) for organisations that block browser access. @default false */
  useObsidianNetwork: z.boolean().default(false),
  /** Name of the secret (in Obsidian's secret storage) that holds the API key. */
  apiKeySecretName: z.string().default('anthropic-api-key'),
});

export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** The configured path of a role, or '' when none. */
export function configuredPath(settings: Settings, role: Role): string {
  return settings.paths[role].trim();
}
