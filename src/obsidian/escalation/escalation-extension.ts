/**
 * Live Preview: an inline widget at the end of the title line of each `> [!escalation]` callout
 * with "Re-check" and "Plan now". A ViewPlugin over the visible lines (inline widgets only: block
 * widgets would have to come from a StateField). The note's path comes from Obsidian's
 * `editorInfoField`; without one (an editor with no file) nothing is drawn.
 */
import { StateEffect, type Extension } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, WidgetType, type DecorationSet, type ViewUpdate } from '@codemirror/view';
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
    const el = createSpan();
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
function noteResolved(view: EditorView): boolean {
  const doc = view.state.doc;
  if (doc.lines < 2 || doc.line(1).text.trim() !== '---') return false;
  for (let n = 2; n <= Math.min(doc.lines, 200); n++) {
    const text = doc.line(n).text;
    if (text.trim() === '---') return false;
    if (RESOLVED.test(text)) return true;
  }
  return false;
}

function build(view: EditorView, deps: EscalationActionDeps, store: EscalationActionStore): DecorationSet {
  if (view.state.field(editorLivePreviewField, false) === false) return Decoration.none;
  const path = view.state.field(editorInfoField, false)?.file?.path;
  if (!path) return Decoration.none;
  const resolved = noteResolved(view);
  const widgets = [];
  for (const { from, to } of view.visibleRanges) {
    for (let pos = from; pos <= to; ) {
      const line = view.state.doc.lineAt(pos);
      const m = TITLE.exec(line.text);
      const id = m ? workstreamFromTitle(m[1]!) : null;
      if (id) {
        const sig = stateSignature(store.get(path, id, resolved));
        widgets.push(Decoration.widget({ widget: new ActionsWidget(deps, store, path, id, resolved, sig), side: 1 }).range(line.to));
      }
      pos = line.to + 1;
    }
  }
  return Decoration.set(widgets, true);
}

/** The extension to pass to `registerEditorExtension`. */
export function createEscalationExtension(deps: EscalationActionDeps): Extension {
  const store = storeFor(deps);
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = build(view, deps, store);
      }
      update(u: ViewUpdate): void {
        const refreshed = u.transactions.some((tr) => tr.effects.some((e) => e.is(refresh)));
        const modeChanged = u.startState.field(editorLivePreviewField, false) !== u.state.field(editorLivePreviewField, false);
        if (u.docChanged || u.viewportChanged || refreshed || modeChanged) this.decorations = build(u.view, deps, store);
      }
    },
    { decorations: (p) => p.decorations },
  );
}
