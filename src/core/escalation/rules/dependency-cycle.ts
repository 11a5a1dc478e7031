import type { Escalation } from '../../contracts/escalation';
import type { Workstream } from '../../contracts/wbs';
import type { EscalationContext } from '../context';
import { escalationFor, wbsAt, wbsEvidence, wbsPlace } from '../evidence';

export const RULE = 'dependency-cycle';

interface Found {
  /** The cycle's ids in dependency order, first repeated at the end: `W2 → W3 → W2`. */
  cycle: string[];
  /** How the planned workstream reaches the cycle's first id (just `[planned]` when it is on the cycle). */
  path: string[];
}

/**
 * Cycles among the workstreams reachable from `start` by following dependencies, found depth-first:
 * each back edge gives one cycle. Every cycle-holding part of the graph yields at least one cycle,
 * but not necessarily every elementary cycle (enough to block, and keeps this linear).
 */
function findCycles(start: string, deps: Map<string, string[]>): Found[] {
  const found: Found[] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    stack.push(node);
    for (const next of deps.get(node) ?? []) {
      const at = stack.indexOf(next);
      if (at >= 0) {
        // Each node is visited once, so each back edge is met once, and two back edges never close
        // cycles of the same nodes: no cycle is found twice.
        found.push({ cycle: [...stack.slice(at), next], path: stack.slice(0, at + 1) });
      } else if (!done.has(next)) {
        // An id the WBS does not define has no dependencies: visiting it finds nothing.
        visit(next);
      }
    }
    stack.pop();
    done.add(node);
  };
  visit(start);
  return found;
}

/**
 * Escalates when a dependency cycle is reachable from the planned workstream through its upstream
 * dependencies (the planned workstream on the cycle, including depending on itself, or any
 * upstream workstream on one): no order of work satisfies the WBS. One escalation per cycle.
 */
export function dependencyCycle(ctx: EscalationContext): Escalation[] {
  const id = ctx.workstreamId;
  const defs = new Map<string, Workstream[]>();
  for (const w of ctx.wbs.workstreams) defs.set(w.id, [...(defs.get(w.id) ?? []), w]);
  // The dependencies of every definition of an id, each once (two definitions may list the same one).
  const deps = new Map([...defs].map(([wid, ws]) => [wid, [...new Set(ws.flatMap((w) => w.dependsOn))]]));

  // Every id on a cycle has dependencies, so the WBS defines it.
  const edgeLine = (from: string, to: string): number => {
    const w = defs.get(from)!.find((d) => d.dependsOn.includes(to))!;
    return w.dependsLine ?? w.line;
  };

  return findCycles(id, deps).map(({ cycle, path }) => {
    const arrow = cycle.join(' → ');
    const onCycle = cycle.includes(id);
    const blocker = onCycle
      ? `${id} is on a dependency cycle (${arrow}), so none of these workstreams can be finished first.`
      : `${id} reaches the dependency cycle ${arrow} through its upstream chain ${path.join(' → ')}, so its upstream work can never be finished.`;
    const edges = cycle.slice(0, -1).map((from, i) => {
      const to = cycle[i + 1]!;
      return wbsEvidence(ctx, edgeLine(from, to), `${from} depends on ${to}`);
    });
    const members = [...new Set(cycle)].join(', ');
    return escalationFor(ctx, RULE, {
      blocker,
      mesoSection: `None: the dependencies are stated in ${wbsPlace(ctx)}.`,
      evidence: [`Cycle: ${arrow}`, ...edges],
      questions: [
        `Which dependency in ${arrow} is wrong or can be dropped?`,
        `If ${members} truly need each other, which interface should be agreed first so one of them can start against a stub?`,
      ],
      recommendation: `Break the cycle in the WBS: remove or reverse one of the dependencies of ${arrow}, or split the shared part into its own workstream, then plan again.`,
      ...wbsAt(ctx, edgeLine(cycle[0]!, cycle[1]!)),
    });
  });
}
