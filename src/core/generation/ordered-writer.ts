/**
 * Writes concurrently generated units into the note append-only, in document order. The first
 * unfinished unit (the cursor) streams live; later units buffer in memory and are flushed the
 * moment the cursor reaches them. Appends are batched: at most one sink write starts per
 * `minIntervalMs`, and each write carries only new text, so writing a note costs O(its size).
 */
import { createBatchedSink } from './batched-sink';
import type { NoteSink, Timers } from './timers';

export interface OrderedWriterOptions {
  /** Unit keys in document order. */
  keys: readonly string[];
  sink: NoteSink;
  timers: Timers;
  /** Least time between the starts of two sink writes. @default 100 (about ten writes a second) @unit ms */
  minIntervalMs?: number;
  /** Characters already in the note before the first unit (a resumed run). @default 0 */
  startOffset?: number;
  /** The note's last characters before the first unit, to decide the blank line before it. @default '' */
  noteTail?: string;
  /** Called as each sink write starts, with its UTF-8 size. */
  onWrite?(bytes: number): void;
  /** Called once when a sink write fails; the writer writes nothing after that. */
  onError?(error: unknown): void;
}

export interface InterruptResult {
  /** Note offset (characters) where the last complete unit of the document's finished prefix ends. */
  keepOffset: number;
  /** Note offset (characters) up to which text reached the sink; more than `keepOffset` means the caller truncates once. */
  writtenOffset: number;
}

export interface OrderedWriter {
  /** Adds text to a unit (in the unit's own order). Throws for a unit that is finished or unknown. */
  write(key: string, text: string): void;
  /**
   * Forgets a unit's text so far (its call is being retried from the start). For the unit that is
   * streaming live, text that already reached the note is cut back with one `sink.truncate`.
   */
  discard(key: string): void;
  /** Marks a unit complete; when it is the cursor, the cursor moves on and buffered text flushes. */
  finish(key: string): void;
  /** Writes everything queued now (not waiting for the interval) and waits for the sink. */
  close(): Promise<void>;
  /** Drops the text of unfinished units, writes queued text only up to `keepOffset`, and stops. */
  interrupt(): Promise<InterruptResult>;
  /** Keys of the finished prefix of the document, in order. */
  completeKeys(): string[];
  /** Note offset (characters) at the end of the finished prefix. */
  keepOffset(): number;
  readonly bytesWritten: number;
  readonly charsWritten: number;
  readonly writeCount: number;
  /** The sink's failure, if any. */
  readonly error: unknown;
}

/**
 * Blank line between units: what to add after a note whose last two characters are `tail` ('' when
 * they are not known) so the next unit starts after a blank line.
 */
function separatorAfter(tail: string): string {
  if (tail === '\n\n') return '';
  return tail.endsWith('\n') ? '\n' : '\n\n';
}

/** Each key's place in the document; a key given twice is a caller's bug. */
function indexKeys(keys: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  keys.forEach((k, i) => {
    if (index.has(k)) throw new Error(`ordered writer: duplicate key '${k}'`);
    index.set(k, i);
  });
  return index;
}

export function createOrderedWriter(options: OrderedWriterOptions): OrderedWriter {
  const { keys } = options;
  const index = indexKeys(keys);
  const n = keys.length;
  /** Units whose text is all in (by index), and units whose text has started (the blank line before it is queued). */
  const finished = new Set<number>();
  const opened = new Set<number>();
  const buffers: string[][] = keys.map(() => []);

  let cursor = 0;
  let docLength = options.startOffset ?? 0; // note length once everything queued is written
  let completeEnd = docLength;
  let tail = (options.noteTail ?? '').slice(-2);
  let completeTail = tail;
  const out = createBatchedSink({
    sink: options.sink,
    timers: options.timers,
    minIntervalMs: options.minIntervalMs ?? 100,
    startOffset: docLength,
    onWrite: (bytes) => options.onWrite?.(bytes),
    onError: (e) => options.onError?.(e),
  });

  /** Queues text of the cursor unit, after the blank line that opens the unit. */
  const queue = (text: string): void => {
    if (text === '') return;
    let chunk = text;
    if (!opened.has(cursor)) {
      opened.add(cursor);
      // A unit with text always starts after a blank line, unless the note is still empty.
      if (docLength > 0 || tail !== '') chunk = separatorAfter(tail) + text;
    }
    out.add(chunk);
    docLength += chunk.length;
    tail = (tail + chunk).slice(-2);
  };

  const indexOf = (key: string): number => {
    const i = index.get(key);
    if (i === undefined) throw new Error(`ordered writer: unknown unit '${key}'`);
    return i;
  };

  return {
    write(key: string, text: string): void {
      const i = indexOf(key);
      if (out.stopped) throw new Error(`ordered writer: write to '${key}' after stop`);
      if (finished.has(i)) throw new Error(`ordered writer: write to '${key}' after finish`);
      if (i === cursor) {
        queue(text);
        out.flushSoon();
      } else buffers[i]!.push(text); // queue drops it if empty
    },
    discard(key: string): void {
      const i = indexOf(key);
      if (out.stopped || finished.has(i)) return;
      if (i !== cursor) {
        buffers[i] = [];
        return;
      }
      docLength = completeEnd;
      tail = completeTail;
      opened.delete(cursor);
      out.cutBack(completeEnd);
    },
    finish(key: string): void {
      const i = indexOf(key);
      if (out.stopped) throw new Error(`ordered writer: finish of '${key}' after stop`);
      if (finished.has(i)) throw new Error(`ordered writer: '${key}' finished twice`);
      finished.add(i);
      while (finished.has(cursor)) {
        completeEnd = docLength;
        completeTail = tail;
        cursor++;
        // Once a unit is the cursor its text goes out live: its buffer is not read again.
        if (cursor < n) for (const chunk of buffers[cursor]!) queue(chunk);
      }
      out.flushSoon();
    },
    close: () => out.close(),
    async interrupt(): Promise<InterruptResult> {
      const writtenOffset = await out.interrupt(completeEnd);
      return { keepOffset: completeEnd, writtenOffset };
    },
    completeKeys: () => keys.slice(0, cursor),
    keepOffset: () => completeEnd,
    get bytesWritten() {
      return out.bytesWritten;
    },
    get charsWritten() {
      return out.charsWritten;
    },
    get writeCount() {
      return out.writeCount;
    },
    get error() {
      return out.error;
    },
  };
}
