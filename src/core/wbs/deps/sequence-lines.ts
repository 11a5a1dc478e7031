/**
 * Sequencing written apart from the tasks: `1) Contracts → 2) App shell → 3) Data layer`,
 * `A→B→C→D/E→F` (D and E both follow C), `Epic 1 → Epic 2 → Epic 3` as a critical path,
 * `Scaffolding -> Rendering core -> UI shell/HUD` by name. An element that names nothing breaks
 * the chain there: its neighbours are not linked across it.
 */
import type { WorkstreamResolver } from '../dependency-refs';
import type { DependencyEdge } from './edges';

const ARROW = /\s*(?:→|⟶|->|=>)\s*/;

/** Edges stated by arrow chains on lines `start`…`end` (1-based) of `lines`; `masked` has code blanked. */
export function sequenceEdges(
  lines: readonly string[],
  masked: readonly string[],
  range: { start: number; end: number },
  r: WorkstreamResolver,
  source: DependencyEdge['source'] = 'sequence',
  headingLines: ReadonlySet<number> = new Set(),
): DependencyEdge[] {
  const out: DependencyEdge[] = [];
  for (let i = range.start - 1; i < range.end && i < lines.length; i++) {
    const m = masked[i] ?? '';
    // Headings with arrows are contracts (`W1 → W2: tokens`), table rows are data, `-->` is a graph.
    if (!ARROW.test(m) || headingLines.has(i + 1) || /^\s*\|/.test(m) || /-->/.test(m)) continue;
    const line = (lines[i] ?? '').replace(/^\s*(?:>\s*)*(?:[-*+]\s+)?/, '');
    for (const clause of line.split(/;\s*|\.\s+(?=[A-Z])/)) {
      if (!ARROW.test(clause)) continue;
      out.push(...chainEdges(clause.split(ARROW), i + 1, r, source));
    }
  }
  return out;
}

/** The edges of one chain of elements, in order. */
export function chainEdges(elements: string[], line: number, r: WorkstreamResolver, source: DependencyEdge['source']): DependencyEdge[] {
  const resolved = elements.map((raw, k) => {
    let text = raw.replace(/\*\*|__|`/g, '').trim();
    // `Critical path: A` → `A`; `Epic 1: Cleanup` stays (it resolves as it is).
    if (k === 0 && r.resolveElement(text).ids.length === 0 && text.includes(':')) text = text.slice(text.lastIndexOf(':') + 1);
    const whole = r.resolveElement(text);
    if (whole.ids.length > 0) return whole.ids.map((id) => ({ id, by: whole.by!, ...(whole.number !== undefined ? { number: whole.number } : {}) }));
    return text.split('/').flatMap((part) => {
      const p = r.resolveElement(part);
      return p.ids.map((id) => ({ id, by: p.by!, ...(p.number !== undefined ? { number: p.number } : {}) }));
    });
  });
  // Only neighbours count: across a step that names nothing (`scene generator -> renderers -> UI
  // shell`, "renderers" matching no epic) the order of the two ends is not stated.
  const out: DependencyEdge[] = [];
  for (let k = 1; k < resolved.length; k++) {
    for (const a of resolved[k - 1]!) for (const b of resolved[k]!) if (a.id !== b.id) out.push({ from: a.id, to: b.id, line, source, by: [a, b] });
  }
  return out;
}
