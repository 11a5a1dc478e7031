/**
 * Workstream names as authors write them: the meso plan says "Notifications & Steward Console", the
 * WBS "Notifications and Steward Console", a heading "notifications-and-steward console". They are
 * one name. Names are compared folded: lower case, `&` (and a `+` between spaces) read as "and", every run of
 * punctuation and spacing one space.
 */

/** The folded form of a name or of running text, for comparison only. */
export function foldName(text: string): string {
  return text
    .toLowerCase()
    .replace(/&|\s\+\s/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Two names that differ only in `&`/`and`, case, punctuation or spacing. */
export function sameName(a: string, b: string): boolean {
  const x = foldName(a);
  return x !== '' && x === foldName(b);
}

/** True when the folded `needle` occurs in the folded `hay` as whole words. */
export function containsFolded(hay: string, needle: string): boolean {
  const n = foldName(needle);
  if (n === '') return false;
  return ` ${foldName(hay)} `.includes(` ${n} `);
}

const escape = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A regex source matching `name` in running text the way `foldName` compares it: its words in order,
 * any case (use the `iu` flags), separated by punctuation or spacing, an inner "and" also written
 * `&`. No boundaries: the caller adds them. Null for a name with no letters or digits.
 */
export function nameSource(name: string): string | null {
  const words = foldName(name).split(' ').filter((w) => w !== '');
  if (words.length === 0) return null;
  const sep = String.raw`[^\p{L}\p{N}]+`;
  const and = String.raw`(?:[^\p{L}\p{N}]+and[^\p{L}\p{N}]+|[^\p{L}\p{N}]*[&+][^\p{L}\p{N}]*)`;
  let out = escape(words[0]!);
  for (let i = 1; i < words.length; i++) {
    if (words[i] === 'and' && i < words.length - 1) {
      out += and + escape(words[++i]!);
    } else {
      out += sep + escape(words[i]!);
    }
  }
  return out;
}
