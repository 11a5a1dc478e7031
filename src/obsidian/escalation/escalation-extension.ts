/**
 * Live Preview: "Re-check" and "Plan now" under each `> [!escalation]` callout, as a block widget
 * placed just after the callout's lines. Live Preview draws a callout as one rendered block that
 * replaces its source lines while the cursor is elsewhere, so anything placed inside those lines
 * (as the title-line widget this replaces was) shows only while the user edits the callout. Block
 * widgets must come from a StateField, not a ViewPlugin (CodeMirror: a view plugin cannot change the
 * vertical layout). The note's path comes from Obsidian's `editorInfoField`; without one (an editor
 * with no file) nothing is drawn, nor in Source mode (raw Markdown; the "Re-check escalation"
 * command does the same there).
 */
import { StateEffect, StateField, type EditorState, type Extension } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, type DecorationSet } from '@codemirror/view';
import { editorInfoField, editorLivePreviewField } from 'obsidian';
import {
  renderActions,
  stateSignature,
  storeFor,
  workstreamFromTitle,
  type EscalationActionDeps,
  type EscalationActionStore,
} from './escalation-actions';
import { ESCALATION_TITLE_LINE } from '../../core/escalation/parse-escalation';

const TITLE = ESCALATION_TITLE_LINE;
const RESOLVED = /^status:\s*["']?resolved["']?\s*$/m;

/** Asks the plugin to rebuild its decorations after an action changed state. */
const refresh = StateEffect.define<null>();

class ActionsWidget extends WidgetType {
  constructor(
    private readonly deps: EscalationActionDeps,
    private readonly store: EscalationActionStore,
    private readonly notePath: string,
    private readonly workstreamId: string,
    private readonly noteResolved: boolean,
    private readonly signature: string,
  ) {
    super();
  }

  eq(other: ActionsWidget): boolean {
    return other.notePath === this.notePath && other.workstreamId === this.workstreamId && other.signature === this.signature;
  }

  toDOM(view: EditorView): HTMLElement {
    const el = createDiv({ cls: 'wp-escalation-actions--block' });
    renderActions(el, {
      deps: this.deps,
      store: this.store,
      notePath: this.notePath,
      workstreamId: this.workstreamId,
      noteResolved: this.noteResolved,
      redraw: () => {
        // The view may be gone (note closed) by the time a re-check returns.
        if (view.dom.isConnected || view.dom.parentNode) view.dispatch({ effects: refresh.of(null) });
      },
    });
    return el;
  }

  ignoreEvent(): boolean {
    return true;
  }
}

/** True when the note's frontmatter says `status: resolved`. */
function noteResolved(state: EditorState): boolean {
  const doc = state.doc;
  if (doc.lines < 2 || doc.line(1).text.trim() !== '---') return false;
  for (let n = 2; n <= Math.min(doc.lines, 200); n++) {
    const text = doc.line(n).text;
    if (text.trim() === '---') return false;
    if (RESOLVED.test(text)) return true;
  }
  return false;
}

/** Where the actions of the callout whose title is on line `n` go: after its last quoted line. */
function afterCallout(state: EditorState, n: number): { pos: number; side: number } {
  const doc = state.doc;
  let last = n;
  while (last < doc.lines && /^\s{0,3}>/.test(doc.line(last + 1).text)) last++;
  // The start of the next line (above it), outside the range Live Preview replaces; at the very end, after it.
  return last < doc.lines ? { pos: doc.line(last + 1).from, side: -1 } : { pos: doc.length, side: 1 };
}

function build(state: EditorState, deps: EscalationActionDeps, store: EscalationActionStore): DecorationSet {
  if (state.field(editorLivePreviewField, false) === false) return Decoration.none;
  const path = state.field(editorInfoField, false)?.file?.path;
  if (!path) return Decoration.none;
  const resolved = noteResolved(state);
  const widgets = [];
  const doc = state.doc;
  for (let n = 1; n <= doc.lines; n++) {
    const m = TITLE.exec(doc.line(n).text);
    const id = m ? workstreamFromTitle(m[1]!) : null;
    if (!id) continue;
    const sig = stateSignature(store.get(path, id, resolved));
    const at = afterCallout(state, n);
    widgets.push(Decoration.widget({ widget: new ActionsWidget(deps, store, path, id, resolved, sig), block: true, side: at.side }).range(at.pos));
  }
  return Decoration.set(widgets, true);
}

/** The extension to pass to `registerEditorExtension`. */
export function createEscalationExtension(deps: EscalationActionDeps): Extension {
  const store = storeFor(deps);
  return StateField.define<DecorationSet>({
    create: (state) => build(state, deps, store),
    update(value, tr) {
      const refreshed = tr.effects.some((e) => e.is(refresh));
      const modeChanged = tr.startState.field(editorLivePreviewField, false) !== tr.state.field(editorLivePreviewField, false);
      const infoChanged = tr.startState.field(editorInfoField, false) !== tr.state.field(editorInfoField, false);
      return tr.docChanged || refreshed || modeChanged || infoChanged || tr.reconfigured ? build(tr.state, deps, store) : value;
    },
    provide: (f) => EditorView.decorations.from(f),
  });
}
