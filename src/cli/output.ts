import { join } from 'node:path';
import type { CliIo } from './io';
import type { PlannerWarning } from '../core/contracts/planning-set';
import type { ReadinessReport } from '../core/contracts/readiness';
import type { PlanOutcome, PlanningSetSummary, WorkstreamListing } from '../core/planner';
import type { PlannerError } from '../core/contracts/errors';
import type { UsageTotals } from '../core/providers/anthropic';
import type { InputChange } from '../core/inputs/compare-inputs';
import { describePlanChanges } from '../core/inputs/compare-plans';
import type { Staleness } from '../core/planner/plan-inputs';

/** Warnings go to stderr in every mode, so stdout stays clean for the note path or the JSON. */
export function printWarnings(io: CliIo, warnings: PlannerWarning[]): void {
  for (const w of warnings) {
    // Messages usually name their file already; add it only when they do not.
    const where = w.file && !w.message.includes(w.file) ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : '';
    io.err(`warning: ${where}${w.message}`);
  }
}

export function printList(io: CliIo, list: WorkstreamListing[], json: boolean): void {
  if (json) {
    io.out(
      JSON.stringify(
        {
          workstreams: list.map((w) => ({
            id: w.id,
            label: w.label,
            name: w.name,
            tasks: w.tasks,
            dependsOn: w.dependsOn,
            prerequisites: w.prerequisites,
            estimate: w.estimate,
            status: w.status,
            blockers: w.blockers,
            stale: w.stale,
            staleBecause: w.staleBecause.map(jsonChange),
          })),
        },
        null,
        2,
      ),
    );
    return;
  }
  if (list.length === 0) {
    io.out('No workstreams found in the work breakdown.');
    return;
  }
  const labelled = new Map(list.map((w) => [w.id, w.label ? `${w.id} (${w.label})` : w.id]));
  for (const w of list) {
    const deps = w.dependsOn.length ? `depends on ${w.dependsOn.map((d) => labelled.get(d) ?? d).join(', ')}` : 'no dependencies';
    const total = formatEstimate(w.estimate);
    io.out(`${labelled.get(w.id)}  ${w.name}  (${w.tasks.length} task${w.tasks.length === 1 ? '' : 's'}${total ? `, ${total}` : ''}, ${deps})  ${w.status.replace(/_/g, ' ')}${w.stale ? ', stale' : ''}`);
    if (w.prerequisites.length > 0) io.out(`    needs: ${w.prerequisites.join('; ')}`);
    for (const t of w.tasks) {
      const facts = [t.estimate ? t.estimate.raw : '', t.dependsOn.length ? `after ${t.dependsOn.join(', ')}` : '', t.prerequisites.length ? `needs ${t.prerequisites.join('; ')}` : ''].filter((x) => x !== '');
      io.out(`    ${t.id}  ${t.title}${facts.length ? `  (${facts.join('; ')})` : ''}`);
    }
    for (const b of w.blockers) io.out(`    ! ${b}`);
    if (w.stale) io.out(`    ~ stale: ${staleSentence(w.staleBecause)}`);
  }
}

/** `2.5 h`, `3 d, 5 pts`; '' when nothing is estimated. */
function formatEstimate(totals: Record<string, number>): string {
  return Object.entries(totals)
    .map(([unit, n]) => (unit === '' ? `${n}` : `${n} ${unit}`))
    .join(', ');
}

/** The planning sets of a vault that holds several, for choosing one with --project. */
export function printPlanningSets(io: CliIo, sets: PlanningSetSummary[], json: boolean, describe: (e: PlannerError) => string, within?: string): void {
  if (json) {
    io.out(JSON.stringify({ planningSets: sets.map((s) => ({ folder: s.folder, project: s.project, workstreams: s.workstreams, problem: s.problem ? describe(s.problem) : null })) }, null, 2));
    return;
  }
  io.out(`${within ?? 'This vault'} holds ${sets.length} planning sets; choose one with --project FOLDER:`);
  for (const s of sets) {
    const what = s.workstreams === null ? `cannot be read: ${describe(s.problem!)}` : `${s.workstreams} workstream${s.workstreams === 1 ? '' : 's'}`;
    io.out(`  ${s.folder || '(vault root)'}  (project ${s.project}, ${what})`);
  }
}

export function printCheck(io: CliIo, note: string, report: ReadinessReport, json: boolean, staleness: Staleness): void {
  if (json) {
    io.out(
      JSON.stringify(
        {
          ready: report.ready,
          items: report.items.map((i) => ({ id: i.id, ok: i.ok, reasons: i.reasons, line: i.line })),
          stale: staleness.stale,
          staleBecause: staleness.changes.map(jsonChange),
        },
        null,
        2,
      ),
    );
    return;
  }
  io.out(`${note}: ${report.ready ? 'ready for decomposition' : 'not ready'}`);
  for (const i of report.items) {
    io.out(`  ${i.ok ? 'pass' : 'FAIL'}  ${i.id}${i.line ? ` (line ${i.line})` : ''}`);
    for (const r of i.reasons) io.out(`        ${r}`);
  }
  // Information, not a readiness item: a stale plan can still be decomposed, it may just be out of date.
  if (staleness.stale) io.out(`  info  stale: planned from inputs that changed since: ${staleSentence(staleness.changes)}. Re-plan with --force to bring it up to date.`);
  else if (!staleness.recorded) io.out('  info  this plan does not record what it was planned from (written by an earlier version), so whether it is stale is not known.');
}

/** A change as `list --json` and `check --json` give it. */
function jsonChange(c: InputChange): { kind: string; name: string; change: string; message: string } {
  return { kind: c.kind, name: c.name, change: c.change, message: c.message };
}

/** `meso section "W2 Data model" changed; task W2-T3 changed`. */
export function staleSentence(changes: readonly InputChange[]): string {
  return changes.map((c) => c.message).join('; ');
}

export function printPlan(io: CliIo, vaultDir: string, outcome: PlanOutcome, json: boolean, usage: UsageTotals | null): void {
  if (json) {
    const base = {
      note: outcome.note,
      status: outcome.kind === 'plan' ? outcome.status : 'escalated',
      warnings: outcome.warnings.map((w) => w.message),
      usage: usage ? { calls: usage.calls, input: usage.inputTokens, cacheWrite: usage.cacheWriteTokens, cacheRead: usage.cacheReadTokens, output: usage.outputTokens, thinking: usage.thinkingTokens } : null,
      costUsd: usage ? usage.costUsd : null,
      ...(outcome.kind === 'plan' ? { failing: outcome.report.items.filter((i) => !i.ok).map((i) => i.id), incomplete: outcome.incomplete ?? [] } : {}),
      ...(outcome.kind === 'plan' && outcome.interrupted ? { interrupted: outcome.interrupted } : {}),
      ...(outcome.kind === 'plan' && outcome.changes ? { changes: outcome.changes } : {}),
    };
    io.out(JSON.stringify(outcome.kind === 'escalation' ? { ...base, escalations: outcome.escalations.map((e) => ({ rule: e.rule, blocker: e.blocker, section: e.mesoSection, file: e.file ?? null, line: e.line ?? null, evidence: e.evidence })) } : base, null, 2));
    return;
  }
  if (outcome.kind === 'escalation') {
    if (outcome.backup) io.err(`The previous escalation note, with any notes you added to it, was copied to ${outcome.backup}.`);
    io.err(`Escalated: no plan was written. ${outcome.escalations.length} blocker${outcome.escalations.length === 1 ? '' : 's'}:`);
    for (const e of outcome.escalations) io.err(`  - ${e.blocker}${e.file ? ` (${e.file}${e.line ? `:${e.line}` : ''})` : ''}`);
    io.out(join(vaultDir, outcome.note));
    return;
  }
  if (outcome.backup) io.err(`The previous plan was copied to ${outcome.backup}.`);
  if (outcome.changes) io.err(describePlanChanges(outcome.changes));
  const failing = outcome.report.items.filter((i) => !i.ok).map((i) => i.id);
  io.err(`Status: ${outcome.status}${failing.length ? ` (${failing.length} readiness items to complete: ${failing.join(', ')})` : ''}`);
  io.out(join(vaultDir, outcome.note));
}

