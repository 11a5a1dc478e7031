import { normaliseWorkstreamId } from './workstream-id';

export interface ContractHeading {
  /** Normalised id of the providing workstream. */
  from: string;
  /** Normalised id of the consuming workstream. */
  to: string;
  /** What the contract covers (`W1 → W2: Auth tokens` → `Auth tokens`); `''` when not stated. */
  what: string;
}

const ID = String.raw`(?:workstream[ \t]*[-_#]?[ \t]*w?|ws[ \t]*[-_]?|w[-_]?)\d+`;
/** `W2`, `W2, W3 and W4`, `W2/W3`, `W2 & W3`: one side of a contract. */
const IDS = String.raw`${ID}(?:\s*(?:,\s*(?:and\s+)?|/|&|\+|\band\b)\s*${ID})*`;
const CONTRACT = new RegExp(
  String.raw`^(?:contract|interface|integration|handoff)?s?\s*[:—–-]?\s*(?:\*\*|__)?\s*(${IDS})\s*(?:→|⟶|->|-->|=>|\bto\b)\s*(${IDS})(?![\p{L}\p{N}_.])\s*(?:\*\*|__)?\s*(.*)$`,
  'iu',
);

function idsOf(side: string): string[] | null {
  const out: string[] = [];
  for (const part of side.split(/\s*(?:,\s*(?:and\s+)?|\/|&|\+|\band\b)\s*/i)) {
    const id = normaliseWorkstreamId(part);
    if (!id) return null;
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

/**
 * Every provider → consumer pair of a contract heading: `W1 → W2, W3, W4` gives W1 → W2, W1 → W3
 * and W1 → W4; `W2 and W3 → W5` gives W2 → W5 and W3 → W5. Either side may list ids separated by
 * `,`, `and`, `/`, `&` or `+`. Forms as for `parseContractHeading`; anything else → `[]`.
 */
export function parseContractHeadingAll(text: string): ContractHeading[] {
  const t = text.trim().replace(/^\d+(?:\.\d+)*\.?\s+/, '');
  const m = CONTRACT.exec(t);
  if (!m) return [];
  const froms = idsOf(m[1]!);
  const tos = idsOf(m[2]!);
  if (!froms || !tos) return [];
  let what = m[3]!.trim();
  // A further arrow makes it a chain, not a contract between two sides.
  if (/^(?:→|⟶|->|-->|=>)/.test(what)) return [];
  what = what.replace(/^[,:—–-]+\s*/, '');
  const paren = /^\((.*)\)$/.exec(what);
  if (paren) what = paren[1]!;
  what = what.replace(/(?:\*\*|__)$/, '').trim();
  return froms.flatMap((from) => tos.map((to) => ({ from, to, what })));
}

/**
 * `W1 → W2`, `W1 -> W2`, `W1 to W2`, `Workstream 1 → Workstream 2`, optionally numbered
 * (`4.1 W1 → W2`) and followed by `: what`, `— what` or `(what)`. For a heading with lists
 * (`W1 → W2, W3`) the first pair; `parseContractHeadingAll` gives them all. Anything else → null.
 */
export function parseContractHeading(text: string): ContractHeading | null {
  return parseContractHeadingAll(text)[0] ?? null;
}
