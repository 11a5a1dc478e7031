import { normaliseWorkstreamId } from '../wbs/workstream-id';

export interface ContractHeading {
  /** Normalised id of the providing workstream. */
  from: string;
  /** Normalised id of the consuming workstream. */
  to: string;
  /** What the contract covers (`W1 → W2: Auth tokens` → `Auth tokens`); `''` when not stated. */
  what: string;
}

const ID = String.raw`(?:workstream[ \t]*[-_#]?[ \t]*w?|ws[ \t]*[-_]?|w[-_]?)\d+`;
const CONTRACT = new RegExp(
  String.raw`^(?:contract|interface|integration|handoff)?s?\s*[:—–-]?\s*(?:\*\*|__)?\s*(${ID})\s*(?:→|⟶|->|-->|=>|\bto\b)\s*(${ID})(?![\p{L}\p{N}_.])\s*(?:\*\*|__)?\s*(.*)$`,
  'iu',
);

/**
 * `W1 → W2`, `W1 -> W2`, `W1 to W2`, `Workstream 1 → Workstream 2`, optionally numbered
 * (`4.1 W1 → W2`) and followed by `: what`, `— what` or `(what)`. Anything else → null.
 */
export function parseContractHeading(text: string): ContractHeading | null {
  const t = text.trim().replace(/^\d+(?:\.\d+)*\.?\s+/, '');
  const m = CONTRACT.exec(t);
  if (!m) return null;
  const from = normaliseWorkstreamId(m[1]!);
  const to = normaliseWorkstreamId(m[2]!);
  if (!from || !to) return null;
  let what = m[3]!.trim();
  // A further arrow makes it a chain, not a contract between two workstreams.
  if (/^(?:→|⟶|->|-->|=>)/.test(what)) return null;
  what = what.replace(/^[:—–-]+\s*/, '');
  const paren = /^\((.*)\)$/.exec(what);
  if (paren) what = paren[1]!;
  return { from, to, what: what.replace(/(?:\*\*|__)$/, '').trim() };
}
