/**
 * Dependencies drawn as a Mermaid graph in a fenced `mermaid` block:
 * `Epic1[Epic 1: Cleanup] --> Epic2[Epic 2: Video landing]`, `A --> B --> C`, `A & B --> C`,
 * `A -->|then| B`. A node is resolved by its label (`Epic 1: Cleanup`), else by its id (`Epic1`).
 */
import type { WorkstreamResolver } from '../dependency-refs';
import type { DependencyEdge } from './edges';

const NODE_DEF = /([A-Za-z_][\w-]*)\s*(?:\[\[|\[\(|\(\(|\[|\(|\{\{|\{|>)\s*"?([^\])}"]*?)"?\s*(?:\]\]|\)\]|\)\)|\]|\)|\}\}|\})/g;
const EDGE = /\s*(?:<?-{2,}>|<?={2,}>|<?-\.+->|-{3,}|--[ox])\s*(?:\|[^|]*\|\s*)?/;

/** Edges of every Mermaid graph on lines `start`…`end` (1-based). */
export function mermaidEdges(lines: readonly string[], range: { start: number; end: number }, r: WorkstreamResolver, source: DependencyEdge['source'] = 'graph'): DependencyEdge[] {
  const out: DependencyEdge[] = [];
  for (let i = range.start - 1; i < range.end && i < lines.length; i++) {
    if (!/^\s*(?:>\s*)*(`{3,}|~{3,})\s*mermaid\b/i.test(lines[i]!)) continue;
    const fence = /(`{3,}|~{3,})/.exec(lines[i]!)![1]!;
    const body: Array<{ text: string; line: number }> = [];
    let j = i + 1;
    for (; j < lines.length && !lines[j]!.trim().startsWith(fence); j++) body.push({ text: lines[j]!.replace(/%%.*$/, ''), line: j + 1 });
    out.push(...graphEdges(body, r, source));
    i = j;
  }
  return out;
}

function graphEdges(body: ReadonlyArray<{ text: string; line: number }>, r: WorkstreamResolver, source: DependencyEdge['source']): DependencyEdge[] {
  const labels = new Map<string, string>();
  for (const { text } of body) for (const m of text.matchAll(NODE_DEF)) if (!labels.has(m[1]!) && m[2]!.trim() !== '') labels.set(m[1]!, m[2]!.trim());
  const node = (raw: string): Array<{ id: string; by: 'number' | 'name'; number?: number }> => {
    const id = raw.trim().replace(NODE_DEF, '$1').trim();
    if (id === '' || /^(?:graph|flowchart|subgraph|end|classDef|class|style|linkStyle|click|direction)\b/.test(id)) return [];
    const label = labels.get(id);
    // `Epic1` and `Epic1_2` name epic 1 and nothing; `E1` and `W1` as written.
    const spaced = id.replace(/^(epic|ws|w|e)[-_]?(\d+)$/i, '$1 $2');
    for (const candidate of label ? [label, spaced] : [spaced]) {
      const res = r.resolveElement(candidate);
      if (res.ids.length > 0) return res.ids.map((x) => ({ id: x, by: res.by!, ...(res.number !== undefined ? { number: res.number } : {}) }));
    }
    return [];
  };
  const out: DependencyEdge[] = [];
  for (const { text, line } of body) {
    if (!EDGE.test(text)) continue;
    const steps = text.split(EDGE).map((piece) => piece.split(/\s+&\s+/).flatMap(node));
    for (let k = 1; k < steps.length; k++) {
      for (const a of steps[k - 1]!) for (const b of steps[k]!) if (a.id !== b.id) out.push({ from: a.id, to: b.id, line, source, by: [a, b] });
    }
  }
  return out;
}
