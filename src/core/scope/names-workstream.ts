import { normaliseWorkstreamId, scanWorkstreamTokens } from '../wbs/workstream-id';

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

/**
 * Does `text` name the workstream? By id as a whole word (`W2`, `w02`, `Workstream 2`, and task ids
 * of it such as `W2.1` or `W2-T3`; never `W20`), or by its exact `name`, case-insensitively and as
 * whole words (`Billing` does not match `Billings`). An empty name matches nothing.
 */
export function namesWorkstream(text: string, id: string, name: string): boolean {
  const want = normaliseWorkstreamId(id);
  if (want && scanWorkstreamTokens(text).some((t) => t.id === want)) return true;
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed === '') return false;
  // A one-word name ("Serving", "Ingestion") is also an ordinary word: only its capitalised form,
  // as written, names the workstream; "refresh serving caches" does not. Longer names match in any case.
  const exact = !trimmed.includes(' ');
  const needle = exact ? trimmed : trimmed.toLowerCase();
  const hay = exact ? text.replace(/\s+/g, ' ') : text.replace(/\s+/g, ' ').toLowerCase();
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    const before = hay[i - 1];
    const after = hay[i + needle.length];
    // Only a name that starts or ends with a word character needs a boundary on that side.
    const startOk = !isWordChar(needle[0]) || !isWordChar(before);
    const endOk = !isWordChar(needle[needle.length - 1]) || !isWordChar(after);
    if (startOk && endOk) return true;
  }
  return false;
}
