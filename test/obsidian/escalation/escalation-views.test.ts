/** @jest-environment jsdom */
import '../../support/jsdom-globals';
import '../../support/obsidian-dom';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { editorInfoField, editorLivePreviewField, type MarkdownPostProcessorContext } from 'obsidian';
import type { EscalationActionDeps } from '../../../src/obsidian/escalation/escalation-actions';
import { createEscalationExtension } from '../../../src/obsidian/escalation/escalation-extension';
import { createEscalationPostProcessor } from '../../../src/obsidian/escalation/escalation-post-processor';
import type { RecheckOutcome } from '../../../src/obsidian/escalation/recheck-outcome';

const NOTE = 'Planning/W2-escalation.md';
const DOC = [
  '---',
  'status: escalated',
  '---',
  '# Workstream W2 Escalation: Inspection API',
  '',
  '> [!escalation] Escalation Request — W2: Inspection API',
  '> - **Blocker:** x',
  '',
  'Text.',
].join('\n');

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function deps(outcome: () => Promise<RecheckOutcome>) {
  const recheck = jest.fn((_id: string, _path: string) => outcome());
  const planNow = jest.fn((_id: string, _path: string) => undefined);
  const d: EscalationActionDeps = { recheck, planNow };
  return { d, recheck, planNow };
}

function editor(d: EscalationActionDeps, doc = DOC, livePreview = true, path: string | null = NOTE) {
  const state = EditorState.create({
    doc,
    extensions: [
      editorInfoField.init(() => ({ file: path ? { path } : null }) as never),
      editorLivePreviewField.init(() => livePreview),
      createEscalationExtension(d),
    ],
  });
  const parent = document.body.appendChild(document.createElement('div'));
  return new EditorView({ state, parent });
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function buttons(root: ParentNode) {
  const all = Array.from(root.querySelectorAll<HTMLButtonElement>('.wp-escalation-actions__button'));
  return { recheck: all.find((b) => b.textContent === 'Re-check')!, plan: all.find((b) => b.textContent === 'Plan now')!, all };
}

describe('escalation editor extension', () => {
  afterEach(() => document.body.empty());

  it('puts the actions in a block of their own right after the callout, Plan now disabled until nothing blocks', async () => {
    const clear = deferred<RecheckOutcome>();
    const { d, recheck, planNow } = deps(() => clear.promise);
    const view = editor(d);
    const widgets = view.contentDOM.querySelectorAll('.wp-escalation-actions');
    expect(widgets).toHaveLength(1);
    // A block widget (a child of the content, not inside any line), so Live Preview's rendered
    // callout, which replaces the callout's lines, cannot hide it.
    expect(widgets[0]!.parentElement).toBe(view.contentDOM);
    expect(widgets[0]!.closest('.cm-line')).toBeNull();
    // Placed at the start of the line after the callout's last quoted line (line 7), above it.
    expect(view.posAtDOM(widgets[0]!)).toBe(view.state.doc.line(8).from);
    const next = widgets[0]!.nextElementSibling!;
    expect(next.classList.contains('cm-line')).toBe(true);
    expect(view.posAtDOM(next)).toBe(view.state.doc.line(8).from);
    let b = buttons(view.contentDOM);
    expect(b.all).toHaveLength(2);
    expect(b.recheck.disabled).toBe(false);
    expect(b.plan.disabled).toBe(true);

    b.recheck.click();
    expect(recheck).toHaveBeenCalledWith('W2', NOTE);
    await flush();
    b = buttons(view.contentDOM);
    expect(b.recheck.disabled).toBe(true);
    expect(view.contentDOM.querySelector('.wp-escalation-actions__message')?.textContent).toBe('Checking…');

    clear.resolve({ kind: 'resolved' });
    await flush();
    b = buttons(view.contentDOM);
    expect(b.plan.disabled).toBe(false);
    expect(view.contentDOM.querySelector('.wp-escalation-actions__message')?.textContent).toBe('Nothing blocks W2 any more.');
    b.plan.click();
    expect(planNow).toHaveBeenCalledWith('W2', NOTE);
    view.destroy();
  });

  it('shows the count while still blocked and a one-sentence failure, Plan now staying disabled', async () => {
    let next: RecheckOutcome = { kind: 'blocked', count: 2 };
    const { d } = deps(() => Promise.resolve(next));
    const view = editor(d);
    buttons(view.contentDOM).recheck.click();
    await flush();
    expect(view.contentDOM.querySelector('.wp-escalation-actions__message')?.textContent).toBe('Still blocked by 2 requests.');
    expect(buttons(view.contentDOM).plan.disabled).toBe(true);
    next = { kind: 'failed', message: 'The meso-level plan was not found at x.md; check the setting "paths.meso".' };
    buttons(view.contentDOM).recheck.click();
    await flush();
    const msg = view.contentDOM.querySelector('.wp-escalation-actions__message--error');
    expect(msg?.textContent).toBe('The meso-level plan was not found at x.md; check the setting "paths.meso".');
    expect(buttons(view.contentDOM).plan.disabled).toBe(true);
    view.destroy();
  });

  it('enables Plan now at once for a note already marked resolved', () => {
    const { d } = deps(() => Promise.resolve({ kind: 'resolved' }));
    const view = editor(d, DOC.replace('status: escalated', 'status: resolved'));
    expect(buttons(view.contentDOM).plan.disabled).toBe(false);
    view.destroy();
  });

  it('draws nothing in source mode, without a note, in code blocks without a workstream, or for other callouts', () => {
    const { d } = deps(() => Promise.resolve({ kind: 'resolved' }));
    for (const view of [editor(d, DOC, false), editor(d, DOC, true, null), editor(d, '> [!note] Escalation Request — W2\n> [!escalation] No id here')]) {
      expect(view.contentDOM.querySelector('.wp-escalation-actions')).toBeNull();
      view.destroy();
    }
  });

  it('follows edits: a callout added later gets its own actions', () => {
    const { d } = deps(() => Promise.resolve({ kind: 'resolved' }));
    const view = editor(d);
    view.dispatch({ changes: { from: view.state.doc.length, insert: '\n\n> [!escalation] Escalation Request — W3: Sync worker\n> x' } });
    const ids = Array.from(view.contentDOM.querySelectorAll('.wp-escalation-actions')).map((e) => e.getAttribute('data-wp-workstream'));
    expect(ids).toEqual(['W2', 'W3']);
    view.destroy();
  });
});

describe('escalation post-processor', () => {
  function rendered(title: string, type = 'escalation'): HTMLElement {
    const section = createDiv();
    const callout = section.createDiv({ cls: 'callout', attr: { 'data-callout': type } });
    const t = callout.createDiv({ cls: 'callout-title' });
    t.createDiv({ cls: 'callout-icon' });
    t.createDiv({ cls: 'callout-title-inner', text: title });
    callout.createDiv({ cls: 'callout-content' }).createEl('p', { text: 'Body' });
    return section;
  }
  const ctx = (frontmatter: unknown = { status: 'escalated' }) =>
    ({ sourcePath: NOTE, frontmatter, docId: 'd', addChild: () => undefined, getSectionInfo: () => null }) as unknown as MarkdownPostProcessorContext;

  it('adds the actions under the title of a rendered escalation callout and re-checks with its id and path', async () => {
    const { d, recheck, planNow } = deps(() => Promise.resolve({ kind: 'resolved' }));
    const pp = createEscalationPostProcessor(d);
    const el = rendered('Escalation Request — W2: Inspection API');
    void pp(el, ctx());
    const actions = el.querySelector('.callout-title + .wp-escalation-actions')!;
    expect(actions).not.toBeNull();
    let b = buttons(actions);
    expect(b.plan.disabled).toBe(true);
    b.recheck.click();
    expect(recheck).toHaveBeenCalledWith('W2', NOTE);
    await flush();
    b = buttons(actions);
    expect(b.plan.disabled).toBe(false);
    b.plan.click();
    expect(planNow).toHaveBeenCalledWith('W2', NOTE);
    // Running again on the same element adds nothing.
    void pp(el, ctx());
    expect(el.querySelectorAll('.wp-escalation-actions')).toHaveLength(1);
  });

  it('leaves other callouts and titles without a workstream alone, and knows resolved notes', () => {
    const { d } = deps(() => Promise.resolve({ kind: 'resolved' }));
    const pp = createEscalationPostProcessor(d);
    const other = rendered('Escalation Request — W2: x', 'note');
    const noId = rendered('Something else');
    void pp(other, ctx());
    void pp(noId, ctx());
    expect(other.querySelector('.wp-escalation-actions')).toBeNull();
    expect(noId.querySelector('.wp-escalation-actions')).toBeNull();
    const done = rendered('Escalation Request — W4: Reports');
    void pp(done, ctx({ status: 'resolved' }));
    expect(buttons(done).plan.disabled).toBe(false);
  });
});
