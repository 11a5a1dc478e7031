/**
 * Every source of a workstream's dependencies counts: `dependsOn` is their union. When two sources
 * that both speak about a workstream disagree (neither names all the other names: an entry
 * criterion says Epic 3, the graph says Epic 1) the WBS carries a warning naming both lines.
 */
import type { DependencySource, Wbs, WbsWarning, Workstream } from '../../contracts/wbs';
import type { DependencyEdge } from './edges';

const SOURCE_WORDS: Record<DependencySource['source'], string> = {
  wbs: 'the WBS',
  entry: 'the entry criteria',
  tasks: 'the task dependencies',
  sequence: 'the sequencing line',
  graph: 'the dependency graph',
  macro: 'the macro-level plan',
  meso: 'the meso-level plan',
};

/** Adds `edges` (from one note, `file` when not the micro plan) as sources of the workstreams they end at. */
export function addEdges(wbs: Wbs, edges: readonly DependencyEdge[], file?: string): void {
  const first = new Map<string, Workstream>();
  for (const w of wbs.workstreams) if (!first.has(w.id)) first.set(w.id, w);
  // One source per (workstream, source kind, line).
  for (const e of edges) {
    const ws = first.get(e.to);
    if (!ws || !first.has(e.from) || e.from === e.to) continue;
    const sources = (ws.dependencySources ??= []);
    // A graph states every edge of one diagram: one source per graph kind and note, at its first line.
    const sameStatement = (x: DependencySource): boolean => x.source === e.source && x.file === file && (e.source === 'graph' || x.line === e.line);
    let s = sources.find(sameStatement);
    if (!s) {
      s = { source: e.source, on: [], line: e.line, ...(file ? { file } : {}) };
      sources.push(s);
    }
    if (!s.on.includes(e.from)) s.on.push(e.from);
  }
}

/**
 * Recomputes `dependsOn` as the union of every source (its own order first), sets `dependsLine`
 * when it was unset, and sets `wbs.warnings` to the disagreements (one per pair of lines; the
 * only warnings a WBS carries, so a second call after more sources were added replaces them).
 */
export function unionDependencies(wbs: Wbs, microPath?: string): void {
  const warnings: WbsWarning[] = [];
  const label = (id: string): string => {
    const w = wbs.workstreams.find((x) => x.id === id);
    return w?.label ? `${w.label} (${id})` : id;
  };
  for (const ws of wbs.workstreams) {
    const sources = ws.dependencySources ?? [];
    for (const s of sources) for (const id of s.on) if (id !== ws.id && !ws.dependsOn.includes(id)) ws.dependsOn.push(id);
    const stating = sources.filter((s) => s.on.length > 0).sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line);
    if (ws.dependsLine === undefined && stating.length > 0) ws.dependsLine = Math.min(...stating.filter((s) => s.file === undefined).map((s) => s.line), Number.MAX_SAFE_INTEGER);
    if (ws.dependsLine === Number.MAX_SAFE_INTEGER) delete ws.dependsLine;
    const disagree = stating.some((x) => stating.some((y) => !x.on.every((id) => y.on.includes(id)) && !y.on.every((id) => x.on.includes(id))));
    if (disagree) {
      const where = (s: DependencySource): string => `${SOURCE_WORDS[s.source]} (${s.file ?? microPath ?? 'overall micro-level plan'}, line ${s.line})`;
      const says = stating.map((s) => `${where(s)} says ${s.on.map(label).join(', ')}`);
      const at = stating.find((s) => s.file === undefined) ?? stating[0]!;
      warnings.push({
        line: at.line,
        ...(at.file ? { file: at.file } : {}),
        message: `${label(ws.id)} has dependencies that disagree: ${says.join('; ')}. All are kept: it depends on ${ws.dependsOn.map(label).join(', ')}.`,
      });
    }
  }
  if (warnings.length > 0) wbs.warnings = warnings;
  else delete wbs.warnings;
}

/** Workstreams read from ids (`W2: …`, `Depends on: W1`) state their dependencies once: as one `wbs` source. */
export function ensureSources(wbs: Wbs): void {
  for (const ws of wbs.workstreams) {
    if (ws.dependencySources || ws.dependsOn.length === 0) continue;
    ws.dependencySources = [{ source: 'wbs', on: [...ws.dependsOn], line: ws.dependsLine ?? ws.line }];
  }
}
