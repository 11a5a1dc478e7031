import * as z from 'zod/mini';
import '../contracts/zod-setup';

/**
 * What a plan was planned from, kept under `planner.inputs` in its frontmatter: a digest of each
 * input unit. A plan is stale when one of them has changed since (see `compareInputs`).
 */
export const InputRecordSchema = z.object({
  version: z.literal(1),
  /** Meso sections in the plan's scope or cited by it, by heading (see `sectionKey`): the digest of the section's own text. */
  meso: z.record(z.string(), z.string()),
  /**
   * The workstream and the workstreams it depends on, by id: the digest of the entry (the
   * workstream's name and dependencies; a dependency's name) and of each WBS task, by task id as
   * written (title, estimate and task dependencies).
   */
  workstreams: z.record(z.string(), z.object({ entry: z.string(), tasks: z.record(z.string(), z.string()) })),
  /** The direct upstream workstreams' plans, by id: the digest of the plan's body; null when it had none. */
  upstream: z.record(z.string(), z.nullable(z.string())),
  /** The digest of the instructions sent to Claude (built-in or the template note); absent for an offline draft. */
  instructions: z.optional(z.string()),
});
export type InputRecord = z.infer<typeof InputRecordSchema>;

/** The record under the note's `planner.inputs`; null when the plan has none (or not in this shape). */
export function readInputRecord(frontmatter: Record<string, unknown> | null): InputRecord | null {
  const planner = frontmatter?.['planner'];
  if (planner === null || typeof planner !== 'object') return null;
  const parsed = InputRecordSchema.safeParse((planner as Record<string, unknown>)['inputs']);
  return parsed.success ? parsed.data : null;
}
