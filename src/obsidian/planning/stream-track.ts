/**
 * Where each run's streamed text is in an editor, kept by CodeMirror through every edit. A run has an
 * insertion point (the anchor, mapped so it stays after the run's own text) and the exact pieces of
 * the document it wrote, each tagged with the note offset (in the planner's coordinates) of its first
 * character. The user's typing inside the streamed region splits a piece, and what they delete leaves
 * it: a cut-back then removes exactly the run's text past an offset, never theirs, and leaves none of
 * the run's text behind.
 *
 * The field is registered once with `registerEditorExtension` (main.ts), so every editor has it and a
 * reconfigured editor keeps it.
 */
import { StateEffect, StateField, type ChangeDesc } from '@codemirror/state';

/** `[from, to)` in the document holds run text whose first character is at note offset `core`. */
export interface Piece {
  from: number;
  to: number;
  core: number;
}

export interface StreamTrack {
  anchor: number;
  pieces: readonly Piece[];
}

/** Starts (`pos`), moves, or with `pos: null` ends a run's track. */
export const anchorEffect = StateEffect.define<{ id: number; pos: number | null }>();
/** The run wrote `[from, to)` (positions after the transaction), starting at note offset `core`. */
export const wroteEffect = StateEffect.define<{ id: number } & Piece>();

/** The pieces after `changes`: what the changes replaced is gone, text inserted inside a piece splits it. */
export function mapPieces(pieces: readonly Piece[], changes: ChangeDesc): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    // The parts of [p.from, p.to) that no change touched, in the old document.
    let parts: Array<{ from: number; to: number }> = [{ from: p.from, to: p.to }];
    changes.iterChangedRanges((fromA, toA) => {
      parts = parts.flatMap((r) => {
        if (toA < r.from || fromA > r.to) return [r];
        if (fromA === toA && (fromA === r.from || fromA === r.to)) return [r]; // an insertion at an edge stays outside
        const kept: Array<{ from: number; to: number }> = [];
        if (fromA > r.from) kept.push({ from: r.from, to: fromA });
        if (toA < r.to) kept.push({ from: toA, to: r.to });
        return kept;
      });
    });
    for (const r of parts) {
      if (r.to <= r.from) continue;
      // Unchanged text keeps its length: map the start past insertions there, the end before them.
      const from = changes.mapPos(r.from, 1);
      out.push({ from, to: from + (r.to - r.from), core: p.core + (r.from - p.from) });
    }
  }
  return merge(out);
}

/** Joins pieces that touch both in the document and in note offsets. */
function merge(pieces: Piece[]): Piece[] {
  const sorted = [...pieces].sort((a, b) => a.from - b.from);
  const out: Piece[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && last.to === p.from && last.core + (last.to - last.from) === p.core) out[out.length - 1] = { ...last, to: p.to };
    else out.push(p);
  }
  return out;
}

/** The document ranges holding the run's text at note offsets `offset` and beyond. */
export function rangesPast(pieces: readonly Piece[], offset: number): Array<{ from: number; to: number }> {
  const out: Array<{ from: number; to: number }> = [];
  for (const p of pieces) {
    const end = p.core + (p.to - p.from);
    if (end <= offset) continue;
    out.push({ from: p.from + Math.max(0, offset - p.core), to: p.to });
  }
  return out;
}

export const streamAnchors = StateField.define<ReadonlyMap<number, StreamTrack>>({
  create: () => new Map(),
  update(value, tr) {
    let next = value;
    if (tr.docChanged && value.size > 0) {
      const mapped = new Map<number, StreamTrack>();
      for (const [id, t] of value) mapped.set(id, { anchor: tr.changes.mapPos(t.anchor, 1), pieces: mapPieces(t.pieces, tr.changes) });
      next = mapped;
    }
    for (const e of tr.effects) {
      if (e.is(anchorEffect)) {
        const copy = new Map(next);
        if (e.value.pos === null) copy.delete(e.value.id);
        else copy.set(e.value.id, { anchor: e.value.pos, pieces: copy.get(e.value.id)?.pieces ?? [] });
        next = copy;
      } else if (e.is(wroteEffect)) {
        const t = next.get(e.value.id);
        if (!t) continue;
        const copy = new Map(next);
        copy.set(e.value.id, { anchor: t.anchor, pieces: merge([...t.pieces, { from: e.value.from, to: e.value.to, core: e.value.core }]) });
        next = copy;
      }
    }
    return next;
  },
});
