/**
 * What a plan written through the Message Batches API keeps under `planner.batch`: the batches its
 * requests went into, so that a run stopped by Ctrl-C, a closed Obsidian or a crash picks the same
 * batches up again (`plan --all --resume`) instead of sending, and paying for, the requests twice.
 *
 * While the outline batch runs the note holds no outline yet, so its `planner` is the pending shape
 * below; once the outline is in, it is a full `PlannerState` with `batch` beside the outline.
 */
import * as z from 'zod/mini';
import '../../contracts/zod-setup';
import { OutlineSchema } from '../../contracts/outline';
import { InputRecordSchema } from '../../inputs/input-record';
import type { UsageTotals } from '../../providers/anthropic';

export const UsageRecordSchema = z.object({
  calls: z.number(),
  inputTokens: z.number(),
  cacheWriteTokens: z.number(),
  cacheReadTokens: z.number(),
  outputTokens: z.number(),
  /** The part of `outputTokens` Claude spent thinking. */
  thinkingTokens: z.optional(z.number()),
  costUsd: z.nullable(z.number()),
});

export const BatchEntrySchema = z.object({
  /** The batch's id (`msgbatch_…`). */
  id: z.string(),
  kind: z.enum(['outline', 'sections']),
  /** This plan's share of the batch's usage, once its results were read (a batch is billed once, whoever reads it). */
  usage: z.optional(UsageRecordSchema),
});
export type BatchEntry = z.infer<typeof BatchEntrySchema>;

export const BatchRecordSchema = z.object({
  /** Oldest first: the outline batch (and its retry), then the sections batch (and its retries). */
  batches: z.array(BatchEntrySchema),
});
export type BatchRecord = z.infer<typeof BatchRecordSchema>;

/** `planner` of a batched plan at any stage: the outline and its source only once the outline batch is read. */
export const BatchPlanStateSchema = z.object({
  version: z.literal(1),
  provider: z.literal('anthropic'),
  model: z.string(),
  batch: BatchRecordSchema,
  outlineSource: z.optional(z.enum(['model', 'fallback'])),
  outline: z.optional(OutlineSchema),
  workstream_label: z.optional(z.string()),
  inputs: z.optional(InputRecordSchema),
  usage: z.optional(UsageRecordSchema),
});
export type BatchPlanState = z.infer<typeof BatchPlanStateSchema>;

/** The batch state of a note; null when it was not (or is no longer) planned through batches. */
export function readBatchState(frontmatter: Record<string, unknown> | null): BatchPlanState | null {
  const parsed = BatchPlanStateSchema.safeParse(frontmatter?.['planner']);
  return parsed.success ? parsed.data : null;
}

/** The plan's usage: the sum of its share of every batch it was in. */
export function batchUsage(record: BatchRecord): UsageTotals {
  const used = record.batches.map((b) => b.usage).filter((u): u is NonNullable<typeof u> => u !== undefined);
  const sum = (f: (u: (typeof used)[number]) => number): number => used.reduce((n, u) => n + f(u), 0);
  return {
    calls: sum((u) => u.calls),
    inputTokens: sum((u) => u.inputTokens),
    cacheWriteTokens: sum((u) => u.cacheWriteTokens),
    cacheReadTokens: sum((u) => u.cacheReadTokens),
    outputTokens: sum((u) => u.outputTokens),
    thinkingTokens: sum((u) => u.thinkingTokens ?? 0),
    costUsd: used.some((u) => u.costUsd === null) ? null : sum((u) => u.costUsd ?? 0),
  };
}
