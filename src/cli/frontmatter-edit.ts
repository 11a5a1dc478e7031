/**
 * Minimal edits of a frontmatter's YAML text (Node side, for `FsVault.processFrontmatter`).
 *
 * Users' frontmatter must stay as they wrote it: a key the edit did not change keeps its text byte
 * for byte (quotes, flow lists, comments, blank lines), a changed key is re-rendered in place, a
 * deleted key loses its lines, a new key goes at the end. Whenever the text cannot be split into
 * top-level key blocks with confidence (anchors/aliases, duplicated keys, a line the splitter does
 * not understand, a block that does not parse alone to its key's value) or the result does not
 * parse back to the edited data, the edit falls back to re-dumping the whole frontmatter: uglier,
 * never wrong.
 */
import { isDeepStrictEqual } from 'node:util';
import matter from 'gray-matter';

/**
 * gray-matter's YAML engine (js-yaml 3: `safeLoad` / `safeDump`). Its typings leave `engines` out,
 * hence the cast; using it keeps YAML to the dependency we already have.
 */
export const yamlEngine = (
  matter as unknown as {
    engines: {
      yaml: { parse(yaml: string, options?: object): unknown; stringify(data: object, options?: object): string };
    };
  }
).engines.yaml;

/** Loads a frontmatter's YAML as the vault reports it (normalised); throws when it does not parse. */
export type LoadYaml = (yaml: string) => Record<string, unknown>;

/** One run of lines of the YAML: a top-level key with its continuation lines, or one line of top-level trivia. */
export interface YamlSegment {
  /** The key as parsed, for a key block; null for blank lines and column-0 comments between keys. */
  key: string | null;
  /** The lines, line endings included, exactly as in the YAML. */
  text: string;
}

/**
 * Splits YAML into top-level key blocks and trivia. A key block is a column-0 line that is not a
 * comment or a `- ` item, plus the lines that continue it: indented lines, column-0 `- ` items, and
 * blank lines or column-0 comments that sit between such lines. Blank lines and column-0 comments
 * after a block's last continuation line are trivia. Returns null for text it does not understand
 * (directives, document markers, complex keys, continuation lines before the first key).
 */
export function splitTopLevel(yaml: string): YamlSegment[] | null {
  const lines = yaml.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const out: YamlSegment[] = [];
  let block: string | null = null;
  let pending = '';
  const flush = (): void => {
    if (block !== null) out.push({ key: '', text: block });
    for (const t of pending.match(/[^\n]*\n|[^\n]+$/g) ?? []) out.push({ key: null, text: t });
    block = null;
    pending = '';
  };
  for (const line of lines) {
    const bare = line.replace(/\r?\n$/, '');
    if (/^[ \t]*$/.test(bare) || bare.startsWith('#')) {
      pending += line;
    } else if (/^[ \t]/.test(bare) || bare === '-' || /^-[ \t]/.test(bare)) {
      if (block === null) return null;
      block += pending + line;
      pending = '';
    } else if (/^(---|\.\.\.)([ \t]|$)/.test(bare) || /^[?%@`|>]/.test(bare)) {
      return null;
    } else {
      flush();
      block = line;
    }
  }
  flush();
  return out;
}

/** True when the YAML defines an anchor (and so may use aliases): such text is never edited in place. */
export function hasAnchors(yaml: string): boolean {
  let seen = false;
  const listener = (_event: string, state: { anchorMap?: Record<string, unknown> }): void => {
    if (state.anchorMap && Object.keys(state.anchorMap).length > 0) seen = true;
  };
  try {
    yamlEngine.parse(yaml, { listener });
  } catch {
    return true;
  }
  return seen;
}

/**
 * The whole frontmatter re-dumped (the fallback, and a new frontmatter): ends with a newline, empty
 * for no keys; `\n` line endings.
 */
export function dumpAll(data: Record<string, unknown>): string {
  const out = dumpProtected(data, {});
  if (out.trim() === '{}' || out === '') return '';
  return out.endsWith('\n') ? out : `${out}\n`;
}

/** One key rendered as block YAML (`\n` endings, trailing newline); '' when the dumper skips it. */
export function renderKey(key: string, value: unknown): string {
  const out = dumpProtected({ [key]: value }, {});
  if (out.trim() === '{}' || out === '') return '';
  return out.endsWith('\n') ? out : `${out}\n`;
}

/**
 * js-yaml 3 single-quotes `[[links]]`; Obsidian writes them double-quoted. Strings holding a wikilink
 * are swapped for plain placeholder tokens before dumping and put back as JSON strings (a JSON string
 * is a valid YAML double-quoted scalar).
 */
function dumpProtected(data: object, options: object): string {
  const json = JSON.stringify(data) ?? '';
  let token = 'wikilinkq';
  for (let n = 0; json.includes(token); n++) token = `wikilinkq${n}x`;
  const links: string[] = [];
  const swap = (v: unknown): unknown => {
    if (typeof v === 'string' && v.includes('[[')) {
      links.push(v);
      return `${token}${links.length - 1}z`;
    }
    if (Array.isArray(v)) return v.map(swap);
    if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) o[k] = swap(x);
      return o;
    }
    return v;
  };
  const dumped = yamlEngine.stringify(swap(data) as object, { skipInvalid: true, lineWidth: -1, ...options });
  return dumped.replace(new RegExp(`${token}(\\d+)z`, 'g'), (_m, i: string) => JSON.stringify(links[Number(i)]));
}

/**
 * A key's own block re-rendered. For a list (flow or block) that only gained items, the items go
 * into the original text (`keptText`: its line endings are already the note's); otherwise a block rendering
 * with `\n` endings.
 */
function rerenderBlock(
  key: string,
  oldText: string,
  oldValue: unknown,
  value: unknown,
  load: LoadYaml,
): { text: string; keptText: boolean } {
  const flow = appendToFlowList(key, oldText, oldValue, value, load) ?? appendToBlockList(key, oldText, oldValue, value, load);
  return flow !== null ? { text: flow, keptText: true } : { text: renderKey(key, value), keptText: false };
}

function isScalar(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** `key: [a, b]` that became `[a, b, c]` → `key: [a, b, c]` with the original text kept; null when that does not apply. */
function appendToFlowList(key: string, oldText: string, oldValue: unknown, value: unknown, load: LoadYaml): string | null {
  const added = appendedScalars(oldValue, value);
  if (added === null) return null;
  const open = /^[^\n]*?:[ \t]+\[/.exec(oldText);
  if (!open) return null;
  const openIdx = open[0].length - 1;
  const closeIdx = oldText.lastIndexOf(']');
  if (closeIdx <= openIdx || !/^[ \t]*(#[^\n]*)?\s*$/.test(oldText.slice(closeIdx + 1))) return null;
  const inner = oldText.slice(openIdx + 1, closeIdx);
  const rendered = dumpProtected(added, { flowLevel: 0 }).trim();
  if (!rendered.startsWith('[') || !rendered.endsWith(']')) return null;
  const items = rendered.slice(1, -1);
  let nextInner: string;
  if (inner.trim() === '') {
    nextInner = items;
  } else {
    const end = inner.replace(/\s+$/, '').length;
    if (inner.slice(0, end).endsWith(',')) return null;
    const sep = /,[ \t]/.test(inner) || !inner.includes(',') ? ', ' : ',';
    nextInner = inner.slice(0, end) + sep + items.split(', ').join(sep) + inner.slice(end);
  }
  return checked(oldText.slice(0, openIdx + 1) + nextInner + oldText.slice(closeIdx), key, value, load);
}

/** The items a list gained at its end, when that is the only change and they are all scalars; else null. */
function appendedScalars(oldValue: unknown, value: unknown): unknown[] | null {
  if (!Array.isArray(oldValue) || !Array.isArray(value) || value.length <= oldValue.length) return null;
  if (!oldValue.every((x, i) => isDeepStrictEqual(x, value[i]))) return null;
  const added = value.slice(oldValue.length);
  return added.every(isScalar) ? added : null;
}

/** `candidate` when it parses to exactly `{ key: value }`, else null. */
function checked(candidate: string, key: string, value: unknown, load: LoadYaml): string | null {
  try {
    const back = load(candidate);
    if (Object.keys(back).length === 1 && isDeepStrictEqual(back[key], value)) return candidate;
  } catch {
    // not usable
  }
  return null;
}

/** `key:\n  - a` that gained items → the same lines plus `  - b`, in the block's indentation and line endings. */
function appendToBlockList(key: string, oldText: string, oldValue: unknown, value: unknown, load: LoadYaml): string | null {
  const added = appendedScalars(oldValue, value);
  if (added === null || (oldValue as unknown[]).length === 0) return null;
  const lines = oldText.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  if (!/^[^\n]*:[ \t]*(#[^\n]*)?\r?\n$/.test(lines[0] ?? '')) return null;
  const item = lines.slice(1).map((l) => /^([ \t]*-[ \t]+)\S/.exec(l)).find((m) => m !== null);
  if (!item) return null;
  const eol = oldText.includes('\r\n') ? '\r\n' : '\n';
  let base = oldText;
  if (!base.endsWith('\n')) base += eol;
  const rendered = added.map((x) => dumpProtected([x], { flowLevel: 0 }).trim().slice(1, -1));
  return checked(base + rendered.map((r) => `${item[1]}${r}${eol}`).join(''), key, value, load);
}

/**
 * New YAML text for a frontmatter whose parsed data went from `original` to `data`, touching only
 * the keys that changed. `eol` is the note's line ending, used for the lines written anew.
 * Returns the YAML unchanged when nothing changed.
 */
export function editYaml(
  yaml: string,
  original: Record<string, unknown>,
  data: Record<string, unknown>,
  load: LoadYaml,
  eol: string,
): string {
  const withEol = (s: string): string => (eol === '\n' ? s : s.replace(/\n/g, eol));
  const expected = load(dumpAll(data));
  if (isDeepStrictEqual(load(yaml), expected)) return yaml;
  const fallback = (): string => withEol(dumpAll(data));

  const segments = splitTopLevel(yaml);
  if (segments === null || hasAnchors(yaml)) return fallback();
  const seen = new Set<string>();
  for (const seg of segments) {
    if (seg.key === null) continue;
    let alone: Record<string, unknown>;
    try {
      alone = load(seg.text);
    } catch {
      return fallback();
    }
    const keys = Object.keys(alone);
    if (keys.length !== 1) return fallback();
    const key = keys[0]!;
    if (seen.has(key) || !Object.prototype.hasOwnProperty.call(original, key)) return fallback();
    if (!isDeepStrictEqual(alone[key], original[key])) return fallback();
    seen.add(key);
    seg.key = key;
  }
  if (seen.size !== Object.keys(original).length) return fallback();

  const parts: string[] = [];
  let lastContent = -1;
  for (const seg of segments) {
    if (seg.key === null) {
      parts.push(seg.text);
      if (!/^\s*$/.test(seg.text)) lastContent = parts.length - 1;
      continue;
    }
    const key = seg.key;
    const has = Object.prototype.hasOwnProperty.call(data, key) && data[key] !== undefined;
    if (!has) continue;
    if (isDeepStrictEqual(data[key], original[key])) parts.push(seg.text);
    else {
      const re = rerenderBlock(key, seg.text, original[key], data[key], load);
      if (re.text === '') continue;
      let text = re.keptText ? re.text : withEol(re.text);
      // A last line without a line ending stays without one.
      if (!seg.text.endsWith('\n')) text = text.replace(/\r?\n$/, '');
      parts.push(text);
    }
    lastContent = parts.length - 1;
  }

  let addedText = '';
  for (const key of Object.keys(data)) {
    if (seen.has(key) || data[key] === undefined) continue;
    addedText += renderKey(key, data[key]);
  }
  if (addedText !== '') {
    const at = lastContent + 1;
    const before = parts.slice(0, at).join('');
    const sep = before !== '' && !before.endsWith('\n') ? eol : '';
    parts.splice(at, 0, sep + withEol(addedText));
  }

  const next = parts.join('');
  try {
    if (isDeepStrictEqual(load(next), expected)) return next;
  } catch {
    // fall through
  }
  return fallback();
}

/**
 * The 0-based YAML line where the construct that broke the parse starts, when that is knowable: an
 * unclosed flow collection (`[`/`{` never closed) or an unclosed quoted scalar opened on an earlier
 * line than the one js-yaml blamed. Otherwise js-yaml's own line (`errorLine`).
 */
export function errorStartLine(yaml: string, errorLine: number): number {
  const stack: number[] = [];
  let quote: { ch: string; line: number } | null = null;
  let line = 0;
  let valueStart = true;
  let prev = '\n';
  let blockScalarIndent = -1;
  let lineIndent = 0;
  let atLineStart = true;
  for (let i = 0; i < yaml.length; i++) {
    const c = yaml[i]!;
    if (c === '\n') {
      line++;
      prev = c;
      atLineStart = true;
      lineIndent = 0;
      if (stack.length === 0 && quote === null) valueStart = true;
      continue;
    }
    if (atLineStart && quote === null && stack.length === 0 && blockScalarIndent >= 0) {
      // Inside a block scalar: skip lines indented deeper than its parent, and blank lines.
      const rest = yaml.slice(i, yaml.indexOf('\n', i) === -1 ? yaml.length : yaml.indexOf('\n', i));
      const indent = rest.length - rest.replace(/^[ \t]*/, '').length;
      if (rest.trim() === '' || indent > blockScalarIndent) {
        i += rest.length - 1;
        continue;
      }
      blockScalarIndent = -1;
    }
    if (atLineStart && (c === ' ' || c === '\t')) {
      lineIndent++;
      prev = c;
      continue;
    }
    atLineStart = false;
    if (quote !== null) {
      if (quote.ch === '"' && c === '\\') i++;
      else if (c === quote.ch) {
        if (quote.ch === "'" && yaml[i + 1] === "'") i++;
        else {
          quote = null;
          valueStart = false;
        }
      }
      prev = c;
      continue;
    }
    const afterSpace = prev === ' ' || prev === '\t' || prev === '\n';
    if (c === '#' && afterSpace) {
      const nl = yaml.indexOf('\n', i);
      i = (nl === -1 ? yaml.length : nl) - 1;
      continue;
    }
    if (stack.length > 0) {
      if (c === '[' || c === '{') stack.push(line);
      else if (c === ']' || c === '}') {
        stack.pop();
        if (stack.length === 0) valueStart = false;
      } else if ((c === '"' || c === "'") && (afterSpace || prev === '[' || prev === '{' || prev === ',' || prev === ':')) {
        quote = { ch: c, line };
      }
    } else if (c === ' ' || c === '\t') {
      // whitespace keeps valueStart as it is
    } else if (valueStart && (c === '[' || c === '{')) {
      stack.push(line);
    } else if (valueStart && (c === '"' || c === "'")) {
      quote = { ch: c, line };
    } else if (valueStart && (c === '|' || c === '>')) {
      blockScalarIndent = lineIndent;
      valueStart = false;
    } else if ((c === '-' || c === ':' || c === '?') && (yaml[i + 1] === ' ' || yaml[i + 1] === '\t' || yaml[i + 1] === '\n' || i + 1 === yaml.length)) {
      valueStart = true;
    } else {
      valueStart = false;
    }
    prev = c;
  }
  const opened = quote !== null ? quote.line : stack.length > 0 ? stack[0]! : null;
  return opened !== null && opened < errorLine ? opened : errorLine;
}
