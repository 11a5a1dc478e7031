/** @jest-environment jsdom */
import '../../support/jsdom-globals';
import '../../support/obsidian-dom';
import { EditorSelection, EditorState, StateEffect, Transaction, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { buildApp } from '../../support/obsidian-app';
import type { App } from '../../__mocks__/obsidian';
import { ObsidianVault } from '../../../src/obsidian/ObsidianVault';
import { asEditorView, LiveNoteSink, minimalChange, routeNoteThroughSink, STREAM_USER_EVENT, type OpenEditor } from '../../../src/obsidian/planning/editor-sink';
import { streamAnchors } from '../../../src/obsidian/planning/stream-track';

const NOTE = 'Planning/W2-micro-level-plan.md';
const START = '---\nstatus: in_progress\n---\n# Plan\n';

/** CodeMirror's history (in @codemirror/commands) joins a transaction into the previous undo step only for these user events. */
const JOINABLE = /^(input\.type|delete)($|\.)/;

interface Harness {
  extensions: Extension[];
  double: App;
  vault: ObsidianVault;
  cm: EditorView;
  txs: Transaction[];
  open: { value: boolean };
  sink: LiveNoteSink;
}

function setup(doc = START): Harness {
  const { app, double } = buildApp({ [NOTE]: doc });
  const vault = new ObsidianVault(app);
  const txs: Transaction[] = [];
  // The editor's configuration as Obsidian builds it: the plugin's registered extensions (here the
  // stream's field, which main.ts registers) plus the editor's own.
  const extensions: Extension[] = [streamAnchors, EditorView.updateListener.of((u) => txs.push(...u.transactions))];
  const cm = new EditorView({ state: EditorState.create({ doc, extensions }), parent: document.body });
  const open = { value: true };
  // The tab's save writes the editor's text to the file, as TextFileView.save does.
  const editor: OpenEditor = { cm, save: async () => void (await vault.replace(NOTE, cm.state.doc.toString())) };
  const sink = new LiveNoteSink(vault, NOTE, (path) => (open.value && path === NOTE ? editor : null));
  sink.resetTo(doc.length);
  return { double, vault, cm, txs, open, sink, extensions };
}

const streamTxs = (h: Harness): Transaction[] => h.txs.filter((t) => t.docChanged && t.isUserEvent(STREAM_USER_EVENT));

describe('LiveNoteSink in an open editor', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('keeps streaming after its own text while the user types above it, and leaves their cursor and selection alone', async () => {
    const h = setup();
    h.cm.dispatch({ selection: EditorSelection.range(4, 10) });
    await h.sink.append('## 1. Scope\n\nThe first ');
    // The user types at the top of the note while the stream is mid-line.
    h.cm.dispatch({ changes: { from: 0, insert: 'USER TEXT\n' }, selection: EditorSelection.cursor(9), userEvent: 'input.type' });
    await h.sink.append('paragraph.\n## 2. Next\n');
    h.cm.dispatch({ changes: { from: START.length + 10, insert: 'more ' }, userEvent: 'input.type' });
    await h.sink.append('Tail');
    await h.sink.finish();
    const doc = h.cm.state.doc.toString();
    expect(doc).toBe(`USER TEXT\n${START}more ## 1. Scope\n\nThe first paragraph.\n## 2. Next\nTail`);
    // The cursor the user left at 9 is still at 9: streamed text never moves it.
    expect(h.cm.state.selection.main.head).toBe(9);
    expect(h.cm.state.selection.main.empty).toBe(true);
    // And the file holds the same text (saved after each batch).
    expect(h.double.vault.peek(NOTE)).toBe(doc);
  });

  it('keeps a selection made before streaming exactly where it was', async () => {
    const h = setup();
    h.cm.dispatch({ selection: EditorSelection.range(4, 10) });
    await h.sink.append('line one\nline two\n');
    expect(h.cm.state.selection.main.from).toBe(4);
    expect(h.cm.state.selection.main.to).toBe(10);
  });

  it('writes whole lines, one transaction per batch, never joinable into the user\'s undo steps; undoing one removes one batch', async () => {
    const h = setup();
    await h.sink.append('alpha');
    expect(streamTxs(h)).toHaveLength(0); // no line end yet: nothing half-written in the editor
    await h.sink.append(' beta\ngam');
    await h.sink.append('ma\ndelta\n');
    const txs = streamTxs(h);
    expect(txs).toHaveLength(2);
    for (const t of txs) expect(JOINABLE.test(t.annotation(Transaction.userEvent)!)).toBe(false);
    const inserted = txs.map((t) => {
      let text = '';
      t.changes.iterChanges((_a, _b, _c, _d, ins) => (text += ins.toString()));
      return text;
    });
    expect(inserted).toEqual(['alpha beta\n', 'gamma\ndelta\n']);
    // Undo of the last step = its inverse: exactly the last batch goes, the first stays.
    const last = txs[1]!;
    const undone = last.changes.invert(last.startState.doc).apply(h.cm.state.doc).toString();
    expect(undone).toBe(`${START}alpha beta\n`);
  });

  it('switches to the vault when the tab closes, without losing or doubling text', async () => {
    const h = setup();
    await h.sink.append('one\ntwo\nthr');
    h.open.value = false; // the tab closed (its text was saved)
    await h.sink.append('ee\nfour\n');
    await h.sink.finish();
    expect(h.sink.live).toBe(false);
    expect(h.double.vault.peek(NOTE)).toBe(`${START}one\ntwo\nthree\nfour\n`);
  });

  it('cuts back only streamed text when the core truncates through the routed vault, even after the user typed above', async () => {
    const h = setup();
    const routed = routeNoteThroughSink(h.vault, h.sink);
    await routed.append(NOTE, 'kept\n');
    const keep = START.length + 'kept\n'.length;
    await routed.append(NOTE, 'partial section\n');
    h.cm.dispatch({ changes: { from: 0, insert: 'NOTE: ' }, userEvent: 'input.type' });
    // The core's truncate: read, then replace with the first `keep` characters.
    const read = await routed.read(NOTE);
    if (!read.ok) throw new Error('read failed');
    await routed.replace(NOTE, read.value.slice(0, keep));
    await routed.append(NOTE, 'again\n');
    h.sink.markFinished();
    const final = await routed.read(NOTE);
    expect(final.ok && final.value).toBe(`NOTE: ${START}kept\nagain\n`);
  });

  it('cuts back exactly the retried section\'s text when the user typed inside it: their text stays, none of the model\'s does', async () => {
    const h = setup();
    await h.sink.append('kept\n');
    const keep = START.length + 'kept\n'.length;
    await h.sink.append('partial one\npartial two\n');
    const at = START.length + 'kept\npartial'.length;
    h.cm.dispatch({ changes: { from: at, insert: ' USER' }, userEvent: 'input.type' });
    await h.sink.truncate(keep);
    expect(h.cm.state.doc.toString()).toBe(`${START}kept\n USER`);
    await h.sink.append('retried\n');
    await h.sink.finish();
    expect(h.cm.state.doc.toString()).toBe(`${START}kept\n USERretried\n`);
    expect(h.double.vault.peek(NOTE)).toBe(h.cm.state.doc.toString());
  });

  it('cuts back exactly the retried section\'s text when the user deleted some of it, and never their text before it', async () => {
    const h = setup();
    await h.sink.append('kept\n');
    const keep = START.length + 'kept\n'.length;
    await h.sink.append('partial one\npartial two\n');
    // The user deletes "ial one\npart" from the middle of the streamed section, and types at the top.
    const from = START.length + 'kept\npart'.length;
    h.cm.dispatch({ changes: { from, to: from + 'ial one\npart'.length }, userEvent: 'delete' });
    h.cm.dispatch({ changes: { from: 0, insert: 'TOP ' }, userEvent: 'input.type' });
    await h.sink.truncate(keep);
    expect(h.cm.state.doc.toString()).toBe(`TOP ${START}kept\n`);
  });

  it('keeps its track when the editor is reconfigured (the field is the plugin\'s registered one, never added per run)', async () => {
    const h = setup();
    await h.sink.append('kept\n');
    const keep = START.length + 'kept\n'.length;
    await h.sink.append('partial\n');
    // Obsidian reconfigures editors with the registered extensions (updateOptions, settings changes).
    h.cm.dispatch({ effects: StateEffect.reconfigure.of(h.extensions) });
    h.cm.dispatch({ changes: { from: h.cm.state.doc.length, insert: 'USER' }, userEvent: 'input.type' });
    await h.sink.truncate(keep);
    expect(h.cm.state.doc.toString()).toBe(`${START}kept\nUSER`);
    expect(h.txs.filter((t) => t.effects.some((e) => e.is(StateEffect.appendConfig)))).toEqual([]);
  });

  it('saves the editor before it writes through the vault when the note leaves the editor (Reading view, tab closed)', async () => {
    const h = setup();
    let saves = 0;
    const editor: OpenEditor = { cm: h.cm, save: async () => void (saves++, await h.vault.replace(NOTE, h.cm.state.doc.toString())) };
    const sink = new LiveNoteSink(h.vault, NOTE, (path) => (h.open.value && path === NOTE ? editor : null));
    sink.resetTo(START.length);
    await sink.append('one\n');
    // A plain edit the app has not autosaved yet, then the view stops being an editor.
    h.cm.dispatch({ changes: { from: 0, insert: 'X' }, userEvent: 'input.type' });
    h.open.value = false;
    const before = saves;
    await sink.append('two\n');
    await sink.finish();
    expect(saves).toBe(before + 1);
    expect(h.double.vault.peek(NOTE)).toBe(`X${START}one\ntwo\n`);
  });

  it('applies the core\'s final rewrite as one minimal change that keeps the user\'s edits', async () => {
    const h = setup();
    const routed = routeNoteThroughSink(h.vault, h.sink);
    await routed.append(NOTE, 'body\n');
    h.sink.markFinished();
    h.cm.dispatch({ changes: { from: h.cm.state.doc.length, insert: 'user line\n' }, userEvent: 'input.type' });
    const read = await routed.read(NOTE);
    if (!read.ok) throw new Error('read failed');
    const before = h.txs.length;
    await routed.replace(NOTE, read.value.replace('status: in_progress', 'status: ready_for_decomposition'));
    expect(h.txs.length - before).toBe(1);
    expect(h.cm.state.doc.toString()).toBe(`---\nstatus: ready_for_decomposition\n---\n# Plan\nbody\nuser line\n`);
    expect(h.double.vault.peek(NOTE)).toBe(h.cm.state.doc.toString());
  });
});

describe('LiveNoteSink without an editor', () => {
  it('appends through the vault', async () => {
    const { app, double } = buildApp({ [NOTE]: START });
    const sink = new LiveNoteSink(new ObsidianVault(app), NOTE, () => null);
    await sink.append('a\nb');
    expect(double.vault.peek(NOTE)).toBe(`${START}a\nb`);
    expect(sink.live).toBe(false);
  });

  it('cuts back through vault.process, from the text the file holds then, not from an earlier read', async () => {
    const { app, double } = buildApp({ [NOTE]: START });
    const vault = new ObsidianVault(app);
    const sink = new LiveNoteSink(vault, NOTE, () => null);
    sink.resetTo(START.length);
    await sink.append('kept\npartial\n');
    // Whoever reads the note first, another writer (Sync, an autosave) changes it right after: a cut
    // computed from that read would undo the change.
    const file = double.vault.getFileByPath(NOTE)!;
    const realRead = double.vault.read.bind(double.vault);
    double.vault.read = async (f) => {
      const text = await realRead(f);
      double.vault.read = realRead;
      await double.vault.modify(file, `OTHER ${text}`);
      return text;
    };
    const realProcess = double.vault.process.bind(double.vault);
    double.vault.process = async (f, fn, o) => {
      if (double.vault.read !== realRead) await double.vault.read(f); // the other writer gets in before the write
      return realProcess(f, fn, o);
    };
    await sink.truncate(START.length + 'kept\n'.length);
    expect(double.vault.peek(NOTE)).toBe(`OTHER ${START}kept\n`);
  });

  it('cuts back exactly when the editor opens only after the text was streamed through the vault', async () => {
    const { app, double } = buildApp({ [NOTE]: START });
    const vault = new ObsidianVault(app);
    let cm: EditorView | null = null;
    const sink = new LiveNoteSink(vault, NOTE, () => (cm ? { cm, save: async () => void (await vault.replace(NOTE, cm!.state.doc.toString())) } : null));
    sink.resetTo(START.length);
    await sink.append('kept\npartial one\npartial two\n');
    // The user opens the note now; the first thing the run does there is the cut-back.
    cm = new EditorView({ state: EditorState.create({ doc: double.vault.peek(NOTE)!, extensions: [streamAnchors] }), parent: document.body });
    await sink.truncate(START.length + 'kept\n'.length);
    expect(cm.state.doc.toString()).toBe(`${START}kept\n`);
  });

  it('reads and cuts back through the vault while the tab found is still loading another note', async () => {
    const { app, double } = buildApp({ [NOTE]: START });
    // The tab's view already names the plan note, but its editor still holds the note it showed before.
    const loading = new EditorView({ state: EditorState.create({ doc: 'the previous note', extensions: [streamAnchors] }), parent: document.body });
    const sink = new LiveNoteSink(new ObsidianVault(app), NOTE, () => ({ cm: loading }));
    sink.resetTo(START.length);
    await sink.append('a\nb\n');
    expect(await sink.read()).toEqual({ ok: true, value: `${START}a\nb\n` });
    await sink.truncate(START.length + 2);
    expect(await sink.replace(`${START}a\n`)).toEqual({ ok: true, value: undefined });
    expect(loading.state.doc.toString()).toBe('the previous note');
    expect(double.vault.peek(NOTE)).toBe(`${START}a\n`);
  });

  it('does not write into an editor that does not show what the file holds yet', async () => {
    const { app, double } = buildApp({ [NOTE]: START });
    const stale = new EditorView({ state: EditorState.create({ doc: 'old text' }), parent: document.body });
    const sink = new LiveNoteSink(new ObsidianVault(app), NOTE, () => ({ cm: stale }));
    await sink.append('x\n');
    expect(stale.state.doc.toString()).toBe('old text');
    expect(double.vault.peek(NOTE)).toBe(`${START}x\n`);
  });
});

describe('helpers', () => {
  it('accepts only EditorView-like values as editor.cm', () => {
    const view = new EditorView({ state: EditorState.create({ doc: '' }) });
    expect(asEditorView(view)).toBe(view);
    expect(asEditorView(undefined)).toBeNull();
    expect(asEditorView({ dispatch: () => undefined })).toBeNull();
  });

  it('computes one change between two texts', () => {
    expect(minimalChange('abcXdef', 'abcYYdef')).toEqual({ from: 3, to: 4, insert: 'YY' });
    expect(minimalChange('same', 'same')).toBeNull();
    expect(minimalChange('aaa', 'aa')).toEqual({ from: 2, to: 3, insert: '' });
  });
});
