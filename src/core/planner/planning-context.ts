import type { Result } from '../result';
import { err, ok } from '../result';
import type { VaultPort } from '../vault/vault-port';
import type { Settings } from '../contracts/settings';
import type { PlannerError } from '../contracts/errors';
import type { PlanningSet, PlannerWarning } from '../contracts/planning-set';
import type { MesoMention, Wbs, Workstream } from '../contracts/wbs';
import { discoverPlanningSet } from '../discovery/discover-planning-set';
import { parseWbs } from '../wbs/parse-wbs';
import { normaliseWorkstreamId } from '../wbs/workstream-id';
import { parseMesoMentions } from '../scope/meso-mentions';
import { shortestLinkTarget } from '../vault/link-resolver';
import { readSections, type SectionHead } from '../markdown/note-sections';

/** The parsed planning set: what `plan`, `list` and `check` all start from. */
export interface PlanningContext {
  set: PlanningSet;
  wbs: Wbs;
  mesoMentions: MesoMention[];
  /**
   * The meso plan's sections: its headings and its plain numbered lines (`2.1 Components`), in line
   * order; empty without a meso plan. Every stage that looks for "the meso section" reads these.
   */
  mesoSections: SectionHead[];
  /** Wikilink target of the meso plan from anywhere in the vault (null when there is no meso plan). */
  mesoLinkTarget: string | null;
  warnings: PlannerWarning[];
}

export async function loadPlanningContext(
  vault: VaultPort,
  settings: Settings,
  opts: { project?: string },
): Promise<Result<PlanningContext, PlannerError>> {
  const found = await discoverPlanningSet(vault, settings, opts);
  if (!found.ok) return found;
  const set = found.value;
  const micro = set.notes.micro;
  if (!micro) return err({ kind: 'missing-note', role: 'micro', path: null });
  const wbs = parseWbs(micro.text);
  const meso = set.notes.meso;
  const mesoMentions = meso ? parseMesoMentions(meso.text) : [];
  const mesoLinkTarget = meso ? shortestLinkTarget(meso.path, await vault.listMarkdown()) : null;
  const mesoSections = meso ? readSections(meso.text, meso.meta.headings) : [];
  return ok({ set, wbs, mesoMentions, mesoSections, mesoLinkTarget, warnings: [...set.warnings] });
}

/**
 * Turns what the user typed into a workstream id: `w2`, `W02`, `Workstream 2` → `W2`.
 * Anything else is refused before the vault is touched (ids end up in file names).
 */
export function parseWorkstreamArg(input: string): Result<string, PlannerError> {
  const id = normaliseWorkstreamId(input.trim());
  if (id === null || !/^W\d+$/.test(id)) return err({ kind: 'bad-workstream-id', input });
  return ok(id);
}

/** Known workstream ids, unique, in WBS order. */
export function knownIds(wbs: Wbs): string[] {
  return [...new Set(wbs.workstreams.map((w) => w.id))];
}

/** The workstream's name: the WBS's, else the meso plan's, else its id. */
export function workstreamName(ws: Workstream | undefined, id: string, mentions: MesoMention[]): string {
  if (ws && ws.name.trim() !== '') return ws.name.trim();
  const named = mentions.find((m) => m.id === id && m.name && m.name.trim() !== '');
  return named?.name?.trim() ?? id;
}
