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
import { isoDate } from '../clock';
import { detectEscalations } from '../escalation/detect-escalations';
import { renderEscalationNote } from '../escalation/render-escalation';
import { computeScope } from '../scope/compute-scope';
import { deriveOutline } from '../plan/derive-outline';
import { renderOfflineDraft } from '../providers/offline/offline-draft';
import { escalationNotePath, planNotePath } from '../writer/note-paths';
import { backupNote, createNote } from '../writer/write-note';
import { linkPlanFromMeso, markEscalationResolved } from '../writer/link-back';
import { checkNote } from './check-note';
import type { PlanningContext } from './planning-context';
import { knownIds, loadPlanningContext, parseWorkstreamArg, workstreamName } from './planning-context';
import { projectIdentity } from './project-identity';

export interface PlanRequest {
  /** As the user typed it: `W2`, `w2`, `Workstream 2`. */
  workstream: string;
  /** Project note (path or name) when the vault holds several. */
  project?: string;
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
    }
  | { kind: 'escalation'; note: string; escalations: Escalation[]; warnings: PlannerWarning[] };

/**
 * Plans one workstream offline: discover the planning set, parse the WBS, compute the scope,
 * escalate when the inputs cannot carry a plan, else write the draft, check it and link it back.
 */
export async function planWorkstream(req: PlanRequest, deps: PlanDeps): Promise<Result<PlanOutcome, PlannerError>> {
  const idArg = parseWorkstreamArg(req.workstream);
  if (!idArg.ok) return idArg;
  const id = idArg.value;
  const { vault, settings, clock } = deps;

  const loaded = await loadPlanningContext(vault, settings, { project: req.project });
  if (!loaded.ok) return loaded;
  const ctx = loaded.value;
  const ws = ctx.wbs.workstreams.find((w) => w.id === id);
  if (!ws) return err({ kind: 'unknown-workstream', id, known: knownIds(ctx.wbs) });
  const name = workstreamName(ws, id, ctx.mesoMentions);
  const warnings = [...ctx.warnings];
  const created = isoDate(clock.now());
  const project = projectIdentity(ctx.set);
  const meso = ctx.set.notes.meso;

  const escalations = detectEscalations({
    workstreamId: id,
    wbs: ctx.wbs,
    mesoMentions: ctx.mesoMentions,
    meso: meso ? { path: meso.path, text: meso.text, headings: meso.meta.headings } : null,
    mesoLinkTarget: ctx.mesoLinkTarget,
    wbsSource: ctx.set.notes.micro ? { path: ctx.set.notes.micro.path, text: ctx.set.notes.micro.text } : undefined,
  });
  if (escalations.length > 0 || !meso || ctx.mesoLinkTarget === null) {
    return writeEscalation(deps, ctx, { id, name, escalations, created, project, warnings });
  }

  const target = planNotePath(settings, id);
  let backup: string | null = null;
  if (await vault.exists(target)) {
    if (!req.force) return err({ kind: 'plan-exists', file: target });
    const saved = await backupNote(vault, settings, target, clock);
    if (!saved.ok) return err({ kind: 'write-failed', file: target, detail: describeWrite(saved.error) });
    backup = saved.value;
  }

  const scope = computeScope({
    wbs: ctx.wbs,
    workstreamId: id,
    meso: { path: meso.path, text: meso.text, headings: meso.meta.headings },
    mesoLinkTarget: ctx.mesoLinkTarget,
  });
  const input: PlanInput = {
    scope: { ...scope, workstream: { ...scope.workstream, name } },
    wbs: ctx.wbs,
    outline: deriveOutline(scope, ctx.wbs),
    projectName: project.name,
    projectLink: project.link,
    sourcePlanLink: `[[${ctx.mesoLinkTarget}]]`,
    created,
    mesoVersion: mesoVersion(meso.meta.frontmatter),
  };
  const text = renderOfflineDraft(input);

  const written = backup === null ? await createNote(vault, target, text) : await vault.replace(target, text);
  if (!written.ok) return err({ kind: 'write-failed', file: target, detail: describeWrite(written.error) });

  const checked = await checkNote(vault, target, { scope, finalise: true });
  const report = checked.report;

  const linked = await linkPlanFromMeso(vault, meso.path, `[[${target.replace(/\.md$/, '')}]]`);
  if (!linked.ok) {
    warnings.push({
      kind: 'bad-frontmatter',
      file: meso.path,
      line: linked.error.kind === 'bad-frontmatter' ? linked.error.line : undefined,
      message: `The plan was not linked from ${meso.path}: its frontmatter could not be updated (${describeWrite(linked.error)}).`,
    });
  }
  const escPath = escalationNotePath(settings, id);
  if (await vault.exists(escPath)) {
    const escMeta = await vault.meta(escPath);
    if (escMeta.frontmatter?.['status'] === 'escalated') {
      const resolved = await markEscalationResolved(vault, escPath);
      if (!resolved.ok) {
        warnings.push({ kind: 'other', file: escPath, message: `${escPath} could not be marked resolved (${describeWrite(resolved.error)}).` });
      }
    }
  }
  return ok({ kind: 'plan', note: target, status: checked.status, report, backup, warnings });
}

async function writeEscalation(
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
  if (await vault.exists(path)) {
    // An earlier escalation is the team's decision log: keep a copy before replacing it.
    const saved = await backupNote(vault, settings, path, clock);
    if (!saved.ok) return err({ kind: 'write-failed', file: path, detail: describeWrite(saved.error) });
    const replaced = await vault.replace(path, text);
    if (!replaced.ok) return err({ kind: 'write-failed', file: path, detail: describeWrite(replaced.error) });
  } else {
    const made = await createNote(vault, path, text);
    if (!made.ok) return err({ kind: 'write-failed', file: path, detail: describeWrite(made.error) });
  }
  return ok({ kind: 'escalation', note: path, escalations: a.escalations, warnings: a.warnings });
}

function mesoVersion(fm: Record<string, unknown> | null): string {
  const v = fm?.['version'];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '1.0';
}

function describeWrite(e: { kind: string; file: string; detail?: string; line?: number }): string {
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
