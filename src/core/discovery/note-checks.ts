/** What discovery says about a note it found: empty, too large, frontmatter that does not parse. */
import type { PlannerError } from '../contracts/errors';
import type { PlannerWarning } from '../contracts/planning-set';
import { ROLE_LABELS, type Role } from '../contracts/settings';
import type { LoadedNote } from './note-loader';

/** Notes larger than this get a `large-note` warning. @unit bytes @default 1 MiB */
export const LARGE_NOTE_BYTES = 1024 * 1024;

export function noteWarnings(role: Role, note: LoadedNote): PlannerWarning[] {
  const out: PlannerWarning[] = [];
  const problem = note.meta.frontmatterError;
  if (problem) {
    out.push({
      kind: 'bad-frontmatter',
      file: note.path,
      line: problem.line,
      message: `The frontmatter of "${note.path}" does not parse (line ${problem.line}: ${problem.detail}); its body is still used as the ${ROLE_LABELS[role]}.`,
    });
  }
  if (isEmpty(note)) {
    out.push({
      kind: 'empty-note',
      file: note.path,
      message:
        role === 'meso'
          ? `The meso-level plan "${note.path}" is empty, so it is treated as missing.`
          : `The ${ROLE_LABELS[role]} note "${note.path}" is empty.`,
    });
  }
  if (note.size > LARGE_NOTE_BYTES) {
    out.push({
      kind: 'large-note',
      file: note.path,
      message: `The ${ROLE_LABELS[role]} note "${note.path}" is ${(note.size / (1024 * 1024)).toFixed(1)} MB; planning from it will be slow and costly.`,
    });
  }
  return out;
}

/** Empty means nothing but whitespace once the frontmatter is set aside. */
export function isEmpty(note: LoadedNote): boolean {
  const lines = note.text.split('\n');
  return lines.slice(note.meta.bodyStartLine - 1).join('\n').trim() === '';
}

/** The loader memoises by path, so an error may carry the role of an earlier load. */
export function forRole(e: PlannerError, role: Role): PlannerError {
  if (e.kind === 'missing-note' || e.kind === 'unreadable-note') return { ...e, role };
  if (e.kind === 'project-not-found') return { kind: 'missing-note', role, path: e.path };
  return e;
}
