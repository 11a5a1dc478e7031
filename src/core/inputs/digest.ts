import { hash } from 'fast-sha256';

/**
 * The text as it matters to a plan: line endings, trailing spaces and blank lines do not change
 * what a section says, so they do not make a plan stale.
 */
export function normaliseForDigest(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .filter((l) => l !== '')
    .join('\n');
}

/**
 * A short fingerprint of a text: the first 64 bits of its SHA-256, in hex. Stable across machines,
 * platforms and versions (fast-sha256 is pure JavaScript; the SDK already ships it in main.js).
 */
export function digest(text: string): string {
  const bytes = hash(new TextEncoder().encode(normaliseForDigest(text)));
  let out = '';
  for (let i = 0; i < 8; i++) out += bytes[i]!.toString(16).padStart(2, '0');
  return out;
}
