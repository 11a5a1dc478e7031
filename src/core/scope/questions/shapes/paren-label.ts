/**
 * `**Payment provider** (BLOCKS: billing adapter, webhook scheme)`, `(NOT BLOCKING: defaults are
 * fine)`, `(Resolved)`, `(deferred)`: a parenthesised label on the question's line.
 */
import type { QuestionFacts, QuestionItem } from '../question';
import { DEFERRAL, type QuestionShape } from './shape';

const PAREN = /\(\s*(not\s+blocking|non[- ]?blocking|blocks|blocking|blocked|deferred|postponed|resolved|decided|closed|answered)\b\s*(?::\s*([^)]*))?\)/gi;

function read(item: QuestionItem): Partial<QuestionFacts> {
  const out: Partial<QuestionFacts> = {};
  item.texts.forEach((text, i) => {
    const line = item.lines[i]!;
    PAREN.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = PAREN.exec(text)) !== null) {
      const label = m[1]!.toLowerCase().replace(/\s+/g, ' ');
      const value = (m[2] ?? '').trim();
      const fact = { text: value || m[0].slice(1, -1).trim(), line };
      if (/^(?:not blocking|non[- ]?blocking)$/.test(label)) out.notBlocking ??= fact;
      else if (/^(?:blocks|blocking|blocked)$/.test(label)) {
        out.blocks = [...(out.blocks ?? []), { text: value, line }];
        if (DEFERRAL.test(value)) out.deferred ??= fact;
      } else if (/^(?:deferred|postponed)$/.test(label)) out.deferred ??= fact;
      else out.resolved ??= fact;
    }
  });
  return out;
}

export const parenLabel: QuestionShape = { name: 'paren-label', read };
