import type { Escalation } from '../../contracts/escalation';
import type { WbsTask, Workstream } from '../../contracts/wbs';
import { findWorkstreams } from '../../wbs/parse-wbs';
import type { EscalationContext } from '../context';
import { escalationFor, quoted, wbsAt, wbsEvidence, wbsPlace } from '../evidence';
import { taskIdKey } from '../../wbs/workstream-id';

export const RULE = 'duplicate-task';

/** Task ids compare trimmed and case-insensitively: `w2.1` and `W2.1` are the same task. */
// Every spelling of one task (`WS-01.2`, `W1.2`, `w01.2`) is the same task.
const key = (t: WbsTask): string => taskIdKey(t.id);

/**
 * Escalates when a task id of the planned workstream is also listed under another workstream: the
 * two workstreams' scopes overlap. One escalation per other workstream, listing every shared task.
 * Two definitions of the same workstream id are `duplicate-workstream`, not this.
 */
export function duplicateTask(ctx: EscalationContext): Escalation[] {
  const id = ctx.workstreamId;
  const mine = new Map<string, WbsTask>();
  for (const w of findWorkstreams(ctx.wbs, id)) for (const t of w.tasks) if (!mine.has(key(t))) mine.set(key(t), t);

  const others = new Map<string, { ws: Workstream; shared: Array<{ mine: WbsTask; theirs: WbsTask }> }>();
  for (const ws of ctx.wbs.workstreams) {
    if (ws.id === id) continue;
    for (const t of ws.tasks) {
      const own = mine.get(key(t));
      if (!own) continue;
      const entry = others.get(ws.id) ?? { ws, shared: [] };
      entry.shared.push({ mine: own, theirs: t });
      others.set(ws.id, entry);
    }
  }

  return [...others.values()].map(({ ws, shared }) => {
    const ids = shared.map((s) => s.mine.id).join(', ');
    const plural = shared.length > 1;
    return escalationFor(ctx, RULE, {
      blocker: `Task${plural ? 's' : ''} ${ids} ${plural ? 'are' : 'is'} listed under both ${id} and ${ws.id} in the WBS, so the two workstreams' scopes overlap.`,
      mesoSection: `None: the overlap is in ${wbsPlace(ctx)}.`,
      evidence: shared.flatMap((s) => [
        wbsEvidence(ctx, s.mine.line, `${s.mine.id} ${quoted(s.mine.title)} under ${id}`),
        wbsEvidence(ctx, s.theirs.line, `${s.theirs.id} ${quoted(s.theirs.title)} under ${ws.id}`),
      ]),
      questions: [
        `Which workstream owns ${ids}: ${id} or ${ws.id}?`,
        `If both need part of the work, how should ${plural ? 'these tasks' : 'the task'} be split, and under which new ids?`,
      ],
      recommendation: `Give each task one owner: remove ${ids} from one workstream's list (or renumber the copy), then plan again.`,
      ...wbsAt(ctx, shared[0]!.theirs.line),
    });
  });
}
