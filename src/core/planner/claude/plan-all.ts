/**
 * `plan --all`: every workstream that needs a plan, in dependency order, each with its upstream
 * plans in its context.
 *
 * 1. The escalation rules run first for every workstream to plan (free): an escalated workstream
 *    gets its escalation note, and everything downstream of it is skipped.
 * 2. The estimate of the whole run (at batch prices when batched), then the user's go-ahead.
 * 3. Level by level (a level starts once the plans of the level before are written):
 *    - batched (default): the level's outline calls go in one Message Batch, then its section calls
 *      in another; requests that failed in a way worth retrying, or stopped at their output limit,
 *      go in a follow-up batch (at most two). Each plan is then written from the results through the
 *      same ordered writer as a streamed plan (runAndFinish), so the notes are the same but for
 *      their `planner` record;
 *    - streamed (`batch: false`): each workstream in turn, exactly as `plan` does.
 *
 * While a batch runs, the plan note exists with `status: in_progress` and the batch ids under
 * `planner.batch`; a run that stops (Ctrl-C, Obsidian closed, a crash) is taken up again with
 * `resume`: batches already sent are waited for and read, never sent again.
 */
import type { Result } from '../../result';
import { err, ok } from '../../result';
import type { PlannerError } from '../../contracts/errors';
import type { PlannerWarning } from '../../contracts/planning-set';
import type { Escalation } from '../../contracts/escalation';
import type { Outline } from '../../contracts/outline';
import type { PlanStatus } from '../../contracts/plan-frontmatter';
import { isoDate } from '../../clock';
import { deriveOutline } from '../../plan/derive-outline';
import { yamlFlowJson } from '../../plan/render-frontmatter';
import { setTopLevelKey } from '../../markdown/frontmatter-keys';
import type { PlanUnit } from '../../generation/units';
import type { PlanChanges } from '../../inputs/compare-plans';
import type { InputSources } from '../../inputs/digest-inputs';
import {
  batchResults,
  callUsage,
  cancelBatch,
  checkOutlineAnswer,
  costOf,
  createBatch,
  describeRequests,
  describeResult,
  escalationFromOutline,
  fallbackProfile,
  isRetryableResult,
  messageText,
  outcomeOf,
  outlineRequest,
  priceFor,
  retrieveBatch,
  sectionRequest,
  totalUsage,
  translateError,
  waitForBatch,
  CostBudget,
  type BatchItemResult,
  type BatchRequest,
  type CallUsage,
  type CostEstimate,
  type GenerateSection,
  type PlannerContext,
  type RequestSettings,
  type SentNote,
  type UsageTotals,
} from '../../providers/anthropic';
import type { VaultPort } from '../../vault/vault-port';
import { planNotePath, withOutputFolder } from '../../writer/note-paths';
import { backupNote, createNote } from '../../writer/write-note';
import { setInterrupted } from '../../writer/plan-status';
import { listWorkstreams, type WorkstreamListing } from '../list-workstreams';
import { preparePlan, type PreparedPlan } from '../prepare-plan';
import { writeEscalation } from '../plan-workstream';
import { errorFact } from '../error-facts';
import { recordFor } from '../plan-inputs';
import { batchUsage, readBatchState, type BatchEntry, type BatchPlanState } from './batch-state';
import { contextFor, inputFor, modelUnits, planWithClaude, runAndFinish, unitsFor, type ClaudeDeps, type ClaudeOutcome } from './plan-with-claude';
import type { PlannerState } from './planner-state';
import { preflight, requestSettings } from './preflight';
import { downstreamOf, selectTargets, type Target, type TargetKind } from './plan-all-select';

type Ready = Extract<PreparedPlan, { kind: 'ready' }>;

export interface PlanAllRequest {
  project?: string;
  /** The planning set in this folder, when the vault has several (the plugin: the folder of the note the panel shows). */
  near?: string;
  /** Through the Message Batches API (true) or streamed one workstream after another. */
  batch: boolean;
  /** Take up a run that stopped: wait for the batches it sent instead of refusing. */
  resume?: boolean;
  /** Re-plan the stale plans too. */
  replanStale?: boolean;
  /** Re-plan every plan (each backed up first). */
  force?: boolean;
  /** The estimate only: nothing is sent and nothing is written. */
  dryRun?: boolean;
}

/** Where each workstream is in the run (what the terminal and the panel show). */
export type WorkstreamRunStatus = 'queued' | 'escalated' | 'skipped' | 'in-batch' | 'writing' | 'done' | 'failed' | 'kept';

export type PlanAllEvent =
  | { type: 'selected'; targets: Array<{ id: string; name: string; level: number; kind: TargetKind }>; kept: Array<{ id: string; name: string; why: 'planned' | 'stale-kept' }> }
  | { type: 'status'; id: string; status: WorkstreamRunStatus; detail?: string }
  | { type: 'batch'; batchId: string; kind: 'outline' | 'sections'; level: number; workstreams: string[]; requests: number; resumed: boolean; primer?: boolean }
  | { type: 'batch-progress'; batchId: string; status: string; processing: number; total: number };

export interface PlanAllPreview {
  model: string;
  batch: boolean;
  workstreams: Array<{ id: string; name: string; level: number; estimate: CostEstimate }>;
  /** Sum of the workstreams' estimates (null when a price is unknown). */
  costUsdTypical: number | null;
  costUsdMax: number | null;
  calls: number;
  /** The notes sent, over the whole run (each once). */
  sent: SentNote[];
  /** Workstreams the run does not plan, and why. */
  notPlanned: Array<{ id: string; why: string }>;
  warnings: string[];
}

export interface WorkstreamResult {
  id: string;
  name: string;
  status: 'done' | 'escalated' | 'skipped' | 'failed' | 'kept' | 'queued';
  note: string | null;
  /** The plan's status once written. */
  planStatus?: PlanStatus;
  /** Why it escalated, was skipped or failed; what kept it. */
  reason?: string;
  escalations?: Escalation[];
  usage?: UsageTotals;
  backup?: string | null;
  changes?: PlanChanges;
  /** How its generation requests went: in batches, or streamed. */
  requests?: { batched: number; streamed: number };
  /** What went wrong without stopping it (an outline that fell back, a link that could not be made). */
  warnings?: PlannerWarning[];
}

export interface PlanAllOutcome {
  kind: 'done' | 'dry-run' | 'declined' | 'interrupted';
  workstreams: WorkstreamResult[];
  total: UsageTotals;
  requests: { batched: number; streamed: number };
  batches: string[];
  preview: PlanAllPreview | null;
  warnings: PlannerWarning[];
}

export interface PlanAllDeps extends Omit<ClaudeDeps, 'confirm' | 'onEvent' | 'sink'> {
  onAllEvent?: (e: PlanAllEvent) => void;
  /** Asked once, with the estimate of the whole run; false stops with nothing sent. Absent means yes. */
  confirmAll?: (preview: PlanAllPreview) => Promise<boolean>;
  /** First wait between two polls of a batch, ms. @default 5 000 */
  pollMs?: number;
  maxPollMs?: number;
}

/** Follow-up batches for requests worth sending again (an overloaded API, an expiry, an output limit). */
const MAX_SECTION_ROUNDS = 3;

/**
 * With caching on, each level's sections go in two batches: first one section of each workstream (the
 * primer), then the rest. The requests of one batch are processed concurrently, so a batch of all the
 * sections writes the shared prefix (the assignment and outline) once per request at the 1-hour price (2×)
 * and reads it hardly ever (batch-processing page: cache hits in batches are best effort; prompt-caching
 * page: a prefix is readable once the response that writes it has begun). After the primer, the rest read
 * it at 0.1×. `npm run bench` measures the difference (plan-all cost): 0.66–0.77 of the streamed cost without
 * the primer, ≈0.5 with it, for one more batch round per level.
 */
const PRIMER_ROUNDS = 1;

/** A workstream being planned in batches. */
interface Entry {
  id: string;
  kind: TargetKind;
  level: number;
  p: Ready;
  target: string;
  context: PlannerContext;
  sources: InputSources;
  created: string;
  state: BatchPlanState;
  backup: string | null;
  /** The plan this run replaces (its text), to say what changed and to put back if the workstream escalates. */
  previous: string | null;
  /** The note was created by this run (put in the trash when the workstream escalates before its plan is written). */
  created_note: boolean;
  warnings: PlannerWarning[];
  /** Usage of this workstream's requests, per batch read. */
  usage: Map<string, CallUsage[]>;
  /** Section results by model unit key (the latest answer, a success never replaced by a later failure). */
  sections: Map<string, BatchItemResult>;
  /** Why it has no plan: its outline failed, or 'escalated'. */
  failed: string | null;
  /** Set when Claude escalated from the outline. */
  escalation?: WorkstreamResult;
}

export async function planAll(req: PlanAllRequest, given: PlanAllDeps): Promise<Result<PlanAllOutcome, PlannerError>> {
  const emit = (e: PlanAllEvent): void => given.onAllEvent?.(e);
  const listed = await listWorkstreams(given.vault, given.settings, { project: req.project, near: req.near, builtInInstructions: given.builtInTemplate });
  if (!listed.ok) return listed;
  // The plans go where this planning set's plans go (beside it, in a vault of several), as with `plan`.
  const deps: PlanAllDeps = { ...given, settings: withOutputFolder(given.settings, listed.value.planningSet.outputFolder) };
  const { vault, settings, clock } = deps;
  const listings = listed.value.workstreams;
  const warnings: PlannerWarning[] = [...listed.value.warnings];
  const names = new Map(listings.map((w) => [w.id, w.name]));
  const nameOf = (id: string): string => names.get(id) ?? id;

  const inflight = await inflightStates(deps, listings);
  if (inflight.size > 0 && !req.resume && !req.dryRun) {
    return err({ kind: 'plan-all-in-progress', workstreams: [...inflight.keys()], batches: [...new Set([...inflight.values()].flatMap((s) => s.batch.batches.map((b) => b.id)))] });
  }

  const selection = selectTargets(listings, { replanStale: req.replanStale === true, force: req.force === true && inflight.size === 0 });
  const targets = selection.targets;
  emit({
    type: 'selected',
    targets: targets.map((t) => ({ id: t.id, name: nameOf(t.id), level: t.level, kind: t.kind })),
    kept: selection.kept.map((k) => ({ id: k.id, name: nameOf(k.id), why: k.why })),
  });
  const results = new Map<string, WorkstreamResult>();
  for (const k of selection.kept) {
    const note = listings.find((w) => w.id === k.id)!.note;
    results.set(k.id, { id: k.id, name: nameOf(k.id), status: 'kept', note, reason: k.why === 'stale-kept' ? 'its plan is stale; --replan-stale re-plans it' : 'it has a plan' });
    emit({ type: 'status', id: k.id, status: 'kept' });
  }
  for (const t of targets) emit({ type: 'status', id: t.id, status: 'queued' });

  const skip = (id: string, why: string): void => {
    for (const d of downstreamOf(id, targets)) {
      if (results.has(d)) continue;
      results.set(d, { id: d, name: nameOf(d), status: 'skipped', note: null, reason: why });
      emit({ type: 'status', id: d, status: 'skipped', detail: why });
    }
  };

  // 1. The escalation rules, for free, before anything is sent.
  const prepared = new Map<string, Ready>();
  for (const t of targets) {
    if (results.has(t.id)) continue;
    const p = await preparePlan(vault, settings, { workstream: t.id, project: req.project, near: req.near });
    if (!p.ok) return p;
    if (p.value.kind === 'blocked') {
      const blocked = p.value;
      let note: string | null = null;
      if (!req.dryRun) {
        const written = await writeEscalation(deps, blocked.ctx, { id: blocked.id, name: blocked.name, escalations: blocked.escalations, created: isoDate(clock.now()), project: blocked.project, warnings });
        if (!written.ok) return written;
        note = written.value.note;
      }
      results.set(t.id, { id: t.id, name: nameOf(t.id), status: 'escalated', note, escalations: blocked.escalations, reason: blocked.escalations.map((e) => e.blocker).join(' ') });
      emit({ type: 'status', id: t.id, status: 'escalated', detail: blocked.escalations[0]!.blocker });
      skip(t.id, `${t.id} escalated`);
      continue;
    }
    prepared.set(t.id, p.value);
  }

  // 2. The estimate of the whole run, and the go-ahead.
  const toPlan = targets.filter((t) => prepared.has(t.id));
  const estimated = await estimateRun(req, deps, toPlan, prepared, inflight, nameOf, warnings);
  if (!estimated.ok) return estimated;
  const { request } = estimated.value;
  // Every result here has its reason (kept, escalated, skipped): an escalation's is its blockers.
  const preview: PlanAllPreview = { ...estimated.value.preview, notPlanned: [...results.values()].map((r) => ({ id: r.id, why: r.status === 'escalated' ? `escalated: ${r.reason}` : r.reason! })) };
  const outcome = (kind: PlanAllOutcome['kind'], batches: string[] = []): PlanAllOutcome => {
    for (const r of results.values()) for (const w of r.warnings ?? []) if (!warnings.some((x) => x.message === w.message)) warnings.push(w);
    // Every listing is a target or kept (selectTargets), so every one has its line.
    const all = listings.map((w) => results.get(w.id) ?? { id: w.id, name: w.name, status: 'queued' as const, note: null });
    const withUsage = all.map((r) => r.usage).filter((u): u is UsageTotals => u !== undefined);
    const sum = (f: (u: UsageTotals) => number): number => withUsage.reduce((n, u) => n + f(u), 0);
    const total: UsageTotals = { calls: sum((u) => u.calls), inputTokens: sum((u) => u.inputTokens), cacheWriteTokens: sum((u) => u.cacheWriteTokens), cacheReadTokens: sum((u) => u.cacheReadTokens), outputTokens: sum((u) => u.outputTokens), thinkingTokens: sum((u) => u.thinkingTokens), costUsd: withUsage.some((u) => u.costUsd === null) ? null : sum((u) => u.costUsd ?? 0) };
    const reqs = all.reduce((n, r) => ({ batched: n.batched + (r.requests?.batched ?? 0), streamed: n.streamed + (r.requests?.streamed ?? 0) }), { batched: 0, streamed: 0 });
    return { kind, workstreams: all, total, requests: reqs, batches, preview, warnings };
  };
  if (req.dryRun) return ok(outcome('dry-run'));
  if (toPlan.length > 0 && deps.confirmAll && !(await deps.confirmAll(preview))) return ok(outcome('declined'));

  // 3. Level by level.
  const signal = deps.signal ?? new AbortController().signal;
  const batchIds: string[] = [];
  // The targets come in level order (selectTargets sorts them), and so do their levels.
  const levels = [...new Set(toPlan.map((t) => t.level))];
  for (const level of levels) {
    const here = toPlan.filter((t) => t.level === level && !results.has(t.id));
    // A plan left unfinished by a streamed run is finished the way it was started; one of an earlier batched run, through its batches.
    const streamed = here.filter((t) => !inflight.has(t.id) && (!req.batch || t.kind === 'finish'));
    const batched = here.filter((t) => !streamed.includes(t));
    for (const t of streamed) {
      if (signal.aborted) break;
      const r = await planStreamed(req, deps, t, nameOf(t.id));
      results.set(t.id, r);
      if (r.status !== 'done') skip(t.id, `${t.id} ${r.status === 'escalated' ? 'escalated' : 'has no finished plan'}`);
    }
    // Stopped (here or on a level before): what is left stays queued.
    if (signal.aborted) break;
    // An empty level of batches sends nothing (planLevelBatched of no targets is empty).
    const written = await planLevelBatched(deps, batched, prepared, inflight, request, nameOf, batchIds, emit, signal, req.resume === true);
    if (!written.ok) return written;
    for (const r of written.value) {
      results.set(r.id, r);
      if (r.status !== 'done') skip(r.id, `${r.id} ${r.status === 'escalated' ? 'escalated' : 'has no finished plan'}`);
    }
  }
  return ok(outcome(signal.aborted ? 'interrupted' : 'done', batchIds));
}

/**
 * The workstreams of these listings whose notes are still being planned through batches (a run that
 * stopped or was cancelled): what "Resume planning" and `plan --all --resume` take up.
 */
export async function batchedInFlight(vault: VaultPort, listings: readonly WorkstreamListing[]): Promise<string[]> {
  return [...(await inflightStates({ vault }, listings)).keys()];
}

/** Notes of this project still being planned through batches (their `planner.batch` without a finished plan). */
async function inflightStates(deps: Pick<PlanAllDeps, 'vault'>, listings: readonly WorkstreamListing[]): Promise<Map<string, BatchPlanState>> {
  const out = new Map<string, BatchPlanState>();
  for (const w of listings) {
    if (w.status !== 'in_progress' && w.status !== 'interrupted') continue;
    // Only a plan note gives a listing one of these statuses (workstreamStatus), so it has its note.
    const state = readBatchState((await deps.vault.meta(w.note!)).frontmatter);
    if (state) out.set(w.id, state);
  }
  return out;
}

/** The estimate of every workstream of the run, and the request settings (model checked with the API once). */
async function estimateRun(
  req: PlanAllRequest,
  deps: PlanAllDeps,
  toPlan: readonly Target[],
  prepared: ReadonlyMap<string, Ready>,
  inflight: ReadonlyMap<string, BatchPlanState>,
  nameOf: (id: string) => string,
  warnings: PlannerWarning[],
): Promise<Result<{ preview: Omit<PlanAllPreview, 'notPlanned'>; request: RequestSettings }, PlannerError>> {
  const model = deps.settings.model;
  const preview: Omit<PlanAllPreview, 'notPlanned'> = { model, batch: req.batch, workstreams: [], costUsdTypical: 0, costUsdMax: 0, calls: 0, sent: [], warnings: [] };
  let request: RequestSettings | null = null;
  const typicalOutput = new Map<string, number>();
  // Set from the first workstream's preflight, before describe() is first called.
  let counted: boolean;
  const counter = async (params: Parameters<PlanAllDeps['client']['messages']['countTokens']>[0]): Promise<number> => (await deps.client.messages.countTokens(params)).input_tokens;
  /** The estimate of one workstream's requests, tokens counted with the API when the preflight could (characters ÷ 4 when a count fails). */
  const describe = async (context: PlannerContext, r: RequestSettings, derived: Outline, units: PlanUnit[], p: Ready, withOutline: boolean): Promise<CostEstimate> => {
    const options = { prices: deps.settings.prices, maxModules: Math.max(derived.modules.length, p.scope.workstream.tasks.length), withOutline, batch: req.batch };
    if (counted) {
      try {
        return (await describeRequests(context, r, derived, units, { ...options, counter })).estimate;
      } catch (e) {
        // Said once, as the preflight says it for the first workstream: the estimates from here on are by characters.
        counted = false;
        const f = translateError(e, { model: deps.settings.model, apiKey: deps.apiKey, baseURL: deps.client.baseURL });
        warnings.push({ kind: 'other', message: `Tokens could not be counted with the API for ${p.scope.workstream.id} (${f.message.replace(/\.$/, '')}), so its estimate and those after it count characters ÷ 4.` });
      }
    }
    return (await describeRequests(context, r, derived, units, options)).estimate;
  };
  for (const t of toPlan) {
    const p = prepared.get(t.id)!;
    const context = await contextFor(deps, p, warnings);
    if (!context.ok) return context;
    const derived = deriveOutline(p.scope, p.ctx.wbs);
    const units = modelUnits(unitsFor(inputFor(p, derived, isoDate(deps.clock.now())), null));
    const state = inflight.get(t.id);
    const withOutline = !state?.outline;
    let estimate: CostEstimate;
    if (request === null) {
      // The first workstream checks the model with the API (a model it does not know stops the run here, free).
      const pre = await preflight({ client: deps.client, apiKey: req.dryRun ? '' : deps.apiKey, settings: deps.settings, model, context: context.value.context, outline: derived, units, maxModules: Math.max(derived.modules.length, p.scope.workstream.tasks.length), withOutline, warnings });
      if (!pre.ok) return pre;
      request = req.batch ? { ...pre.value.request, cacheTtl: '1h' } : pre.value.request;
      // The preflight counted with the API when it could (its estimate says which): the batch estimate counts the same way.
      counted = pre.value.described.estimate.tokenSource === 'count_tokens';
      estimate = req.batch ? await describe(context.value.context, request, derived, units, p, withOutline) : pre.value.described.estimate;
    } else {
      estimate = await describe(context.value.context, request, derived, units, p, withOutline);
    }
    // Upstream plans written in this run are not in the vault yet: allow for them at the size a plan typically has.
    const pending = t.waitsFor.reduce((n, id) => n + (typicalOutput.get(id) ?? 0), 0);
    if (deps.settings.includeUpstreamPlans) estimate = withUpstreamAllowance(estimate, pending, model, deps.settings.prices, req.batch);
    typicalOutput.set(t.id, estimate.outputTokensTypical - estimate.thinkingTokensTypical);
    preview.workstreams.push({ id: t.id, name: nameOf(t.id), level: t.level, estimate });
    preview.calls += estimate.calls;
    preview.costUsdTypical = preview.costUsdTypical === null || estimate.costUsdTypical === null ? null : preview.costUsdTypical + estimate.costUsdTypical;
    preview.costUsdMax = preview.costUsdMax === null || estimate.costUsdMax === null ? null : preview.costUsdMax + estimate.costUsdMax;
    for (const n of context.value.context.sent) if (!preview.sent.some((s) => s.path === n.path)) preview.sent.push(n);
    for (const w of estimate.warnings) if (!preview.warnings.includes(w)) preview.warnings.push(w);
  }
  // Nothing to plan: no request is made, the settings are only a placeholder.
  return ok({ preview, request: request ?? requestSettings(deps.settings, model, fallbackProfile(model)) });
}

/**
 * The estimate with the upstream plans this run writes: each call carries them in its assignment
 * (the outline call uncached, the first section call writing them to the cache, the others reading).
 */
function withUpstreamAllowance(e: CostEstimate, tokens: number, model: string, prices: Parameters<typeof priceFor>[1], batch: boolean): CostEstimate {
  const price = priceFor(model, prices);
  // A plan has more than two calls (its Executive Summary and every top-level section are model units of their own).
  const typical = { inputTokens: tokens, cacheWriteTokens: tokens, cacheWrite1hTokens: batch ? tokens : 0, cacheReadTokens: tokens * (e.calls - 2), outputTokens: 0 };
  const worst = { inputTokens: 0, cacheWriteTokens: tokens * e.callsMax, cacheWrite1hTokens: batch ? tokens * e.callsMax : 0, cacheReadTokens: 0, outputTokens: 0 };
  const add = (base: number | null, t: typeof typical): number | null => (base === null || price === null ? base : base + costOf(t, price, { batch }));
  return {
    ...e,
    inputTokens: e.inputTokens + tokens * e.calls,
    uncachedInputTokens: e.uncachedInputTokens + typical.inputTokens,
    cacheWriteTokens: e.cacheWriteTokens + typical.cacheWriteTokens,
    cacheReadTokens: e.cacheReadTokens + typical.cacheReadTokens,
    costUsdTypical: add(e.costUsdTypical, typical),
    costUsdMax: add(e.costUsdMax, worst),
  };
}

/** One workstream streamed, as `plan` does (its estimate was part of the run's, so it is not asked again). */
async function planStreamed(req: PlanAllRequest, deps: PlanAllDeps, t: Target, name: string): Promise<WorkstreamResult> {
  deps.onAllEvent?.({ type: 'status', id: t.id, status: 'writing' });
  const r = await planWithClaude({ workstream: t.id, project: req.project, near: req.near, force: t.kind === 'replace', resume: t.kind === 'finish' }, { ...deps });
  const result = fromClaudeOutcome(t.id, name, r);
  deps.onAllEvent?.({ type: 'status', id: t.id, status: result.status === 'done' ? 'done' : result.status === 'escalated' ? 'escalated' : 'failed', detail: result.reason });
  return result;
}

function fromClaudeOutcome(id: string, name: string, r: Result<ClaudeOutcome, PlannerError>): WorkstreamResult {
  if (!r.ok) return { id, name, status: 'failed', note: null, reason: errorFact(r.error) };
  const o = r.value;
  if (o.kind === 'escalation') return { id, name, status: 'escalated', note: o.note, escalations: o.escalations, reason: o.escalations.map((e) => e.blocker).join(' ') };
  // planStreamed asks for no dry run and gives no confirm (PlanAllDeps has none), so the outcome is a plan or an escalation.
  if (o.kind !== 'plan') throw new Error('planStreamed asks planWithClaude for neither a dry run nor a go-ahead');
  const streamedCalls = o.usage?.calls ?? 0;
  const base: WorkstreamResult = { id, name, status: 'done', note: o.note, planStatus: o.status, backup: o.backup, warnings: o.warnings, ...(o.usage ? { usage: o.usage } : {}), ...(o.changes ? { changes: o.changes } : {}), requests: { batched: 0, streamed: streamedCalls } };
  if (o.interrupted) return { ...base, status: 'failed', reason: `stopped at ${o.interrupted.stoppedAt}: ${o.interrupted.reason.message}` };
  return base;
}

// ---------------------------------------------------------------------------------------------
// One level through batches

async function planLevelBatched(
  deps: PlanAllDeps,
  targets: readonly Target[],
  prepared: ReadonlyMap<string, Ready>,
  inflight: ReadonlyMap<string, BatchPlanState>,
  request: RequestSettings,
  nameOf: (id: string) => string,
  batchIds: string[],
  emit: (e: PlanAllEvent) => void,
  signal: AbortSignal,
  /** Taking up a stopped run: requests of a cancelled batch are sent again (a live run never undoes a cancel). */
  resuming: boolean,
): Promise<Result<WorkstreamResult[], PlannerError>> {
  const retryable = (r: BatchItemResult): boolean => isRetryableResult(r) || (resuming && r.type === 'canceled');
  const { vault, settings, clock } = deps;
  const out: WorkstreamResult[] = [];
  const entries: Entry[] = [];

  // The notes: an in-flight one as it is; otherwise a note saying the plan is on its way, holding the batch ids to come.
  for (const t of targets) {
    const p = prepared.get(t.id)!;
    const warnings: PlannerWarning[] = [...p.warnings];
    const context = await contextFor(deps, p, warnings);
    if (!context.ok) {
      out.push({ id: t.id, name: nameOf(t.id), status: 'failed', note: null, reason: errorFact(context.error) });
      continue;
    }
    const target = planNotePath(settings, t.id);
    const existing = inflight.get(t.id);
    const entry: Entry = {
      id: t.id,
      kind: t.kind,
      level: t.level,
      p,
      target,
      context: context.value.context,
      sources: context.value.sources,
      created: isoDate(clock.now()),
      state: existing ?? { version: 1, provider: 'anthropic', model: request.model, batch: { batches: [] }, ...(p.scope.workstream.label ? { workstream_label: p.scope.workstream.label } : {}), inputs: recordFor(context.value.sources, null, null) },
      backup: null,
      previous: null,
      created_note: false,
      warnings,
      usage: new Map(),
      sections: new Map(),
      failed: null,
    };
    if (existing) {
      // The note's frontmatter is where its batch state was read from (inflightStates).
      const createdRaw = (await vault.meta(target)).frontmatter!['created'];
      if (typeof createdRaw === 'string') entry.created = createdRaw;
    } else {
      const made = await placeholderNote(deps, entry);
      if (!made.ok) {
        out.push({ id: t.id, name: nameOf(t.id), status: 'failed', note: target, reason: made.error });
        continue;
      }
    }
    entries.push(entry);
  }

  // Outlines, for the notes without one (none to ask for: outlinePhase sends nothing).
  const done = await outlinePhase(deps, entries.filter((e) => !e.state.outline), request, batchIds, emit, signal, retryable);
  if (!done.ok) return done;
  for (const e of entries) {
    if (e.failed === 'escalated') {
      out.push(e.escalation!);
      continue;
    }
    if (e.failed) out.push(await failEntry(deps, e, nameOf(e.id)));
  }
  // Every workstream still on its way has its outline now, unless the run stopped: then each waits for `resume` (its note holds the batches sent).
  const live = entries.filter((e) => !e.failed);
  if (signal.aborted) return ok([...out, ...live.map((e) => queued(e, nameOf(e.id)))]);

  // Sections.
  const sectioned = await sectionsPhase(deps, live, request, batchIds, emit, signal, retryable);
  if (!sectioned.ok) return sectioned;
  if (signal.aborted) return ok([...out, ...live.map((e) => queued(e, nameOf(e.id)))]);

  // The plans, written as a streamed plan is written.
  for (const e of live) {
    emit({ type: 'status', id: e.id, status: 'writing' });
    out.push(await writePlan(deps, e, request, nameOf(e.id)));
    const r = out[out.length - 1]!;
    emit({ type: 'status', id: e.id, status: r.status === 'done' ? 'done' : 'failed', detail: r.reason });
  }
  return ok(out);
}

function queued(e: Entry, name: string): WorkstreamResult {
  return { id: e.id, name, status: 'queued', note: e.target, reason: 'the run stopped while its batch was running; resume to collect it' };
}

/** The stand-in note while the batches run: the plan's frontmatter and title, and what is going on. */
async function placeholderNote(deps: PlanAllDeps, e: Entry): Promise<Result<void, string>> {
  const { vault, settings, clock } = deps;
  const derived = deriveOutline(e.p.scope, e.p.ctx.wbs);
  // The first unit is always the core's: the frontmatter and the title (unitsFor; a model unit has no core text).
  const title = unitsFor(inputFor(e.p, derived, e.created), null)[0]!.coreText!;
  const text = `${setTopLevelKey(title, 'planner', plannerLine(e.state))}\n> [!info] Being planned in a batch\n> Claude is writing this plan through the Message Batches API; it appears here when the batch ends. If this run stops, \`plan --all --resume\` (or "Resume planning" in Obsidian) picks the batch up again.\n`;
  if (await vault.exists(e.target)) {
    const read = await vault.read(e.target);
    if (!read.ok) return err(`${e.target} could not be read (${read.error.kind})`);
    const saved = await backupNote(vault, settings, e.target, clock);
    if (!saved.ok) return err(`${e.target} could not be backed up (${saved.error.kind})`);
    e.backup = saved.value;
    e.previous = read.value;
    const r = await vault.replace(e.target, text);
    return r.ok ? ok(undefined) : err(`${e.target} could not be written (${r.error.kind})`);
  }
  const made = await createNote(vault, e.target, text);
  e.created_note = made.ok;
  return made.ok ? ok(undefined) : err(`${e.target} could not be created (${made.error.kind})`);
}

function plannerLine(state: BatchPlanState): string {
  return `planner: ${yamlFlowJson(state)}`;
}

/** Writes the entry's batch state into its note (frontmatter only). */
async function saveState(deps: PlanAllDeps, e: Entry): Promise<void> {
  const read = await deps.vault.read(e.target);
  if (!read.ok) return;
  const next = setTopLevelKey(read.value, 'planner', plannerLine(e.state));
  if (next !== read.value) await deps.vault.replace(e.target, next);
}

/** A batch just created (never one the note records already: a batch is only ever created once). */
function addBatch(e: Entry, id: string, kind: BatchEntry['kind']): void {
  e.state = { ...e.state, batch: { batches: [...e.state.batch.batches, { id, kind }] } };
}

/** Records this workstream's usage of one batch (replacing what an earlier read of the same batch recorded). */
function recordUsage(e: Entry, batchId: string, usage: CallUsage[]): void {
  e.usage.set(batchId, usage);
  const totals = totalUsage(usage);
  e.state = { ...e.state, batch: { batches: e.state.batch.batches.map((b) => (b.id === batchId ? { ...b, usage: totals } : b)) } };
}

/** Creates a batch of requests, records its id in the notes of the workstreams in it, waits for it and reads its results. */
async function runBatch(
  deps: PlanAllDeps,
  kind: BatchEntry['kind'],
  level: number,
  requests: Array<BatchRequest & { entry: Entry }>,
  batchIds: string[],
  emit: (e: PlanAllEvent) => void,
  signal: AbortSignal,
  primer = false,
): Promise<Result<Map<string, BatchItemResult> | null, PlannerError>> {
  const c = { client: deps.client, apiKey: deps.apiKey, model: deps.settings.model };
  const created = await createBatch(c, requests, signal);
  if (!created.ok) return created.error.kind === 'cancelled' ? ok(null) : err({ kind: 'api-failure', failure: { kind: created.error.kind, message: created.error.message } });
  const id = created.value;
  batchIds.push(id);
  const involved = [...new Set(requests.map((r) => r.entry))];
  // The id goes into every note of the batch at once: a run stopped from here on never sends it again.
  for (const e of involved) {
    addBatch(e, id, kind);
    await saveState(deps, e);
    emit({ type: 'status', id: e.id, status: 'in-batch', detail: id });
  }
  emit({ type: 'batch', batchId: id, kind, level, workstreams: involved.map((e) => e.id), requests: requests.length, resumed: false, ...(primer ? { primer } : {}) });
  return collect(deps, id, signal, emit, true);
}

/** Waits for a batch and reads its results; null when the wait was stopped (the batch keeps running). */
async function collect(deps: PlanAllDeps, id: string, signal: AbortSignal, emit: (e: PlanAllEvent) => void, justCreated = false): Promise<Result<Map<string, BatchItemResult> | null, PlannerError>> {
  const c = { client: deps.client, apiKey: deps.apiKey, model: deps.settings.model };
  const waited = await waitForBatch(c, id, {
    timers: deps.timers,
    signal,
    justCreated,
    ...(deps.pollMs !== undefined ? { pollMs: deps.pollMs } : {}),
    ...(deps.maxPollMs !== undefined ? { maxPollMs: deps.maxPollMs } : {}),
    onProgress: (p) => emit({ type: 'batch-progress', batchId: id, status: p.status, processing: p.counts.processing, total: p.counts.processing + p.counts.succeeded + p.counts.errored + p.counts.canceled + p.counts.expired }),
  });
  if (!waited.ok) return waited.error.kind === 'cancelled' ? ok(null) : err({ kind: 'api-failure', failure: { kind: waited.error.kind, message: waited.error.message } });
  const read = await batchResults(c, id, signal);
  if (!read.ok) return read.error.kind === 'cancelled' ? ok(null) : err({ kind: 'api-failure', failure: { kind: read.error.kind, message: read.error.message } });
  return ok(read.value);
}

const outlineId = (id: string, round: number): string => `${id}-o${round > 1 ? round : ''}`;
const sectionId = (id: string, index: number): string => `${id}-s${index}`;

async function outlinePhase(
  deps: PlanAllDeps,
  entries: Entry[],
  request: RequestSettings,
  batchIds: string[],
  emit: (e: PlanAllEvent) => void,
  signal: AbortSignal,
  retryable: (r: BatchItemResult) => boolean,
): Promise<Result<void, PlannerError>> {
  const prices = deps.settings.prices;
  const problems = new Map<Entry, string[]>();
  for (let round = 1; round <= 2; round++) {
    // After the first round every workstream has its outline, has failed, or has problems to ask about again.
    const ask = round === 1 ? entries : entries.filter((e) => problems.has(e));
    // Resumed notes whose outline batch was sent already: read that batch instead of sending again.
    const sentBefore = new Map<string, Entry[]>();
    const fresh: Entry[] = [];
    for (const e of ask) {
      // A note records sections batches only once it holds its outline (saved with the outline batch's
      // results, or with the first sections batch's id): without one, its batches are outline batches.
      const last = e.state.batch.batches[round - 1];
      if (last) sentBefore.set(last.id, [...(sentBefore.get(last.id) ?? []), e]);
      else fresh.push(e);
    }
    const read: Array<{ id: string; results: Map<string, BatchItemResult>; who: Entry[] }> = [];
    for (const [id, who] of sentBefore) {
      emit({ type: 'batch', batchId: id, kind: 'outline', level: who[0]!.level, workstreams: who.map((e) => e.id), requests: who.length, resumed: true });
      for (const e of who) emit({ type: 'status', id: e.id, status: 'in-batch', detail: id });
      const got = await collect(deps, id, signal, emit);
      if (!got.ok) return got;
      if (got.value === null) return ok(undefined);
      batchIds.push(id);
      read.push({ id, results: got.value, who });
    }
    if (fresh.length > 0) {
      // A second outline request names the first answer's problems; one that failed in the batch is simply asked again.
      const requests = fresh.map((e) => {
        const named = (problems.get(e) ?? []).slice(0, 10);
        return { customId: outlineId(e.id, round), params: outlineRequest(e.context, request, named.length > 0 ? { problems: named } : undefined), entry: e };
      });
      const got = await runBatch(deps, 'outline', fresh[0]!.level, requests, batchIds, emit, signal);
      if (!got.ok) return got;
      if (got.value === null) return ok(undefined);
      read.push({ id: batchIds[batchIds.length - 1]!, results: got.value, who: fresh });
    }
    for (const { id, results, who } of read) {
      for (const e of who) {
        // This entry's request of this round is in this batch (its note records the batch of each round), and every
        // request of an ended batch has its result (retrieve page: processing ends once each request has succeeded,
        // errored, been canceled or expired, and the results file holds the result of each).
        const r = results.get(outlineId(e.id, round))!;
        recordUsage(e, id, r.type === 'succeeded' ? [callUsage(outlineId(e.id, round), r.message.model, r.message.usage, prices, { batch: true })] : []);
        if (r.type !== 'succeeded') {
          if (round === 1 && retryable(r)) problems.set(e, []);
          else e.failed = `the outline ${describeResult(r)}`;
          continue;
        }
        const truncated = outcomeOf(r.message) !== 'complete';
        const checked = truncated ? { outline: null, problems: ['The answer stopped before the JSON was complete.'] } : checkOutlineAnswer(messageText(r.message), e.p.scope, e.p.ctx.mesoSections.map((h) => h.text));
        const escalation = checked.outline ? escalationFromOutline(checked.outline, e.p.scope) : null;
        if (escalation) {
          await escalate(deps, e, escalation);
          continue;
        }
        if (checked.outline && checked.problems.length === 0) {
          setOutline(e, checked.outline, 'model');
          problems.delete(e);
        } else if (round === 1) {
          problems.set(e, checked.problems);
        } else {
          setOutline(e, deriveOutline(e.p.scope, e.p.ctx.wbs), 'fallback');
          e.warnings.push({ kind: 'outline-fallback', message: `Claude's outline for ${e.id} did not validate twice, so the outline was derived from the WBS instead (${checked.problems.slice(0, 3).join(' ').replace(/\.$/, '')}).` });
        }
      }
      for (const e of who) if (!e.failed) await saveState(deps, e);
    }
  }
  return ok(undefined);
}

function setOutline(e: Entry, outline: Outline, source: 'model' | 'fallback'): void {
  e.state = { ...e.state, outline, outlineSource: source };
}

/** Claude escalated from the outline: the escalation note, and the plan note back as it was (or gone). */
async function escalate(deps: PlanAllDeps, e: Entry, escalation: Escalation): Promise<void> {
  const written = await writeEscalation(deps, e.p.ctx, { id: e.id, name: e.p.name, escalations: [escalation], created: e.created, project: e.p.project, warnings: e.warnings });
  await undoPlaceholder(deps, e);
  e.failed = 'escalated';
  e.escalation = { id: e.id, name: e.p.name, status: 'escalated', note: written.ok ? written.value.note : null, escalations: [escalation], reason: escalation.blocker, usage: batchUsage(e.state.batch) };
  deps.onAllEvent?.({ type: 'status', id: e.id, status: 'escalated', detail: escalation.blocker });
}

/** Puts back the plan the run replaced, or trashes the stand-in note the run created. */
async function undoPlaceholder(deps: PlanAllDeps, e: Entry): Promise<void> {
  if (e.previous !== null) await deps.vault.replace(e.target, e.previous);
  else if (e.created_note && deps.vault.trash) await deps.vault.trash(e.target);
  else {
    // Taken up from an earlier run: nothing to put back; the note says what happened.
    const read = await deps.vault.read(e.target);
    if (read.ok) await deps.vault.replace(e.target, setInterrupted(read.value, 'the outline', 'Claude escalated instead of planning; see the escalation note.'));
  }
}

/** A workstream that could not get its outline (only called with `e.failed` set): nothing of its plan was written. */
async function failEntry(deps: PlanAllDeps, e: Entry, name: string): Promise<WorkstreamResult> {
  const why = e.failed!;
  const read = await deps.vault.read(e.target);
  if (read.ok) {
    const marked = setInterrupted(setTopLevelKey(read.value, 'planner', plannerLine(e.state)), 'the outline', `${why}.`);
    await deps.vault.replace(e.target, marked);
  }
  deps.onAllEvent?.({ type: 'status', id: e.id, status: 'failed', detail: why });
  return { id: e.id, name, status: 'failed', note: e.target, reason: why, usage: batchUsage(e.state.batch), backup: e.backup, requests: { batched: countRequests(e), streamed: 0 } };
}

function countRequests(e: Entry): number {
  let n = 0;
  for (const list of e.usage.values()) n += list.length;
  return n;
}

function planUnits(e: Entry): PlanUnit[] {
  return unitsFor(inputFor(e.p, e.state.outline!, e.created), plannerState(e));
}

function plannerState(e: Entry): PlannerState {
  const s = e.state;
  return {
    version: 1,
    provider: 'anthropic',
    model: s.model,
    outlineSource: s.outlineSource ?? 'model',
    outline: s.outline!,
    ...(s.workstream_label ? { workstream_label: s.workstream_label } : {}),
    batch: s.batch,
    ...(s.inputs ? { inputs: s.inputs } : {}),
  };
}

async function sectionsPhase(
  deps: PlanAllDeps,
  entries: Entry[],
  request: RequestSettings,
  batchIds: string[],
  emit: (e: PlanAllEvent) => void,
  signal: AbortSignal,
  retryable: (r: BatchItemResult) => boolean,
): Promise<Result<void, PlannerError>> {
  const prices = deps.settings.prices;
  // Results of the sections batches sent before (a resumed run): read again, never sent again.
  const prior = new Map<string, Entry[]>();
  for (const e of entries) for (const b of e.state.batch.batches.filter((x) => x.kind === 'sections')) prior.set(b.id, [...(prior.get(b.id) ?? []), e]);
  const take = (id: string, results: Map<string, BatchItemResult>, who: Entry[]): void => {
    for (const e of who) {
      const units = modelUnits(planUnits(e));
      const calls: CallUsage[] = [];
      units.forEach((u, i) => {
        const r = results.get(sectionId(e.id, i));
        if (!r) return;
        if (r.type === 'succeeded') calls.push(callUsage(u.key, r.message.model, r.message.usage, prices, { batch: true }));
        const had = e.sections.get(u.key);
        // The latest answer wins, but a success is never replaced by a later failure.
        if (!had || had.type !== 'succeeded' || r.type === 'succeeded') e.sections.set(u.key, r);
      });
      recordUsage(e, id, calls);
    }
  };
  for (const [id, who] of prior) {
    emit({ type: 'batch', batchId: id, kind: 'sections', level: who[0]!.level, workstreams: who.map((e) => e.id), requests: 0, resumed: true });
    for (const e of who) emit({ type: 'status', id: e.id, status: 'in-batch', detail: id });
    const got = await collect(deps, id, signal, emit);
    if (!got.ok) return got;
    if (got.value === null) return ok(undefined);
    batchIds.push(id);
    take(id, got.value, who);
    for (const e of who) await saveState(deps, e);
  }
  // Every plan has several model units (the Executive Summary and each section written by Claude).
  const primed = request.caching;
  const maxRounds = MAX_SECTION_ROUNDS + (primed ? PRIMER_ROUNDS : 0);
  // Each workstream counts its own rounds: on resume, one taken up may have sent some already while one
  // that joins the level (its note could not be made last time, or it was added since) starts at its primer.
  const roundOf = (e: Entry): number => e.state.batch.batches.filter((b) => b.kind === 'sections').length + 1;
  // Each batch is a round more for every workstream in it, so this ends by maxRounds each.
  for (;;) {
    const requests: Array<BatchRequest & { entry: Entry }> = [];
    for (const e of entries) {
      const round = roundOf(e);
      if (round > maxRounds) continue;
      // A section that failed for good ends the plan there (the writer stops at it): the rest would be paid for nothing.
      // So every section left here is unanswered, answered, or failed in a way worth asking again.
      if ([...e.sections.values()].some((r) => r.type !== 'succeeded' && !retryable(r))) continue;
      const primer = primed && round === 1;
      modelUnits(planUnits(e)).forEach((u, i) => {
        if (primer && i > 0) return;
        const had = e.sections.get(u.key);
        let params = sectionRequest(e.context, request, e.state.outline!, u);
        if (had && had.type === 'succeeded') {
          // Stopped at its output limit: twice the room it had, up to the model's own limit (as a streamed call is asked again).
          if (had.message.stop_reason !== 'max_tokens') return;
          const more = Math.min(request.profile.maxOutputTokens, had.message.usage.output_tokens * 2);
          if (more <= had.message.usage.output_tokens) return;
          params = { ...params, max_tokens: Math.max(params.max_tokens, more) };
        }
        requests.push({ customId: sectionId(e.id, i), params, entry: e });
      });
    }
    if (requests.length === 0) break;
    // A batch of primers only (the first round of every workstream in it) writes the cache the rest read.
    const primer = primed && requests.every((r) => roundOf(r.entry) === 1);
    const got = await runBatch(deps, 'sections', entries[0]!.level, requests, batchIds, emit, signal, primer);
    if (!got.ok) return got;
    if (got.value === null) return ok(undefined);
    const id = batchIds[batchIds.length - 1]!;
    take(id, got.value, [...new Set(requests.map((r) => r.entry))]);
    for (const e of new Set(requests.map((r) => r.entry))) await saveState(deps, e);
  }
  return ok(undefined);
}

/** The plan written from the batch results, through the ordered writer, and finished as a streamed plan is. */
async function writePlan(deps: PlanAllDeps, e: Entry, request: RequestSettings, name: string): Promise<WorkstreamResult> {
  const units = planUnits(e);
  const results = e.sections;
  const generate: GenerateSection = async function* (unit) {
    const got = results.get(unit.key);
    // The writer stops the plan at this unit, with this sentence as its reason (only its message is shown).
    if (!got || got.type !== 'succeeded') throw new Error(`${got ? describeResult(got) : 'no answer came back for it'}.`);
    yield messageText(got.message);
    return outcomeOf(got.message);
  };
  // The stand-in note is replaced by the plan's first unit, which carries the batch record: a run
  // killed outright from here on still leaves a note that says which batches to collect.
  // The first unit is always the core text of the frontmatter and title (unitsFor).
  const head = units[0]!.coreText!;
  const headKey = units[0]!.key;
  const replaced = await deps.vault.replace(e.target, head);
  if (!replaced.ok) return { id: e.id, name, status: 'failed', note: e.target, reason: `${e.target} could not be written (${replaced.error.kind})` };
  const totals = batchUsage(e.state.batch);
  const budget = new CostBudget(null, 0, deps.settings.prices);
  const r = await runAndFinish({ ...(deps) }, e.p, {
    target: e.target,
    units,
    context: e.context,
    sources: e.sources,
    previous: e.previous,
    reqSettings: request,
    outline: e.state.outline!,
    state: plannerState(e),
    usage: [],
    onUsage: () => undefined,
    costGuard: budget,
    streamDeps: { client: deps.client, timers: deps.timers },
    warnings: e.warnings,
    backup: e.backup,
    startOffset: head.length,
    noteTail: head,
    isComplete: (key) => key === headKey,
    generate,
    totals,
  });
  const result = fromClaudeOutcome(e.id, name, r);
  return { ...result, usage: totals, requests: { batched: countRequests(e) || totals.calls, streamed: 0 } };
}

// ---------------------------------------------------------------------------------------------
// Cancel

export interface CancelOutcome {
  /** Batches asked to stop (those still running). */
  canceled: string[];
  /**
   * Batches the API does not know (sent with another workspace's key, or deleted): nothing to cancel,
   * so they are taken out of the notes' records and `resume` sends their requests again. Only when there is one.
   */
  forgotten?: string[];
  /** Notes marked interrupted. */
  notes: string[];
}

/**
 * Cancels the batches of the plans still being planned through batches (the notes' `planner.batch`),
 * and marks those notes interrupted: what the batches finished before they stopped is collected by a
 * later `resume`, which sends the rest again. A batch the API does not know is forgotten (see
 * `CancelOutcome.forgotten`); any other failure of the API stops the cancel before a note is touched.
 */
export async function cancelPlanAll(given: Pick<PlanAllDeps, 'vault' | 'settings' | 'client' | 'apiKey' | 'builtInTemplate'>, opts: { project?: string; near?: string } = {}): Promise<Result<CancelOutcome, PlannerError>> {
  const listed = await listWorkstreams(given.vault, given.settings, { project: opts.project, ...(opts.near !== undefined ? { near: opts.near } : {}), builtInInstructions: given.builtInTemplate });
  if (!listed.ok) return listed;
  const deps = { ...given, settings: withOutputFolder(given.settings, listed.value.planningSet.outputFolder) };
  const states = await inflightStates(deps, listed.value.workstreams);
  const c = { client: deps.client, apiKey: deps.apiKey, model: deps.settings.model };
  const canceled: string[] = [];
  const forgotten: string[] = [];
  const seen = new Set<string>();
  for (const s of states.values()) {
    for (const b of s.batch.batches) {
      if (seen.has(b.id)) continue;
      seen.add(b.id);
      const now = await retrieveBatch(c, b.id);
      if (!now.ok && now.error.kind === 'batch-not-found') {
        forgotten.push(b.id);
        continue;
      }
      if (!now.ok) return err({ kind: 'api-failure', failure: { kind: now.error.kind, message: now.error.message } });
      if (now.value.status !== 'in_progress') continue;
      const r = await cancelBatch(c, b.id);
      if (!r.ok) return err({ kind: 'api-failure', failure: { kind: r.error.kind, message: r.error.message } });
      canceled.push(b.id);
    }
  }
  const notes: string[] = [];
  for (const [id, state] of states) {
    const path = planNotePath(deps.settings, id);
    const read = await deps.vault.read(path);
    if (!read.ok) continue;
    // Its frontmatter parsed (its batch state was read from it), so only the planner line is rewritten.
    const first = state.batch.batches.findIndex((b) => forgotten.includes(b.id));
    const text = first >= 0 ? setTopLevelKey(read.value, 'planner', plannerLine(withoutForgotten(state, first, forgotten))) : read.value;
    const marked = setInterrupted(text, 'a batch', 'planning was cancelled.');
    if ((await deps.vault.replace(path, marked)).ok) notes.push(path);
  }
  return ok({ canceled, ...(forgotten.length > 0 ? { forgotten } : {}), notes });
}

/**
 * The batch record without the batches the API forgot (`first` is the place of the first of them).
 * With its outline in, a note's sections batches are read whatever their place, and `resume` asks
 * again for the sections they held. Without it, each batch is the outline round of its place
 * (outlinePhase), so the rounds after a forgotten one go too: `resume` starts the outline over.
 */
function withoutForgotten(state: BatchPlanState, first: number, forgotten: readonly string[]): BatchPlanState {
  const batches = state.outline ? state.batch.batches.filter((b) => !forgotten.includes(b.id)) : state.batch.batches.slice(0, first);
  return { ...state, batch: { batches } };
}

