import type { Result } from '../result';
import { err, ok } from '../result';
import type { VaultPort } from '../vault/vault-port';
import type { Settings } from '../contracts/settings';
import type { PlannerError } from '../contracts/errors';
import type { PlanningSet, PlannerWarning } from '../contracts/planning-set';
import type { MesoMention, Wbs, Workstream } from '../contracts/wbs';
import { discoverPlanningSet } from '../discovery/discover-planning-set';
import { parseWbs } from '../wbs/parse-wbs';
import { addNoteDependencies } from '../wbs/note-dependencies';
import { outputFolderFor, withOutputFolder } from '../writer/note-paths';
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
  /**
   * The settings to plan this set with: the caller's, with the output folder the set's plans go to
   * (`outputFolderFor`). Every note path of a plan or escalation comes from these.
   */
  settings: Settings;
  /** Wikilink target of the meso plan from anywhere in the vault (null when there is no meso plan). */
  mesoLinkTarget: string | null;
  /** Wikilink target of the overall micro-level plan, for citing its lines. */
  microLinkTarget: string;
  warnings: PlannerWarning[];
}

export async function loadPlanningContext(
  vault: VaultPort,
  settings: Settings,
  opts: { project?: string; near?: string },
): Promise<Result<PlanningContext, PlannerError>> {
  const found = await discoverPlanningSet(vault, settings, opts);
  if (!found.ok) return found;
  const set = found.value;
  const micro = set.notes.micro;
  if (!micro) return err({ kind: 'missing-note', role: 'micro', path: null });
  const wbs = parseWbs(micro.text);
  // The macro plan's workstream table and the meso plan's §10 are further sources of dependencies.
  const left = addNoteDependencies(
    wbs,
    { ...(set.notes.macro ? { macro: set.notes.macro } : {}), ...(set.notes.meso ? { meso: set.notes.meso } : {}) },
    micro.path,
  );
  const meso = set.notes.meso;
  const mesoMentions = meso ? parseMesoMentions(meso.text) : [];
  const all = await vault.listMarkdown();
  const mesoLinkTarget = meso ? shortestLinkTarget(meso.path, all) : null;
  const microLinkTarget = shortestLinkTarget(micro.path, all);
  const mesoSections = meso ? readSections(meso.text, meso.meta.headings) : [];
  const wbsWarnings: PlannerWarning[] = [...(wbs.warnings ?? []), ...left].map((w) => ({ kind: 'wbs', file: w.file ?? micro.path, line: w.line, message: w.message }));
  return ok({ set, wbs, mesoMentions, mesoSections, settings: withOutputFolder(settings, outputFolderFor(settings, set)), mesoLinkTarget, microLinkTarget, warnings: [...set.warnings, ...wbsWarnings] });
}

/** What a workstream may be called on the command line besides its id: `Epic 2`, `Epic B`, `E2`, `B`, `2`. */
const LABEL_ARG = /^(?:epic[ \t]*[-#]?[ \t]*)?(?:[a-z]|\d{1,3})$|^e\d{1,3}$/i;

/**
 * Checks what the user typed before the vault is touched (ids end up in file names): a workstream
 * id in any spelling (`w2`, `W02`, `WS-02`, `Workstream 2`) or an epic label (`Epic 2`, `Epic B`,
 * `E2`, `B`). Returns the input trimmed; `resolveWorkstreamArg` finds the id once the WBS is read.
 */
export function parseWorkstreamArg(input: string): Result<string, PlannerError> {
  const t = input.trim();
  const id = normaliseWorkstreamId(t);
  if ((id !== null && /^W\d+$/.test(id)) || LABEL_ARG.test(t)) return ok(t);
  return err({ kind: 'bad-workstream-id', input });
}

/** The spellings a label answers to: `Epic 2` → `epic 2`, `2`, `e2`; `Epic B` → `epic b`, `b`; `E3` → `e3`, `epic 3`, `3`. */
function labelKeys(label: string): string[] {
  const l = label.trim().toLowerCase().replace(/\s+/g, ' ');
  const epic = /^epic ([a-z]|\d+)$/.exec(l);
  if (epic) return [l, epic[1]!, ...(/^\d/.test(epic[1]!) ? [`e${epic[1]}`] : [])];
  const short = /^e(\d+)$/.exec(l);
  if (short) return [l, `epic ${short[1]}`, short[1]!];
  return [l];
}

/**
 * The id of the workstream `input` names in this WBS: its id (`W2`, `WS-02`, `Workstream 2`), else
 * its label (`Epic 2`, `Epic B`, `E2`, `B`), else, for `Epic 3` / `E3` / `3`, the id `W3`.
 * Null when the input is neither.
 */
export function resolveWorkstreamArg(input: string, wbs: Wbs): string | null {
  const t = input.trim();
  const id = normaliseWorkstreamId(t);
  if (id !== null && /^W\d+$/.test(id)) return id;
  const key = t.toLowerCase().replace(/[-#]/g, ' ').replace(/\s+/g, ' ').trim();
  const byLabel = wbs.workstreams.find((w) => w.label && labelKeys(w.label).includes(key));
  if (byLabel) return byLabel.id;
  const n = /^(?:epic |e)?(\d{1,3})$/.exec(key.replace(/^e (\d)/, 'e$1'));
  return n ? `W${Number(n[1])}` : null;
}

/** Known workstream ids, unique, in WBS order, each with its label (`W2 (Epic 2)`). */
export function knownIds(wbs: Wbs): string[] {
  const seen = new Set<string>();
  return wbs.workstreams.filter((w) => !seen.has(w.id) && seen.add(w.id) !== undefined).map(idWithLabel);
}

/** `W2 (Epic 2)` when the WBS labels it, else `W2`. */
export function idWithLabel(ws: Pick<Workstream, 'id' | 'label'>): string {
  return ws.label && ws.label !== ws.id ? `${ws.id} (${ws.label})` : ws.id;
}

/** The workstream's name: the WBS's, else the meso plan's, else its id. */
export function workstreamName(ws: Workstream | undefined, id: string, mentions: MesoMention[]): string {
  if (ws && ws.name.trim() !== '') return ws.name.trim();
  const named = mentions.find((m) => m.id === id && m.name && m.name.trim() !== '');
  return named?.name?.trim() ?? id;
}
