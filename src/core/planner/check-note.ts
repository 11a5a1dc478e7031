import type { VaultPort } from '../vault/vault-port';
import type { NoteMeta } from '../contracts/note-meta';
import type { WorkstreamScope } from '../contracts/scope';
import type { ReadinessReport } from '../contracts/readiness';
import { PlanStatusSchema, type PlanStatus } from '../contracts/plan-frontmatter';
import { checkPlan } from '../checker/check-plan';
import { replaceReadinessChecklist } from '../checker/readiness-checklist';
import { resolveWikilink } from '../vault/resolve-wikilink';
import { resolveCitation } from '../vault/resolve-citation';
import { withReadCache } from '../vault/read-cache';
import { setPlanStatus } from '../writer/plan-status';

export interface CheckedNote {
  report: ReadinessReport;
  /** The status the note has after the check (unchanged unless `finalise`). */
  status: PlanStatus;
}

/**
 * Runs the readiness checker on a plan note. With `finalise`, also writes the result into the
 * note in one atomic rewrite: the 11.1 checklist, the status (ready only when every item passes)
 * and the footer.
 */
export async function checkNote(
  vault: VaultPort,
  path: string,
  opts: {
    scope: WorkstreamScope | null;
    finalise?: boolean;
    /** Keep `draft` even when every item passes (a section stopped early). */
    forceDraft?: boolean;
    /** Other changes to fold into the same final rewrite (e.g. the planner state), so the note is rewritten once. */
    alsoApply?: (text: string) => string;
    /** The note's text and meta when the caller has just read them (a check that does not finalise). */
    preread?: { text: string; meta: NoteMeta };
  },
): Promise<CheckedNote> {
  const read = opts.preread ? { ok: true as const, value: opts.preread.text } : await vault.read(path);
  const text = read.ok ? read.value : '';
  const meta = opts.preread?.meta ?? (await vault.meta(path));
  const readOnce = withReadCache(vault);
  const report = await checkPlan({
    path,
    text,
    frontmatter: meta.frontmatter,
    frontmatterError: meta.frontmatterError,
    scope: opts.scope,
    // Every heading link goes to the same few notes: read each once for this check.
    resolveLink: async (link, source) => (await resolveWikilink(readOnce, link, source)).ok,
    resolveCitation: (link, number, title, source) => resolveCitation(readOnce, link.linkpath, number, title, source),
  });
  const current = PlanStatusSchema.safeParse(meta.frontmatter?.['status']);
  let status: PlanStatus = current.success ? current.data : 'draft';
  // Never write into frontmatter that does not parse: the report stands, the note stays as it is.
  if (opts.finalise && read.ok && meta.frontmatterError === null) {
    status = report.ready && !opts.forceDraft ? 'ready_for_decomposition' : 'draft';
    const finish = (t: string): string => setPlanStatus(replaceReadinessChecklist((opts.alsoApply ?? ((x: string) => x))(t), report), status, report);
    // The check awaited other reads: apply the result to the note as it is now, so nothing typed
    // in the meantime is lost.
    const now = await vault.read(path);
    const base = now.ok ? now.value : text;
    const next = finish(base);
    if (next !== base) await vault.replace(path, next);
  }
  return { report, status };
}
