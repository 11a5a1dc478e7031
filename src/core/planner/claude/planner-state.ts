import * as z from 'zod/mini';
import '../../contracts/zod-setup';
import { OutlineSchema } from '../../contracts/outline';
import { InputRecordSchema } from '../../inputs/input-record';
import { BatchRecordSchema, UsageRecordSchema } from './batch-state';
import { setTopLevelKey } from '../../markdown/frontmatter-keys';
import { yamlFlowJson } from '../../plan/render-frontmatter';

/**
 * What a Claude plan keeps under its frontmatter's `planner` key: enough to resume an interrupted
 * run (the outline, the model, the date the plan was started) and what it cost.
 */
export const PlannerStateSchema = z.object({
  version: z.literal(1),
  provider: z.literal('anthropic'),
  model: z.string(),
  /** Whether Claude wrote the outline or the planner derived it after Claude's did not validate. */
  outlineSource: z.enum(['model', 'fallback']),
  outline: OutlineSchema,
  /** The label the WBS gives the workstream (`Epic 2`), when it is not written with its id. */
  workstream_label: z.optional(z.string()),
  /** Plans written through the Message Batches API: the batches their requests went into (see batch-state.ts). */
  batch: z.optional(BatchRecordSchema),
  /** What the plan was planned from (see `planStaleness`): recorded when the run starts, completed with the cited sections when it ends. */
  inputs: z.optional(InputRecordSchema),
  usage: z.optional(UsageRecordSchema),
  /** Resumes that finished the plan on another model than `model`: which model, from which section, when. */
  resumes: z.optional(z.array(z.object({ model: z.string(), from: z.string(), date: z.string() }))),
});
export type PlannerState = z.infer<typeof PlannerStateSchema>;

/** The `planner:` line, one line of JSON (valid YAML flow). */
export function plannerLine(state: PlannerState): string {
  return `planner: ${yamlFlowJson(state)}`;
}

/** Puts `planner:` into the note's frontmatter (replacing the one there), leaving every other key as it is. */
export function setPlannerState(text: string, state: PlannerState): string {
  return setTopLevelKey(text, 'planner', plannerLine(state));
}

/** Reads the state back from the frontmatter an adapter parsed; null when absent or not ours. */
export function readPlannerState(frontmatter: Record<string, unknown> | null): PlannerState | null {
  const parsed = PlannerStateSchema.safeParse(frontmatter?.['planner']);
  return parsed.success ? parsed.data : null;
}
