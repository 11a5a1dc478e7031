/**
 * Facts written under labels, bold or plain, on their own line or inside a sentence:
 * `- **Blocks**: W4 payment adapter`, `**Recommendation**: Defer to post-MVP`,
 * `**Proposed Assumption**: hosted checkout`, `**Validation**: confirm with finance before Epic 4`,
 * `… parity across methods. Blocks: delta computation rules.`, `… TBD. Assumption: evergreen browsers.`,
 * `**Status**: Resolved`, `Decision: Stripe`.
 */
import type { QuestionFact, QuestionFacts, QuestionItem } from '../question';
import { DEFERRAL, NOTHING, OPEN_VALUE, SETTLED_STATUS, type QuestionShape } from './shape';

type Kind = 'blocks' | 'notBlocking' | 'recommendation' | 'assumption' | 'validation' | 'status' | 'resolution' | 'mitigation';

const LABELS: Array<[RegExp, Kind]> = [
  [/^(?:not\s+blocking|non[- ]?blocking)$/i, 'notBlocking'],
  [/^(?:blocks?|blocking|blocked(?:\s+decisions?|\s+items?)?)$/i, 'blocks'],
  [/^recommend(?:ation|ed|s)?$/i, 'recommendation'],
  [/^(?:proposed\s+|working\s+|default\s+)?assumptions?$|^default$/i, 'assumption'],
  [/^(?:validation(?:\s+plan)?|validate|to\s+validate)$/i, 'validation'],
  [/^status$/i, 'status'],
  [/^(?:resolution|decision|decided|answer|resolved)$/i, 'resolution'],
  [/^mitigations?$/i, 'mitigation'],
];

/** A label where a fact starts: at the line's start (after a list marker), or after a sentence end or a dash. */
const LABEL_AT =
  /(^|[.;!?]\s+|\s[—–]\s*|^\s*(?:[-*+]|\d+[.)])\s+)(?:\*\*|__)?\s*((?:not\s+blocking|non[- ]?blocking|blocks?|blocking|blocked(?:\s+decisions?|\s+items?)?|recommend(?:ation|ed|s)?|(?:proposed\s+|working\s+|default\s+)?assumptions?|default|validation(?:\s+plan)?|validate|to\s+validate|status|resolution|decision|decided|answer|resolved|mitigations?))\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?/gi;

interface Labelled {
  kind: Kind;
  fact: QuestionFact;
}

function labelled(text: string, line: number): Labelled[] {
  const found: Array<{ kind: Kind; at: number; valueAt: number }> = [];
  LABEL_AT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LABEL_AT.exec(text)) !== null) {
    const word = m[2]!.trim();
    const kind = LABELS.find(([re]) => re.test(word))?.[1];
    if (kind) found.push({ kind, at: m.index + m[1]!.length, valueAt: m.index + m[0].length });
  }
  return found.map((f, i) => {
    const end = found[i + 1]?.at ?? text.length;
    const value = text.slice(f.valueAt, end).replace(/\*\*|__/g, '').trim().replace(/[\s.;,—–-]+$/, '').trim();
    return { kind: f.kind, fact: { text: value, line } };
  });
}

function read(item: QuestionItem): Partial<QuestionFacts> {
  const out: Partial<QuestionFacts> = {};
  let recommendation: QuestionFact | null = null;
  let mitigation: QuestionFact | null = null;
  item.texts.forEach((text, i) => {
    for (const { kind, fact } of labelled(text, item.lines[i]!)) {
      const v = fact.text;
      switch (kind) {
        case 'blocks':
          if (NOTHING.test(v)) out.notBlocking ??= fact;
          else out.blocks = [...(out.blocks ?? []), fact];
          if (DEFERRAL.test(v)) out.deferred ??= fact;
          break;
        case 'notBlocking':
          out.notBlocking ??= fact;
          break;
        case 'recommendation':
          if (DEFERRAL.test(v)) out.deferred ??= fact;
          recommendation ??= fact;
          break;
        case 'assumption':
          if (v !== '' && !OPEN_VALUE.test(v)) out.assumption ??= fact;
          break;
        case 'validation':
          if (v !== '') out.validation ??= fact;
          break;
        case 'status':
          if (SETTLED_STATUS.test(v)) out.resolved ??= fact;
          else if (DEFERRAL.test(v)) out.deferred ??= fact;
          else if (/^(?:not\s+blocking|non[- ]?blocking)\b/i.test(v)) out.notBlocking ??= fact;
          break;
        case 'resolution':
          if (v !== '' && !OPEN_VALUE.test(v)) out.resolved ??= fact;
          break;
        case 'mitigation':
          mitigation ??= fact;
          break;
      }
    }
  });
  // A recommendation (or, failing that, a mitigation) says how to go ahead meanwhile: an assumption.
  const fallback = recommendation ?? mitigation;
  if (!out.assumption && fallback && (fallback as QuestionFact).text !== '') out.assumption = fallback;
  return out;
}

export const factLabels: QuestionShape = { name: 'fact-labels', read };
