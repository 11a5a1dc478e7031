import * as z from 'zod/mini';
import './zod-setup';

export const PLAN_STATUSES = [
  'draft',
  'in_progress',
  'interrupted',
  'escalated',
  'ready_for_decomposition',
] as const;
export const PlanStatusSchema = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof PlanStatusSchema>;

const WIKILINK = /^\[\[[^\]]+\]\]$/;

/**
 * Everything the planner keeps beyond the contract's keys lives under `planner`:
 * the saved outline, the state of each section, input hashes, usage. Free-form here;
 * the generation issue narrows it.
 */
export const PlannerStateSchema = z.record(z.string(), z.unknown());

/** The plan note's frontmatter, exactly the keys of the output format, plus `planner`. */
export const PlanFrontmatterSchema = z.object({
  tags: z.array(z.string()).check(
    z.refine((t) => t.length === 3 && t[0] === 'workstream-plan' && t[1] === 'micro-level' && /^W\d+$/.test(t[2] ?? ''), {
      message: 'must be [workstream-plan, micro-level, W<n>]',
    }),
  ),
  project: z.string().check(z.regex(WIKILINK, 'must be a quoted wikilink such as "[[01-Projects/Name]]"')),
  workstream_id: z.string().check(z.regex(/^W\d+$/, 'must look like W2')),
  workstream_name: z.string().check(z.minLength(1)),
  source_plan: z.string().check(z.regex(WIKILINK, 'must be a quoted wikilink to the meso-level plan')),
  created: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')),
  status: PlanStatusSchema,
  planner: z.optional(PlannerStateSchema),
});
export type PlanFrontmatter = z.infer<typeof PlanFrontmatterSchema>;

/** The escalation note's frontmatter. */
export const EscalationFrontmatterSchema = z.object({
  tags: z.array(z.string()),
  project: z.string(),
  workstream_id: z.string().check(z.regex(/^W\d+$/)),
  workstream_name: z.string(),
  source_plan: z.string(),
  created: z.string(),
  status: z.enum(['escalated', 'resolved']),
});
export type EscalationFrontmatter = z.infer<typeof EscalationFrontmatterSchema>;
