/**
 * Runs a plan's units: model units concurrently (started in document order, at most `concurrency`
 * at a time), core units as the scheduler reaches them, all written append-only in document order
 * through the ordered writer. A failed unit stops the run: nothing new starts, in-flight calls are
 * aborted, and the result says up to which offset the note holds complete units.
 */
import type { PlanEvent, UnitError, UnitUsage } from './plan-events';
import { createOrderedWriter, type InterruptResult, type OrderedWriter } from './ordered-writer';
import { createSectionTransform } from './section-transform';
import type { NoteSink, Timers } from './timers';
import type { PlanUnit, UnitOutcome } from './units';

/** Lets a unit's generator report what the run cannot see from its text. */
export interface UnitReporter {
  /** The generator is retrying after a transient failure (attempt counts from 1). */
  retry(attempt: number, reason: string): void;
  usage(usage: UnitUsage): void;
  /**
   * The generator restarts its call from the beginning: everything it yielded so far is dropped
   * (from memory, and from the note if it was streaming live) before the new attempt's text.
   */
  discard?(): void;
}

/**
 * Streams one model unit: yields the model's text deltas and returns how the call ended (returning
 * nothing means 'complete'). After its own retries are exhausted it throws a `UnitError`-shaped value
 * (`{ kind, message }`). It must stop soon after `signal` aborts.
 */
export type GenerateUnit = (unit: PlanUnit, signal: AbortSignal, report: UnitReporter) => AsyncIterator<string, UnitOutcome | void, undefined>;

export interface RunUnitsOptions {
  /** All units of the note, in document order. */
  units: readonly PlanUnit[];
  generate: GenerateUnit;
  /** Model calls in flight at once. @default 4 */
  concurrency?: number;
  sink: NoteSink;
  timers: Timers;
  /** Aborting it cancels every call in flight and ends the run as interrupted (reason kind 'cancelled'). */
  signal?: AbortSignal;
  onEvent?: (event: PlanEvent) => void;
  /**
   * For a resume: units already complete in the note. Only the leading run of complete units is
   * skipped; the note is append-only, so everything after the first incomplete unit is generated again.
   */
  isComplete?: (key: string) => boolean;
  /** Least time between two note writes. @default 100 @unit ms */
  minIntervalMs?: number;
  /** Characters already in the note (a resume). @default 0 */
  startOffset?: number;
  /** The note's last characters (a resume), to place the blank line before the first new unit. */
  noteTail?: string;
}

export interface RunResult {
  status: 'complete' | 'interrupted';
  /** Units complete in the note, in document order (skipped ones included). */
  completeKeys: string[];
  /** The first unit not complete, when interrupted. */
  stoppedAt?: string;
  /** Why the run stopped: the failed unit's error, `cancelled`, or `write-failed`. */
  reason?: UnitError;
  /** Note offset (characters) up to which the note holds complete units. */
  keepOffset: number;
  /** Note offset the sink was asked to reach; when above `keepOffset`, truncate the note to `keepOffset` once. */
  writtenOffset: number;
  bytesWritten: number;
  writeCount: number;
  /** Units written with a "stopped early" warning. */
  incomplete: { key: string; outcome: 'truncated' | 'refused' }[];
}

const ABORTED = Symbol('aborted');

export function toUnitError(e: unknown): UnitError {
  if (typeof e === 'object' && e !== null && typeof (e as { kind?: unknown }).kind === 'string') {
    const message = (e as { message?: unknown }).message;
    return { kind: (e as { kind: string }).kind, message: typeof message === 'string' ? message : message === undefined || message === null ? '' : JSON.stringify(message) };
  }
  return { kind: 'unknown', message: e instanceof Error ? e.message : String(e) };
}

/** The run's stop: the first reason wins, aborts every call in flight and wakes the scheduler. */
interface RunStop {
  readonly signal: AbortSignal;
  /** Resolves when the run is stopped. */
  readonly aborted: Promise<typeof ABORTED>;
  readonly reason: UnitError | null;
  stop(reason: UnitError): void;
  /** Resolves when a model unit ends or the run stops. */
  waitForSlot(): Promise<void>;
  /** Wakes the scheduler waiting longest, if any. */
  slotFreed(): void;
}

function createRunStop(): RunStop {
  const controller = new AbortController();
  let reason: UnitError | null = null;
  const waiters: (() => void)[] = [];
  const aborted = new Promise<typeof ABORTED>((resolve) => {
    controller.signal.addEventListener('abort', () => resolve(ABORTED)); // a signal aborts once
  });
  return {
    signal: controller.signal,
    aborted,
    get reason() {
      return reason;
    },
    stop(r: UnitError): void {
      if (reason) return;
      reason = r;
      controller.abort();
      for (const w of waiters.splice(0)) w();
    },
    waitForSlot: () => new Promise<void>((resolve) => waiters.push(resolve)),
    slotFreed: () => waiters.shift()?.(),
  };
}

/** What a model unit's run needs from the whole run. */
interface UnitContext {
  generate: GenerateUnit;
  run: RunStop;
  writer: OrderedWriter;
  emit: (e: PlanEvent) => void;
  /** Sends a unit's text to the note (and to the listeners). */
  put: (key: string, text: string) => void;
  /** Marks a unit done with its outcome. */
  finish: (key: string, outcome: UnitOutcome) => void;
}

/**
 * Streams one model unit through its section transform into the writer. A failure stops the run;
 * being stopped by the run (another unit failed, or the caller cancelled) is not this unit's failure.
 */
async function runModelUnit(unit: PlanUnit, ctx: UnitContext): Promise<void> {
  const { run, emit, put } = ctx;
  const key = unit.key;
  let settled = false;
  const report: UnitReporter = {
    retry: (attempt, reason) => {
      if (!settled) emit({ type: 'unit-retry', key, attempt, reason });
    },
    // An attempt abandoned by a stop reports its usage after the run is done: the caller's own usage hook has it.
    usage: (u) => {
      if (!settled) emit({ type: 'usage', key, ...u });
    },
  };
  emit({ type: 'unit-start', key });
  let transform = createSectionTransform(unit);
  report.discard = (): void => {
    if (settled) return;
    ctx.writer.discard(key);
    transform = createSectionTransform(unit);
    put(key, transform.push(''));
  };
  put(key, transform.push(''));
  let it: AsyncIterator<string, UnitOutcome | void, undefined> | null = null;
  try {
    it = ctx.generate(unit, run.signal, report);
    let outcome: UnitOutcome;
    for (;;) {
      const next = it.next();
      next.catch(() => undefined); // after an abort nobody awaits it
      const r = await Promise.race([next, run.aborted]);
      if (r === ABORTED) {
        settled = true;
        it.return?.(undefined)?.catch(() => undefined);
        return;
      }
      if (r.done) {
        outcome = r.value ?? 'complete';
        break;
      }
      put(key, transform.push(r.value));
    }
    settled = true;
    put(key, transform.end(outcome));
    ctx.finish(key, outcome);
  } catch (e) {
    settled = true;
    if (run.signal.aborted) return;
    const error = toUnitError(e);
    emit({ type: 'unit-failed', key, error });
    run.stop(error);
  }
}

/** Starts the units in document order: core units at once, model units while fewer than `concurrency` run. */
async function startUnits(todo: readonly PlanUnit[], concurrency: number, ctx: UnitContext): Promise<void> {
  const { run } = ctx;
  let active = 0;
  const workers: Promise<void>[] = [];
  for (const unit of todo) {
    if (run.reason) break;
    if (unit.kind === 'core') {
      ctx.emit({ type: 'unit-start', key: unit.key });
      ctx.put(unit.key, unit.coreText ?? '');
      ctx.finish(unit.key, 'complete');
      continue;
    }
    if (active >= concurrency) await run.waitForSlot();
    if (run.reason) break;
    active++;
    workers.push(
      runModelUnit(unit, ctx).finally(() => {
        active--;
        run.slotFreed();
      }),
    );
  }
  await Promise.all(workers);
}

export async function runUnits(options: RunUnitsOptions): Promise<RunResult> {
  const { units, generate, sink, timers, signal, isComplete } = options;
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`runUnits: concurrency must be a positive integer, got ${concurrency}`);
  const emit = (e: PlanEvent): void => options.onEvent?.(e);

  emit({ type: 'run-start', units: units.map((u) => ({ key: u.key, label: u.label, kind: u.kind })) });
  let first = 0;
  const skipped: string[] = [];
  while (first < units.length && isComplete?.(units[first]!.key)) {
    skipped.push(units[first]!.key);
    emit({ type: 'unit-skipped', key: units[first]!.key });
    first++;
  }
  const todo = units.slice(first);

  const run = createRunStop();
  const writer = createOrderedWriter({
    keys: todo.map((u) => u.key),
    sink,
    timers,
    minIntervalMs: options.minIntervalMs,
    startOffset: options.startOffset,
    noteTail: options.noteTail,
    onWrite: (bytes) => emit({ type: 'written', bytes }),
    onError: (e) => run.stop({ kind: 'write-failed', message: toUnitError(e).message }),
  });

  const onAbort = (): void => run.stop({ kind: 'cancelled', message: 'Generation was cancelled.' });
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort); // taken off again below, whether it fired or not

  const outcomes = new Map<string, UnitOutcome>();
  await startUnits(todo, concurrency, {
    generate,
    run,
    writer,
    emit,
    put: (key, text) => {
      if (text === '') return;
      emit({ type: 'unit-delta', key, text });
      writer.write(key, text);
    },
    finish: (key, outcome) => {
      outcomes.set(key, outcome);
      writer.finish(key);
      emit({ type: 'unit-done', key, outcome });
    },
  });
  signal?.removeEventListener('abort', onAbort);

  const { keepOffset, writtenOffset } = await settleWriter(writer, run.reason === null);
  // A failed final write also interrupts the run (the writer reports it through `stop`).
  const reason = run.reason;
  const completeKeys = [...skipped, ...writer.completeKeys()];
  const stoppedAt = reason ? todo.find((u) => !completeKeys.includes(u.key))?.key : undefined;
  const status = reason ? 'interrupted' : 'complete';
  emit(stoppedAt !== undefined ? { type: 'done', status, stoppedAt } : { type: 'done', status });

  return {
    status,
    completeKeys,
    ...(stoppedAt !== undefined ? { stoppedAt } : {}),
    ...(reason ? { reason } : {}),
    keepOffset,
    writtenOffset,
    bytesWritten: writer.bytesWritten,
    writeCount: writer.writeCount,
    incomplete: incompleteUnits(completeKeys, outcomes),
  };
}

/** A run that was not stopped writes everything; a stopped one keeps only complete units. */
async function settleWriter(writer: OrderedWriter, complete: boolean): Promise<InterruptResult> {
  if (complete) {
    await writer.close();
    const keepOffset = writer.keepOffset();
    return { keepOffset, writtenOffset: keepOffset };
  }
  return writer.interrupt();
}

/** The complete units the model stopped early in, in document order. */
function incompleteUnits(completeKeys: readonly string[], outcomes: ReadonlyMap<string, UnitOutcome>): RunResult['incomplete'] {
  const incomplete: RunResult['incomplete'] = [];
  for (const k of completeKeys) {
    const o = outcomes.get(k);
    if (o === 'truncated' || o === 'refused') incomplete.push({ key: k, outcome: o });
  }
  return incomplete;
}
