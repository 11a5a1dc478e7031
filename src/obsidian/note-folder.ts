/**
 * The folder of a note, for naming its planning set: a plan, an escalation or a meso plan sits in
 * its set's folder, so the folder tells which set a button in it means.
 */

/** The folder of a vault path (`a/b/c.md` → `a/b`); undefined for a note at the vault root. */
export function folderOfPath(path: string): string | undefined {
  const slash = path.lastIndexOf('/');
  return slash > 0 ? path.slice(0, slash) : undefined;
}
