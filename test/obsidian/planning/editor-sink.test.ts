/** @jest-environment jsdom */
import '../../support/jsdom-globals';
import '../../support/obsidian-dom';
import { EditorSelection, EditorState, Transaction } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { buildApp } from '../../support/obsidian-app';
import type { App } from '../../__mocks__/obsidian';
import { ObsidianVault } from '../../../src/obsidian/ObsidianVault';
import { asEditorView, LiveNoteSink, minimalChange, routeNoteThroughSink, STREAM_USER_EVENT, type OpenEditor } from '../../../src/obsidian/planning/editor-sink';

const NOTE = 'Planning/W2-micro-level-plan.md';
const START = '---\nstatus: in_progress\n---\n# Plan\n';

/** CodeMirror's history (in @codemirror/commands) joins a transaction into the previous undo step only for these user events. */
const JOINABLE = /^(input\.type|delete)($|\.)/;

interface Harness {
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
  const cm = new EditorView({
    state: EditorState.create({ doc, extensions: [EditorView.updateListener.of((u) => txs.push(...u.transactions))] }),
    parent: document.body,
  });
  const open = { value: true };
  // The tab's save writes the editor's text to the file, as TextFileView.save does.
  const editor: OpenEditor = { cm, save: async () => void (await vault.replace(NOTE, cm.state.doc.toString())) };
  const sink = new LiveNoteSink(vault, NOTE, (path) => (open.value && path === NOTE ? editor : null));
  sink.resetTo(doc.length);
  return { double, vault, cm, txs, open, sink };
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
