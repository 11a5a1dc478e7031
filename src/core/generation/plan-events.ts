/**
 * What a generation run reports, in order. One union discriminated on `type`; the note writer and
 * the progress printers consume the same events, and `applyPlanEvent` folds them into a `PlanState`.
 */
import type { UnitOutcome } from './units';

export interface UnitError {
  /** e.g. 'rate-limited', 'overloaded', 'unreachable', 'cancelled', 'write-failed', 'unknown'. */
  kind: string;
  message: string;
}

export interface UnitUsage {
  /** Tokens billed at the base input rate. */
  input: number;
  cacheWrite: number;
  cacheRead: number;
  output: number;
  /** US dollars for this call (or this retry). */
  costUsd: number;
}

export type PlanEvent =
  /** Units in document order; the first event of every run. */
  | { type: 'run-start'; units: { key: string; label: string; kind: 'core' | 'model' }[] }
  /** A resumed run found this unit already complete in the note. */
  | { type: 'unit-skipped'; key: string }
  | { type: 'unit-start'; key: string }
  /** Text for the note (after the section transform), in order for this unit. */
  | { type: 'unit-delta'; key: string; text: string }
  | { type: 'unit-done'; key: string; outcome: UnitOutcome }
  | { type: 'unit-failed'; key: string; error: UnitError }
  | { type: 'unit-retry'; key: string; attempt: number; reason: string }
  | ({ type: 'usage'; key: string } & UnitUsage)
  /** One append to the note; `bytes` is this write's UTF-8 size. */
  | { type: 'written'; bytes: number }
  /** The last event of every run. */
  | { type: 'done'; status: 'complete' | 'interrupted'; stoppedAt?: string };

export type PlanEventType = PlanEvent['type'];
