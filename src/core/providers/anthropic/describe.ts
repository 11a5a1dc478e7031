/**
 * Dry run and estimate: the exact requests a plan would send (bodies only; the key is a client
 * option and never part of a body) and their estimated cost. The outline is not known before the
 * outline call, so the section requests are rendered with the outline passed in (the derived one,
 * typically).
 */
import type { Outline } from '../../contracts/outline';
import type { PlannerContext } from './context';
import { estimateRequests, measureByCharacters, measureByCounting, type CostEstimate, type MeasuredRequest, type PlannedRequest, type TokenCounter } from './estimate';
import type { PriceOverride } from './pricing';
import { outlineRequest, sectionRequest, type RequestSettings, type SectionUnit } from './requests';

export interface RequestsDescription {
  requests: PlannedRequest[];
  estimate: CostEstimate;
  /** The request bodies as pretty JSON, ready to print or save. */
  json: string;
}

/** Every request of a plan, in the order sent: the outline call, then one call per model-written part. */
export function planRequests(ctx: PlannerContext, s: RequestSettings, outline: Outline | null, units: readonly SectionUnit[]): PlannedRequest[] {
  const sections = outline ? units.map((u): PlannedRequest => ({ call: u.key, kind: 'section', params: sectionRequest(ctx, s, outline, u) })) : [];
  return [...(outline === null ? [] : [{ call: 'outline', kind: 'outline' as const, params: outlineRequest(ctx, s) }]), ...sections];
}

export interface DescribeOptions {
  prices?: Record<string, PriceOverride>;
  /** Counts tokens with the API (`messages.countTokens`); without it they are characters ÷ 4. */
  counter?: TokenCounter;
  /** Most modules section 2 can have (the workstream's task count): the "at most" allows for them. */
  maxModules?: number;
  /** False on a resume: the outline is already known and not asked again. @default true */
  withOutline?: boolean;
  /** Priced as Message Batches requests (the batch discount on every token). */
  batch?: boolean;
}

/** Tokens the retry of the outline adds at most (it lists at most ten problems of the first answer). */
const OUTLINE_RETRY_MARGIN_TOKENS = 1000;

export async function describeRequests(ctx: PlannerContext, s: RequestSettings, outline: Outline, units: readonly SectionUnit[], options: DescribeOptions = {}): Promise<RequestsDescription> {
  const withOutline = options.withOutline ?? true;
  const all = planRequests(ctx, s, outline, units);
  const requests = withOutline ? all : all.filter((r) => r.kind !== 'outline');
  const measured = options.counter ? await measureByCounting(requests, options.counter) : measureByCharacters(requests);
  const extra: MeasuredRequest[] = [];
  const outlineCall = measured.find((m) => m.kind === 'outline');
  if (outlineCall) extra.push({ ...outlineCall, call: 'outline-retry', totalTokens: outlineCall.totalTokens + OUTLINE_RETRY_MARGIN_TOKENS });
  const modules = measured.filter((m) => m.call.startsWith('module-') || m.call.startsWith('section-2.'));
  const largest = modules.reduce<MeasuredRequest | null>((a, m) => (a === null || m.totalTokens > a.totalTokens ? m : a), null);
  if (largest && options.maxModules !== undefined) {
    for (let i = modules.length; i < options.maxModules; i++) extra.push({ ...largest, call: `module-extra-${i + 1}` });
  }
  const estimate = estimateRequests(measured, {
    prices: options.prices ?? {},
    tokenSource: options.counter ? 'count_tokens' : 'characters',
    defaultEffort: s.profile.defaultEffort,
    extraForMax: extra,
    ...(options.batch ? { batch: true } : {}),
  });
  return { requests, estimate, json: JSON.stringify(requests.map((r) => ({ call: r.call, params: r.params })), null, 2) };
}
