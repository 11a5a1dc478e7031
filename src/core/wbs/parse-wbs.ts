import type { Wbs, WbsTask, Workstream } from '../contracts/wbs';
import { maskCode } from '../markdown/code-mask';
import { splitFrontmatter } from '../markdown/frontmatter-block';
import { parseHeadings } from '../markdown/headings';
import type { NoteHeading } from '../contracts/note-meta';
import { parseContractHeading } from './contract-heading';
import { assembleEpics } from './assemble-epics';
import { WorkstreamResolver } from './dependency-refs';
import { addEdges, ensureSources, unionDependencies } from './deps/merge';
import { mermaidEdges } from './deps/mermaid';
import { sequenceEdges } from './deps/sequence-lines';
import { afterSentenceEdges } from './deps/after-sentences';
import { addStatedEstimates } from './epic-estimates';
import { readEpics } from './shapes';
import { wbsDocument } from './wbs-document';
import { parseEstimate } from './estimates';
import { classifyHeader, cleanCell, isSeparatorRow, splitRow, type TableColumns } from './table';
import {
  dependencyStatement,
  isDependencyHeading,
  listItemContent,
  parseTaskLine,
  parseWorkstreamHeading,
  relationalDependency,
  splitTaskDependencies,
  splitTrailingEstimate,
  trailingDependencyStatement,
} from './wbs-lines';
import {
  dependencyIds,
  matchTaskIdAtStart,
  normaliseWorkstreamId,
  scanTaskIds,
  scanWorkstreamTokens,
  taskIdKey,
  workstreamOfTaskId,
} from './workstream-id';

interface Section {
  entry: Workstream;
  level: number;
}

/**
 * Parse the WBS of the overall micro-level plan. Never throws: text that is not a WBS gives no
 * workstreams. Code blocks, inline code and HTML comments are ignored (detection runs on
 * `maskCode`, text is read from the original). See the report of this module for the formats.
 */
export function parseWbs(text: string): Wbs {
  const byIds = new WbsParser(text).run();
  const doc = wbsDocument(text);
  // Workstreams written with ids (W1, Workstream 1, WS-01) win; else the epics of the shapes.
  const epics = byIds.workstreams.some((w) => w.tasks.length > 0) ? [] : readEpics(doc);
  const wbs = epics.length > 0 ? assembleEpics(epics) : byIds;
  ensureSources(wbs);
  const r = new WorkstreamResolver(wbs);
  addEdges(wbs, [
    ...sequenceEdges(doc.lines, doc.masked, doc.wbs, r, 'sequence', doc.headingLines),
    ...afterSentenceEdges(doc.lines, doc.masked, doc.wbs, r, 'sequence', doc.headingLines),
    ...mermaidEdges(doc.lines, doc.wbs, r),
  ]);
  addStatedEstimates(wbs, doc, r);
  unionDependencies(wbs);
  return wbs;
}

/** Every definition of a workstream (a duplicated id has several), in document order. */
export function findWorkstreams(wbs: Wbs, id: string): Workstream[] {
  const want = normaliseWorkstreamId(id);
  return want ? wbs.workstreams.filter((w) => w.id === want) : [];
}

class WbsParser {
  private readonly lines: string[];
  private readonly masked: string[];
  private readonly headingAt = new Map<number, NoteHeading>();
  private readonly entries: Workstream[] = [];
  private readonly relational: Array<{ id: string; text: string; line: number }> = [];
  /** Entries made by table rows that no heading has taken up yet. */
  private readonly unclaimed = new Map<string, Set<Workstream>>();
  /** Every entry by id, in document order (notes can be large: no scans of all entries). */
  private readonly byId = new Map<string, Workstream[]>();
  private section: Section | null = null;
  /** Inside a `### Dependencies` sub-section, or the list under an empty `Depends on:` label. */
  private depsMode: 'heading' | 'label' | null = null;

  constructor(private readonly text: string) {
    this.lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
    this.masked = maskCode(text)
      .split('\n')
      .map((l) => l.replace(/\r$/, ''));
    for (const h of parseHeadings(text)) this.headingAt.set(h.line, h);
  }

  run(): Wbs {
    const start = splitFrontmatter(this.text).bodyStartLine - 1;
    for (let i = start; i < this.lines.length; i++) {
      const lineNo = i + 1;
      const masked = this.masked[i]!;
      if (masked.trim() === '') {
        if (this.depsMode === 'label') this.depsMode = null;
        continue;
      }
      const heading = this.headingAt.get(lineNo);
      if (heading) {
        this.onHeading(heading);
        continue;
      }
      if (masked.includes('|') && i + 1 < this.lines.length && isSeparatorRow(this.masked[i + 1]!)) {
        i = this.onTable(i);
        continue;
      }
      this.onLine(this.lines[i]!, masked, lineNo);
    }
    this.applyRelational();
    return { workstreams: this.entries };
  }

  private onHeading(h: NoteHeading): void {
    const ws = parseContractHeading(h.text) ? null : parseWorkstreamHeading(h.text);
    // A deeper heading is a sub-section of the workstream, unless it defines another workstream.
    if (this.section && h.level > this.section.level && (!ws || ws.id === this.section.entry.id)) {
      this.depsMode = null;
      const task = parseTaskLine(h.text);
      if (task && !(matchTaskIdAtStart(task.id)?.bare ?? false)) this.addTask(this.section.entry, task, h.line);
      else if (isDependencyHeading(h.text)) this.depsMode = 'heading';
      return;
    }
    this.section = null;
    this.depsMode = null;
    if (!ws) return;
    // A summary table listed it first under the same name: the heading adds to that entry.
    let entry = [...(this.unclaimed.get(ws.id) ?? [])].find((e) => sameName(e.name, ws.name));
    if (entry) {
      this.unclaimed.get(ws.id)!.delete(entry);
      if (entry.name === '') entry.name = ws.name;
    } else {
      entry = { id: ws.id, name: ws.name, tasks: [], dependsOn: [], line: h.line, format: 'heading' };
      this.push(entry);
    }
    this.section = { entry, level: h.level };
    if (ws.dependsOn) this.addDeps(entry, ws.dependsOn, h.line, true);
  }

  private onLine(line: string, masked: string, lineNo: number): void {
    const rel = relationalDependency(line);
    if (rel && !(this.section && rel.id === this.section.entry.id)) {
      this.relational.push({ ...rel, line: lineNo });
      return;
    }
    if (!this.section) return;
    const entry = this.section.entry;
    if (rel) {
      this.addDeps(entry, dependencyIds(rel.text, entry.id), lineNo, true);
      return;
    }
    const isItem = listItemContent(masked) !== null;
    const content = isItem ? listItemContent(line) : null;
    const task = content !== null ? parseTaskLine(content) : null;
    // Mid-line (`Owner: Ana · Depends on: W2`) only outside task lines: a title may say "depends on".
    const statement = dependencyStatement(line) ?? (task ? null : trailingDependencyStatement(masked));
    if (statement !== null) {
      this.addDeps(entry, dependencyIds(statement, entry.id), lineNo, true);
      if (statement === '' || statement === ':') this.depsMode = 'label';
      return;
    }
    if (this.depsMode) {
      if (this.depsMode === 'heading' || isItem) {
        const ids = dependencyIds(line, entry.id);
        if (ids.length > 0) this.addDeps(entry, ids, lineNo);
        return;
      }
      this.depsMode = this.depsMode === 'label' ? null : this.depsMode;
    }
    if (task) this.addTask(entry, task, lineNo);
  }

  /** Reads the table starting at index `i`; returns the index of its last row. */
  private onTable(i: number): number {
    const cols = classifyHeader(splitRow(this.masked[i]!, this.lines[i]!));
    let j = i + 2;
    const perTable = new Map<string, Workstream>();
    for (; j < this.lines.length; j++) {
      const masked = this.masked[j]!;
      if (masked.trim() === '' || !masked.includes('|') || this.headingAt.has(j + 1)) break;
      if (cols.index.id !== undefined || cols.index.task !== undefined) {
        this.onRow(splitRow(masked, this.lines[j]!), cols, j + 1, perTable);
      }
    }
    return j - 1;
  }

  private onRow(cells: string[], cols: TableColumns, lineNo: number, perTable: Map<string, Workstream>): void {
    const cell = (c: keyof TableColumns['index']): string => {
      const k = cols.index[c];
      return k === undefined ? '' : (cells[k] ?? '').trim();
    };
    let id = cleanCell(cell('id'));
    let title = cell('task');
    const wsCell = cell('workstream');
    const wsRef = wsCell ? parseWorkstreamRef(wsCell) : null;

    // A row whose id is a workstream (`| W2 | Inspection API | W1 |`) defines the workstream itself.
    const idAsWorkstream = id && !matchTaskIdAtStart(id) ? normaliseWorkstreamId(id) : null;
    if (idAsWorkstream) {
      const name = cleanCell(title) || (wsRef ? wsRef.name : cleanCell(wsCell));
      const entry = this.tableEntry(idAsWorkstream, name, lineNo, perTable);
      this.addDeps(entry, dependencyIds(cell('deps'), entry.id), lineNo);
      return;
    }
    if (!id) {
      // No id column: the task cell may start with one (`W2.1 Build the API`).
      const task = parseTaskLine(title);
      if (!task) return;
      id = task.id;
      title = task.title;
    }
    let entry: Workstream | null = null;
    if (wsRef) entry = this.tableEntry(wsRef.id, wsRef.name, lineNo, perTable);
    else if (this.section) entry = this.section.entry;
    else {
      const owner = workstreamOfTaskId(id);
      if (owner) entry = this.tableEntry(owner, '', lineNo, perTable);
    }
    if (!entry) return;
    const estCell = cell('estimate');
    const estimate = estCell ? parseEstimate(estCell, { defaultUnit: cols.estimateUnit }) : null;
    const inTitle = splitTaskDependencies(title);
    const split = estimate ? { title: inTitle.text } : splitTrailingEstimate(inTitle.text);
    const est = estimate ?? split.estimate;
    // A Deps column names task ids (`W1.1`, also bare `1.1` there) or workstreams (`W1`).
    const taskDeps = [...scanTaskIds(cell('deps'), { bare: true }), ...inTitle.dependsOn];
    this.addTask(entry, { id, title: cleanTaskTitle(split.title), ...(est ? { estimate: est } : {}), dependsOn: taskDeps }, lineNo);
    this.addDeps(entry, dependencyIds(cell('deps'), entry.id), lineNo);
  }

  /**
   * The entry table rows for `id` go to: the current section's when it is that workstream, the one
   * this table already made, else an earlier definition with the same (or no) name, else a new one.
   */
  private tableEntry(id: string, name: string, lineNo: number, perTable: Map<string, Workstream>): Workstream {
    if (this.section && this.section.entry.id === id && sameName(this.section.entry.name, name)) return this.section.entry;
    const mine = perTable.get(id);
    if (mine) {
      if (mine.name === '' && name) mine.name = name;
      return mine;
    }
    let entry = (this.byId.get(id) ?? []).find((e) => sameName(e.name, name));
    if (entry) {
      if (entry.name === '' && name) entry.name = name;
    } else {
      entry = { id, name, tasks: [], dependsOn: [], line: lineNo, format: 'table' };
      this.push(entry);
      const open = this.unclaimed.get(id) ?? new Set<Workstream>();
      open.add(entry);
      this.unclaimed.set(id, open);
    }
    perTable.set(id, entry);
    return entry;
  }

  private push(entry: Workstream): void {
    this.entries.push(entry);
    const same = this.byId.get(entry.id);
    if (same) same.push(entry);
    else this.byId.set(entry.id, [entry]);
  }

  private addTask(
    entry: Workstream,
    task: { id: string; title: string; estimate?: WbsTask['estimate']; dependsOn?: string[] },
    line: number,
  ): void {
    const t: WbsTask = { id: task.id, title: task.title, line };
    if (task.estimate) t.estimate = task.estimate;
    const deps: string[] = [];
    for (const d of task.dependsOn ?? []) {
      if (taskIdKey(d) !== taskIdKey(task.id) && !deps.some((x) => taskIdKey(x) === taskIdKey(d))) deps.push(d);
    }
    if (deps.length > 0) {
      t.dependsOn = deps;
      // A task waiting for another workstream's task makes the workstream depend on that one.
      const owners = deps.map(workstreamOfTaskId).filter((w): w is string => w !== null && w !== entry.id);
      if (owners.length > 0) this.addDeps(entry, owners, line);
    }
    entry.tasks.push(t);
  }

  /**
   * `statement`: the line is a dependency statement in its own right (`Depends on: none` counts);
   * otherwise (a table cell) it only counts as the statement line when it names a workstream.
   */
  private addDeps(entry: Workstream, ids: string[], line: number, statement = false): void {
    if (entry.dependsLine === undefined && (ids.length > 0 || statement)) entry.dependsLine = line;
    for (const id of ids) if (id !== entry.id && !entry.dependsOn.includes(id)) entry.dependsOn.push(id);
  }

  /** `W3 depends on W1` lines apply to the first definition of W3, wherever it stands. */
  private applyRelational(): void {
    for (const r of this.relational) {
      const entry = this.byId.get(r.id)?.[0];
      if (entry) this.addDeps(entry, dependencyIds(r.text, entry.id), r.line, true);
    }
  }
}

/** A Workstream cell: `W2`, `2`, `W2 — Inspection API`, `Inspection API (W2)`, `Workstream 2: Name`. */
export function parseWorkstreamRef(cell: string): { id: string; name: string } | null {
  const t = cleanCell(cell);
  const bare = /^0*(\d+)$/.exec(t);
  if (bare) return { id: `W${bare[1]}`, name: '' };
  const tok = scanWorkstreamTokens(t).find((x) => x.task === null);
  if (!tok) return null;
  const name = (t.slice(0, tok.index) + ' ' + t.slice(tok.end))
    .replace(/[([]\s*[)\]]/g, '')
    .replace(/^[\s:—–|.)(-]+|[\s:—–|.(-]+$/g, '')
    .trim();
  return { id: tok.id, name: cleanCell(name) };
}

function cleanTaskTitle(s: string): string {
  return s.trim();
}

function sameName(a: string, b: string): boolean {
  const n = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();
  return n(a) === '' || n(b) === '' || n(a) === n(b);
}
