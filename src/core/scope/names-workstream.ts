import { normaliseWorkstreamId, scanWorkstreamTokens } from '../wbs/workstream-id';
import { containsFolded, foldName } from './workstream-name';

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

/**
 * Does `text` name the workstream? By id as a whole word (`W2`, `w02`, `Workstream 2`, and task ids
 * of it such as `W2.1` or `W2-T3`; never `W20`), or by its `name` as whole words, compared folded
 * (see `foldName`: case, `&`/`and`, punctuation and spacing do not matter; `Billing` does not match
 * `Billings`). An empty name matches nothing.
 */
export function namesWorkstream(text: string, id: string, name: string): boolean {
  const want = normaliseWorkstreamId(id);
  if (want && scanWorkstreamTokens(text).some((t) => t.id === want)) return true;
  return namesByName(text, name);
}

/**
 * Does `text` name a workstream called `name`? A one-word name ("Serving", "Ingestion") is also an
 * ordinary word: only its capitalised form, as written, names the workstream, so "refresh serving
 * caches" does not. Longer names match folded. A name made only of punctuation (`C++`) matches as
 * written.
 */
export function namesByName(text: string, name: string): boolean {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed === '') return false;
  if (foldName(trimmed).includes(' ')) return containsFolded(text, trimmed);
  const hay = text.replace(/\s+/g, ' ');
  for (let i = hay.indexOf(trimmed); i >= 0; i = hay.indexOf(trimmed, i + 1)) {
    // Only a name that starts or ends with a word character needs a boundary on that side.
    const startOk = !isWordChar(trimmed[0]) || !isWordChar(hay[i - 1]);
    const endOk = !isWordChar(trimmed[trimmed.length - 1]) || !isWordChar(hay[i + trimmed.length]);
    if (startOk && endOk) return true;
  }
  return false;
}
