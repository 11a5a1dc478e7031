/**
 * A rough Live Preview for the harness's editors. As in the app (editorLivePreviewField true), a
 * callout is drawn as one block that replaces its source lines while the cursor is outside it, and
 * widgets placed inside those lines are not shown (alexkurowski/solo-toolkit#28: callouts, tables and
 * lists are widgets themselves in Live Preview and widgets inside them do not render;
 * ebullient/obsidian-admonition#290: a button inside a callout needs its own decoration in Live
 * Preview). With the cursor inside, the source lines show, styled as a callout. Headings and
 * frontmatter get their classes.
 */
import { RangeSetBuilder, StateField, type EditorState, type Extension } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, WidgetType, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { editorLivePreviewField } from '../../__mocks__/obsidian-double/markdown-view';

/** Headings, frontmatter and callout source lines get the app's line classes. */
const markdownLook = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = this.build(view);
    }
    update(u: ViewUpdate): void {
      if (u.docChanged || u.viewportChanged) this.decorations = this.build(u.view);
    }
    build(view: EditorView): DecorationSet {
      const b = new RangeSetBuilder<Decoration>();
      const doc = view.state.doc;
      let inFrontmatter = doc.lines > 0 && doc.line(1).text === '---';
      let callout: string | null = null;
      for (let n = 1; n <= doc.lines; n++) {
        const line = doc.line(n);
        const t = line.text;
        let cls = '';
        if (inFrontmatter) {
          cls = 'cm-hmd-frontmatter';
          if (n > 1 && t === '---') inFrontmatter = false;
        } else if (/^#{1,6} /.test(t)) {
          cls = `HyperMD-header HyperMD-header-${/^#+/.exec(t)![0].length}`;
          callout = null;
        } else if (/^\s{0,3}>/.test(t)) {
          const m = /^\s{0,3}>\s*\[!([\w-]+)\]/.exec(t);
          if (m) callout = m[1]!.toLowerCase();
          cls = callout ? `HyperMD-quote HyperMD-callout callout wp-harness-callout${m ? ' wp-harness-callout-title' : ''}` : 'HyperMD-quote';
        } else callout = null;
        if (cls) b.add(line.from, line.from, Decoration.line({ class: cls, attributes: callout ? { 'data-callout': callout } : {} }));
      }
      return b.finish();
    }
  },
  { decorations: (p) => p.decorations },
);


const CALLOUT_START = /^\s{0,3}>\s*\[!([\w-]+)\][+-]?\s*(.*)$/;

interface CalloutBlock {
  from: number;
  to: number;
  type: string;
  title: string;
  body: string[];
}

function callouts(state: EditorState): CalloutBlock[] {
  const doc = state.doc;
  const out: CalloutBlock[] = [];
  for (let n = 1; n <= doc.lines; n++) {
    const m = CALLOUT_START.exec(doc.line(n).text);
    if (!m) continue;
    const first = doc.line(n);
    let last = first;
    const body: string[] = [];
    while (last.number < doc.lines && /^\s{0,3}>/.test(doc.line(last.number + 1).text)) {
      last = doc.line(last.number + 1);
      body.push(last.text.replace(/^\s{0,3}>\s?/, ''));
    }
    out.push({ from: first.from, to: last.to, type: m[1]!.toLowerCase(), title: m[2]!, body });
    n = last.number;
  }
  return out;
}

/** The rendered callout: title and body as text, with the app's classes. A click puts the cursor in it. */
class CalloutWidget extends WidgetType {
  constructor(private readonly c: CalloutBlock) {
    super();
  }
  eq(other: CalloutWidget): boolean {
    return other.c.from === this.c.from && other.c.to === this.c.to && other.c.title === this.c.title && other.c.body.join('\n') === this.c.body.join('\n');
  }
  toDOM(view: EditorView): HTMLElement {
    const wrap = createDiv({ cls: 'cm-embed-block cm-callout' });
    const el = wrap.createDiv({ cls: 'callout', attr: { 'data-callout': this.c.type } });
    el.createDiv({ cls: 'callout-title' }).createDiv({ cls: 'callout-title-inner', text: this.c.title || this.c.type });
    const content = el.createDiv({ cls: 'callout-content' });
    for (const line of this.c.body) if (line.trim() !== '') content.createEl('p', { text: line });
    wrap.addEventListener('mousedown', (evt) => {
      evt.preventDefault();
      view.dispatch({ selection: { anchor: this.c.from + 2 } });
      view.focus();
    });
    return wrap;
  }
  ignoreEvent(): boolean {
    return false;
  }
}

function renderedCallouts(state: EditorState): DecorationSet {
  if (!state.field(editorLivePreviewField, false)) return Decoration.none;
  const sel = state.selection.main;
  const b = new RangeSetBuilder<Decoration>();
  for (const c of callouts(state)) {
    // The source shows while the cursor (or selection) touches the callout, as in the app.
    if (sel.to >= c.from && sel.from <= c.to) continue;
    b.add(c.from, c.to, Decoration.replace({ widget: new CalloutWidget(c), block: true }));
  }
  return b.finish();
}

/** Block replacements must come from a state field (a view plugin cannot change the layout). */
const calloutField = StateField.define<DecorationSet>({
  create: renderedCallouts,
  update(value, tr) {
    const modeChanged = tr.startState.field(editorLivePreviewField, false) !== tr.state.field(editorLivePreviewField, false);
    return tr.docChanged || tr.selection || modeChanged || tr.reconfigured ? renderedCallouts(tr.state) : value;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** The harness's Live Preview: line classes, and callouts rendered as blocks. */
export const livePreview: Extension = [markdownLook, calloutField];
