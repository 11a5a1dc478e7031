import type { Role } from './settings';

/**
 * Failures the user can fix: bad usage or bad input. Nothing is written when one occurs.
 * Each adapter has one `describeError` that turns these into one or two sentences.
 */
export type PlannerError =
  | { kind: 'bad-workstream-id'; input: string }
  | { kind: 'unknown-workstream'; id: string; known: string[] }
  /** `near`: folders that hold part of a planning set (a meso plan but no micro plan…), to say where to look. */
  | { kind: 'missing-note'; role: Role; path: string | null; near?: string[] }
  | { kind: 'unreadable-note'; role: Role | null; file: string; reason: 'missing' | 'is-folder' | 'binary' | 'not-utf8'; line?: number }
  | { kind: 'ambiguous-role'; role: Role; candidates: string[]; setting: string }
  | { kind: 'ambiguous-project'; candidates: string[] }
  /** Several planning sets (folders with a meso and a micro plan) and nothing says which: never picked silently. */
  | { kind: 'ambiguous-planning-set'; candidates: Array<{ folder: string; project: string }>; /** The project or folder named, when one was. */ within?: string }
  /** `--project` names a project or folder that holds no complete planning set; `incomplete` lists folders with only part of one. */
  | { kind: 'no-planning-set'; target: string; incomplete: Array<{ folder: string; missing: string }> }
  | { kind: 'project-not-found'; path: string }
  | { kind: 'plan-exists'; file: string }
  /** The note at the plan's path is another project's plan (two projects share one output folder). */
  | { kind: 'plan-of-other-project'; file: string; project: string }
  | { kind: 'nothing-to-resume'; file: string }
  | { kind: 'write-failed'; file: string; detail: string }
  | { kind: 'bad-frontmatter'; file: string; line: number; detail: string }
  | { kind: 'bad-settings'; file: string; detail: string }
  | { kind: 'note-not-a-plan'; file: string; detail: string }
  /** The planning notes exceed the context budget (nothing was sent). */
  | { kind: 'context-too-large'; message: string }
  /** The cost estimate exceeds the cap (nothing was sent). */
  | { kind: 'cost-cap'; estimateUsd: number; capUsd: number }
  /** The API failed before anything was written (e.g. the outline call), after its retries. */
  | { kind: 'api-failure'; failure: { kind: string; message: string } }
  /** An API key is needed for the anthropic provider and none was given. */
  | { kind: 'no-api-key' }
  /** The API does not know the model (nothing billed was sent); `available` lists what the key may use. */
  | { kind: 'unknown-model'; model: string; available: string[]; retiredOn?: string }
  /** A cost cap is set but the model has no price, so the cap could not be kept (nothing was sent). */
  | { kind: 'no-price'; model: string }
  /** `plan --all` found plans still being planned through batches by an earlier run (resume or cancel it). */
  | { kind: 'plan-all-in-progress'; workstreams: string[]; batches: string[] };
