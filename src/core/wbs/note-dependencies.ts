/**
 * Dependencies the other planning notes state about the WBS's workstreams: the macro plan's table
 * of workstreams (`| W2 | Inspection API | … | W1 |`) and the meso plan's "Readiness for
 * Micro-Level Planning" section (§10: sequencing lines, a Mermaid graph, a table). They join the
 * WBS's own as further sources (`dependsOn` is the union), unless the note numbers its workstreams
 * differently from the WBS (its `WS4` is not the WBS's W4), in which case they are left out with a
 * warning rather than turned into false dependencies.
 */
import type { Wbs, WbsWarning } from '../contracts/wbs';
import { readSections } from '../markdown/note-sections';
import { maskCode } from '../markdown/code-mask';
import { WorkstreamResolver } from './dependency-refs';
import { scanEpicRefs } from './epic-label';
import { sharesWord, tableEdges } from './deps/dependency-tables';
import type { DependencyEdge } from './deps/edges';
import { addEdges, ensureSources, unionDependencies } from './deps/merge';
import { mermaidEdges } from './deps/mermaid';
import { sequenceEdges } from './deps/sequence-lines';
import { afterSentenceEdges } from './deps/after-sentences';
import { cleanName } from './wbs-lines';

export interface SourceNote {
  path: string;
  text: string;
}

const READINESS = /readiness\s+for\s+micro/i;

/**
 * Adds the macro and meso plans' dependencies to `wbs` (in place) and recomputes the union and the
 * disagreement warnings. Returns the warnings about notes that were left out.
 */
export function addNoteDependencies(wbs: Wbs, notes: { macro?: SourceNote; meso?: SourceNote }, microPath?: string): WbsWarning[] {
  const skipped: WbsWarning[] = [];
  if (wbs.workstreams.length === 0) return skipped;
  ensureSources(wbs);
  const r = new WorkstreamResolver(wbs);
  if (notes.macro) {
    const { lines, masked } = split(notes.macro.text);
    const t = tableEdges(lines, masked, { start: 1, end: lines.length }, r, 'macro');
    if (t.mismatched.length > 0) {
      const m = t.mismatched[0]!;
      skipped.push({
        file: notes.macro.path,
        line: m.line,
        message: `The workstream table of ${notes.macro.path} (line ${m.line}) names ${m.id} "${m.name}", which the WBS calls "${r.nameOf(m.id)}"; its dependencies were not used.`,
      });
    } else addEdges(wbs, t.edges, notes.macro.path);
  }
  if (notes.meso) {
    const { lines, masked } = split(notes.meso.text);
    const sections = readSections(notes.meso.text);
    const head = sections.find((s) => READINESS.test(s.title));
    if (head) {
      const next = sections.find((s) => s.line > head.line && s.level <= head.level);
      const range = { start: head.line + 1, end: next ? next.line - 1 : lines.length };
      const headingLines = new Set(sections.filter((s) => s.kind === 'heading').map((s) => s.line));
      const edges = [
        ...sequenceEdges(lines, masked, range, r, 'meso', headingLines),
        ...afterSentenceEdges(lines, masked, range, r, 'meso', headingLines),
        ...mermaidEdges(lines, range, r, 'meso'),
        ...tableEdges(lines, masked, range, r, 'meso').edges,
      ];
      const names = mesoNames(lines, masked, range);
      const bad = mismatch(edges, names, r);
      if (bad) {
        skipped.push({
          file: notes.meso.path,
          line: head.line,
          message: `${notes.meso.path} (line ${head.line}, "${head.text}") numbers its workstreams differently from the WBS: its ${bad.number} is "${bad.mesoName}", the WBS's ${bad.id} is "${r.nameOf(bad.id)}". Its sequencing was not used for dependencies.`,
        });
      } else addEdges(wbs, edges, notes.meso.path);
    }
  }
  unionDependencies(wbs, microPath);
  return skipped;
}

function split(text: string): { lines: string[]; masked: string[] } {
  return {
    lines: text.split('\n').map((l) => l.replace(/\r$/, '')),
    masked: maskCode(text)
      .split('\n')
      .map((l) => l.replace(/\r$/, '')),
  };
}

/** The names §10 gives its workstreams, by number: `- WS1: Remove 3D code`, `1) Angular setup`, `#### Workstream 1: Foundation`. */
function mesoNames(lines: readonly string[], masked: readonly string[], range: { start: number; end: number }): Map<number, string> {
  const out = new Map<number, string>();
  for (let i = range.start - 1; i < range.end && i < lines.length; i++) {
    if ((masked[i] ?? '').trim() === '') continue;
    const content = lines[i]!.replace(/^\s*(?:#{1,6}\s+|(?:>\s*)*[-*+]\s+)?/, '').replace(/\*\*|__/g, '').trim();
    const ordinal = /^(\d{1,2})[.)](?!\d)\s+(.*)$/.exec(content);
    const ref = scanEpicRefs(content)[0];
    if (ref && ref.index === 0) {
      const n = ref.key.n;
      if (!out.has(n)) out.set(n, cleanName(content.slice(ref.end).replace(/^\s*[:—–.)-]+\s*/, '')));
    } else if (ordinal && !/→|->/.test(content) && !out.has(Number(ordinal[1]))) {
      out.set(Number(ordinal[1]), cleanName(ordinal[2]!));
    }
  }
  return out;
}

/** The first edge end named by number whose meso name shares no word with the WBS's name for that id. */
function mismatch(edges: readonly DependencyEdge[], names: Map<number, string>, r: WorkstreamResolver): { number: string; mesoName: string; id: string } | null {
  for (const e of edges) {
    for (const end of e.by) {
      if (end.by !== 'number' || end.number === undefined) continue;
      const mesoName = names.get(end.number);
      if (mesoName && !sharesWord(mesoName, r.nameOf(end.id))) return { number: `workstream ${end.number}`, mesoName, id: end.id };
    }
  }
  return null;
}
