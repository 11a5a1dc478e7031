import { join } from 'node:path';
import type { CliIo } from './io';
import type { PlannerWarning } from '../core/contracts/planning-set';
import type { ReadinessReport } from '../core/contracts/readiness';
import type { PlanOutcome, PlanningSetSummary, WorkstreamListing } from '../core/planner';
import type { PlannerError } from '../core/contracts/errors';
import type { UsageTotals } from '../core/providers/anthropic';

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
    io.out(`${labelled.get(w.id)}  ${w.name}  (${w.tasks.length} task${w.tasks.length === 1 ? '' : 's'}${total ? `, ${total}` : ''}, ${deps})  ${w.status.replace(/_/g, ' ')}`);
    if (w.prerequisites.length > 0) io.out(`    needs: ${w.prerequisites.join('; ')}`);
    for (const t of w.tasks) {
      const facts = [t.estimate ? t.estimate.raw : '', t.dependsOn.length ? `after ${t.dependsOn.join(', ')}` : '', t.prerequisites.length ? `needs ${t.prerequisites.join('; ')}` : ''].filter((x) => x !== '');
      io.out(`    ${t.id}  ${t.title}${facts.length ? `  (${facts.join('; ')})` : ''}`);
    }
    for (const b of w.blockers) io.out(`    ! ${b}`);
  }
}

/** `2.5 h`, `3 d, 5 pts`; '' when nothing is estimated. */
function formatEstimate(totals: Record<string, number>): string {
  return Object.entries(totals)
    .map(([unit, n]) => (unit === '' ? `${n}` : `${n} ${unit}`))
    .join(', ');
}

/** The planning sets of a vault that holds several, for choosing one with --project. */
export function printPlanningSets(io: CliIo, sets: PlanningSetSummary[], json: boolean, describe: (e: PlannerError) => string): void {
  if (json) {
    io.out(JSON.stringify({ planningSets: sets.map((s) => ({ folder: s.folder, project: s.project, workstreams: s.workstreams, problem: s.problem ? describe(s.problem) : null })) }, null, 2));
    return;
  }
  io.out(`This vault holds ${sets.length} planning sets; choose one with --project FOLDER:`);
  for (const s of sets) {
    const what = s.workstreams === null ? `cannot be read: ${describe(s.problem!)}` : `${s.workstreams} workstream${s.workstreams === 1 ? '' : 's'}`;
    io.out(`  ${s.folder || '(vault root)'}  (project ${s.project}, ${what})`);
  }
}

export function printCheck(io: CliIo, note: string, report: ReadinessReport, json: boolean): void {
  if (json) {
    io.out(JSON.stringify({ ready: report.ready, items: report.items.map((i) => ({ id: i.id, ok: i.ok, reasons: i.reasons, line: i.line })) }, null, 2));
    return;
  }
  io.out(`${note}: ${report.ready ? 'ready for decomposition' : 'not ready'}`);
  for (const i of report.items) {
    io.out(`  ${i.ok ? 'pass' : 'FAIL'}  ${i.id}${i.line ? ` (line ${i.line})` : ''}`);
    for (const r of i.reasons) io.out(`        ${r}`);
  }
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
  const failing = outcome.report.items.filter((i) => !i.ok).map((i) => i.id);
  io.err(`Status: ${outcome.status}${failing.length ? ` (${failing.length} readiness items to complete: ${failing.join(', ')})` : ''}`);
  io.out(join(vaultDir, outcome.note));
}
