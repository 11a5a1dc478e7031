import { createOrderedWriter } from '../../../src/core/generation/ordered-writer';
import { utf8Length } from '../../../src/core/generation/timers';
import { FakeTimers, MemorySink, settle } from './fakes';

function setup(keys = ['a', 'b', 'c'], minIntervalMs = 100) {
  const timers = new FakeTimers();
  const sink = new MemorySink(timers);
  const writer = createOrderedWriter({ keys, sink, timers, minIntervalMs });
  return { timers, sink, writer };
}

describe('createOrderedWriter', () => {
  it('streams the first unit live and buffers later ones until their turn', async () => {
    const { timers, sink, writer } = setup();
    writer.write('b', 'B1\n');
    writer.write('a', 'A1\n');
    await settle();
    expect(sink.text).toBe('A1\n');
    writer.finish('b');
    writer.write('c', 'C1\n');
    await timers.advance(500);
    expect(sink.text).toBe('A1\n');
    writer.finish('a');
    await timers.advance(100);
    // b was done: it flushed at once, and c streams live behind it.
    expect(sink.text).toBe('A1\n\nB1\n\nC1\n');
    expect(writer.completeKeys()).toEqual(['a', 'b']);
    writer.write('c', 'C2\n');
    writer.finish('c');
    await writer.close();
    expect(sink.text).toBe('A1\n\nB1\n\nC1\nC2\n');
    expect(writer.keepOffset()).toBe(sink.text.length);
  });

  it('starts at most one write per interval and loses nothing', async () => {
    const { timers, sink, writer } = setup(['a'], 100);
    let expected = '';
    for (let i = 0; i < 100; i++) {
      const chunk = `line ${i}\n`;
      expected += chunk;
      writer.write('a', chunk);
      await timers.advance(7);
    }
    writer.finish('a');
    await writer.close();
    expect(sink.text).toBe(expected);
    const times = sink.appends.map((a) => a.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(100);
    // 700 ms of streaming: about seven interval writes, plus the first.
    expect(sink.appends.length).toBeLessThanOrEqual(9);
    expect(writer.writeCount).toBe(sink.appends.length);
  });

  it('writes each character once: bytes written equal the final size', async () => {
    const { timers, sink, writer } = setup(['a', 'b']);
    writer.write('b', 'Ünïcödé 🎉\n');
    writer.finish('b');
    for (const s of ['x', 'yy\n', 'zé\n']) {
      writer.write('a', s);
      await timers.advance(30);
    }
    writer.finish('a');
    await writer.close();
    expect(writer.bytesWritten).toBe(utf8Length(sink.text));
    expect(writer.charsWritten).toBe(sink.text.length);
    expect(sink.appends.map((a) => a.text).join('')).toBe(sink.text);
  });

  it('on interrupt writes complete units only and reports where they end', async () => {
    const { timers, sink, writer } = setup();
    writer.write('a', 'A\n');
    writer.finish('a');
    writer.write('b', 'partial b');
    writer.write('c', 'C\n');
    writer.finish('c');
    const r = await writer.interrupt();
    expect(r.keepOffset).toBe(2);
    // 'A\n' was written at once; the partial text of b waited for the interval and was dropped.
    expect(sink.text).toBe('A\n');
    expect(r.writtenOffset).toBe(2);
    await timers.advance(1000);
    expect(sink.text).toBe('A\n');
    expect(() => writer.write('b', 'x')).toThrow();
  });

  it('on interrupt writes the queued text of complete units, up to where they end, and not the partial rest', async () => {
    const { timers, sink, writer } = setup(['a', 'b', 'c']);
    writer.write('a', 'A1\n');
    await settle();
    expect(sink.text).toBe('A1\n');
    // Within the interval: the end of a, all of b, and the start of c wait in the queue together.
    writer.write('a', 'A2\n');
    writer.finish('a');
    writer.write('b', 'B\n');
    writer.finish('b');
    writer.write('c', 'partial c');
    const r = await writer.interrupt();
    expect(sink.text).toBe('A1\nA2\n\nB\n');
    expect(r).toEqual({ keepOffset: sink.text.length, writtenOffset: sink.text.length });
    await timers.advance(500);
    expect(sink.appends.map((a) => a.text)).toEqual(['A1\n', 'A2\n\nB\n']);
  });

  it('reports a written offset past keepOffset when partial text already reached the note', async () => {
    const { timers, sink, writer } = setup(['a', 'b']);
    writer.write('a', 'A\n');
    writer.finish('a');
    await timers.advance(100);
    writer.write('b', 'partial');
    await timers.advance(100);
    expect(sink.text).toBe('A\n\npartial');
    const r = await writer.interrupt();
    expect(r).toEqual({ keepOffset: 2, writtenOffset: 'A\n\npartial'.length });
  });

  it('counts from startOffset and separates from the note tail on a resume', async () => {
    const timers = new FakeTimers();
    const sink = new MemorySink(timers);
    const writer = createOrderedWriter({ keys: ['x'], sink, timers, startOffset: 50, noteTail: 'end\n' });
    writer.write('x', 'X\n');
    writer.finish('x');
    await writer.close();
    expect(sink.text).toBe('\nX\n');
    expect(writer.keepOffset()).toBe(53);
  });

  it('discards a live unit that restarts: its text leaves the note once, the new attempt follows', async () => {
    const { timers, sink, writer } = setup(['a', 'b']);
    writer.write('a', 'A\n');
    writer.finish('a');
    writer.write('b', 'first try, half');
    await timers.advance(200);
    expect(sink.text).toBe('A\n\nfirst try, half');
    writer.discard('b');
    writer.write('b', 'second try\n');
    writer.finish('b');
    await writer.close();
    expect(sink.truncations).toEqual(['A\n'.length]);
    expect(sink.text).toBe('A\n\nsecond try\n');
  });

  it('discards buffered text of a later unit without touching the note', async () => {
    const { timers, sink, writer } = setup(['a', 'b']);
    writer.write('a', 'A\n');
    writer.write('b', 'stale\n');
    writer.discard('b');
    writer.write('b', 'fresh\n');
    writer.finish('b');
    writer.finish('a');
    await timers.advance(200);
    await writer.close();
    expect(sink.truncations).toEqual([]);
    expect(sink.text).toBe('A\n\nfresh\n');
  });

  it('refuses impossible calls', () => {
    const { writer } = setup();
    expect(() => writer.write('nope', 'x')).toThrow();
    writer.finish('a');
    expect(() => writer.finish('a')).toThrow();
    expect(() => writer.write('a', 'x')).toThrow();
    expect(() => createOrderedWriter({ keys: ['a', 'a'], sink: new MemorySink(new FakeTimers()), timers: new FakeTimers() })).toThrow();
  });

  it('stops writing and reports a failed sink', async () => {
    const timers = new FakeTimers();
    const sink = new MemorySink(timers, (n) => n === 2);
    const errors: unknown[] = [];
    const writer = createOrderedWriter({ keys: ['a'], sink, timers, onError: (e) => errors.push(e) });
    writer.write('a', 'one\n');
    await timers.advance(100);
    writer.write('a', 'two\n');
    await timers.advance(100);
    writer.write('a', 'three\n');
    await timers.advance(300);
    expect(sink.text).toBe('one\n');
    expect(errors).toHaveLength(1);
    expect((writer.error as Error).message).toBe('disk full');
  });
});

describe('createOrderedWriter, a discard just before the run stops', () => {
  it('still cuts the discarded attempt out of the note when it is interrupted before the next write', async () => {
    const timers = new FakeTimers();
    const sink = new MemorySink(timers);
    const writer = createOrderedWriter({ keys: ['a', 'b'], sink, timers, minIntervalMs: 100 });
    writer.write('a', 'A\n');
    writer.finish('a');
    await timers.advance(150);
    writer.write('b', '## B heading\n');
    // That write goes out at once; the discard comes before the interval allows the next one.
    await settle();
    expect(sink.text).toBe('A\n\n## B heading\n');
    writer.discard('b');
    writer.write('b', '## B heading\n');
    const r = await writer.interrupt();
    expect(sink.text).toBe('A\n');
    expect(r.keepOffset).toBe('A\n'.length);
  });
});

describe('createOrderedWriter, the blank line between units', () => {
  async function note(texts: string[], options: { startOffset?: number; noteTail?: string } = {}): Promise<string> {
    const timers = new FakeTimers();
    const sink = new MemorySink(timers);
    const keys = texts.map((_, i) => `u${i}`);
    const writer = createOrderedWriter({ keys, sink, timers, ...options });
    texts.forEach((t, i) => {
      writer.write(keys[i]!, t);
      writer.finish(keys[i]!);
    });
    await writer.close();
    expect(writer.keepOffset()).toBe((options.startOffset ?? 0) + sink.text.length);
    return sink.text;
  }

  it.each<[string, string[], string]>([
    ['nothing before the first unit of an empty note', ['A\n'], 'A\n'],
    ['a unit ending with a line break gets one more', ['A\n', 'B\n'], 'A\n\nB\n'],
    ['a unit ending mid-line gets two', ['A', 'B\n'], 'A\n\nB\n'],
    ['a unit ending with a blank line gets none', ['A\n\n', 'B\n'], 'A\n\nB\n'],
    ['a unit with no text adds no blank line', ['A\n', '', 'C\n'], 'A\n\nC\n'],
    ['a unit that is one line break still counts as text', ['A', '\n', 'C'], 'A\n\n\nC'],
    ['a line break after a blank line leaves a blank line behind', ['A\n', '\n', 'C'], 'A\n\n\nC'],
    ['a last unit with no text adds nothing', ['A\n', ''], 'A\n'],
  ])('%s', async (_name, texts, expected) => {
    expect(await note(texts)).toBe(expected);
  });

  it.each<[string, string, string]>([
    ['a note that ends mid-line', 'the end', '\n\nX\n'],
    ['a note that ends with a blank line', 'the end\n\n', 'X\n'],
    ['a note whose last characters are not known', '', '\n\nX\n'],
    ['a note whose length is not given but whose last characters are', 'the end', '\n\nX\n'],
  ])('on a resume after %s', async (name, noteTail, expected) => {
    expect(await note(['X\n'], { startOffset: name.includes('length is not given') ? 0 : 40, noteTail })).toBe(expected);
  });
});

describe('createOrderedWriter, writes and failures', () => {
  it('waits 100 ms between two writes by default, and reports the UTF-8 size of each', async () => {
    const timers = new FakeTimers();
    const sink = new MemorySink(timers);
    const sizes: number[] = [];
    const writer = createOrderedWriter({ keys: ['a'], sink, timers, onWrite: (bytes) => sizes.push(bytes) });
    writer.write('a', 'é\n');
    await timers.advance(99);
    writer.write('a', '🎉\n');
    await timers.advance(0);
    expect(sink.appends).toEqual([{ at: 0, text: 'é\n' }]);
    await timers.advance(1);
    expect(sink.appends).toEqual([
      { at: 0, text: 'é\n' },
      { at: 100, text: '🎉\n' },
    ]);
    expect(sizes).toEqual([3, 5]);
    expect(writer.writeCount).toBe(2);
    // Once the interval has passed, text goes out at once, without waiting for a timer.
    await timers.advance(100);
    writer.write('a', 'now\n');
    expect(sink.appends.map((a) => a.text)).toEqual(['é\n', '🎉\n', 'now\n']);
    expect(timers.pendingTimers).toBe(0);
  });

  it('reports a note that cannot be cut back, and writes nothing after it', async () => {
    const timers = new FakeTimers();
    const memory = new MemorySink(timers);
    const errors: unknown[] = [];
    const sink = { append: (text: string) => memory.append(text) };
    const writer = createOrderedWriter({ keys: ['a'], sink, timers, onError: (e) => errors.push(e) });
    writer.write('a', 'first try');
    await settle();
    writer.discard('a');
    writer.write('a', 'second try\n');
    await timers.advance(500);
    expect(errors).toEqual([new Error('the note cannot be cut back')]);
    expect(writer.error).toBe(errors[0]);
    expect(memory.text).toBe('first try');
    writer.finish('a');
    await writer.close();
    expect(memory.text).toBe('first try');
  });

  it('reports a failed write once, even when more writes were asked for', async () => {
    const timers = new FakeTimers();
    const sink = new MemorySink(timers, () => true);
    const errors: unknown[] = [];
    const writer = createOrderedWriter({ keys: ['a', 'b'], sink, timers, onError: (e) => errors.push(e) });
    writer.write('a', 'A\n');
    writer.finish('a');
    await settle();
    writer.write('b', 'B\n');
    writer.finish('b');
    await writer.close();
    const r = await writer.interrupt();
    expect(errors).toHaveLength(1);
    expect(sink.appends).toEqual([]);
    expect(r).toEqual({ keepOffset: 5, writtenOffset: 2 });
  });

  it('ignores a discard of a unit that is finished, and any discard after the writer stopped', async () => {
    const timers = new FakeTimers();
    const sink = new MemorySink(timers);
    const writer = createOrderedWriter({ keys: ['a', 'b'], sink, timers });
    writer.write('a', 'A\n');
    writer.finish('a');
    writer.discard('a');
    writer.write('b', 'B\n');
    await writer.close();
    writer.discard('b');
    expect(sink.text).toBe('A\n\nB\n');
    expect(sink.truncations).toEqual([]);
  });

  it('keeps the text of a finished unit ahead of the cursor when it is asked to discard it', async () => {
    const { sink, writer } = setup(['a', 'b']);
    writer.write('b', 'B\n');
    writer.finish('b');
    writer.discard('b');
    writer.write('a', 'A\n');
    writer.finish('a');
    await writer.close();
    expect(sink.text).toBe('A\n\nB\n');
  });

  it('keeps the failure when nobody listens for it, and still closes', async () => {
    const timers = new FakeTimers();
    const writer = createOrderedWriter({ keys: ['a'], sink: new MemorySink(timers, () => true), timers });
    writer.write('a', 'A\n');
    writer.finish('a');
    await expect(writer.close()).resolves.toBeUndefined();
    expect((writer.error as Error).message).toBe('disk full');
  });

  it('says what was wrong with an impossible call', async () => {
    const { writer } = setup(['a', 'b']);
    expect(() => writer.write('nope', 'x')).toThrow(new Error("ordered writer: unknown unit 'nope'"));
    expect(() => writer.discard('nope')).toThrow(new Error("ordered writer: unknown unit 'nope'"));
    writer.finish('a');
    expect(() => writer.finish('a')).toThrow(new Error("ordered writer: 'a' finished twice"));
    expect(() => writer.write('a', 'x')).toThrow(new Error("ordered writer: write to 'a' after finish"));
    await writer.interrupt();
    expect(() => writer.write('b', 'x')).toThrow(new Error("ordered writer: write to 'b' after stop"));
    expect(() => writer.finish('b')).toThrow(new Error("ordered writer: finish of 'b' after stop"));
    const timers = new FakeTimers();
    expect(() => createOrderedWriter({ keys: ['a', 'a'], sink: new MemorySink(timers), timers })).toThrow(new Error("ordered writer: duplicate key 'a'"));
  });
});
