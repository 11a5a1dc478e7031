/**
 * The ordered writer's side that talks to the note: text queued here reaches the sink in batches, at
 * most one write starting per `minIntervalMs`, each write carrying only the text queued since the
 * last one. It also carries the one cut-back (`sink.truncate`) a discarded live attempt asks for.
 * One write is in flight at a time; after a failed write nothing more is written.
 */
import { utf8Length, type NoteSink, type Timers } from './timers';

export interface BatchedSinkOptions {
  sink: NoteSink;
  timers: Timers;
  /** Least time between the starts of two sink writes. @unit ms */
  minIntervalMs: number;
  /** Characters already in the note. */
  startOffset: number;
  /** Called as each append starts, with its UTF-8 size. */
  onWrite(bytes: number): void;
  /** Called once when a sink write fails. */
  onError(error: unknown): void;
}

export interface BatchedSink {
  /** Queues text; it is written by the next `flushSoon` (or `close`). */
  add(text: string): void;
  /** Starts a write now if the interval allows it, otherwise sets a timer for it. */
  flushSoon(): void;
  /**
   * Forgets everything past `offset` (the note's length at the end of its complete text): queued
   * text is dropped, and text that already reached the note (or is on its way) is cut back once.
   */
  cutBack(offset: number): void;
  /** Writes everything queued now and waits for the sink; nothing is written after it. */
  close(): Promise<void>;
  /** Stops at once, then writes the pending cut-back and queued text only up to `keepOffset`; returns the offset the sink was asked to reach. */
  interrupt(keepOffset: number): Promise<number>;
  /** `close` or `interrupt` was called. */
  readonly stopped: boolean;
  readonly bytesWritten: number;
  readonly charsWritten: number;
  readonly writeCount: number;
  /** The sink's failure, if any. */
  readonly error: unknown;
}

export function createBatchedSink(options: BatchedSinkOptions): BatchedSink {
  const { sink, timers, minIntervalMs } = options;
  let pending = '';
  let writtenOffset = options.startOffset; // note length the sink has been asked to reach
  let truncateTo: number | null = null;
  let lastWriteAt = -Infinity;
  let timer: { handle: unknown } | null = null;
  let inFlight: Promise<void> | null = null;
  let stopped = false;
  let error: unknown = null;
  let bytesWritten = 0;
  let charsWritten = 0;
  let writeCount = 0;

  // Called at most once: one write is in flight at a time, and none starts after a failure.
  const fail = (e: unknown): void => {
    inFlight = null;
    error = e;
    options.onError(e);
  };

  const startTruncate = (offset: number): void => {
    writeCount++;
    inFlight = (sink.truncate ? sink.truncate(offset) : Promise.reject(new Error('the note cannot be cut back'))).then(() => {
      inFlight = null;
      schedule();
    }, fail);
  };

  const startAppend = (text: string): void => {
    writtenOffset += text.length;
    lastWriteAt = timers.now();
    const bytes = utf8Length(text);
    writeCount++;
    bytesWritten += bytes;
    charsWritten += text.length;
    options.onWrite(bytes);
    inFlight = sink.append(text).then(() => {
      inFlight = null;
      schedule();
    }, fail);
  };

  /** Starts the cut-back if one is due, else an append of everything queued (never called with neither). */
  const startWrite = (): void => {
    if (error !== null) return;
    if (truncateTo !== null) {
      const offset = truncateTo;
      truncateTo = null;
      startTruncate(offset);
      return;
    }
    const text = pending;
    pending = '';
    startAppend(text);
  };

  const schedule = (): void => {
    if (stopped || error !== null || (pending === '' && truncateTo === null) || inFlight !== null || timer !== null) return;
    const wait = lastWriteAt + minIntervalMs - timers.now();
    if (wait <= 0) {
      startWrite();
      return;
    }
    timer = {
      // Nothing starts a write or stops while a timer waits without cancelling it first.
      handle: timers.setTimer(() => {
        timer = null;
        startWrite();
      }, wait),
    };
  };

  const cancelTimer = (): void => {
    if (timer) timers.clearTimer(timer.handle);
    timer = null;
  };

  /** Waits for in-flight writes (including ones they chain) to settle. */
  const drain = async (): Promise<void> => {
    while (inFlight !== null) await inFlight;
  };

  return {
    add(text: string): void {
      pending += text;
    },
    flushSoon: schedule,
    cutBack(offset: number): void {
      cancelTimer();
      if (writtenOffset <= offset) {
        pending = pending.slice(0, offset - writtenOffset);
      } else {
        // Part of the text already reached (or is on its way to) the note: cut it back after that write.
        pending = '';
        truncateTo = offset;
        writtenOffset = offset;
      }
      schedule();
    },
    async close(): Promise<void> {
      for (;;) {
        await drain();
        cancelTimer();
        if ((pending === '' && truncateTo === null) || error !== null) break;
        startWrite();
      }
      stopped = true;
    },
    async interrupt(keepOffset: number): Promise<number> {
      stopped = true;
      cancelTimer();
      await drain();
      // A cut-back asked for by a discarded attempt must still happen: the note holds that attempt's text.
      if (truncateTo !== null) {
        startWrite();
        await drain();
      }
      const keep = keepOffset - writtenOffset;
      pending = pending.slice(0, Math.max(0, keep));
      if (pending !== '') {
        startWrite();
        await drain();
      }
      return writtenOffset;
    },
    get stopped() {
      return stopped;
    },
    get bytesWritten() {
      return bytesWritten;
    },
    get charsWritten() {
      return charsWritten;
    },
    get writeCount() {
      return writeCount;
    },
    get error() {
      return error;
    },
  };
}
