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
  /**
   * How the WBS refers to the task when that differs from `id`: the planner gives a task the note
   * names by position only a stable id `W{N}.{k}` and keeps the author's reference here
   * (`Epic B, task 2`). Absent when the note writes the id itself (`2.3`, `W2.1`).
   */
  label: z.optional(z.string()),
  /** Conditions outside the WBS that the task waits for, as written (`User input`, `Video URL confirmed`). */
  prerequisites: z.optional(z.array(z.string())),
  /** The task's exit criteria, as written. */
  exit: z.optional(z.string()),
  /** 1-based line in the overall micro-level plan. */
  line: z.int(),
});
export type WbsTask = z.infer<typeof WbsTaskSchema>;

export const DEPENDENCY_SOURCES = ['wbs', 'entry', 'tasks', 'sequence', 'graph', 'macro', 'meso'] as const;

/** One place that states what a workstream depends on. */
export const DependencySourceSchema = z.object({
  source: z.enum(DEPENDENCY_SOURCES),
  /** Normalised ids it names. */
  on: z.array(z.string()),
  /** 1-based line of the statement. */
  line: z.int(),
  /** The note it is in, when not the overall micro-level plan. */
  file: z.optional(z.string()),
});
export type DependencySource = z.infer<typeof DependencySourceSchema>;

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
  /** How it was written: under a heading, as rows of a WBS table, or as a list item (`- Epic B: …`, `3. Import`). */
  format: z.enum(['heading', 'table', 'list']),
  /**
   * The label the note gives it when it is not a `W<n>` id: `Epic 2`, `Epic B`, `E3`. Epics become
   * `W1…Wn`; the label is what the team calls them, shown beside the id and accepted as the id.
   */
  label: z.optional(z.string()),
  /** Conditions outside the WBS it waits for (entry criteria that name no workstream, `User input`), as written. */
  prerequisites: z.optional(z.array(z.string())),
  /** Its entry criteria as written (`Epic 1 complete`). */
  entry: z.optional(z.string()),
  /** Its exit criteria as written (`**Epic Exit Criteria**: …`, `Exit: …`). */
  exit: z.optional(z.string()),
  /**
   * Estimates the WBS states for it as a whole, one per unit (`- Epic A: Catalogue (3 days)`, a
   * `| Epic | Story Points | Estimated Hours |` table); absent when none is stated.
   */
  estimates: z.optional(z.array(EstimateSchema)),
  /**
   * Where its dependencies were stated, one entry per source (`dependsOn` is their union): the
   * WBS's own statements, entry criteria, task dependency cells, sequencing lines, a Mermaid
   * graph, the macro plan's table, the meso plan's §10. Absent when nothing states any.
   */
  dependencySources: z.optional(z.array(DependencySourceSchema)),
});
export type Workstream = z.infer<typeof WorkstreamSchema>;


/** Something the WBS reader noticed and the user should hear, e.g. two dependency sources that disagree. */
export const WbsWarningSchema = z.object({
  /** The note it is about (the micro plan when absent). */
  file: z.optional(z.string()),
  line: z.int(),
  /** One or two plain sentences naming the lines concerned. */
  message: z.string(),
});
export type WbsWarning = z.infer<typeof WbsWarningSchema>;

export const WbsSchema = z.object({
  /** In document order. The same id may appear twice: that is an escalation, not a parse error. */
  workstreams: z.array(WorkstreamSchema),
  /** Notices about the WBS (disagreeing dependency sources…); absent when there are none. */
  warnings: z.optional(z.array(WbsWarningSchema)),
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
