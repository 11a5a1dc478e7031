/**
 * The `generate(unit, signal)` the generation runner calls for each model unit: it streams the
 * section call and yields its text. When an attempt fails mid-stream and is retried, it first yields a
 * `SectionRestart`: the runner discards the text it received for this unit and starts the unit again.
 * Returns how the call ended; `truncated` and `refused` are not retried. Throws an `AnthropicFailure`
 * once retries are spent (kind `cancelled` when the signal aborts).
 */
import type { Outline } from '../../contracts/outline';
import type { PlanUnit, UnitOutcome } from '../../generation/units';
import type { PlannerContext } from './context';
import type { AnthropicFailure } from './errors';
import type { ModelPrice } from './pricing';
import { sectionRequest, type RequestSettings } from './requests';
import { streamCall, type StreamCallDeps } from './stream-call';
import { callUsage, type CallUsage } from './usage';

/** "Drop the text you have for this unit: the call starts over." */
export interface SectionRestart {
  type: 'restart';
  /** 1 for the first retry. */
  attempt: number;
  /** Why the previous attempt failed. */
  failure: AnthropicFailure;
}

export type SectionYield = string | SectionRestart;

export function isSectionRestart(x: SectionYield): x is SectionRestart {
  return typeof x !== 'string';
}

export interface SectionGeneratorDeps extends StreamCallDeps {
  context: PlannerContext;
  settings: RequestSettings;
  outline: Outline;
  /** `settings.prices`. */
  prices?: Record<string, ModelPrice>;
  /** Called once per finished call with its usage and cost. */
  onUsage?: (usage: CallUsage) => void;
  /** Called before each pipeline retry. */
  onRetry?: (unit: PlanUnit, restart: SectionRestart) => void;
}

export type GenerateSection = (unit: PlanUnit, signal: AbortSignal) => AsyncGenerator<SectionYield, UnitOutcome>;

export function createSectionGenerator(deps: SectionGeneratorDeps): GenerateSection {
  return async function* generate(unit, signal) {
    const params = sectionRequest(deps.context, deps.settings, deps.outline, unit);
    const call = streamCall(deps, params, signal);
    try {
      let step = await call.next();
      while (!step.done) {
        const item = step.value;
        if (item.type === 'text') yield item.text;
        else {
          const restart: SectionRestart = { type: 'restart', attempt: item.attempt, failure: item.failure };
          deps.onRetry?.(unit, restart);
          yield restart;
        }
        step = await call.next();
      }
      deps.onUsage?.(callUsage(unit.key, params.model, step.value.message.usage, deps.prices));
      return step.value.outcome;
    } finally {
      // Stops the HTTP stream when the runner stops reading early.
      await call.return(undefined as never);
    }
  };
}
