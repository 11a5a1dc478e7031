import type { ReadinessReport } from '../contracts/readiness';
import { parsePlanSections } from '../plan/parse-plan';
import { buildContext, type CheckPlanInput } from './context';
import { READINESS_CHECKS } from './items';

export type { CheckPlanInput } from './context';

/**
 * Evaluates the readiness checklist (section 11.1 of the output format) on a plan note. Items come
 * in the order of READINESS_ITEM_IDS; `ready` is true only when every item passes.
 */
export async function checkPlan(input: CheckPlanInput): Promise<ReadinessReport> {
  const ctx = buildContext(input, parsePlanSections(input.text));
  const items = [];
  for (const c of READINESS_CHECKS) items.push(await c.check(ctx));
  return { ready: items.every((i) => i.ok), items };
}
