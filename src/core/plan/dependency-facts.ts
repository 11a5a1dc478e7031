/**
 * The dependency facts the core states itself in sections 1.2 and 1.3: which workstreams come
 * before and after this one (with their WBS names) and the meso contracts between them.
 */
import type { ContractRef, WorkstreamScope } from '../contracts/scope';
import type { Wbs } from '../contracts/wbs';

/** "W1: Foundation", or "W9 (not defined in the WBS)". */
export function workstreamLabel(wbs: Wbs, id: string): string {
  const ws = wbs.workstreams.find((w) => w.id === id);
  if (!ws) return `${id} (not defined in the WBS)`;
  return ws.name ? `${id}: ${ws.name}` : id;
}

function listWithContracts(wbs: Wbs, ids: string[], contracts: ContractRef[], other: (c: ContractRef) => string, verb: string): string[] {
  const lines: string[] = [];
  const used = new Set<ContractRef>();
  for (const id of ids) {
    lines.push(`- **${workstreamLabel(wbs, id)}**`);
    for (const c of contracts.filter((c) => other(c) === id)) {
      used.add(c);
      lines.push(`  - ${verb}: ${c.link}`);
    }
  }
  const rest = contracts.filter((c) => !used.has(c));
  if (rest.length > 0) {
    lines.push('');
    lines.push(`Contracts with workstreams the WBS does not list here:`);
    lines.push('');
    for (const c of rest) lines.push(`- ${other(c)}: ${c.link}`);
  }
  return lines;
}

/** Body of 1.2: every upstream workstream, each with the contracts this workstream consumes from it. */
export function upstreamFacts(scope: WorkstreamScope, wbs: Wbs): string {
  const id = scope.workstream.id;
  if (scope.upstream.length === 0 && scope.consumes.length === 0) {
    return `None: the WBS lists no workstream that ${id} depends on.`;
  }
  const head = scope.upstream.length > 0 ? [`${id} starts once these workstreams are complete (from the WBS):`, ''] : [`The WBS lists no workstream that ${id} depends on.`];
  return [...head, ...listWithContracts(wbs, scope.upstream, scope.consumes, (c) => c.from, 'Consumes')].join('\n');
}

/** Body of 1.3: every downstream workstream, each with the contracts this workstream provides to it. */
export function downstreamFacts(scope: WorkstreamScope, wbs: Wbs): string {
  const id = scope.workstream.id;
  if (scope.downstream.length === 0 && scope.provides.length === 0) {
    return `None: no workstream in the WBS depends on ${id}.`;
  }
  const head = scope.downstream.length > 0 ? [`These workstreams depend on ${id} (from the WBS):`, ''] : [`No workstream in the WBS depends on ${id}.`];
  return [...head, ...listWithContracts(wbs, scope.downstream, scope.provides, (c) => c.to, 'Provides')].join('\n');
}

/**
 * The longest chain of workstream dependencies that ends at `id`, oldest first (e.g. W1 → W3 → W2).
 * Cycles are cut where they close; ties go to the dependency written first.
 */
export function longestUpstreamChain(wbs: Wbs, id: string): string[] {
  const deps = new Map(wbs.workstreams.map((w) => [w.id, w.dependsOn] as const));
  const memo = new Map<string, string[]>();
  const walk = (node: string, path: Set<string>): string[] => {
    const cached = memo.get(node);
    if (cached) return cached;
    let best: string[] = [];
    for (const d of deps.get(node) ?? []) {
      if (path.has(d)) continue;
      const chain = walk(d, new Set([...path, d]));
      if (chain.length > best.length) best = chain;
    }
    const result = [...best, node];
    if (path.size <= 1) memo.set(node, result);
    return result;
  };
  return walk(id, new Set([id]));
}
