import type { Result } from '../result';
import { err, ok } from '../result';
import type { VaultPort } from '../vault/vault-port';
import type { Settings } from '../contracts/settings';
import type { PlannerError } from '../contracts/errors';
import type { PlannerWarning } from '../contracts/planning-set';
import type { Escalation } from '../contracts/escalation';
import type { PlanStatus } from '../contracts/plan-frontmatter';
import type { ReadinessReport } from '../contracts/readiness';
import type { PlanInput } from '../contracts/plan-input';
import type { Clock } from '../clock';
import type { UsageTotals } from '../providers/anthropic/usage';
import { isoDate } from '../clock';
import { renderEscalationNote } from '../escalation/render-escalation';
import { deriveOutline } from '../plan/derive-outline';
import { renderOfflineDraft } from '../providers/offline/offline-draft';
import { escalationNotePath, planNotePath } from '../writer/note-paths';
import { backupNote, createNote } from '../writer/write-note';
import { linkPlanFromMeso, markEscalationResolved } from '../writer/link-back';
import { checkNote } from './check-note';
import { setTopLevelKey } from '../markdown/frontmatter-keys';
import { comparePlans, type PlanChanges } from '../inputs/compare-plans';
import { inputSources, offlinePlannerLine, recordFor } from './plan-inputs';
import type { PlanningContext } from './planning-context';
import { otherProjectOf, preparePlan } from './prepare-plan';

export interface PlanRequest {
  /** As the user typed it: `W2`, `w2`, `Workstream 2`. */
  workstream: string;
  /** The project (note, folder or planning folder) when the vault holds several planning sets. */
  project?: string;
  /** The folder of the note the request comes from: names the planning set when it is one (see `DiscoverOptions.near`). */
  near?: string;
  /** Replace an existing plan (the old note is backed up first). */
  force?: boolean;
}

export interface PlanDeps {
  vault: VaultPort;
  settings: Settings;
  clock: Clock;
}

export type PlanOutcome =
  | {
      kind: 'plan';
      note: string;
      status: PlanStatus;
      report: ReadinessReport;
      backup: string | null;
      warnings: PlannerWarning[];
      /** Claude runs: tokens and cost of every call. */
      usage?: UsageTotals;
      /** Claude runs that stopped: where, and why. */
      interrupted?: { stoppedAt: string; reason: { kind: string; message: string } };
      /** Claude runs: sections the model stopped early (output limit or refusal). */
      incomplete?: string[];
      /** A resume found the plan already finished: nothing was sent or rewritten (only the link back made sure of). */
      alreadyFinished?: boolean;
      /** A re-plan: which sections differ from the plan it replaced (kept at `backup`). */
      changes?: PlanChanges;
    }
  | { kind: 'escalation'; note: string; escalations: Escalation[]; warnings: PlannerWarning[]; /** The earlier escalation note, kept before it was replaced. */ backup: string | null; /** The meso plan the escalation is about, when there is one. */ mesoPath: string | null };

/**
 * Plans one workstream offline: discover the planning set, parse the WBS, compute the scope,
 * escalate when the inputs cannot carry a plan, else write the draft, check it and link it back.
 */
export async function planWorkstream(req: PlanRequest, given: PlanDeps): Promise<Result<PlanOutcome, PlannerError>> {
  const prepared = await preparePlan(given.vault, given.settings, req);
  if (!prepared.ok) return prepared;
  const p = prepared.value;
  // The planning set decides where its plans go (beside it, for a set found in its own folder).
  const deps: PlanDeps = { ...given, settings: p.ctx.settings };
  const { vault, settings, clock } = deps;
  const created = isoDate(clock.now());
  if (p.kind === 'blocked') {
    return writeEscalation(deps, p.ctx, { id: p.id, name: p.name, escalations: p.escalations, created, project: p.project, warnings: p.warnings });
  }
  const { id, scope, meso, warnings } = p;

  const target = planNotePath(settings, id);
  const other = await otherProjectOf(vault, target, p.project.link);
  if (other) return err({ kind: 'plan-of-other-project', file: target, project: other });
  let backup: string | null = null;
  if (await vault.exists(target)) {
    if (!req.force) return err({ kind: 'plan-exists', file: target });
    const saved = await backupNote(vault, settings, target, clock);
    if (!saved.ok) return err({ kind: 'write-failed', file: target, detail: describeWrite(saved.error) });
    backup = saved.value;
  }

  const input: PlanInput = {
    scope,
    wbs: p.ctx.wbs,
    outline: deriveOutline(scope, p.ctx.wbs),
    projectName: p.project.name,
    projectLink: p.project.link,
    sourcePlanLink: `[[${p.mesoLinkTarget}]]`,
    created,
    mesoVersion: mesoVersion(meso.meta.frontmatter),
    mesoText: meso.text,
    mesoHeadings: p.ctx.mesoSections,
  };
  // What the draft is planned from (and cites), so `list` and `check` can tell when it goes stale.
  const sources = await inputSources(vault, settings, { ctx: p.ctx, id, scope, instructions: null });
  const draft = renderOfflineDraft(input);
  const text = setTopLevelKey(draft, 'planner', offlinePlannerLine(recordFor(sources, draft, meso.path), scope.workstream.label));
  const previous = backup === null ? null : await vault.read(backup);

  const written = backup === null ? await createNote(vault, target, text) : await vault.replace(target, text);
  if (!written.ok) return err({ kind: 'write-failed', file: target, detail: describeWrite(written.error) });

  const checked = await checkNote(vault, target, { scope, finalise: true });
  const report = checked.report;

  await linkBackAndResolve(vault, settings, { id, mesoPath: meso.path, target }, warnings);
  const changes = previous?.ok ? await planChangesSince(vault, target, previous.value) : undefined;
  return ok({ kind: 'plan', note: target, status: checked.status, report, backup, warnings, ...(changes ? { changes } : {}) });
}

/** What a re-plan changed: the note now against the text it replaced. */
export async function planChangesSince(vault: VaultPort, target: string, previous: string): Promise<PlanChanges | undefined> {
  const now = await vault.read(target);
  return now.ok ? comparePlans(previous, now.value) : undefined;
}

/**
 * After a plan is written: the meso plan links it (frontmatter only), and an open escalation of the
 * workstream is marked resolved. Failures are warnings: the plan itself is written.
 */
export async function linkBackAndResolve(
  vault: VaultPort,
  settings: Settings,
  a: { id: string; mesoPath: string; target: string },
  warnings: PlannerWarning[],
): Promise<void> {
  const linked = await linkPlanFromMeso(vault, a.mesoPath, `[[${a.target.replace(/\.md$/, '')}]]`);
  if (!linked.ok) {
    warnings.push({
      kind: 'bad-frontmatter',
      file: a.mesoPath,
      ...(linked.error.kind === 'bad-frontmatter' ? { line: linked.error.line } : {}),
      message: `The plan was not linked from ${a.mesoPath}: its frontmatter could not be updated (${describeWrite(linked.error)}).`,
    });
  }
  const escPath = escalationNotePath(settings, a.id);
  if (!(await vault.exists(escPath))) return;
  if ((await vault.meta(escPath)).frontmatter?.['status'] !== 'escalated') return;
  const resolved = await markEscalationResolved(vault, escPath);
  if (!resolved.ok) warnings.push({ kind: 'other', file: escPath, message: `${escPath} could not be marked resolved (${describeWrite(resolved.error)}).` });
}

export async function writeEscalation(
  deps: PlanDeps,
  ctx: PlanningContext,
  a: {
    id: string;
    name: string;
    escalations: Escalation[];
    created: string;
    project: { name: string; link: string };
    warnings: PlannerWarning[];
  },
): Promise<Result<PlanOutcome, PlannerError>> {
  const { vault, settings, clock } = deps;
  const path = escalationNotePath(settings, a.id);
  const text = renderEscalationNote({
    escalations: a.escalations,
    projectLink: a.project.link,
    sourcePlanLink: ctx.mesoLinkTarget ? `[[${ctx.mesoLinkTarget}]]` : '[[meso-level-plan]]',
    created: a.created,
    workstreamId: a.id,
    workstreamName: a.name,
  });
  let backup: string | null = null;
  if (await vault.exists(path)) {
    // An earlier escalation is the team's decision log: keep a copy before replacing it.
    const saved = await backupNote(vault, settings, path, clock);
    if (!saved.ok) return err({ kind: 'write-failed', file: path, detail: describeWrite(saved.error) });
    backup = saved.value;
    const replaced = await vault.replace(path, text);
    if (!replaced.ok) return err({ kind: 'write-failed', file: path, detail: describeWrite(replaced.error) });
  } else {
    const made = await createNote(vault, path, text);
    if (!made.ok) return err({ kind: 'write-failed', file: path, detail: describeWrite(made.error) });
  }
  return ok({ kind: 'escalation', note: path, escalations: a.escalations, warnings: a.warnings, backup, mesoPath: ctx.set.notes.meso?.path ?? null });
}

/** The meso plan's stated version; null when it states none (the plan then says so instead of inventing one). */
export function mesoVersion(fm: Record<string, unknown> | null): string | null {
  const v = fm?.['version'];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
}

export function describeWrite(e: { kind: string; file: string; detail?: string; line?: number }): string {
  switch (e.kind) {
    case 'exists':
      return 'a note already exists there';
    case 'missing':
      return 'the note is gone';
    case 'bad-frontmatter':
      return `its frontmatter does not parse (line ${e.line ?? '?'})`;
    default:
      return e.detail ?? e.kind;
  }
}
