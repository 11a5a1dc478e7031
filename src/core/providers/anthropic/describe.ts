/**
 * Dry run: the exact requests a plan would send (bodies only; the key is a client option and never part
 * of a body) and their estimated cost. The outline is not known before the outline call, so the section
 * requests are rendered with the outline passed in (the derived one, typically).
 */
import type { Outline } from '../../contracts/outline';
import type { PlannerContext } from './context';
import { estimateRequests, type CostEstimate, type PlannedRequest } from './estimate';
import type { ModelPrice } from './pricing';
import { outlineRequest, sectionRequest, type RequestSettings, type SectionUnit } from './requests';

export interface RequestsDescription {
  requests: PlannedRequest[];
  estimate: CostEstimate;
  /** `requests` as pretty JSON, ready to print or save. */
  json: string;
}

/** Every request of a plan, in the order sent: the outline call, then one call per model-written part. */
export function planRequests(ctx: PlannerContext, s: RequestSettings, outline: Outline, units: readonly SectionUnit[]): PlannedRequest[] {
  return [{ call: 'outline', params: outlineRequest(ctx, s) }, ...units.map((u) => ({ call: u.key, params: sectionRequest(ctx, s, outline, u) }))];
}

export function describeRequests(
  ctx: PlannerContext,
  s: RequestSettings,
  outline: Outline,
  units: readonly SectionUnit[],
  prices: Record<string, ModelPrice> = {},
): RequestsDescription {
  const requests = planRequests(ctx, s, outline, units);
  return { requests, estimate: estimateRequests(requests, prices), json: JSON.stringify(requests, null, 2) };
}
