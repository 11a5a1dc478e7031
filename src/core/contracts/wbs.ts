import * as z from 'zod/mini';
import './zod-setup';

export const WORKSTREAM_ID = /^W\d+$/;

export const EstimateSchema = z.object({
  value: z.number(),
  /** The unit as the author wrote it, normalised: `d`, `h`, `pts`, `w`… */
  unit: z.string(),
  /** The estimate as written, e.g. "3d". */
  raw: z.string(),
});
export type Estimate = z.infer<typeof EstimateSchema>;

export const WbsTaskSchema = z.object({
  /** Task id as written (trimmed), e.g. `W2.1`, `W2-T3`, `WS-02.1`, `T2.1`; `taskIdKey` compares spellings. */
  id: z.string(),
  title: z.string(),
  estimate: z.optional(EstimateSchema),
  /**
   * Ids of the tasks this one waits for, as written (trimmed), in the order written; they may belong
   * to other workstreams (`W2.3`). From a dependency column (`Deps`, `Depends on`…) or a clause in
   * the task line (`(after W1.1)`, `depends on W1.1`, `— after WS-02.2`). Absent when none is stated.
   */
  dependsOn: z.optional(z.array(z.string())),
  /** 1-based line in the overall micro-level plan. */
  line: z.int(),
});
export type WbsTask = z.infer<typeof WbsTaskSchema>;

export const WorkstreamSchema = z.object({
  /** Normalised id, `W<number>` without leading zeros. */
  id: z.string().check(z.regex(WORKSTREAM_ID)),
  name: z.string(),
  tasks: z.array(WbsTaskSchema),
  /** Normalised ids of the workstreams this one depends on, in the order written. */
  dependsOn: z.array(z.string()),
  /** 1-based line where this workstream is defined (its heading or first table row). */
  line: z.int(),
  /** 1-based line of the dependency statement, when there is one. */
  dependsLine: z.optional(z.int()),
  /** How it was written: under a heading, or as rows of a WBS table. */
  format: z.enum(['heading', 'table']),
});
export type Workstream = z.infer<typeof WorkstreamSchema>;

export const WbsSchema = z.object({
  /** In document order. The same id may appear twice: that is an escalation, not a parse error. */
  workstreams: z.array(WorkstreamSchema),
});
export type Wbs = z.infer<typeof WbsSchema>;

/** A workstream as the meso plan mentions it (a heading or a line that names `W<n>`). */
export const MesoMentionSchema = z.object({
  id: z.string().check(z.regex(WORKSTREAM_ID)),
  /** The name the meso plan gives it, when a heading or list item states one (`W2: Billing`). */
  name: z.optional(z.string()),
  line: z.int(),
});
export type MesoMention = z.infer<typeof MesoMentionSchema>;
