/**
 * The digests of a plan's input units: the meso sections it was planned from, the WBS rows of its
 * workstream and of the workstreams it depends on, the plans of those, and the instructions.
 */
import type { NoteHeading } from '../contracts/note-meta';
import type { Wbs, WbsTask, Workstream } from '../contracts/wbs';
import { maskMesoCallouts } from '../escalation/meso-callouts';
import { splitFrontmatter } from '../markdown/frontmatter-block';
import type { SectionHead } from '../markdown/note-sections';
import { sectionStops } from '../scope/compute-scope';
import { sectionText } from '../scope/sections';
import { findWorkstreams } from '../wbs/parse-wbs';
import { digest } from './digest';
import type { InputRecord } from './input-record';

/**
 * The key a meso section is recorded under: its heading as written (`W2 Data model`, `2.1
 * Components`). A heading the note has more than once gets its place among them: `Overview (2)`.
 */
export function sectionKey(h: NoteHeading, all: readonly NoteHeading[]): string {
  const text = h.text.trim();
  const same = all.filter((o) => o.text.trim() === text).sort((a, b) => a.line - b.line);
  const n = same.findIndex((o) => o.line === h.line);
  return n <= 0 ? text : `${text} (${n + 1})`;
}

/** The section recorded under `key`, if the note still has one. */
export function sectionByKey(key: string, all: readonly NoteHeading[]): NoteHeading | null {
  return all.find((h) => sectionKey(h, all) === key) ?? null;
}

export interface InputSources {
  wbs: Wbs;
  /** The planned workstream, normalised (`W2`). */
  workstreamId: string;
  /** The meso plan's text and its section heads (`readSections`); null without a meso plan. */
  meso: { text: string; sections: readonly SectionHead[] } | null;
  /** The meso sections to record (each one of `meso.sections`). */
  sections: readonly NoteHeading[];
  /** The upstream workstreams' plan notes, by id: the whole note's text, or null when there is none. */
  upstream: Readonly<Record<string, string | null>>;
  /** The instructions as sent to Claude; null for an offline draft. */
  instructions: string | null;
}

/**
 * Digests each input unit. A meso section's text runs from its heading to the next heading of the
 * same or a higher level, and stops early at a sub-section that is recorded on its own, at a
 * contract heading and at another workstream's own sub-section (the reading `computeScope` uses),
 * so an edit is charged to the section it is in and nowhere else. The planner's own escalation
 * callouts in the meso plan are not its content.
 */
export function digestInputs(src: InputSources): InputRecord {
  const ws = findWorkstreams(src.wbs, src.workstreamId)[0];
  const meso: Record<string, string> = {};
  if (src.meso) {
    const text = maskMesoCallouts(src.meso.text);
    const all = src.meso.sections;
    const recorded = new Set(src.sections.map((h) => h.line));
    const stops = sectionStops(src.wbs, src.workstreamId, ws?.name ?? '');
    for (const h of src.sections) {
      const own = sectionText(text, all, h, (sub) => recorded.has(sub.line) || stops.isContract(sub) || stops.isOthers(sub));
      meso[sectionKey(h, all)] = digest(own);
    }
  }
  const workstreams: InputRecord['workstreams'] = {};
  const tasksOf = (w: Workstream): Record<string, string> => Object.fromEntries(w.tasks.map((t) => [t.id, taskDigest(t)]));
  if (ws) {
    // The workstream's own name and dependencies; of those it depends on, the name (1.2 states it).
    workstreams[ws.id] = { entry: digest(JSON.stringify([ws.name.trim(), ws.dependsOn])), tasks: tasksOf(ws) };
    for (const id of ws.dependsOn) {
      const dep = findWorkstreams(src.wbs, id)[0];
      if (dep) workstreams[dep.id] = { entry: digest(JSON.stringify([dep.name.trim()])), tasks: tasksOf(dep) };
    }
  }
  const upstream: Record<string, string | null> = {};
  for (const [id, text] of Object.entries(src.upstream)) upstream[id] = text === null ? null : planBodyDigest(text);
  return {
    version: 1,
    meso,
    workstreams,
    upstream,
    ...(src.instructions !== null ? { instructions: digest(src.instructions) } : {}),
  };
}

function taskDigest(t: WbsTask): string {
  return digest(JSON.stringify([t.title.trim(), t.estimate?.raw ?? null, t.dependsOn ?? []]));
}

/** A plan is an input through its body: its frontmatter holds status and bookkeeping, not content. */
export function planBodyDigest(text: string): string {
  return digest(text.slice(splitFrontmatter(text).bodyOffset));
}
