/**
 * Plans one workstream with Claude: the same preparation as the offline planner (discovery, scope,
 * escalation rules), then an estimate the user agrees to, the outline call, and the section calls
 * streamed append-only into the note. A stopped run leaves an `interrupted` note that `resume`
 * finishes; complete sections are never rewritten.
 */
import type { Result } from '../../result';
import { err, ok } from '../../result';
import type { PlannerError } from '../../contracts/errors';
import type { PlannerWarning } from '../../contracts/planning-set';
import type { PlanInput } from '../../contracts/plan-input';
import type { Outline } from '../../contracts/outline';
import { isoDate } from '../../clock';
import { deriveOutline } from '../../plan/derive-outline';
import { planParts } from '../../plan/render-plan';
import { buildPlanUnits } from '../../generation/plan-units';
import { runUnits } from '../../generation/run-units';
import type { PlanEvent } from '../../generation/plan-events';
import type { NoteSink, Timers } from '../../generation/timers';
import type { PlanUnit } from '../../generation/units';
import {
  buildContext,
  CostBudget,
  createSectionGenerator,
  requestOutline,
  totalUsage,
  type AnthropicClient,
  type CallUsage,
  type CostEstimate,
  type GenerateSection,
  type PlannerContext,
  type RequestSettings,
  type RequestsDescription,
  type SentNote,
  type StreamCallDeps,
  type UpstreamPlan,
  type UsageTotals,
  callConfig,
} from '../../providers/anthropic';
import { apiFailure, preflight, unknownModel } from './preflight';
import { planNotePath } from '../../writer/note-paths';
import { backupNote, createNote } from '../../writer/write-note';
import { clearRunCallouts, setInterrupted, setStatusLine } from '../../writer/plan-status';
import { checkNote } from '../check-note';
import type { PreparedPlan } from '../prepare-plan';
import { otherProjectOf, preparePlan } from '../prepare-plan';
import type { PlanDeps, PlanOutcome, PlanRequest } from '../plan-workstream';
import { describeWrite, linkBackAndResolve, mesoVersion, planChangesSince, writeEscalation } from '../plan-workstream';
import { inputSources, loadInstructions, mergeRecords, recordFor, upstreamPlanTexts } from '../plan-inputs';
import type { InputSources } from '../../inputs/digest-inputs';
import { readPlannerState, setPlannerState, type PlannerState } from './planner-state';
import { findResumePoint } from './resume-point';
import { vaultNoteSink } from './note-sink';
import { splitFrontmatter } from '../../markdown/frontmatter-block';
import { errorFact } from '../error-facts';

export interface ClaudePlanRequest extends PlanRequest {
  /** Finish an interrupted plan instead of starting one. */
  resume?: boolean;
  /**
   * The model to use when it was chosen for this run (CLI `--model`, or the plugin's model setting
   * on a resume). A resume without it finishes on the model the plan was started with.
   */
  model?: string;
  /** Describe the requests and the estimate; send nothing, write nothing. */
  dryRun?: boolean;
}

/** What the user is asked to agree to before anything leaves the machine. */
export interface SendPreview {
  workstreamId: string;
  model: string;
  /** How hard Claude thinks, in words: "adaptive thinking, effort high (outline: medium)". */
  thinking: string;
  /** Exactly the notes that will be sent. */
  sent: SentNote[];
  estimate: CostEstimate;
}

export interface ClaudeDeps extends PlanDeps {
  client: AnthropicClient;
  /** Only to keep it out of every message (the client already holds it). */
  apiKey: string;
  timers: Timers;
  /** The built-in instructions; a note named in settings replaces them. */
  builtInTemplate: string;
  signal?: AbortSignal;
  onEvent?: (event: PlanEvent) => void;
  /** Called with each finished call's usage (outline calls included). */
  onUsage?: (usage: CallUsage) => void;
  /** Asked before sending; false stops with nothing sent. Absent means yes. */
  confirm?: (preview: SendPreview) => Promise<boolean>;
  /**
   * Where the streamed text goes (the plugin passes one that writes through the open editor, and
   * cuts back in streamed-text terms so the user's own edits survive). Default: appends to the note.
   */
  sink?: NoteSink;
  /** Overrides of settings for this run (CLI flags). */
  concurrency?: number;
  maxCostUsd?: number;
  idleTimeoutMs?: number;
  firstTextTimeoutMs?: number;
  /** The client's transport buffers whole responses (Obsidian's network layer): timeouts cover whole calls. */
  bufferedTransport?: boolean;
  retryDelaysMs?: readonly number[];
  minIntervalMs?: number;
}

export type ClaudeOutcome =
  | PlanOutcome
  | { kind: 'dry-run'; preview: SendPreview; requestsJson: string }
  | { kind: 'declined'; preview: SendPreview };

export async function planWithClaude(req: ClaudePlanRequest, given: ClaudeDeps): Promise<Result<ClaudeOutcome, PlannerError>> {
  const prepared = await preparePlan(given.vault, given.settings, req);
  if (!prepared.ok) return prepared;
  const p = prepared.value;
  // The planning set decides where its plans go (beside it, for a set found in its own folder).
  const deps: ClaudeDeps = { ...given, settings: p.ctx.settings };
  const { vault, settings, clock } = deps;
  if (p.kind === 'blocked') {
    const created = isoDate(clock.now());
    return writeEscalation(deps, p.ctx, { id: p.id, name: p.name, escalations: p.escalations, created, project: p.project, warnings: p.warnings });
  }
  const target = planNotePath(settings, p.id);
  const other = await otherProjectOf(vault, target, p.project.link);
  if (other) return err({ kind: 'plan-of-other-project', file: target, project: other });
  const exists = await vault.exists(target);
  // A resume of a run stopped before it wrote anything (killed during the outline call) starts the plan.
  const unwritten = !exists || (await isEmptyNote(deps, target));
  if (req.resume && !unwritten) return resumePlan(req, deps, p, target);
  if (exists && !req.force && !req.dryRun && !req.resume) return err({ kind: 'plan-exists', file: target });

  const warnings = [...p.warnings];
  if (req.resume) warnings.push({ kind: 'other', file: target, message: `Nothing of ${target} had been written yet, so the plan is started from the beginning.` });
  const context = await contextFor(deps, p, warnings);
  if (!context.ok) return context;
  const model = req.model ?? settings.model;
  const created = isoDate(clock.now());

  // The estimate uses the derived outline: Claude's is not known before its call, and has about as many modules.
  const derived = deriveOutline(p.scope, p.ctx.wbs);
  const draftUnits = unitsFor(inputFor(p, derived, created), null);
  const sources = context.value.sources;
  const agreed = await estimateAndAsk(req, deps, p, context.value.context, warnings, {
    model,
    outline: derived,
    units: modelUnits(draftUnits),
    maxModules: Math.max(derived.modules.length, p.scope.workstream.tasks.length),
    withOutline: true,
  });
  if ('result' in agreed) return agreed.result;
  const { request: reqSettings, described } = agreed;

  const { usage, onUsage, costGuard, streamDeps } = tracking(deps, reqSettings, described.estimate);
  const outlined = await requestOutline(
    streamDeps,
    {
      context: context.value.context,
      settings: reqSettings,
      scope: p.scope,
      wbs: p.ctx.wbs,
      mesoHeadings: p.ctx.mesoSections.map((h) => h.text),
      prices: settings.prices,
      onUsage,
    },
    costGuard.signal,
  );
  if (!outlined.ok || outlined.value.kind === 'escalation') costGuard.dispose();
  if (!outlined.ok) {
    if (outlined.error.kind === 'model-not-found') return err(await unknownModel(deps.client, model));
    return err(apiFailure(outlined.error));
  }
  if (outlined.value.kind === 'escalation') {
    return writeEscalation(deps, p.ctx, { id: p.id, name: p.name, escalations: [outlined.value.escalation], created, project: p.project, warnings });
  }
  warnings.push(...outlined.value.warnings);
  const outline = outlined.value.outline;
  const state: PlannerState = {
    version: 1,
    provider: 'anthropic',
    model,
    outlineSource: outlined.value.source,
    outline,
    ...(p.scope.workstream.label ? { workstream_label: p.scope.workstream.label } : {}),
    inputs: recordFor(sources, null, null),
  };

  // The note is created holding its first unit (frontmatter with the planner state, title block):
  // however the run ends from here on, even killed outright, the note says what to resume.
  const units = unitsFor(inputFor(p, outline, created), state);
  const head = units[0]!.coreText!;
  let backup: string | null = null;
  if (exists) {
    const saved = await backupNote(vault, settings, target, clock);
    if (!saved.ok) return err({ kind: 'write-failed', file: target, detail: describeWrite(saved.error) });
    backup = saved.value;
    const replaced = await vault.replace(target, head);
    if (!replaced.ok) return err({ kind: 'write-failed', file: target, detail: describeWrite(replaced.error) });
  } else {
    const made = await createNote(vault, target, head);
    if (!made.ok) return err({ kind: 'write-failed', file: target, detail: describeWrite(made.error) });
  }
  const headKey = units[0]!.key;
  const previous = backup === null ? null : await vault.read(backup);
  return runAndFinish(deps, p, {
    target,
    units,
    context: context.value.context,
    sources,
    previous: previous?.ok ? previous.value : null,
    reqSettings,
    outline,
    state,
    usage,
    onUsage,
    costGuard,
    streamDeps,
    warnings,
    backup,
    startOffset: head.length,
    noteTail: head,
    isComplete: (key) => key === headKey,
  });
}

/** Finishes an interrupted plan: only the sections it lacks are generated; complete ones stay byte for byte. */
async function resumePlan(req: ClaudePlanRequest, deps: ClaudeDeps, p: Extract<PreparedPlan, { kind: 'ready' }>, target: string): Promise<Result<ClaudeOutcome, PlannerError>> {
  const { vault } = deps;
  const frontmatter = (await vault.meta(target)).frontmatter;
  const state = readPlannerState(frontmatter);
  if (frontmatter === null || state === null) return err({ kind: 'nothing-to-resume', file: target });
  const status = frontmatter['status'];
  if (status === 'ready_for_decomposition' || status === 'draft') return alreadyFinished(deps, p, target);
  if (status !== 'interrupted' && status !== 'in_progress') return err({ kind: 'nothing-to-resume', file: target });
  const read = await vault.read(target);
  if (!read.ok) return err({ kind: 'unreadable-note', role: null, file: target, reason: read.error.kind });
  const warnings = [...p.warnings];
  const context = await contextFor(deps, p, warnings);
  if (!context.ok) return context;
  // The model it was started with unless this run names another (a retired model cannot finish it).
  const model = req.model ?? state.model;
  // The date is written only in the first unit (frontmatter and title block), which a resume keeps as it is.
  const units = unitsFor(inputFor(p, state.outline, isoDate(deps.clock.now())), state);

  const text = setStatusLine(clearRunCallouts(read.value), 'in_progress');
  const fm = splitFrontmatter(text);
  const point = findResumePoint(text.slice(fm.bodyOffset), fm.bodyOffset, units, status === 'interrupted');
  const complete = new Set(point.completeKeys);
  const kept = text.slice(0, point.cutOffset);
  const next = units.find((u) => !complete.has(u.key));
  if (next === undefined) {
    // Stopped after its last unit and before the final rewrite (e.g. killed): nothing to send, only to
    // finish (the final rewrite records the planner state).
    const r = await vault.replace(target, kept);
    if (!r.ok) return err({ kind: 'write-failed', file: target, detail: describeWrite(r.error) });
    return finishPlan(deps, p, { target, state: { ...state, usage: totalUsage([]) }, sources: context.value.sources, previous: null, warnings, backup: null, usage: totalUsage([]), incomplete: [] });
  }
  const agreed = await estimateAndAsk(req, deps, p, context.value.context, warnings, {
    model,
    outline: state.outline,
    units: modelUnits(units).filter((u) => !complete.has(u.key)),
    maxModules: 0,
    withOutline: false,
  });
  if ('result' in agreed) return agreed.result;
  const { request: reqSettings, described } = agreed;
  const lastModel = state.resumes?.[state.resumes.length - 1]?.model ?? state.model;
  const resumedState: PlannerState = model === lastModel ? state : { ...state, resumes: [...(state.resumes ?? []), { model, from: next.label, date: isoDate(deps.clock.now()) }] };
  const keptWithState = setPlannerState(kept, { ...resumedState, usage: undefined });
  // Only now, with the user's go-ahead, is the note touched: partial text and old callouts go.
  const r = await vault.replace(target, keptWithState);
  if (!r.ok) return err({ kind: 'write-failed', file: target, detail: describeWrite(r.error) });

  const { usage, onUsage, costGuard, streamDeps } = tracking(deps, reqSettings, described.estimate);
  return runAndFinish(deps, p, {
    target,
    units,
    context: context.value.context,
    sources: context.value.sources,
    previous: null,
    reqSettings,
    outline: state.outline,
    state: resumedState,
    usage,
    onUsage,
    costGuard,
    streamDeps,
    warnings,
    backup: null,
    startOffset: keptWithState.length,
    noteTail: keptWithState,
    isComplete: (key) => complete.has(key),
  });
}

/**
 * A resume of a plan that was finished (its run was stopped after the final rewrite, before the meso
 * plan was linked back): nothing is sent or rewritten; the link back is made and the plan reported as it is.
 */
async function alreadyFinished(deps: ClaudeDeps, p: Extract<PreparedPlan, { kind: 'ready' }>, target: string): Promise<Result<ClaudeOutcome, PlannerError>> {
  const warnings = [...p.warnings];
  const checked = await checkNote(deps.vault, target, { scope: p.scope });
  await linkBack(deps, p, target, warnings);
  return ok({ kind: 'plan', note: target, status: checked.status, report: checked.report, backup: null, warnings, usage: totalUsage([]), alreadyFinished: true });
}

/**
 * The estimate and the user's go-ahead, before anything billed is sent: the requests and their cost
 * (tokens counted with the API when there is a key), a dry run's answer, the refusals on cost, the
 * confirmation: what the run needs, or the `result` planWithClaude returns instead.
 */
async function estimateAndAsk(
  req: ClaudePlanRequest,
  deps: ClaudeDeps,
  p: Extract<PreparedPlan, { kind: 'ready' }>,
  context: PlannerContext,
  warnings: PlannerWarning[],
  plan: { model: string; outline: Outline; units: PlanUnit[]; maxModules: number; withOutline: boolean },
): Promise<{ request: RequestSettings; described: RequestsDescription } | { result: Result<ClaudeOutcome, PlannerError> }> {
  const pre = await preflight({ client: deps.client, apiKey: deps.apiKey, settings: deps.settings, context, warnings, ...plan });
  if (!pre.ok) return { result: pre };
  const { request, described } = pre.value;
  const preview: SendPreview = { workstreamId: p.id, model: plan.model, thinking: thinkingWords(request), sent: context.sent, estimate: described.estimate };
  if (req.dryRun) return { result: ok({ kind: 'dry-run', preview, requestsJson: described.json }) };
  const refused = refuseOnCost(deps, described.estimate);
  if (refused) return { result: err(refused) };
  if (deps.confirm && !(await deps.confirm(preview))) return { result: ok({ kind: 'declined', preview }) };
  return { request, described };
}

export interface RunArgs {
  target: string;
  units: PlanUnit[];
  context: PlannerContext;
  /** What the plan is planned from; the record is completed with the sections it cites when it is done. */
  sources: InputSources;
  /** The text of the plan this run replaces, to say which sections changed. */
  previous: string | null;
  reqSettings: RequestSettings;
  outline: Outline;
  state: PlannerState;
  usage: CallUsage[];
  onUsage: (u: CallUsage) => void;
  costGuard: CostBudget;
  streamDeps: StreamCallDeps;
  warnings: PlannerWarning[];
  backup: string | null;
  startOffset: number;
  noteTail: string;
  isComplete: ((key: string) => boolean) | undefined;
  /** Where the model units' text comes from; default: each streamed from the API (a batch passes its results). */
  generate?: GenerateSection;
  /** The plan's usage when it is not the sum of `usage` (a batched plan adds what earlier runs read). */
  totals?: UsageTotals;
}

/**
 * Writes the plan's units into the note through the ordered writer and finishes it: the readiness
 * check, the planner state, the link back; or, when a unit fails, the note marked interrupted.
 * Streamed and batched plans both end here, so their notes are written the same way.
 */
export async function runAndFinish(deps: ClaudeDeps, p: Extract<PreparedPlan, { kind: 'ready' }>, a: RunArgs): Promise<Result<ClaudeOutcome, PlannerError>> {
  const { vault, settings } = deps;
  const generate = a.generate ?? createSectionGenerator({ ...a.streamDeps, context: a.context, settings: a.reqSettings, outline: a.outline, prices: settings.prices, onUsage: a.onUsage });
  const sink = deps.sink ?? vaultNoteSink(vault, a.target);
  // The guard listens to the caller's signal: stop listening however the run ends.
  const run = await runUnits({
    units: a.units,
    generate,
    concurrency: deps.concurrency ?? settings.concurrency,
    sink,
    timers: deps.timers,
    signal: a.costGuard.signal,
    onEvent: deps.onEvent,
    isComplete: a.isComplete,
    minIntervalMs: deps.minIntervalMs,
    startOffset: a.startOffset,
    noteTail: a.noteTail,
  }).finally(() => a.costGuard.dispose());
  const totals = a.totals ?? totalUsage(a.usage);
  const state: PlannerState = { ...a.state, usage: totals };

  // A run is interrupted exactly when it has a reason to stop.
  if (run.reason) {
    const label = a.units.find((u) => u.key === run.stoppedAt)?.label ?? 'the end';
    let reason = a.costGuard.capExceeded ? { kind: 'cost-cap', message: `the running cost passed the cap of $${a.costGuard.capUsd.toFixed(2)}.` } : run.reason;
    if (reason.kind === 'model-not-found') reason = { ...reason, message: describeUnknownModel(await unknownModel(deps.client, a.reqSettings.model)) };
    // Partial text goes through the sink, which knows where the streamed text is even if the
    // note was edited meanwhile; then one rewrite marks the note interrupted.
    if (run.writtenOffset > run.keepOffset) await sink.truncate?.(run.keepOffset).catch(() => undefined);
    const read = await vault.read(a.target);
    const marked = read.ok ? await vault.replace(a.target, setPlannerState(setInterrupted(read.value, label, reason.message), state)) : null;
    if (marked?.ok) {
      await linkBack(deps, p, a.target, a.warnings);
    } else if (read.ok) {
      a.warnings.push({ kind: 'other', file: a.target, message: `${a.target} keeps its complete sections but could not be marked interrupted; resume it to finish.` });
    } else {
      a.warnings.push({ kind: 'other', file: a.target, message: `${a.target} was moved or deleted while it was being written, so it could not be marked interrupted.` });
    }
    return ok({
      kind: 'plan',
      note: a.target,
      status: 'interrupted',
      report: { ready: false, items: [] },
      backup: a.backup,
      warnings: a.warnings,
      usage: totals,
      interrupted: { stoppedAt: label, reason },
    });
  }

  return finishPlan(deps, p, {
    target: a.target,
    state,
    sources: a.sources,
    previous: a.previous,
    warnings: a.warnings,
    backup: a.backup,
    usage: totals,
    incomplete: run.incomplete.map((i) => a.units.find((u) => u.key === i.key)!.label),
  });
}

/**
 * A note holding every unit: the checker decides between ready and draft (a section the model
 * stopped early keeps it a draft), in one final rewrite with the planner state; then the link back.
 */
async function finishPlan(
  deps: ClaudeDeps,
  p: Extract<PreparedPlan, { kind: 'ready' }>,
  f: {
    target: string;
    state: PlannerState;
    /** What the plan is planned from: the record of inputs is completed with the sections the plan cites. */
    sources: InputSources;
    /** The text of the plan this run replaces, to say which sections changed. */
    previous: string | null;
    warnings: PlannerWarning[];
    backup: string | null;
    usage: UsageTotals;
    incomplete: string[];
  },
): Promise<Result<ClaudeOutcome, PlannerError>> {
  const checked = await checkNote(deps.vault, f.target, {
    scope: p.scope,
    finalise: true,
    forceDraft: f.incomplete.length > 0,
    alsoApply: (text) => setPlannerState(text, { ...f.state, inputs: mergeRecords(f.state.inputs, recordFor(f.sources, text, p.meso.path)) }),
  });
  await linkBack(deps, p, f.target, f.warnings);
  const changes = f.previous !== null ? await planChangesSince(deps.vault, f.target, f.previous) : undefined;
  return ok({
    kind: 'plan',
    note: f.target,
    status: checked.status,
    report: checked.report,
    backup: f.backup,
    warnings: f.warnings,
    usage: f.usage,
    incomplete: f.incomplete,
    ...(changes ? { changes } : {}),
  });
}

async function isEmptyNote(deps: ClaudeDeps, path: string): Promise<boolean> {
  const read = await deps.vault.read(path);
  return read.ok && read.value.trim() === '';
}

async function linkBack(deps: ClaudeDeps, p: Extract<PreparedPlan, { kind: 'ready' }>, target: string, warnings: PlannerWarning[]): Promise<void> {
  await linkBackAndResolve(deps.vault, deps.settings, { id: p.id, mesoPath: p.meso.path, target }, warnings);
}

export function inputFor(p: Extract<PreparedPlan, { kind: 'ready' }>, outline: Outline, created: string): PlanInput {
  return {
    scope: p.scope,
    wbs: p.ctx.wbs,
    outline,
    projectName: p.project.name,
    projectLink: p.project.link,
    sourcePlanLink: `[[${p.mesoLinkTarget}]]`,
    created,
    mesoVersion: mesoVersion(p.meso.meta.frontmatter),
    mesoText: p.meso.text,
    mesoHeadings: p.ctx.mesoSections,
  };
}

/** The plan's units, with the planner state in the frontmatter of the first one. */
export function unitsFor(input: PlanInput, state: PlannerState | null): PlanUnit[] {
  const units = buildPlanUnits(planParts(input, 'in_progress'));
  // The first unit is always the core text of the frontmatter and title block.
  if (state) units[0] = { ...units[0]!, coreText: setPlannerState(units[0]!.coreText!, state) };
  return units;
}

export function modelUnits(units: PlanUnit[]): PlanUnit[] {
  return units.filter((u) => u.kind === 'model');
}

/** The context sent with every call: the instructions, the planning notes, the upstream plans, the scope. */
export async function contextFor(
  deps: ClaudeDeps,
  p: Extract<PreparedPlan, { kind: 'ready' }>,
  warnings: PlannerWarning[],
): Promise<Result<{ context: PlannerContext; sources: InputSources }, PlannerError>> {
  const template = await loadInstructions(deps.vault, deps.settings, deps.builtInTemplate, warnings);
  const texts = deps.settings.includeUpstreamPlans ? await upstreamPlanTexts(deps.vault, deps.settings, p.scope.upstream) : {};
  const upstreamPlans: UpstreamPlan[] = [];
  for (const id of p.scope.upstream) {
    const text = texts[id];
    if (typeof text === 'string') upstreamPlans.push({ workstreamId: id, path: planNotePath(deps.settings, id), text });
  }
  const context = buildContext({
    set: p.ctx.set,
    scope: p.scope,
    template,
    upstreamPlans,
    includeUpstreamPlans: deps.settings.includeUpstreamPlans,
    budgetTokens: deps.settings.contextBudgetTokens,
  });
  if (!context.ok) return err({ kind: 'context-too-large', message: context.error.message });
  // The same inputs as the plan records them (see planStaleness).
  const sources = await inputSources(deps.vault, deps.settings, { ctx: p.ctx, id: p.id, scope: p.scope, instructions: template, upstream: texts });
  return ok({ context: context.value, sources });
}

/** Usage and cost of one run, the budget that keeps it within the estimate and the cap, and what every call needs. */
export function tracking(deps: ClaudeDeps, reqSettings: RequestSettings, estimate: CostEstimate) {
  const usage: CallUsage[] = [];
  const costGuard = new CostBudget(estimate.costUsdMax, deps.maxCostUsd ?? deps.settings.costCapUsd, deps.settings.prices, deps.signal);
  const onUsage = (u: CallUsage): void => {
    usage.push(u);
    deps.onUsage?.(u);
    costGuard.add(u.costUsd);
  };
  const streamDeps: StreamCallDeps = {
    client: deps.client,
    timers: deps.timers,
    apiKey: deps.apiKey,
    idleTimeoutMs: deps.idleTimeoutMs ?? deps.settings.idleTimeoutSeconds * 1000,
    firstTextTimeoutMs: deps.firstTextTimeoutMs ?? deps.settings.firstTextTimeoutSeconds * 1000,
    outputLimit: reqSettings.profile.maxOutputTokens,
    budget: costGuard,
    ...(deps.bufferedTransport ? { wholeCallTimeout: true } : {}),
    ...(deps.retryDelaysMs ? { retryDelaysMs: deps.retryDelaysMs } : {}),
  };
  return { usage, onUsage, costGuard, streamDeps };
}

/** Why the run must not start for its cost, or null: a cap with no price to keep it by, or an estimate above the cap. */
function refuseOnCost(deps: ClaudeDeps, estimate: CostEstimate): PlannerError | null {
  const cap = deps.maxCostUsd ?? deps.settings.costCapUsd;
  if (cap <= 0) return null;
  if (estimate.missingPrice !== null) return { kind: 'no-price', model: estimate.missingPrice };
  // With every price known the estimate has a cost.
  const typical = estimate.costUsdTypical!;
  if (typical > cap) return { kind: 'cost-cap', estimateUsd: typical, capUsd: cap };
  return null;
}

/** The thinking settings in words, for the confirmation. */
function thinkingWords(s: RequestSettings): string {
  const section = callConfigEffort(s, 'section');
  if (s.profile.thinking !== 'adaptive') return section ? `effort ${section}` : 'no thinking settings (the model decides)';
  const sections = section ?? s.profile.defaultEffort ?? 'the model\'s default';
  const outline = callConfigEffort(s, 'outline') ?? sections;
  return `adaptive thinking, effort ${sections}${outline !== sections ? ` (outline: ${outline})` : ''}`;
}

function callConfigEffort(s: RequestSettings, kind: 'outline' | 'section'): string | undefined {
  return callConfig(s, kind).output_config?.effort ?? undefined;
}

/** How to choose another model, from the CLI, from the plugin, or from either (a message that can reach both). */
export const UNKNOWN_MODEL_FIX = {
  cli: 'Choose another with --model (or the model setting); --resume --model finishes a started plan on it.',
  plugin: 'Choose another under "Model" in the Workstream Planner settings; resuming a started plan then finishes it on that model.',
  either: 'Choose another model (--model on the command line, the model setting in the plugin); resuming the plan then finishes it on that model.',
} as const;

/** The unknown-model failure as one message that can reach the CLI or the plugin (a run's failed section). */
export function describeUnknownModel(e: PlannerError): string {
  return e.kind === 'unknown-model' ? `${errorFact(e)} ${UNKNOWN_MODEL_FIX.either}` : '';
}
