import { maskCode } from '../../markdown/code-mask';
import { escapeRe, stripTodoCallouts, tokenPattern, withoutFrontmatter } from '../content';
import { fail, label, notInWbsReason, pass, sectionAt, type CheckContext, type ReadinessCheck } from '../context';

/**
 * The id styles the workstream's own tasks use, as the text before their final number:
 * `W2.1` → `W2.`, `W2-T3` → `W2-T`, `T2.1` → `T2.`. A prefix without a letter would match
 * section numbers, so it is left out.
 */
export function idPrefixes(ids: string[]): string[] {
  const out = new Set<string>();
  for (const id of ids) {
    const prefix = id.replace(/\d+$/, '');
    if (prefix !== id && /\p{L}/u.test(prefix)) out.add(prefix);
  }
  return [...out];
}

/** Where `line` is, for naming where something was found. */
function placeOf(ctx: CheckContext, line: number): string {
  const hit = sectionAt(ctx.sections, line);
  return hit ? `section ${label(hit)}` : 'the note';
}

/** No task id in the workstream's id style that its WBS lacks (e.g. W2.9 when W2 has W2.1–W2.5). */
export const unknownIds: ReadinessCheck = {
  id: 'unknown-ids',
  check: (ctx) => {
    const two = ctx.section('2');
    if (!ctx.scope) return fail('unknown-ids', two?.line ?? null, [notInWbsReason()]);
    const ws = ctx.scope.workstream;
    const known = new Set(ws.tasks.map((t) => t.id));
    const prefixes = idPrefixes([...known]);
    const passLine = two?.line ?? 1;
    if (prefixes.length === 0) return pass('unknown-ids', passLine);

    // The frontmatter left out, placeholders and code blanked (line breaks kept): lines stay the note's.
    const text = maskCode(stripTodoCallouts(withoutFrontmatter(ctx.text)));

    const alternatives = prefixes.map((p) => `${escapeRe(p)}\\d+`).join('|');
    const re = new RegExp(tokenPattern(alternatives), 'gu');
    const reasons: string[] = [];
    const reported = new Set<string>();
    let firstLine: number | null = null;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const id = m[1]!;
      if (known.has(id) || reported.has(id)) continue;
      reported.add(id);
      const line = text.slice(0, m.index + m[0].length - id.length).split('\n').length;
      firstLine ??= line;
      reasons.push(`${id} (line ${line}, ${placeOf(ctx, line)}) is not a task of ${ws.id} in the WBS.`);
    }
    return reasons.length === 0 ? pass('unknown-ids', passLine) : fail('unknown-ids', firstLine, reasons);
  },
};
