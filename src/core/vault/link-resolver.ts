/**
 * Link resolution as Obsidian does it (`metadataCache.getFirstLinkpathDest`), over a plain list of
 * vault paths so both adapters and the tests share one implementation.
 *
 * Only markdown notes are candidates: `allPaths` is what `VaultPort.listMarkdown()` returns.
 */

/** `Folder/Note.md` → `folder/note` (lower case, no `.md`): the key a link path is compared on. */
function linkKey(path: string): string {
  return stripMd(path).toLowerCase();
}

function stripMd(path: string): string {
  return path.replace(/\.md$/i, '');
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function basenameOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

/** Folder steps from folder `a` to folder `b`: up to their common ancestor, then down. */
function folderDistance(a: string, b: string): number {
  const as = a === '' ? [] : a.split('/');
  const bs = b === '' ? [] : b.split('/');
  let common = 0;
  while (common < as.length && common < bs.length && as[common]!.toLowerCase() === bs[common]!.toLowerCase()) common++;
  return as.length - common + (bs.length - common);
}

/** Apply `.` and `..` segments; null when the path climbs above the vault root. */
function normaliseSegments(path: string): string | null {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(seg);
  }
  return out.join('/');
}

/**
 * The note a link path points to, seen from `sourcePath`, or null.
 *
 * - `.md` is optional and matching is case-insensitive.
 * - A link path that names a note's full path (or starts with `/`) resolves to that note.
 * - `./x` and `../x` resolve relative to the source note's folder.
 * - Otherwise the link path is matched against the end of every path (`Note`, `sub/Note`); when
 *   several notes match, the one in the source note's folder wins, then the one the fewest folder
 *   steps away, then the shallower path, then the alphabetically first (so the answer is stable).
 *
 * An empty link path is the source note itself (`[[#Heading]]`), if it is in `allPaths`.
 */
export function resolveLinkpath(linkpath: string, sourcePath: string, allPaths: readonly string[]): string | null {
  const wanted = linkpath.trim().replace(/\\/g, '/');
  if (wanted === '') return allPaths.find((p) => p === sourcePath) ?? null;

  const byKey = new Map<string, string[]>();
  for (const p of allPaths) {
    const k = linkKey(p);
    const list = byKey.get(k);
    if (list) list.push(p);
    else byKey.set(k, [p]);
  }
  const exact = (key: string): string | null => {
    const list = byKey.get(key);
    if (!list) return null;
    // Two notes differing only in case: prefer the one whose case matches exactly.
    return list.length === 1 ? list[0]! : (list.slice().sort()[0] ?? null);
  };

  if (wanted.startsWith('./') || wanted.startsWith('../')) {
    const joined = normaliseSegments(`${folderOf(sourcePath)}/${wanted}`);
    return joined === null ? null : exact(linkKey(joined));
  }
  if (wanted.startsWith('/')) {
    const joined = normaliseSegments(wanted);
    return joined === null ? null : exact(linkKey(joined));
  }

  const key = linkKey(normaliseSegments(wanted) ?? wanted);
  const full = exact(key);
  if (full !== null) return full;

  const suffix = `/${key}`;
  const matches = allPaths.filter((p) => linkKey(p).endsWith(suffix));
  if (matches.length === 0) return null;
  if (matches.length === 1) return matches[0]!;
  const from = folderOf(sourcePath);
  const rank = (p: string): [number, number, number] => {
    const folder = folderOf(p);
    const same = folder.toLowerCase() === from.toLowerCase() ? 0 : 1;
    return [same, folderDistance(from, folder), p.split('/').length];
  };
  return matches
    .map((p) => ({ p, r: rank(p) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.r[2] - b.r[2] || (a.p < b.p ? -1 : a.p > b.p ? 1 : 0))[0]!.p;
}

/**
 * The shortest link text that reaches `path` from anywhere: its basename without `.md` when no
 * other note shares that basename (case-insensitively), else the full path without `.md`.
 */
export function shortestLinkTarget(path: string, allPaths: readonly string[]): string {
  const base = stripMd(basenameOf(path)).toLowerCase();
  const clash = allPaths.some((p) => p !== path && stripMd(basenameOf(p)).toLowerCase() === base);
  return clash ? stripMd(path) : stripMd(basenameOf(path));
}
