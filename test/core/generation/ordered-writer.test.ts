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
