/**
 * The `generate(unit, signal, report)` the generation runner calls for each model unit (`GenerateUnit`
 * in generation/run-units.ts): it streams the section call, yields its text deltas and returns how the
 * call ended ('truncated' after its retries with more room, and 'refused', are finished calls). Once retries are spent it
 * throws an `AnthropicFailure` (`{ kind, message }`; kind `cancelled` when the signal aborts).
 *
 * Restarting a call mid-stream voids the text this unit already yielded. Before every restart the
 * generator calls `report.retry(attempt, reason)`; when the attempt had yielded text it also calls
 * `report.discard()`, which tells the runner to drop this unit's text (reset its transform, drop what is
 * buffered, truncate what is appended). A runner without `discard` cannot drop text, so for it a failure
 * after text was yielded is not retried but thrown: the note never holds two attempts' text.
 */
import type { Outline } from '../../contracts/outline';
import type { UnitReporter } from '../../generation/run-units';
import type { PlanUnit, UnitOutcome } from '../../generation/units';
import type { PlannerContext } from './context';
import type { PriceOverride } from './pricing';
import { sectionRequest, type RequestSettings } from './requests';
import { streamCall, type StreamCallDeps } from './stream-call';
import { failure } from './errors';
import { callUsage, type CallUsage } from './usage';

/** The runner's reporter, with the optional hook that voids a unit's text before a restart. */
export type SectionReporter = UnitReporter & {
  /** Everything this unit yielded so far is void: the call starts again from its beginning. */
  discard?: () => void;
};

export interface SectionGeneratorDeps extends StreamCallDeps {
  context: PlannerContext;
  settings: RequestSettings;
  outline: Outline;
  /** `settings.prices`. */
  prices?: Record<string, PriceOverride>;
  /** Called once per attempt with its usage and cost (cost null for an unpriced model). */
  onUsage?: (usage: CallUsage) => void;
}

export type GenerateSection = (unit: PlanUnit, signal: AbortSignal, report?: SectionReporter) => AsyncGenerator<string, UnitOutcome>;

export function createSectionGenerator(deps: SectionGeneratorDeps): GenerateSection {
  return async function* generate(unit, signal, report) {
    const params = sectionRequest(deps.context, deps.settings, deps.outline, unit);
    const call = streamCall(deps, params, signal);
    let yielded = false;
    try {
      let step = await call.next();
      while (!step.done) {
        const item = step.value;
        if (item.type === 'text') {
          if (item.text !== '') yielded = true;
          yield item.text;
        } else if (item.type === 'usage') {
          const usage = { ...callUsage(unit.key, item.params.model, item.usage, deps.prices), ...(item.partial ? { partial: true } : {}) };
          deps.onUsage?.(usage);
          report?.usage({ input: usage.inputTokens, cacheWrite: usage.cacheWriteTokens, cacheRead: usage.cacheReadTokens, output: usage.outputTokens, costUsd: usage.costUsd ?? 0 });
        } else {
          if (yielded && !report?.discard) throw failure(item.failure);
          report?.retry(item.attempt, item.failure.message);
          if (yielded) report?.discard?.();
          yielded = false;
        }
        step = await call.next();
      }
      return step.value.outcome;
    } finally {
      // Stops the HTTP stream when the runner stops reading early or a failure is thrown.
      await call.return(undefined as never);
    }
  };
}
