import type { PlanStatus } from '../../src/core/contracts/plan-frontmatter';
import type { PlanInput } from '../../src/core/contracts/plan-input';
import { planParts, renderPart, type PlanPart, type RenderPlanOptions } from '../../src/core/plan/render-plan';

/**
 * A whole plan note in one string: core parts from the core, model parts from `bodies`. The planner
 * writes notes unit by unit (planParts → units → the ordered writer); tests use this to build one.
 */
export function renderPlan(input: PlanInput, bodies: (part: PlanPart) => string, status: PlanStatus, options: RenderPlanOptions = {}): string {
  return planParts(input, status, options)
    .map((p) => renderPart(p, p.owner === 'core' ? (p.coreBody ?? '') : bodies(p)))
    .join('');
}
