/**
 * Reads escalation callouts back out of a note, so "Re-check" can find each one, compare it with a
 * fresh check and rewrite or drop it by line range. Reads what `renderEscalationCallout` writes and
 * tolerates hand edits: a folding sign after the type, extra spaces, fields missing or out of order.
 */
import { maskCode } from '../markdown/code-mask';
import { ESCALATION_CALLOUT_TITLE, ESCALATION_CALLOUT_TYPE, ESCALATION_FIELDS, type EscalationField } from './render-escalation';

export interface ParsedEscalation {
  /** From the title, `W2`; null when the title names no workstream. */
  workstreamId: string | null;
  /** From the title, after `W2:`; empty when absent. */
  workstreamName: string;
  agent: string;
  /** The Workstream field as written, `W2: Inspection API`. */
  workstream: string;
  blocker: string;
  mesoSection: string;
  evidence: string[];
  questions: string[];
  recommendation: string;
  /** Seed fields that the callout does not carry. */
  missing: EscalationField[];
  /** 1-based, inclusive: the title line and the callout's last line. */
  startLine: number;
  endLine: number;
}

/** The line that opens an escalation callout; group 1 is its title. */
export const ESCALATION_TITLE_LINE = new RegExp(
  `^\\s{0,3}>\\s*\\[!${ESCALATION_CALLOUT_TYPE}\\][+-]?\\s*(.*?)\\s*$`,
  'i',
);
const FIELD = new RegExp(`^-\\s+\\*\\*(${ESCALATION_FIELDS.join('|')}):\\*\\*\\s*(.*?)\\s*$`, 'i');
const NESTED = /^\s+[-*+]\s+(.*?)\s*$/;

/** The inside of a callout line (after `>` and one optional space), or null when the line is not quoted. */
function calloutBody(line: string): string | null {
  const m = /^\s{0,3}>\s?/.exec(line);
  return m ? line.slice(m[0].length) : null;
}

/** The workstream id and name a callout title names (`Escalation Request — W2: Inspection API`). */
export function parseEscalationTitle(title: string): { id: string | null; name: string } {
  const rest = title.replace(new RegExp(`^${ESCALATION_CALLOUT_TITLE}\\s*[—–-]?\\s*`, 'i'), '');
  const m = /^(W\d+)\b\s*:?\s*(.*)/i.exec(rest);
  return m ? { id: m[1]!.toUpperCase(), name: m[2]!.trim() } : { id: null, name: '' };
}

function canonical(label: string): EscalationField {
  return ESCALATION_FIELDS.find((f) => f.toLowerCase() === label.toLowerCase())!;
}

/** Every `[!escalation]` callout in the note, in order, skipping any inside code blocks. */
export function parseEscalationCallouts(text: string): ParsedEscalation[] {
  // Trailing spaces and a CR never matter: titles and values are read trimmed.
  const lines = text.split('\n').map((l) => l.trimEnd());
  const masked = maskCode(text).split('\n');
  const found: ParsedEscalation[] = [];
  let i = 0;
  while (i < lines.length) {
    // maskCode keeps the line count, so `masked[i]` is there.
    const titleMatch = ESCALATION_TITLE_LINE.exec(masked[i]!) ? ESCALATION_TITLE_LINE.exec(lines[i]!) : null;
    if (!titleMatch) {
      i++;
      continue;
    }
    const start = i;
    const { id, name } = parseEscalationTitle(titleMatch[1]!);
    const values = new Map<EscalationField, { inline: string; items: string[] }>();
    let current: EscalationField | null = null;
    i++;
    // The callout runs while lines stay quoted; a new callout title ends it too.
    while (i < lines.length && calloutBody(lines[i]!) !== null && !ESCALATION_TITLE_LINE.exec(lines[i]!)) {
      const body = calloutBody(lines[i]!)!;
      const f = FIELD.exec(body);
      const nested = NESTED.exec(body);
      if (f) {
        current = canonical(f[1]!);
        values.set(current, { inline: f[2]!, items: [] });
      } else if (nested && current) {
        values.get(current)!.items.push(nested[1]!);
      } else if (current && body !== '') {
        // A hand-wrapped continuation of the field above.
        const v = values.get(current)!;
        if (v.items.length > 0) v.items[v.items.length - 1] += ` ${body.trim()}`;
        else v.inline = `${v.inline} ${body.trim()}`.trim();
      }
      i++;
    }
    const end = i - 1;
    const scalar = (f: EscalationField): string => values.get(f)?.inline ?? '';
    const list = (f: EscalationField): string[] => {
      const v = values.get(f);
      if (!v) return [];
      return [...(v.inline ? [v.inline] : []), ...v.items];
    };
    found.push({
      workstreamId: id,
      workstreamName: name,
      agent: scalar('Agent'),
      workstream: scalar('Workstream'),
      blocker: scalar('Blocker'),
      mesoSection: scalar('Meso-plan section'),
      evidence: list('Evidence'),
      questions: list('Questions'),
      recommendation: scalar('Recommendation'),
      missing: ESCALATION_FIELDS.filter((f) => !values.has(f)),
      startLine: start + 1,
      endLine: end + 1,
    });
  }
  return found;
}
