/**
 * `plan --all`: every workstream that needs a plan, in dependency order. With Claude, through the
 * Message Batches API unless `--no-batch`; offline, a draft for each. Progress per workstream on
 * stderr, the estimate before anything is sent, the cost per workstream and in total at the end.
 */
import { join } from 'node:path';
import type { CliArgs } from './args';
import type { CliIo } from './io';
import { clientFromEnv, confirmOnTerminal, runOptions } from './send-options';
import { EXIT } from './exit-codes';
import { describeError } from './describe-error';
import { printWarnings } from './output';
import { formatUsd } from './progress';
import { describeEstimate } from './plan-claude';
import type { FsVault } from './fs-vault';
import type { Settings } from '../core/contracts/settings';
import type { PlannerWarning } from '../core/contracts/planning-set';
import { compactCount } from '../core/generation/progress-line';
import { cancelPlanAll, planAll, type CancelOutcome, type PlanAllEvent, type PlanAllOutcome, type PlanAllPreview, type WorkstreamResult } from '../core/planner/claude/plan-all';
import { listWorkstreams } from '../core/planner/list-workstreams';
import { forgottenBatchesFact } from '../core/planner/error-facts';
import { planWorkstream } from '../core/planner/plan-workstream';
import { selectTargets } from '../core/planner/claude/plan-all-select';
import { describePlanChanges } from '../core/inputs/compare-plans';
import { PLANNER_INSTRUCTIONS } from '../prompts';

const STATUS_WORDS: Record<string, string> = {
  queued: 'queued',
  escalated: 'escalated',
  skipped: 'skipped',
  'in-batch': 'in a batch',
  writing: 'writing',
  done: 'done',
  failed: 'failed',
  kept: 'kept',
};

function previewLines(p: PlanAllPreview): string[] {
  const lines = [
    `Claude (${p.model}) will plan ${p.workstreams.length} workstream${p.workstreams.length === 1 ? '' : 's'} ${p.batch ? 'through the Message Batches API (half price; a batch takes minutes, at most 24 hours)' : 'one after another, streamed'}:`,
  ];
  for (const w of p.workstreams) lines.push(`  ${w.id}  level ${w.level + 1}  ${describeEstimate(w.estimate)}`);
  for (const n of p.notPlanned) lines.push(`  ${n.id}  not planned: ${n.why}`);
  const total = p.costUsdTypical === null ? 'cost unknown' : `about ${formatUsd(p.costUsdTypical)} (at most ${formatUsd(p.costUsdMax)})`;
  lines.push(`Total: ${p.calls} calls, ${total}${p.batch ? ', at batch prices' : ''}.`);
  lines.push(`Notes sent: ${p.sent.map((n) => `${n.path} (~${compactCount(n.tokens)} tokens)`).join(', ')}, and the plans of each workstream's upstream workstreams.`);
  for (const w of p.warnings) lines.push(`  ${w}`);
  return lines;
}

function eventLine(e: PlanAllEvent): string | null {
  switch (e.type) {
    case 'selected':
      return e.targets.length === 0 ? 'Every workstream has a plan; nothing to plan (--replan-stale re-plans stale ones, --force all).' : `To plan, in order: ${e.targets.map((t) => `${t.id} (level ${t.level + 1})`).join(', ')}.`;
    case 'status':
      return e.status === 'queued' || e.status === 'kept' ? null : `${e.id}  ${STATUS_WORDS[e.status]}${e.detail ? `: ${e.detail}` : ''}`;
    case 'batch':
      return `${e.resumed ? 'Waiting again for' : 'Sent'} batch ${e.batchId}: ${e.kind === 'outline' ? 'outlines' : e.primer ? 'first sections' : 'sections'} of ${e.workstreams.join(', ')}${e.requests ? ` (${e.requests} request${e.requests === 1 ? '' : 's'}${e.primer ? '; they write the cache the other sections read' : ''})` : ''}.`;
    case 'batch-progress':
      return e.status === 'ended' ? `Batch ${e.batchId} ended.` : null;
  }
}

function resultLine(r: WorkstreamResult, vaultDir: string): string {
  const cost = r.usage ? `  ${formatUsd(r.usage.costUsd)}` : '';
  const where = r.note ? `  ${join(vaultDir, r.note)}` : '';
  const why = r.reason && r.status !== 'done' ? `: ${r.reason}` : '';
  const planStatus = r.planStatus ? ` (${r.planStatus.replace(/_/g, ' ')})` : '';
  return `  ${r.id}  ${r.status}${planStatus}${why}${cost}${where}`;
}

function exitFor(o: PlanAllOutcome): number {
  if (o.kind === 'interrupted') return EXIT.interrupted;
  if (o.workstreams.some((w) => w.status === 'failed')) return EXIT.api;
  if (o.workstreams.some((w) => w.status === 'escalated' || w.status === 'skipped')) return EXIT.notReady;
  return EXIT.ok;
}

function printOutcome(io: CliIo, o: PlanAllOutcome, vaultDir: string, json: boolean): void {
  if (json) {
    io.out(JSON.stringify({ kind: o.kind, workstreams: o.workstreams, total: o.total, requests: o.requests, batches: o.batches, estimate: o.preview }, null, 2));
    return;
  }
  io.err('Result:');
  for (const w of o.workstreams) {
    io.err(resultLine(w, vaultDir));
    if (w.changes) io.err(`      ${describePlanChanges(w.changes)}`);
  }
  const all = o.requests.batched + o.requests.streamed;
  if (all > 0) io.err(`Total: ${o.total.calls} calls, ${compactCount(o.total.inputTokens + o.total.cacheWriteTokens + o.total.cacheReadTokens)} input and ${compactCount(o.total.outputTokens)} output tokens, ${formatUsd(o.total.costUsd)}; ${o.requests.batched} of ${all} requests in batches.`);
  if (o.kind === 'interrupted') io.err('Stopped. The batches already sent keep running; run plan --all --resume to collect them (nothing is sent twice).');
  for (const w of o.workstreams) if (w.status === 'done' && w.note) io.out(join(vaultDir, w.note));
}

/** What `--cancel` did, in plain sentences: the batches cancelled, the notes marked, the batches the API no longer knows. */
function cancelledLine(o: CancelOutcome): string {
  const forgotten = o.forgotten ?? [];
  const n = o.canceled.length;
  const line = `Cancelled ${n} batch${n === 1 ? '' : 'es'} (${o.canceled.join(', ') || (forgotten.length > 0 ? 'none was running' : 'all had ended')}); ${o.notes.join(', ')} marked interrupted. plan --all --resume collects what they finished and sends the rest again.`;
  return forgotten.length === 0 ? line : `${line} ${forgottenBatchesFact(forgotten, 'plan --all --resume')}`;
}

/** `plan --all` with Claude. */
export async function planAllCli(args: CliArgs, io: CliIo, vault: FsVault, vaultDir: string, settings: Settings): Promise<number> {
  const made = clientFromEnv(args, io, settings);
  if (typeof made === 'number') return made;
  const { apiKey, client } = made;
  if (args.cancel) {
    const r = await cancelPlanAll({ vault, settings, client, apiKey, builtInTemplate: PLANNER_INSTRUCTIONS }, { project: args.project });
    if (!r.ok) {
      io.err(describeError(r.error));
      return r.error.kind === 'api-failure' ? EXIT.api : EXIT.usage;
    }
    if (args.json) io.out(JSON.stringify(r.value, null, 2));
    else if (r.value.notes.length === 0) io.err('No plan is being planned in a batch: nothing to cancel.');
    else io.err(cancelledLine(r.value));
    return EXIT.ok;
  }
  const controller = new AbortController();
  const stopListening = io.onInterrupt?.(() => controller.abort());
  try {
    const r = await planAll(
      { project: args.project, batch: !args.noBatch, resume: args.resume, replanStale: args.replanStale, force: args.force, dryRun: args.dryRun },
      {
        vault,
        settings,
        clock: { now: io.now },
        client,
        apiKey,
        timers: io.timers,
        builtInTemplate: PLANNER_INSTRUCTIONS,
        signal: controller.signal,
        onAllEvent: (e) => {
          if (args.json) return;
          const line = eventLine(e);
          if (line) io.err(line);
        },
        confirmAll: confirmOnTerminal(args, io, previewLines),
        ...runOptions(args, io),
        ...(io.batchPollMs !== undefined ? { pollMs: io.batchPollMs, maxPollMs: io.batchPollMs } : {}),
      },
    );
    if (!r.ok) {
      io.err(describeError(r.error));
      if (r.error.kind === 'api-failure') return r.error.failure.kind === 'cancelled' ? EXIT.interrupted : EXIT.api;
      return EXIT.usage;
    }
    const o = r.value;
    // Only a run that wrote plans moved the lines the set's warnings name: the others' warnings stand as read.
    printWarnings(io, o.kind === 'dry-run' || o.kind === 'declined' ? o.warnings : await warningsNow(vault, settings, args.project, o.warnings, o.warnings));
    if (o.kind === 'dry-run') {
      if (args.json) io.out(JSON.stringify({ kind: 'dry-run', estimate: o.preview }, null, 2));
      else {
        if (o.preview) for (const l of previewLines(o.preview)) io.err(l);
        io.err('Dry run: nothing was sent and nothing was written.');
      }
      return EXIT.ok;
    }
    if (o.kind === 'declined') {
      io.err('Nothing was sent and nothing was written.');
      return EXIT.ok;
    }
    printOutcome(io, o, vaultDir, args.json);
    return exitFor(o);
  } finally {
    stopListening?.();
  }
}

/** `plan --all` offline: a draft of each workstream without a plan, in dependency order (nothing is sent). */
export async function planAllOffline(args: CliArgs, io: CliIo, vault: FsVault, vaultDir: string, settings: Settings): Promise<number> {
  const listed = await listWorkstreams(vault, settings, { project: args.project, builtInInstructions: PLANNER_INSTRUCTIONS });
  if (!listed.ok) {
    io.err(describeError(listed.error));
    return EXIT.usage;
  }
  const { targets } = selectTargets(listed.value.workstreams, { replanStale: args.replanStale, force: args.force });
  // The planning set's own warnings come back with every workstream, and each plan written adds a link
  // to the meso plan's frontmatter, which moves the lines they name: they are printed once, at the end,
  // from the set as it is then (so their line numbers match the files the user opens). A workstream's
  // own warnings are printed as they come, each once.
  const printed = new Set(listed.value.warnings.map(warningKey));
  const blocked = new Set<string>();
  const results: Array<{ id: string; status: string; note: string | null; reason?: string }> = [];
  for (const t of targets) {
    const up = t.waitsFor.find((d) => blocked.has(d));
    if (up) {
      blocked.add(t.id);
      results.push({ id: t.id, status: 'skipped', note: null, reason: `${up} has no plan` });
      continue;
    }
    const r = await planWorkstream({ workstream: t.id, project: args.project, force: t.kind !== 'new' }, { vault, settings, clock: { now: io.now } });
    if (!r.ok) {
      io.err(`${t.id}: ${describeError(r.error)}`);
      blocked.add(t.id);
      results.push({ id: t.id, status: 'failed', note: null, reason: describeError(r.error) });
      continue;
    }
    const own = r.value.warnings.filter((w) => !printed.has(warningKey(w)));
    for (const w of own) printed.add(warningKey(w));
    printWarnings(io, own);
    if (r.value.kind === 'escalation') blocked.add(t.id);
    results.push({ id: t.id, status: r.value.kind === 'plan' ? 'done' : 'escalated', note: r.value.note });
    if (!args.json) io.err(`${t.id}  ${r.value.kind === 'plan' ? `draft written` : 'escalated'}: ${r.value.note}`);
  }
  printWarnings(io, await warningsNow(vault, settings, args.project, listed.value.warnings));
  if (args.json) io.out(JSON.stringify({ kind: 'done', workstreams: results }, null, 2));
  else for (const r of results) if (r.status === 'done' && r.note) io.out(join(vaultDir, r.note));
  if (results.some((r) => r.status === 'failed')) return EXIT.usage;
  return results.some((r) => r.status !== 'done') ? EXIT.notReady : EXIT.ok;
}

/**
 * A run's warnings, each once: the planning set's as the set is now, after the run (each plan written adds a
 * link to the meso plan's frontmatter, which moves the lines they name; `set` when it can no longer be
 * listed), then the run's `others` that say something else.
 */
async function warningsNow(vault: FsVault, settings: Settings, project: string | undefined, set: readonly PlannerWarning[], others: readonly PlannerWarning[] = []): Promise<PlannerWarning[]> {
  const after = await listWorkstreams(vault, settings, { project, builtInInstructions: PLANNER_INSTRUCTIONS });
  const out: PlannerWarning[] = [];
  const seen = new Set<string>();
  for (const w of [...(after.ok ? after.value.warnings : set), ...others]) {
    if (seen.has(warningKey(w))) continue;
    seen.add(warningKey(w));
    out.push(w);
  }
  return out;
}

/** The same warning whatever line it names: the line moves as the run adds links to the meso plan. */
function warningKey(w: PlannerWarning): string {
  return `${w.kind}|${w.file ?? ''}|${w.message.replace(/\bline \d+/g, 'line')}`;
}
