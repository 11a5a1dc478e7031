import { createBatchedSink } from '../../../src/core/generation/batched-sink';
import type { NoteSink } from '../../../src/core/generation/timers';
import { FakeTimers, Gate, MemorySink, settle } from './fakes';

/** A sink whose writes wait for the test: each call is noted, and settles when the test says so. */
class HeldSink implements NoteSink {
  calls: string[] = [];
  private gates: Gate[] = [];
  append(text: string): Promise<void> {
    this.calls.push(`append ${JSON.stringify(text)}`);
    return this.hold();
  }
  truncate(offset: number): Promise<void> {
    this.calls.push(`truncate ${offset}`);
    return this.hold();
  }
  private hold(): Promise<void> {
    const g = new Gate();
    this.gates.push(g);
    return g.promise;
  }
  /** Settles the oldest write still held. */
  async release(error?: Error): Promise<void> {
    const g = this.gates.shift();
    if (!g) throw new Error('no write is held');
    if (error) g.reject(error);
    else g.resolve();
    await settle();
  }
  get held(): number {
    return this.gates.length;
  }
}

function setup(sink?: NoteSink, startOffset = 0, timers = new FakeTimers()) {
  const note = sink ?? new MemorySink(timers);
  const errors: unknown[] = [];
  const writes: number[] = [];
  const out = createBatchedSink({
    sink: note,
    timers,
    minIntervalMs: 100,
    startOffset,
    onWrite: (bytes) => writes.push(bytes),
    onError: (e) => errors.push(e),
  });
  return { timers, out, errors, writes };
}

/** The batched sink over an in-memory note on the same fake timers, after its first write ('abc') has landed. */
async function afterFirstWrite() {
  const timers = new FakeTimers();
  const sink = new MemorySink(timers);
  const { out } = setup(sink, 0, timers);
  out.add('abc');
  out.flushSoon();
  await settle();
  return { timers, sink, out };
}

describe('createBatchedSink', () => {
  it('writes nothing and waits for nothing when asked to flush with nothing queued', async () => {
    const sink = new HeldSink();
    const { timers, out, writes } = setup(sink);
    out.flushSoon();
    out.add('');
    out.flushSoon();
    await timers.advance(500);
    expect(sink.calls).toEqual([]);
    expect(writes).toEqual([]);
    expect(timers.pendingTimers).toBe(0);
    expect(out.writeCount).toBe(0);
  });

  it('keeps one write in flight at a time, however long the sink takes', async () => {
    const sink = new HeldSink();
    const { timers, out } = setup(sink);
    out.add('a');
    out.flushSoon();
    out.add('b');
    out.flushSoon();
    await timers.advance(1000);
    expect(sink.calls).toEqual(['append "a"']);
    // The interval passed long ago: the queued text goes out as soon as the sink is done.
    await sink.release();
    expect(sink.calls).toEqual(['append "a"', 'append "b"']);
    expect(sink.held).toBe(1);
  });

  it('sets one timer for text queued within the interval, however often it is asked', async () => {
    const sink = new MemorySink(new FakeTimers());
    const { timers, out } = setup(sink);
    out.add('a');
    out.flushSoon();
    await settle();
    for (const t of ['b', 'c', 'd']) {
      out.add(t);
      out.flushSoon();
    }
    expect(timers.pendingTimers).toBe(1);
    await timers.advance(99);
    expect(sink.text).toBe('a');
    await timers.advance(1);
    expect(sink.text).toBe('abcd');
    expect(out.writeCount).toBe(2);
    expect(timers.pendingTimers).toBe(0);
  });

  it('writes nothing after close, and leaves no timer behind', async () => {
    const { timers, out, writes } = setup();
    out.add('a');
    out.flushSoon();
    await settle();
    out.add('b');
    out.flushSoon(); // waits for the interval: close writes it now and cancels that wait
    expect(timers.pendingTimers).toBe(1);
    await out.close();
    expect(out.stopped).toBe(true);
    expect(timers.pendingTimers).toBe(0);
    out.add('c');
    out.flushSoon();
    await timers.advance(1000);
    expect(writes).toEqual([1, 1]);
    expect(out.charsWritten).toBe(2);
  });

  it('waits in close for the write the sink is still busy with', async () => {
    const sink = new HeldSink();
    const { out } = setup(sink);
    out.add('a');
    out.flushSoon();
    out.add('b');
    let closed = false;
    const closing = out.close().then(() => (closed = true));
    await settle();
    expect(closed).toBe(false);
    expect(sink.calls).toEqual(['append "a"']);
    await sink.release();
    expect(sink.calls).toEqual(['append "a"', 'append "b"']);
    expect(closed).toBe(false);
    await sink.release();
    await closing;
    expect(closed).toBe(true);
  });

  it('after a failed write reports it once and starts nothing more, not even a timer', async () => {
    const sink = new HeldSink();
    const { timers, out, errors } = setup(sink);
    out.add('a');
    out.flushSoon();
    out.add('b');
    const boom = new Error('disk full');
    await sink.release(boom);
    expect(errors).toEqual([boom]);
    expect(out.error).toBe(boom);
    out.add('c');
    out.flushSoon();
    expect(timers.pendingTimers).toBe(0);
    await timers.advance(1000);
    await out.close();
    expect(await out.interrupt(10)).toBe(1);
    expect(sink.calls).toEqual(['append "a"']);
    expect(errors).toEqual([boom]);
  });

  it('cuts back text that reached the note once that write is done, without waiting for close', async () => {
    const sink = new HeldSink();
    const { timers, out } = setup(sink, 5);
    out.add('abc');
    out.flushSoon();
    out.cutBack(6); // keeps 'a'; 'bc' is on its way to the note
    await sink.release();
    await timers.advance(100);
    expect(sink.calls).toEqual(['append "abc"', 'truncate 6']);
    out.add('xy');
    out.flushSoon();
    await sink.release();
    await timers.advance(100);
    expect(sink.calls).toEqual(['append "abc"', 'truncate 6', 'append "xy"']);
    // The cut-back is a write of its own.
    expect(out.writeCount).toBe(3);
  });

  it('close carries out a cut-back still due', async () => {
    const { sink, out } = await afterFirstWrite();
    out.cutBack(1); // within the interval of the first write: it waits
    await out.close();
    expect(sink.truncations).toEqual([1]);
    expect(sink.text).toBe('a');
  });

  it.each<[string, number, string]>([
    ['to what the note already holds', 3, 'abc'],
    ['inside the queued text', 5, 'abcde'],
    ['past the queued text', 9, 'abcdefg'],
  ])('cuts back %s without touching the note: only queued text goes', async (_name, offset, text) => {
    const { sink, out } = await afterFirstWrite();
    out.add('defg');
    out.cutBack(offset);
    await out.close();
    expect(sink.truncations).toEqual([]);
    expect(sink.text).toBe(text);
  });

  it('on interrupt writes no queued text when the note already holds more than it keeps', async () => {
    const sink = new HeldSink();
    const { out } = setup(sink);
    out.add('abcdef');
    out.flushSoon();
    out.add('ghij');
    const stopping = out.interrupt(3);
    await sink.release();
    // The sink was asked to reach 6 characters: the caller cuts the note back to 3 itself.
    expect(await stopping).toBe(6);
    expect(sink.calls).toEqual(['append "abcdef"']);
  });

  it('on interrupt writes queued text up to the offset it keeps, and stops there', async () => {
    const { timers, sink, out } = await afterFirstWrite();
    out.add('defg');
    out.flushSoon(); // within the interval: waits, and interrupt cancels the wait
    expect(await out.interrupt(5)).toBe(5);
    expect(sink.text).toBe('abcde');
    await timers.advance(1000);
    expect(sink.appends.map((a) => a.text)).toEqual(['abc', 'de']);
  });

  it('on interrupt with nothing to keep writes nothing', async () => {
    const sink = new HeldSink();
    const { timers, out } = setup(sink);
    out.add('abc');
    expect(await out.interrupt(0)).toBe(0);
    expect(out.stopped).toBe(true);
    expect(sink.calls).toEqual([]);
    expect(timers.pendingTimers).toBe(0);
  });
});
