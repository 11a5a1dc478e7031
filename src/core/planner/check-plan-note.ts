import type { Result } from '../result';
import { err, ok } from '../result';
import type { VaultPort } from '../vault/vault-port';
import type { Settings } from '../contracts/settings';
import type { PlannerError } from '../contracts/errors';
import type { PlannerWarning } from '../contracts/planning-set';
import type { ReadinessReport } from '../contracts/readiness';
import type { WorkstreamScope } from '../contracts/scope';
import { scopeOf } from './context-scope';
import { normaliseWorkstreamId } from '../wbs/workstream-id';
import { loadPlanningContext } from './planning-context';
import { checkNote } from './check-note';
import { NOT_RECORDED, planStaleness, type Staleness } from './plan-inputs';
import { isPlanNote } from '../checker/is-plan-note';
import { parseWikilink } from '../vault/wikilinks';

/**
 * The readiness report of a plan note, against the planning set it was written from.
 * The workstream comes from the note's frontmatter, else from its file name (`W2-…`).
 */
export async function checkPlanNote(
  vault: VaultPort,
  settings: Settings,
  notePath: string,
  opts: { project?: string; /** The built-in instructions, so a plan made with other ones shows as stale. */ builtInInstructions?: string },
): Promise<Result<{ report: ReadinessReport; workstreamId: string | null; warnings: PlannerWarning[]; /** Information, not a readiness item. */ staleness: Staleness }, PlannerError>> {
  const entry = await vault.stat(notePath);
  if (entry.kind === 'missing') return err({ kind: 'unreadable-note', role: null, file: notePath, reason: 'missing' });
  if (entry.kind === 'folder') return err({ kind: 'unreadable-note', role: null, file: notePath, reason: 'is-folder' });
  const read = await vault.read(notePath);
  if (!read.ok) {
    const e = read.error;
    return err({ kind: 'unreadable-note', role: null, file: notePath, reason: e.kind, line: e.kind === 'not-utf8' ? e.line : undefined });
  }
  const meta = await vault.meta(notePath);
  if (!isPlanNote(meta.frontmatter, read.value)) {
    return err({ kind: 'note-not-a-plan', file: notePath, detail: 'it has neither the plan tags (workstream-plan) nor a plan title' });
  }
  const fmId = meta.frontmatter?.['workstream_id'];
  const fromName = /^(W\d+)-/i.exec(notePath.split('/').pop() ?? '')?.[1];
  const id = normaliseWorkstreamId(typeof fmId === 'string' ? fmId : fromName ?? '');

  let scope: WorkstreamScope | null = null;
  let staleness: Staleness = NOT_RECORDED;
  const warnings: PlannerWarning[] = [];
  // The plan knows its project: in a vault of several projects, check it against that one's notes.
  const fmProject = meta.frontmatter?.['project'];
  const ownLink = typeof fmProject === 'string' ? parseWikilink(fmProject.trim())?.linkpath : undefined;
  // Only a project note that exists: a plan written without one links the conventional path.
  const ownProject = ownLink ? ((await vault.resolveLink(ownLink, notePath)) ?? undefined) : undefined;
  // A plan names its meso plan (`source_plan`), whose folder is its planning set; failing that, a
  // plan sits beside its set. Either names the set in a vault of several.
  const fmSource = meta.frontmatter?.['source_plan'];
  const sourceLink = typeof fmSource === 'string' ? parseWikilink(fmSource.trim())?.linkpath : undefined;
  const source = sourceLink ? await vault.resolveLink(sourceLink, notePath) : null;
  const folderOf = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
  const near = folderOf(source ?? notePath);
  const loaded = await loadPlanningContext(vault, settings, { project: opts.project ?? ownProject, ...(near !== '' ? { near } : {}) });
  if (loaded.ok) {
    const ctx = loaded.value;
    warnings.push(...ctx.warnings);
    if (id && ctx.wbs.workstreams.some((w) => w.id === id)) scope = scopeOf(ctx, id);
    if (id) staleness = await planStaleness(vault, ctx.settings, ctx, id, meta.frontmatter, { builtInInstructions: opts.builtInInstructions });
  } else {
    // The note can still be checked on its own; the WBS-based items then fail with a reason.
    warnings.push({ kind: 'other', message: 'The planning notes could not be loaded, so the WBS-based checks fail.' });
  }
  const { report } = await checkNote(vault, notePath, { scope, preread: { text: read.value, meta } });
  return ok({ report, workstreamId: id, warnings, staleness });
}
