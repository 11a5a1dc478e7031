import { getEventListeners } from 'node:events';
import type { PlanEvent } from '../../../src/core/generation/plan-events';
import { applyPlanEvent, initialPlanState, type PlanState } from '../../../src/core/generation/plan-state';
import { runUnits, toUnitError, type GenerateUnit, type RunResult, type RunUnitsOptions, type UnitReporter } from '../../../src/core/generation/run-units';
import { utf8Length } from '../../../src/core/generation/timers';
import type { PlanUnit } from '../../../src/core/generation/units';
import { FakeTimers, MemorySink, settle } from './fakes';
import { ScriptedModel } from './scripted-model';
import { coreUnit, moduleUnit } from './units-fixture';

const FRONTMATTER = '---\nstatus: draft\n---\n';

function plan(modules: number): PlanUnit[] {
  return [coreUnit('fm', FRONTMATTER), ...Array.from({ length: modules }, (_, i) => moduleUnit(i + 1, `Module ${i + 1}`))];
}

const body = (n: number): string => `#### 2.${n}.1 Purpose\nModule ${n} does things.\n#### 2.${n}.2 Interfaces\nAPI ${n}.\n`;

function start(units: PlanUnit[], extra: Partial<RunUnitsOptions> = {}) {
  const model = new ScriptedModel();
  const timers = new FakeTimers();
  const sink = new MemorySink(timers);
  const events: PlanEvent[] = [];
  let state: PlanState = initialPlanState;
  const result = runUnits({
    units,
    generate: model.generate,
    sink,
    timers,
    onEvent: (e) => {
      events.push(e);
      state = applyPlanEvent(state, e); // throws on an impossible order
    },
    ...extra,
  });
  return { model, timers, sink, events, result, state: () => state };
}

/** Everything the note held after the caller truncates to keepOffset. */
const kept = (sink: MemorySink, r: RunResult): string => sink.text.slice(0, r.keepOffset);

describe('runUnits', () => {
  it('writes units in document order whatever order they finish in', async () => {
    const units = plan(3);
    const a = start(units);
    await settle();
    a.model.complete('module-2.3', body(3));
    await a.timers.advance(100);
    a.model.complete('module-2.2', body(2));
    await a.timers.advance(100);
    a.model.complete('module-2.1', body(1));
    const ra = await a.result;

    const b = start(units, { concurrency: 1 });
    for (const n of [1, 2, 3]) {
      await settle();
      b.model.complete(`module-2.${n}`, body(n));
    }
    const rb = await b.result;

    expect(ra.status).toBe('complete');
    expect(a.sink.text).toBe(b.sink.text);
    expect(ra.completeKeys).toEqual(['fm', 'module-2.1', 'module-2.2', 'module-2.3']);
    const at = (s: string): number => a.sink.text.indexOf(s);
    expect(a.sink.text.startsWith(FRONTMATTER + '\n### 2.1 Module 1\n')).toBe(true);
    expect(at('### 2.1 Module 1')).toBeLessThan(at('Module 1 does things.'));
    expect(at('Module 1 does things.')).toBeLessThan(at('### 2.2 Module 2'));
    expect(at('#### 2.2.7 Success Criteria')).toBeLessThan(at('### 2.3 Module 3'));
    expect(ra.keepOffset).toBe(a.sink.text.length);
    expect(rb.keepOffset).toBe(b.sink.text.length);
    expect(a.state()).toMatchObject({ phase: 'done', status: 'complete' });
  });

  it('never runs more model calls than the limit, and starts them in document order', async () => {
    const units = plan(6);
    const r = start(units, { concurrency: 2 });
    await settle();
    expect(r.model.started).toEqual(['module-2.1', 'module-2.2']);
    r.model.complete('module-2.2', body(2));
    await settle();
    expect(r.model.started).toEqual(['module-2.1', 'module-2.2', 'module-2.3']);
    for (const n of [3, 1, 5, 4, 6]) {
      r.model.complete(`module-2.${n}`, body(n));
      await settle();
    }
    const res = await r.result;
    expect(res.status).toBe('complete');
    expect(r.model.maxActive).toBe(2);
    expect(r.model.started).toEqual(units.slice(1).map((u) => u.key));
  });

  it('buffers a later unit that finishes first and flushes it at its turn', async () => {
    const r = start(plan(2));
    await settle();
    r.model.send('module-2.1', '#### 2.1.1 Purpose\nFirst half.\n');
    r.model.complete('module-2.2', body(2));
    await r.timers.advance(300);
    expect(r.sink.text).toContain('First half.');
    expect(r.sink.text).not.toContain('Module 2');
    expect(r.state().units.map((u) => u.status)).toEqual(['written', 'streaming', 'buffered']);
    r.model.send('module-2.1', 'Second half.\n');
    r.model.end('module-2.1');
    await r.timers.advance(100);
    expect(r.sink.text).toContain('### 2.2 Module 2');
    expect(r.sink.text.indexOf('Second half.')).toBeLessThan(r.sink.text.indexOf('### 2.2 Module 2'));
    await r.result;
  });

  it('batches writes: at most one per interval while text streams in', async () => {
    const r = start(plan(1), { minIntervalMs: 100 });
    await settle();
    r.model.send('module-2.1', '#### 2.1.1 Purpose\n');
    for (let i = 0; i < 200; i++) {
      r.model.send('module-2.1', `word ${i}\n`);
      await r.timers.advance(5);
    }
    r.model.end('module-2.1');
    const res = await r.result;
    const times = r.sink.appends.map((a) => a.at);
    // The final flush at the end may come sooner; every other write is an interval after the last.
    for (let i = 1; i < times.length - 1; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(100);
    expect(res.writeCount).toBeLessThanOrEqual(12);
    expect(res.writeCount).toBe(r.sink.appends.length);
    expect(r.events.filter((e) => e.type === 'written')).toHaveLength(res.writeCount);
  });

  it('writes each byte once: bytes written equal the final size of the note', async () => {
    const r = start(plan(2));
    await settle();
    r.model.complete('module-2.2', '#### 2.2.1 Purpose\nÜmlaut and 🎉 emoji.\n');
    r.model.send('module-2.1', '#### 2.1.1 Purpose\n', 'Some ', 'words ', 'in ', 'pieces.\n');
    await r.timers.advance(250);
    r.model.end('module-2.1');
    const res = await r.result;
    expect(res.bytesWritten).toBe(utf8Length(r.sink.text));
    expect(r.sink.appends.map((a) => a.text).join('')).toBe(r.sink.text);
    expect(r.state().bytesWritten).toBe(res.bytesWritten);
    expect(r.sink.text).toContain('Some words in pieces.\n');
  });

  it('stops at a failed unit, keeps the complete units before it and reports keepOffset', async () => {
    const r = start(plan(4), { concurrency: 3 });
    await settle();
    r.model.complete('module-2.1', body(1));
    r.model.complete('module-2.3', body(3));
    r.model.send('module-2.2', '#### 2.2.1 Purpose\nPartial text of two.\n');
    await r.timers.advance(200);
    r.model.fail('module-2.2', { kind: 'overloaded', message: 'Overloaded after 3 attempts' });
    const res = await r.result;
    expect(res).toMatchObject({
      status: 'interrupted',
      completeKeys: ['fm', 'module-2.1'],
      stoppedAt: 'module-2.2',
      reason: { kind: 'overloaded', message: 'Overloaded after 3 attempts' },
    });
    const note = kept(r.sink, res);
    expect(note).toContain('Module 1 does things.');
    expect(note.endsWith('#### 2.1.7 Success Criteria\n\n> [!todo] Not written by the model\n> Write this part by hand, or generate the section again.\n')).toBe(true);
    expect(note).not.toContain('Partial text of two.');
    expect(r.sink.text).not.toContain('Module 3');
    // Partial text of 2.2 had reached the note: the caller must truncate once.
    expect(res.writtenOffset).toBeGreaterThan(res.keepOffset);
    // 2.4 took the slot 2.3 freed before the failure; it was aborted, and nothing started after.
    expect(r.model.started).toEqual(['module-2.1', 'module-2.2', 'module-2.3', 'module-2.4']);
    expect(r.model.observedAbort).toEqual(['module-2.4']);
    expect(r.model.active).toBe(0);
    expect(r.events.filter((e) => e.type === 'unit-failed')).toHaveLength(1);
    expect(r.state()).toMatchObject({ status: 'interrupted', stoppedAt: 'module-2.2' });
  });

  it('starts no unit after a failure', async () => {
    const r = start(plan(3), { concurrency: 1 });
    await settle();
    r.model.fail('module-2.1');
    const res = await r.result;
    await settle();
    expect(r.model.started).toEqual(['module-2.1']);
    expect(res).toMatchObject({ status: 'interrupted', completeKeys: ['fm'], stoppedAt: 'module-2.1', keepOffset: FRONTMATTER.length });
  });

  it('aborts every call in flight when the caller cancels', async () => {
    const controller = new AbortController();
    const r = start(plan(4), { signal: controller.signal, concurrency: 3 });
    await settle();
    r.model.complete('module-2.1', body(1));
    await settle();
    expect(r.model.active).toBe(3);
    controller.abort();
    const res = await r.result;
    await settle();
    expect(r.model.observedAbort.sort()).toEqual(['module-2.2', 'module-2.3', 'module-2.4']);
    expect(r.model.active).toBe(0);
    expect(res).toMatchObject({ status: 'interrupted', completeKeys: ['fm', 'module-2.1'], stoppedAt: 'module-2.2', reason: { kind: 'cancelled' } });
    expect(r.events.some((e) => e.type === 'unit-failed')).toBe(false);
    expect(kept(r.sink, res)).toContain('Module 1 does things.');
  });

  it('does not hang on a generator that ignores the signal', async () => {
    const controller = new AbortController();
    const r = start(plan(2), { signal: controller.signal });
    r.model.deaf.add('module-2.1');
    await settle();
    controller.abort();
    const res = await r.result;
    expect(res.status).toBe('interrupted');
    expect(res.completeKeys).toEqual(['fm']);
  });

  it('starts nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const r = start(plan(2), { signal: controller.signal });
    const res = await r.result;
    expect(r.model.started).toEqual([]);
    expect(res).toMatchObject({ status: 'interrupted', completeKeys: [], keepOffset: 0, stoppedAt: 'fm' });
    expect(r.sink.text).toBe('');
  });

  it('skips the units a resume finds complete and appends after them', async () => {
    const r = start(plan(2), { isComplete: (k) => k === 'fm' || k === 'module-2.1', startOffset: 500, noteTail: 'x\n' });
    await settle();
    expect(r.model.started).toEqual(['module-2.2']);
    r.model.complete('module-2.2', body(2));
    const res = await r.result;
    expect(r.sink.text.startsWith('\n### 2.2 Module 2\n')).toBe(true);
    expect(res.completeKeys).toEqual(['fm', 'module-2.1', 'module-2.2']);
    expect(res.keepOffset).toBe(500 + r.sink.text.length);
    expect(r.events.filter((e) => e.type === 'unit-skipped').map((e) => (e as { key: string }).key)).toEqual(['fm', 'module-2.1']);
  });

  it('forwards retries and usage and lists units that stopped early', async () => {
    const generate: GenerateUnit = async function* (_unit, _signal, report) {
      report.retry(1, 'overloaded');
      report.usage({ input: 10, cacheWrite: 0, cacheRead: 90, output: 20, costUsd: 0.01 });
      yield '#### 2.1.1 Purpose\nCut';
      return 'truncated';
    };
    const r = start([moduleUnit(1, 'Solo')], { generate });
    const res = await r.result;
    expect(res.status).toBe('complete');
    expect(res.incomplete).toEqual([{ key: 'module-2.1', outcome: 'truncated' }]);
    expect(r.sink.text).toContain('Cut\n\n> [!warning] Section incomplete');
    expect(r.state().totals).toMatchObject({ cacheRead: 90, output: 20, costUsd: 0.01 });
    expect(r.state().units[0]!.retries).toBe(1);
    expect(r.events.map((e) => e.type)).toEqual([
      'run-start',
      'unit-start',
      'unit-delta', // the top heading, written at once
      'written',
      'unit-retry',
      'usage',
      'unit-delta',
      'unit-delta', // the rest, at end
      'unit-done',
      'written', // the final flush
      'done',
    ]);
  });

  it('turns a thrown value without a kind into an unknown error', async () => {
    const generate: GenerateUnit = async function* () {
      yield* [];
      throw new Error('boom');
    };
    const res = await start(plan(1), { generate }).result;
    expect(res.reason).toEqual({ kind: 'unknown', message: 'boom' });
  });

  it('interrupts with write-failed when the note cannot be written', async () => {
    const model = new ScriptedModel();
    const timers = new FakeTimers();
    const sink = new MemorySink(timers, () => true);
    const p = runUnits({ units: plan(1), generate: model.generate, sink, timers });
    await settle();
    model.complete('module-2.1', body(1));
    const res = await p;
    expect(res.status).toBe('interrupted');
    expect(res.reason).toEqual({ kind: 'write-failed', message: 'disk full' });
  });

  it('lists a unit the model declined to finish (refused) as stopped early, and keeps it in the note', async () => {
    const generate: GenerateUnit = async function* (unit) {
      yield `#### ${unit.key === 'module-2.1' ? '2.1' : '2.2'}.1 Purpose\nSome text\n`;
      return unit.key === 'module-2.1' ? 'refused' : 'complete';
    };
    const r = start(plan(2), { generate });
    const res = await r.result;
    expect(res.status).toBe('complete');
    expect(res.incomplete).toEqual([{ key: 'module-2.1', outcome: 'refused' }]);
    expect(r.sink.text).toContain('it declined to continue');
    expect(res.completeKeys).toEqual(['fm', 'module-2.1', 'module-2.2']);
  });

  it('counts only the first of several calls failing at once; the calls it stops are not failures', async () => {
    // Every call waits on the same network, which goes down: the first failure stops the run, the
    // others then fail because they were stopped — that is not their own failure.
    let down!: (e: unknown) => void;
    const network = new Promise<never>((_, reject) => (down = reject));
    network.catch(() => undefined);
    const generate: GenerateUnit = async function* () {
      yield* [];
      return await network;
    };
    const r = start(plan(3), { generate, concurrency: 3 });
    await settle();
    down({ kind: 'network', message: 'The connection was lost.' });
    const res = await r.result;
    const failed = r.events.filter((e) => e.type === 'unit-failed');
    expect(failed).toEqual([{ type: 'unit-failed', key: 'module-2.1', error: { kind: 'network', message: 'The connection was lost.' } }]);
    expect(res).toMatchObject({ status: 'interrupted', stoppedAt: 'module-2.1', reason: { kind: 'network', message: 'The connection was lost.' } });
  });

  it('reports nothing for a unit after it settled: a retry, usage or discard of an abandoned call', async () => {
    const controller = new AbortController();
    let reporter: UnitReporter | null = null;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    // A call that keeps going after the stop (its retry loop is deaf to the signal) and reports late.
    const generate: GenerateUnit = async function* (_unit, _signal, report) {
      reporter = report;
      yield '#### 2.1.1 Purpose\nStarted\n';
      await released;
      report.retry(1, 'overloaded');
      report.usage({ input: 5, cacheWrite: 0, cacheRead: 0, output: 5, costUsd: 0.001 });
      report.discard?.();
      return 'complete';
    };
    const r = start(plan(1), { generate, signal: controller.signal });
    await settle();
    controller.abort();
    const res = await r.result;
    const written = r.sink.text;
    const count = r.events.length;
    release();
    await settle();
    expect(reporter).not.toBeNull();
    expect(r.events).toHaveLength(count);
    expect(r.events[r.events.length - 1]).toMatchObject({ type: 'done', status: 'interrupted' });
    expect(r.sink.text).toBe(written);
    expect(res.reason).toMatchObject({ kind: 'cancelled' });
  });

  it('a unit that retries before it settles reports the retry and drops what it had written', async () => {
    const generate: GenerateUnit = async function* (_unit, _signal, report) {
      yield '#### 2.1.1 Purpose\nFIRST ATTEMPT\n';
      report.retry(1, 'overloaded');
      report.discard?.();
      yield '#### 2.1.1 Purpose\nSecond attempt\n';
      return 'complete';
    };
    const r = start(plan(1), { generate });
    const res = await r.result;
    expect(res.status).toBe('complete');
    expect(r.events.filter((e) => e.type === 'unit-retry')).toEqual([{ type: 'unit-retry', key: 'module-2.1', attempt: 1, reason: 'overloaded' }]);
    expect(kept(r.sink, res)).not.toContain('FIRST ATTEMPT');
    expect(kept(r.sink, res)).toContain('Second attempt');
    expect(kept(r.sink, res).match(/^### 2\.1 Module 1$/gm)).toHaveLength(1);
  });

  it('rejects a concurrency below one', async () => {
    await expect(start(plan(1), { concurrency: 0 }).result).rejects.toThrow(/concurrency/);
  });
});

describe('runUnits, what it reports', () => {
  it('runs four model calls at once by default', async () => {
    const r = start(plan(6));
    await settle();
    expect(r.model.started).toEqual(['module-2.1', 'module-2.2', 'module-2.3', 'module-2.4']);
    r.model.complete('module-2.2', body(2));
    await settle();
    expect(r.model.started).toEqual(['module-2.1', 'module-2.2', 'module-2.3', 'module-2.4', 'module-2.5']);
    for (const n of [1, 3, 4, 5, 6]) {
      r.model.complete(`module-2.${n}`, body(n));
      await settle();
    }
    expect((await r.result).status).toBe('complete');
    expect(r.model.maxActive).toBe(4);
  });

  it.each([0, 1.5, -1])('rejects a concurrency of %p, saying so', async (concurrency) => {
    await expect(start(plan(1), { concurrency }).result).rejects.toThrow(new Error(`runUnits: concurrency must be a positive integer, got ${concurrency}`));
  });

  it('tells the events of a core unit as of any unit, without a delta for a unit with no text', async () => {
    const r = start([coreUnit('fm', FRONTMATTER), coreUnit('empty', '')]);
    const res = await r.result;
    expect(r.events).toEqual([
      { type: 'run-start', units: [{ key: 'fm', label: 'fm', kind: 'core' }, { key: 'empty', label: 'empty', kind: 'core' }] },
      { type: 'unit-start', key: 'fm' },
      { type: 'unit-delta', key: 'fm', text: FRONTMATTER },
      { type: 'written', bytes: FRONTMATTER.length },
      { type: 'unit-done', key: 'fm', outcome: 'complete' },
      { type: 'unit-start', key: 'empty' },
      { type: 'unit-done', key: 'empty', outcome: 'complete' },
      { type: 'done', status: 'complete' },
    ]);
    expect(r.events[r.events.length - 1]).toStrictEqual({ type: 'done', status: 'complete' });
    expect(res).toEqual({
      status: 'complete',
      completeKeys: ['fm', 'empty'],
      keepOffset: FRONTMATTER.length,
      writtenOffset: FRONTMATTER.length,
      bytesWritten: FRONTMATTER.length,
      writeCount: 1,
      incomplete: [],
    });
    expect(Object.keys(res)).not.toContain('stoppedAt');
    expect(Object.keys(res)).not.toContain('reason');
  });

  it('says a cancelled run was cancelled, and where it stopped', async () => {
    const controller = new AbortController();
    const r = start(plan(1), { signal: controller.signal });
    await settle();
    controller.abort();
    const res = await r.result;
    expect(res.reason).toEqual({ kind: 'cancelled', message: 'Generation was cancelled.' });
    expect(r.events[r.events.length - 1]).toEqual({ type: 'done', status: 'interrupted', stoppedAt: 'module-2.1' });
  });

  // One signal can serve many runs (the plugin's, for as long as it is loaded): each run takes its listener off again.
  it('leaves no listener on the caller\'s signal once it returns, whether or not it was cancelled', async () => {
    const controller = new AbortController();
    const done = start(plan(1), { signal: controller.signal });
    await settle();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    done.model.complete('module-2.1', body(1));
    expect((await done.result).status).toBe('complete');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);

    const cancelled = start(plan(1), { signal: controller.signal });
    await settle();
    controller.abort();
    expect((await cancelled.result).status).toBe('interrupted');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

describe('runUnits, edges', () => {
  it('writes a unit exactly as its transform gives it, also after a restart', async () => {
    const generate: GenerateUnit = async function* (_unit, _signal, report) {
      yield '#### 2.1.1 Purpose\nFirst\n';
      report.discard?.();
      yield '#### 2.1.1 Purpose\nDone.\n';
    };
    const r = start([moduleUnit(1, 'Solo')], { generate });
    const res = await r.result;
    expect(r.sink.text.slice(0, res.keepOffset)).toMatch(/^### 2\.1 Solo\n\n#### 2\.1\.1 Purpose and Responsibilities\n\nDone\.\n\n#### 2\.1\.2 /);
  });

  it('takes a generator that returns nothing as complete', async () => {
    const generate: GenerateUnit = async function* () {
      yield '#### 2.1.1 Purpose\nAll.\n';
    };
    const r = start([moduleUnit(1, 'Solo')], { generate });
    const res = await r.result;
    expect(res).toMatchObject({ status: 'complete', incomplete: [] });
    expect(r.events).toContainEqual({ type: 'unit-done', key: 'module-2.1', outcome: 'complete' });
    // The unit's first text is its own heading, straight before the model's first line.
    expect(r.sink.text).toMatch(/^### 2\.1 Solo\n\n#### 2\.1\.1 Purpose and Responsibilities\n\nAll\.\n\n#### 2\.1\.2 /);
  });

  it('writes nothing for a core unit without text', async () => {
    const r = start([{ key: 'blank', kind: 'core', parts: [], label: 'Blank' }]);
    const res = await r.result;
    expect(r.sink.text).toBe('');
    expect(r.events.map((e) => e.type)).toEqual(['run-start', 'unit-start', 'unit-done', 'done']);
    expect(res.completeKeys).toEqual(['blank']);
  });

  it('completes at once when a resume finds every unit complete', async () => {
    const r = start(plan(1), { isComplete: () => true, startOffset: 10 });
    const res = await r.result;
    expect(res).toMatchObject({ status: 'complete', completeKeys: ['fm', 'module-2.1'], keepOffset: 10, writtenOffset: 10 });
    expect(r.model.started).toEqual([]);
  });

  it('frees both slots when two calls end at once', async () => {
    const r = start(plan(4), { concurrency: 2 });
    await settle();
    r.model.complete('module-2.1', body(1));
    r.model.complete('module-2.2', body(2));
    await settle();
    expect(r.model.started).toEqual(['module-2.1', 'module-2.2', 'module-2.3', 'module-2.4']);
    r.model.complete('module-2.3', body(3));
    r.model.complete('module-2.4', body(4));
    expect((await r.result).status).toBe('complete');
  });

  it('keeps the first reason: a cancel whose last write then fails is still cancelled', async () => {
    const controller = new AbortController();
    const model = new ScriptedModel();
    const timers = new FakeTimers();
    const sink = new MemorySink(timers, (n) => n === 2);
    const p = runUnits({ units: plan(2), generate: model.generate, sink, timers, signal: controller.signal });
    await settle();
    // 2.1 ends within the interval after the frontmatter's write: its text waits in the queue.
    model.complete('module-2.1', body(1));
    await settle();
    controller.abort();
    const res = await p;
    expect(res.reason).toEqual({ kind: 'cancelled', message: 'Generation was cancelled.' });
  });

  it('ends a run whose last write fails as interrupted, with no unit to blame', async () => {
    const timers = new FakeTimers();
    const events: PlanEvent[] = [];
    const res = await runUnits({ units: [coreUnit('fm', FRONTMATTER)], generate: new ScriptedModel().generate, sink: new MemorySink(timers, () => true), timers, onEvent: (e) => events.push(e) });
    expect(res).toMatchObject({ status: 'interrupted', completeKeys: ['fm'], reason: { kind: 'write-failed', message: 'disk full' } });
    expect(Object.keys(res)).not.toContain('stoppedAt');
    expect(events[events.length - 1]).toStrictEqual({ type: 'done', status: 'interrupted' });
  });

  it.each(['complete', 'fail'] as const)('ignores a unit\'s late reports after it ended (%s)', async (how) => {
    let reporter: UnitReporter | null = null;
    const generate: GenerateUnit = async function* (_unit, _signal, report) {
      reporter = report;
      yield '#### 2.1.1 Purpose\nText\n';
      if (how === 'fail') throw { kind: 'overloaded', message: 'busy' };
    };
    const r = start([moduleUnit(1, 'Solo')], { generate });
    await r.result;
    const count = r.events.length;
    reporter!.retry(1, 'late');
    reporter!.usage({ input: 1, cacheWrite: 0, cacheRead: 0, output: 1, costUsd: 0 });
    expect(r.events).toHaveLength(count);
  });
});

describe('toUnitError', () => {
  it.each<[string, unknown, { kind: string; message: string }]>([
    ['a failure with a kind and a message', { kind: 'rate-limited', message: 'Slow down.' }, { kind: 'rate-limited', message: 'Slow down.' }],
    ['a failure with a kind and no message', { kind: 'overloaded' }, { kind: 'overloaded', message: '' }],
    ['a failure whose message is null', { kind: 'overloaded', message: null }, { kind: 'overloaded', message: '' }],
    ['a failure whose message is not text', { kind: 'api', message: { code: 529 } }, { kind: 'api', message: '{"code":529}' }],
    ['an Error', new Error('boom'), { kind: 'unknown', message: 'boom' }],
    ['an object whose kind is not text', { kind: 7, message: 'x' }, { kind: 'unknown', message: '[object Object]' }],
    ['a string', 'gone', { kind: 'unknown', message: 'gone' }],
    ['null', null, { kind: 'unknown', message: 'null' }],
    ['a function that carries a kind is no failure value', Object.assign(() => undefined, { kind: 'x', toString: () => 'fn' }), { kind: 'unknown', message: 'fn' }],
  ])('%s', (_name, thrown, error) => {
    expect(toUnitError(thrown)).toEqual(error);
  });
});
