/**
 * Epics as the upstream micro-level prompt's users label them: `Epic 2`, `Epic B`, `E3`, and
 * references to them in running text (`Epic 1 complete`, `after E2`). Epics are the workstreams:
 * `Epic N` → `WN`, `Epic A` → `W1`, `E3` → `W3` (see `assignEpicIds`).
 */
import { cleanName, splitTrailingEstimate } from './wbs-lines';

/** How an epic is numbered: by a number (`Epic 2`, `E2`, `2.`) or a capital letter (`Epic B`). */
export type EpicKey = { kind: 'number'; n: number } | { kind: 'letter'; n: number };

export interface LeadingEpic {
  /** The label as the team writes it: `Epic 2`, `Epic B`, `E3`. */
  label: string;
  key: EpicKey;
  /** The name after the label and its separator, cleaned (`Notification Service`). */
  name: string;
}

const letterKey = (c: string): EpicKey => ({ kind: 'letter', n: c.toUpperCase().charCodeAt(0) - 64 });

/** `Epic 2: Name`, `**Epic 2: Name**`, `Epic B — Name`, `Epic-3 Name`, `EPIC 4. Name` at the start of a heading or item. */
export function leadingEpic(text: string): LeadingEpic | null {
  const t = text.trim().replace(/^(?:\*\*|__)\s*/, '');
  const m = /^epic[ \t]*[-#]?[ \t]*(\d{1,3}|[A-Z])(?![\p{L}\p{N}_]|\.\d)(.*)$/iu.exec(t);
  if (!m) return null;
  const raw = m[1]!;
  // A lower-case letter after "Epic" is a word ("Epic a"): only capitals label epics.
  if (/^[a-z]$/.test(raw)) return null;
  const key: EpicKey = /^\d/.test(raw) ? { kind: 'number', n: Number(raw) } : letterKey(raw);
  return { label: `Epic ${raw.toUpperCase()}`, key, name: epicName(m[2]!) };
}

/** `E4 Charting`, `**E4** Charting`, `E4: Charting`, `E4 — Charting` (a capital `E` and a number). */
export function leadingShortEpic(text: string): LeadingEpic | null {
  const t = text.trim().replace(/^(?:\*\*|__)\s*/, '');
  const m = /^E(\d{1,3})(?![\p{L}\p{N}_]|\.\d)(.*)$/u.exec(t);
  if (!m) return null;
  const name = epicName(m[2]!);
  // `E2 and E1 can run in parallel` is a sentence about epics, not an epic: names start with a capital or a digit.
  if (name !== '' && !/^[\p{Lu}\p{N}(]/u.test(name)) return null;
  return { label: `E${m[1]}`, key: { kind: 'number', n: Number(m[1]) }, name };
}

function epicName(rest: string): string {
  let t = rest.replace(/^\s*(?:\*\*|__)/, '').replace(/^\s*[:—–.)|-]+\s*/, '');
  t = t.replace(/^\s*[:—–.)|-]+\s*/, '');
  // `**Epic 2: API** (after Epic 1)`: the bold part is the name; what follows it is about the epic
  // (an estimate after it, `**Epic 3: UI** — 2d`, stays for the estimate reader).
  const closing = /(\*\*|__)/.exec(t);
  if (closing && closing.index > 0 && !t.slice(closing.index + 2).includes(closing[1]!)) {
    const after = t.slice(closing.index + 2).trim();
    t = t.slice(0, closing.index) + (after !== '' && splitTrailingEstimate(`name ${after}`).estimate ? ` ${after}` : '');
  }
  return cleanName(t);
}

/** A reference to an epic or workstream in running text. */
export interface EpicRef {
  /** `epic` for `Epic 2`/`Epic B`, `short` for `E2`, `workstream` for `W2`/`WS2`/`Workstream 2`. */
  kind: 'epic' | 'short' | 'workstream';
  key: EpicKey;
  index: number;
  end: number;
}

const isWord = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

/**
 * Every epic or workstream reference in `text`, in order: `Epic 2`, `Epic B`, `Epics 2 and 3`
 * (each), `E2`, `W2`, `WS-2`, `Workstream 2`. Task ids (`W2.1`, `Epic 2.1`) are not references to
 * the epic; `E2E` is a word, not `E2`.
 */
export function scanEpicRefs(text: string): EpicRef[] {
  const out: EpicRef[] = [];
  const re = /\b(epics?)[ \t]*[-#]?[ \t]*(\d{1,3}|[A-Z])(?![\p{L}\p{N}_]|\.\d)((?:\s*(?:,|&|\/|\band\b|\bor\b)\s*(?:\d{1,3}|[A-Z])(?![\p{L}\p{N}_]|\.\d))*)|\b(E)(\d{1,3})(?![\p{L}\p{N}_]|\.\d)|\b(workstreams?[ \t]*[-#]?[ \t]*w?|ws[ \t]*[-_]?|w[-_]?)0*(\d{1,3})(?![\p{L}\p{N}_]|\.\d)/giu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (isWord(text[m.index - 1])) continue;
    const end = m.index + m[0].length;
    if (m[1]) {
      const first = m[2]!;
      if (/^[a-z]$/.test(first)) continue;
      const keys = [first, ...(m[3] ? m[3].split(/\s*(?:,|&|\/|\band\b|\bor\b)\s*/i).filter((x) => x !== '') : [])];
      for (const k of keys) {
        if (/^[a-z]$/.test(k)) continue;
        out.push({ kind: 'epic', key: /^\d/.test(k) ? { kind: 'number', n: Number(k) } : letterKey(k), index: m.index, end });
      }
    } else if (m[4]) {
      // `E2` only in capitals: `e2` is not an epic.
      if (m[4] !== 'E') continue;
      out.push({ kind: 'short', key: { kind: 'number', n: Number(m[5]) }, index: m.index, end });
    } else {
      out.push({ kind: 'workstream', key: { kind: 'number', n: Number(m[7]) }, index: m.index, end });
    }
  }
  return out;
}
