/**
 * The modules of a workstream's plan, from the sections where the upstream prompts put them: the
 * components of the micro plan's "4. Detailed Module/Component Specifications" (and, failing those,
 * the meso plan's "2. System Decomposition") that the workstream's tasks touch. Each module cites
 * the meso sections it implements: its component in §2, and the interfaces of §3 and integration
 * points of §5 that concern it. Tasks that touch no component share one module named after the
 * workstream, never one module each.
 */
import type { NoteHeading } from '../contracts/note-meta';
import type { MesoSectionRef, ScopeInterface, ScopeModule } from '../contracts/scope';
import type { Wbs, Workstream } from '../contracts/wbs';
import { citeSection } from '../vault/cite-section';
import { matchWords, touchScore, TOUCH_THRESHOLD, widespreadWords } from './component-match';
import { findHead, sectionEntries, type SectionEntry } from './section-entries';
import { namedIds } from './workstream-refs';
import { foldName } from './workstream-name';

export interface NoteForModules {
  text: string;
  /** Section heads (`readSections`). */
  heads: readonly NoteHeading[];
  linkTarget: string;
}

export interface ModulesResult {
  modules: ScopeModule[];
  interfaces: ScopeInterface[];
}

const MICRO_COMPONENTS = /\bdetailed\s+module|\bmodule\s*\/\s*component|\bcomponent\s+specifications?\b|\bmodule\s+specifications?\b/i;
const MESO_COMPONENTS = /\bsystem\s+decomposition\b|\bdecomposition\b/i;
const MESO_INTERFACES = /\bdata\s+and\s+interface\s+design\b|\binterface\s+design\b|^interfaces?\b|\bapis?\s+and\s+interfaces?\b/i;
const MESO_INTEGRATIONS = /\bintegration\s+points?\b/i;

function entriesOf(note: NoteForModules | null, title: RegExp): SectionEntry[] {
  if (!note) return [];
  const head = findHead(note.heads, title);
  return head ? sectionEntries(note.text, note.heads, head) : [];
}

function ref(meso: NoteForModules, e: SectionEntry, reason: MesoSectionRef['reason']): MesoSectionRef {
  return { heading: e.head.text, level: e.head.level, line: e.head.line, link: citeSection(meso.linkTarget, e.head), reason };
}

/** Two component names for one thing: the same words, or one's words within the other's ("Catalog" / "Catalog Module"). */
function sameComponent(a: string, b: string): boolean {
  const kind = new Set(['module', 'service', 'component', 'layer', 'feature']);
  const x = matchWords(a).filter((w) => !kind.has(w));
  const y = matchWords(b).filter((w) => !kind.has(w));
  if (x.length === 0 || y.length === 0) return foldName(a) === foldName(b);
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  const hay = ` ${long.join(' ')} `;
  return hay.includes(` ${short.join(' ')} `);
}

/** What a task of a workstream named like a component owes that component before its own words count. */
const NAMESAKE_BONUS = TOUCH_THRESHOLD;

function best(title: string, entries: readonly SectionEntry[], namesake: ReadonlySet<SectionEntry> = new Set()): SectionEntry | null {
  let top: SectionEntry | null = null;
  let score = TOUCH_THRESHOLD - 1;
  const widespread = widespreadWords(entries.map((e) => e.text));
  for (const e of entries) {
    const s = touchScore(title, e.name, e.text, widespread) + (namesake.has(e) ? NAMESAKE_BONUS : 0);
    if (s > score) {
      score = s;
      top = e;
    }
  }
  return top;
}

function joinIds(ids: string[]): string {
  return ids.length <= 1 ? ids.join('') : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
}

/**
 * The modules of `workstream`, and the interfaces and integration points that concern it. Empty
 * modules when neither note describes components (the caller then falls back to its own grouping).
 */
export function workstreamModules(workstream: Workstream, wbs: Wbs, meso: NoteForModules, micro: NoteForModules | null): ModulesResult {
  const microEntries = entriesOf(micro, MICRO_COMPONENTS);
  const mesoEntries = entriesOf(meso, MESO_COMPONENTS);
  const ifaces = entriesOf(meso, MESO_INTERFACES).map((e) => ({ e, kind: 'interface' as const }));
  const integrations = entriesOf(meso, MESO_INTEGRATIONS).map((e) => ({ e, kind: 'integration' as const }));

  // Which interfaces and integration points concern a module: they name its component, or one of its
  // tasks touches them. The workstream's: those, and the ones that name it.
  const concerns = (e: SectionEntry, titles: readonly string[], names: readonly string[]): boolean =>
    names.some((n) => sameComponent(n, e.name) || ` ${matchWords(e.text).join(' ')} `.includes(` ${matchWords(n).join(' ')} `)) ||
    titles.some((t) => touchScore(t, e.name, e.text) >= TOUCH_THRESHOLD);
  const allTitles = workstream.tasks.map((t) => t.title);
  const interfaces: ScopeInterface[] = [...ifaces, ...integrations]
    .filter(({ e }) => namedIds(`${e.name}\n${e.text}`, wbs).includes(workstream.id) || concerns(e, allTitles, [workstream.name].filter((n) => n.trim() !== '')))
    .map(({ e, kind }) => ({ kind, name: e.name, summary: firstLine(e.text), section: ref(meso, e, kind), line: e.line }));

  if (microEntries.length === 0 && mesoEntries.length === 0) return { modules: [], interfaces };

  interface Group {
    name: string;
    micro: SectionEntry | null;
    meso: SectionEntry | null;
    tasks: string[];
    titles: string[];
  }
  const groups = new Map<string, Group>();
  // A workstream named after a component ("Epic A: Converter CLI") implements it: its tasks go there
  // unless their own words point elsewhere.
  const namesake = new Set([...microEntries, ...mesoEntries].filter((e) => workstream.name.trim() !== '' && sameComponent(e.name, workstream.name)));
  for (const t of workstream.tasks) {
    const m = best(t.title, microEntries, namesake);
    const s = m ? null : best(t.title, mesoEntries, namesake);
    const key = m ? `micro:${m.line}` : s ? `meso:${s.line}` : 'rest';
    const g = groups.get(key) ?? {
      name: m ? m.name : s ? s.name : workstream.name.trim() || workstream.id,
      micro: m,
      meso: s ?? (m ? (mesoEntries.find((x) => sameComponent(x.name, m.name)) ?? null) : null),
      tasks: [],
      titles: [],
    };
    g.tasks.push(t.id);
    g.titles.push(t.title);
    groups.set(key, g);
  }

  // Where the meso plan describes the workstream itself (its readiness entry, say): what a module with
  // no component section of its own traces to, so every module traces somewhere real.
  const home = homeSection(meso, workstream, wbs);
  const used = new Map<string, number>();
  const modules: ScopeModule[] = [...groups.values()].map((g) => {
    const n = (used.get(foldName(g.name)) ?? 0) + 1;
    used.set(foldName(g.name), n);
    const name = n === 1 ? g.name : `${g.name} (${g.tasks[0]})`;
    const sections: MesoSectionRef[] = [];
    const add = (r: MesoSectionRef): void => {
      if (!sections.some((x) => x.line === r.line)) sections.push(r);
    };
    if (g.meso) add(ref(meso, g.meso, 'component'));
    for (const { e, kind } of [...ifaces, ...integrations]) {
      if (concerns(e, g.titles, [g.name, ...(g.meso ? [g.meso.name] : [])])) add(ref(meso, e, kind));
    }
    if (sections.length === 0 && home) add(home);
    const microCitation = g.micro && micro ? citeSection(micro.linkTarget, g.micro.head) : null;
    const where = microCitation ? `, as the micro-level plan specifies it (${microCitation})` : g.meso ? `, as the meso-level plan decomposes it (${citeSection(meso.linkTarget, g.meso.head)})` : '';
    return {
      name,
      taskIds: g.tasks,
      mesoSections: sections,
      microCitation,
      summary: `Delivers ${joinIds(g.tasks)} of ${workstream.id}${where}.`,
    };
  });
  return { modules, interfaces };
}

/**
 * The meso section that describes the workstream: a section headed by its id, name or label (the
 * shallowest); else the section whose own lines name it, readiness sections ("Readiness for
 * Micro-Level Planning", "Workstreams") first; failing that, the system decomposition. Null when the
 * meso plan has no sections.
 */
function homeSection(meso: NoteForModules, workstream: Workstream, wbs: Wbs): MesoSectionRef | null {
  const lines = meso.text.split('\n');
  const heads = [...meso.heads].sort((a, b) => a.line - b.line);
  const names = [workstream.name, workstream.label ?? ''].filter((n) => foldName(n) !== '');
  const own = (h: NoteHeading): string => {
    const next = heads.find((x) => x.line > h.line);
    return lines.slice(h.line, next ? next.line - 1 : lines.length).join('\n');
  };
  const mentions = (h: NoteHeading): boolean => {
    const text = own(h);
    return namedIds(text, wbs).includes(workstream.id) || names.some((n) => ` ${matchWords(text).join(' ')} `.includes(` ${matchWords(n).join(' ')} `));
  };
  const readiness = /\breadiness\b|\bworkstreams?\b|\bepics?\b|\bmilestones?\b/i;
  const titled = heads.filter((h) => namedIds(h.text, wbs).includes(workstream.id) || names.some((n) => ` ${matchWords(h.text).join(' ')} `.includes(` ${matchWords(n).join(' ')} `)));
  const found = titled.sort((a, b) => a.level - b.level)[0] ?? heads.filter((h) => readiness.test(h.text) && mentions(h))[0] ?? heads.find(mentions) ?? findHead(heads, MESO_COMPONENTS);
  if (!found) return null;
  return { heading: found.text, level: found.level, line: found.line, link: citeSection(meso.linkTarget, found), reason: 'names-workstream' };
}

function firstLine(text: string): string {
  const line = (text.split('\n')[0] ?? '').trim();
  return line
    .replace(/^#{1,6}\s+/, '')
    .replace(/^(?:[-*+]|\d+[.)])\s+/, '')
    .replace(/\*\*|__/g, '')
    .trim();
}
