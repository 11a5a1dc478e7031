/**
 * Obsidian's path helpers. `normalizePath` follows the app's implementation: runs of `/` or `\`
 * become one `/`, leading and trailing slashes go, an empty result is `/`, non-breaking spaces
 * (U+00A0, U+202F) become spaces, and the string is Unicode-normalised to NFC.
 */
export function normalizePath(path: string): string {
  let p = path.replace(/([\\/])+/g, '/').replace(/(^\/+|\/+$)/g, '');
  if (p === '') p = '/';
  p = p.replace(/\u00A0|\u202F/g, ' ');
  return p.normalize('NFC');
}

/** `[[path#sub|alias]]` minus the alias: split into the path and the `#…` subpath. */
export function parseLinktext(linktext: string): { path: string; subpath: string } {
  const hash = linktext.indexOf('#');
  if (hash === -1) return { path: linktext, subpath: '' };
  return { path: linktext.slice(0, hash), subpath: linktext.slice(hash) };
}

export function getLinkpath(linktext: string): string {
  return parseLinktext(linktext).path;
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** True for paths with a segment starting with `.`, which Obsidian does not load into the vault tree. */
export function isHiddenPath(path: string): boolean {
  return path.split('/').some((seg) => seg.startsWith('.'));
}
