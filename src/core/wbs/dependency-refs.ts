/**
 * Turning what a note says a workstream waits for into workstream ids: `Epic 2 complete`, `E3`,
 * `W1`, `Task 2.1, 1.4` (the tasks' workstreams), `All epics complete`, a sequencing element
 * (`2) App Shell & Theming`, `B`, `UI shell`), and what is left over (`User input`).
 */
import type { Wbs, Workstream } from '../contracts/wbs';
import { scanEpicRefs, type EpicKey } from './epic-label';
import { scanTaskIds, taskIdKey, workstreamOfTaskId } from './workstream-id';

const STOP_WORDS = new Set(['and', 'the', 'for', 'with', 'of', 'to', 'a', 'an', 'in', 'on', 'epic', 'epics', 'workstream', 'phase']);

/** Lower-cased words of a name, for matching names loosely (`UI shell` ⊂ `UI shell + fixed split`). */
export function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w))
    .map((w) => w.replace(/(?:ing|es|s)$/, ''));
}

/** Resolves references against one WBS: its ids, epic labels, names and task ids. */
export class WorkstreamResolver {
  private readonly byKey = new Map<string, string>();
  private readonly taskOwner = new Map<string, string>();
  private readonly ordered: Workstream[];

  constructor(wbs: Wbs) {
    const seen = new Set<string>();
    this.ordered = wbs.workstreams.filter((w) => !seen.has(w.id) && seen.add(w.id) !== undefined);
    // The first workstream with a key keeps it: a repeated label is a duplicate, not a rename.
    const setOnce = (k: string, id: string): void => {
      if (!this.byKey.has(k)) this.byKey.set(k, id);
    };
    for (const w of this.ordered) {
      setOnce(`workstream:${w.id.slice(1)}`, w.id);
      const label = w.label ?? '';
      const epic = /^Epic ([A-Z]|\d+)$/.exec(label);
      if (epic) setOnce(/^\d/.test(epic[1]!) ? `epic:n${Number(epic[1])}` : `epic:l${epic[1]!.charCodeAt(0) - 64}`, w.id);
      const short = /^E(\d+)$/.exec(label);
      if (short) setOnce(`short:n${Number(short[1])}`, w.id);
      for (const t of w.tasks) if (!this.taskOwner.has(taskIdKey(t.id))) this.taskOwner.set(taskIdKey(t.id), w.id);
    }
  }

  /** The id a reference's key names: its own label first, then the planner's numbering (`Epic 3` → W3). */
  private idOf(kind: 'epic' | 'short' | 'workstream', key: EpicKey): string | null {
    const k = key.kind === 'number' ? `n${key.n}` : `l${key.n}`;
    const direct =
      kind === 'workstream' ? this.byKey.get(`workstream:${key.n}`) : (this.byKey.get(`${kind}:${k}`) ?? this.byKey.get(`${kind === 'epic' ? 'short' : 'epic'}:${k}`));
    if (direct) return direct;
    // `Epic 3` in a WBS whose epics carry no labels (or `W3` for an epic): the workstream with that number.
    return this.byKey.get(`workstream:${key.n}`) ?? null;
  }

  /**
   * As `workstreamsIn`, but a reference to an epic the WBS does not define still counts, as the id it
   * would have (`Epic 9` → `W9`), so a dependency on a missing epic reaches the escalation rules
   * instead of vanishing.
   */
  namedWorkstreams(text: string, self: string | null = null): string[] {
    const out: string[] = [];
    for (const r of scanEpicRefs(text)) {
      const id = this.idOf(r.kind, r.key) ?? `W${r.key.n}`;
      if (id !== self && !out.includes(id)) out.push(id);
    }
    return out;
  }

  /** The workstream ids `text` names (`Epic 2 complete`, `E3`, `W1`, `Workstream 4`), in order, without `self`. */
  workstreamsIn(text: string, self: string | null = null): string[] {
    const out: string[] = [];
    for (const r of scanEpicRefs(text)) {
      const id = this.idOf(r.kind, r.key);
      if (id && id !== self && !out.includes(id)) out.push(id);
    }
    return out;
  }

  /** The workstream a task id belongs to: the one listing it, else the one its prefix names (`W2.1`). */
  ownerOfTask(taskId: string): string | null {
    return this.taskOwner.get(taskIdKey(taskId)) ?? workstreamOfTaskId(taskId) ?? this.ownerByNumber(taskId);
  }

  /** `3.2` in a WBS of numbered epics: epic 3's task, even when the WBS does not list 3.2 itself. */
  private ownerByNumber(taskId: string): string | null {
    const m = /^(\d+)\.\d/.exec(taskId.trim());
    return m ? (this.byKey.get(`epic:n${Number(m[1])}`) ?? null) : null;
  }

  /** Every workstream defined before `id`, for `All epics complete`. */
  before(id: string): string[] {
    const i = this.ordered.findIndex((w) => w.id === id);
    return i < 0 ? [] : this.ordered.slice(0, i).map((w) => w.id);
  }

  /**
   * One element of a sequencing line or graph node: a reference (`Epic 2`, `E2`, `W2`), a leading
   * ordinal (`2) App Shell`), a single capital (`B`) when epics are lettered, or else a name that
   * loosely matches exactly one workstream's name. `[]` when it names none.
   */
  element(text: string): string[] {
    return this.resolveElement(text).ids;
  }

  /** As `element`, also saying how it was resolved: by a label or number (`by: 'number'`), or by name. */
  resolveElement(text: string): { ids: string[]; by: 'number' | 'name' | null; number?: number } {
    const t = text
      .trim()
      .replace(/^\*\*|\*\*$/g, '')
      .replace(/[.;:]+$/, '')
      .trim();
    const refs = scanEpicRefs(t);
    const ids = this.workstreamsIn(t);
    if (ids.length > 0) return { ids, by: 'number', ...(refs.length === 1 ? { number: refs[0]!.key.n } : {}) };
    const ordinal = /^(\d{1,2})[.)](?!\d)\s*/.exec(t);
    if (ordinal) {
      const id = this.byOrdinal(Number(ordinal[1]));
      if (id) return { ids: [id], by: 'number', number: Number(ordinal[1]) };
    }
    const letter = /^([A-Z])$/.exec(t);
    if (letter) {
      const id = this.byKey.get(`epic:l${letter[1]!.charCodeAt(0) - 64}`);
      return id ? { ids: [id], by: 'number', number: letter[1]!.charCodeAt(0) - 64 } : { ids: [], by: null };
    }
    const id = this.byName(ordinal ? t.slice(ordinal[0].length) : t);
    return id ? { ids: [id], by: 'name' } : { ids: [], by: null };
  }

  /** The workstream's name, for comparing with another note's name for it. */
  nameOf(id: string): string {
    return this.ordered.find((w) => w.id === id)?.name ?? '';
  }

  private byOrdinal(n: number): string | null {
    return this.byKey.get(`epic:n${n}`) ?? this.byKey.get(`short:n${n}`) ?? this.byKey.get(`workstream:${n}`) ?? this.ordered[n - 1]?.id ?? null;
  }

  /**
   * The one workstream whose whole name is among the words of `phrase` (`rendering core interfaces`
   * → `Rendering core`); when several are, the longest name, if only one is that long.
   */
  namedWithin(phrase: string): string | null {
    const have = new Set(nameWords(phrase));
    const hits = this.ordered
      .map((w) => ({ id: w.id, words: nameWords(w.name) }))
      .filter((w) => w.words.length > 0 && w.words.every((x) => have.has(x)));
    const longest = Math.max(0, ...hits.map((h) => h.words.length));
    const best = hits.filter((h) => h.words.length === longest);
    return best.length === 1 ? best[0]!.id : null;
  }

  /** The one workstream whose name holds every word of `name` (`Scaffolding` → `Project scaffolding and CI`). */
  byName(name: string): string | null {
    const want = nameWords(name);
    if (want.length === 0) return null;
    const hits = this.ordered.filter((w) => {
      const have = nameWords(w.name);
      return have.length > 0 && want.every((x) => have.includes(x));
    });
    return hits.length === 1 ? hits[0]!.id : null;
  }
}

/** What a dependency cell or entry criterion says, sorted out. */
export interface ReadDependencies {
  /** Workstreams named or implied (a task of another epic). */
  workstreams: string[];
  /** Task ids named, as written. */
  tasks: string[];
  /** Conditions that name nothing in the WBS (`User input`, `Video URL confirmed`). */
  prerequisites: string[];
}

const NOTHING = /^(?:none|n\/?a|nothing|-+|—|–|tbd|no dependencies|\(none\))\.?$/i;
const ALL_EARLIER = /^all(?:\s+(?:other|previous|prior|preceding|earlier))?\s+(?:epics|workstreams|work|tasks)(?:\s+(?:are\s+)?(?:complete|completed|done|finished))?\.?$/i;

/**
 * Reads a dependency cell (`Task 2.2, 1.4`, `Epic 2 complete`, `Task 8.2, user provides domain`)
 * or an entry criterion for the workstream `self`: task ids (bare `1.4` counts in such a cell),
 * the workstreams they and any epic references name, and the rest as prerequisites.
 */
export function readDependencies(text: string, self: string, r: WorkstreamResolver): ReadDependencies {
  const out: ReadDependencies = { workstreams: [], tasks: [], prerequisites: [] };
  const addWs = (id: string | null): void => {
    if (id && id !== self && !out.workstreams.includes(id)) out.workstreams.push(id);
  };
  for (const raw of text.split(/[;,]|\s+\band\b\s+(?=[A-Z]|task|epic|\d)/)) {
    const seg = raw.trim();
    if (seg === '' || NOTHING.test(seg)) continue;
    if (ALL_EARLIER.test(seg)) {
      for (const id of r.before(self)) addWs(id);
      continue;
    }
    const epics = r.namedWorkstreams(seg, self);
    // An epic reference is not also a task id (`Epic 2 complete` names no task 2).
    const withoutEpics = seg.replace(/\bepics?\s*[-#]?\s*(?:\d{1,3}|[A-Z])(?![\p{L}\p{N}_]|\.\d)/giu, ' ');
    const tasks = scanTaskIds(withoutEpics, { bare: true });
    for (const id of epics) addWs(id);
    for (const t of tasks) {
      if (!out.tasks.some((x) => taskIdKey(x) === taskIdKey(t))) out.tasks.push(t);
      addWs(r.ownerOfTask(t));
    }
    if (epics.length === 0 && tasks.length === 0) out.prerequisites.push(seg.replace(/[.;]$/, ''));
  }
  return out;
}
