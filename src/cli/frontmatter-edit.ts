/**
 * Minimal edits of a frontmatter's YAML text (Node side, for `FsVault.processFrontmatter`), on the
 * `yaml` package's Document API.
 *
 * Users' frontmatter must stay as they wrote it: a key the edit did not change keeps its text byte
 * for byte (quotes, flow lists, comments, blank lines, odd indentation); a list that only gained
 * items gets them in its own style (flow or block, its separator and indentation); a scalar that
 * changed is replaced on its line, keeping the comment after it; any other changed key is
 * re-rendered in place; a deleted key loses its lines; a new key goes after the last content. The
 * parser says where each top-level key's text starts and ends (its nodes keep their source ranges);
 * only those spans are cut and spliced. Whenever that cannot be done with confidence (anchors and
 * aliases, a key that does not parse alone to its value, anything but a block mapping at the top)
 * or the result does not read back as the edited data, the edit falls back to re-rendering the
 * whole frontmatter: uglier, never wrong. Nothing is returned that does not read back as `data`.
 *
 * What a frontmatter means is still read by gray-matter's engine (`yamlEngine`, js-yaml): every
 * text written here is checked against that reader.
 */
import { isDeepStrictEqual } from 'node:util';
import matter from 'gray-matter';
import { Document, Scalar, isAlias, isCollection, isMap, isNode, isScalar, isSeq, parseDocument, visit, type Node, type Pair } from 'yaml';

/**
 * gray-matter's YAML engine (js-yaml 3: `safeLoad` / `safeDump`). Its typings leave `engines` out,
 * hence the cast.
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

/** One run of the YAML text: a top-level key with everything that belongs to it, or trivia between keys. */
interface YamlSegment {
  /** The key for a key's span, as the reader names it; null for blank lines and comments between keys. */
  key: string | null;
  /** The text, line endings included, exactly as in the YAML. */
  text: string;
  /** The key's value node (key spans only): where its list items are. */
  value?: Node | null;
  /** Offset of `text` in the YAML. */
  start: number;
}

/** Lines that are blank or hold only a comment. */
const TRIVIA = /^(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]*(?:#[^\n]*)?$/;

function parse(yaml: string): Document.Parsed {
  return parseDocument(yaml, { uniqueKeys: true });
}

/** True when the YAML defines an anchor or uses an alias (or does not parse): such text is never edited in place. */
export function hasAnchors(yaml: string): boolean {
  const doc = parse(yaml);
  if (doc.errors.length > 0) return true;
  let seen = false;
  visit(doc, (_key, node) => {
    if (isAlias(node) || (isNode(node) && node.anchor !== undefined)) {
      seen = true;
      return visit.BREAK;
    }
    return undefined;
  });
  return seen;
}

/**
 * Rendering for text written anew: block style unless asked for flow, no line folding, single
 * quotes where quotes are needed, and YAML 1.1's reading of plain scalars so `on`, `yes`, `12:30`
 * or `2024-05-01` stay strings for every reader. Wikilinks are double-quoted, as Obsidian writes
 * them. No anchors for values that happen to be the same object.
 */
function toYaml(value: unknown, flow = false, quote?: QuoteStyle): string {
  // Functions and symbols have no YAML form: they are left out, as a JSON dump would.
  const replacer = (_key: unknown, v: unknown): unknown => (typeof v === 'function' || typeof v === 'symbol' ? undefined : v);
  const doc = new Document(value, replacer, { version: '1.1', aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      if (quote) node.type = quote;
      else if (node.value.includes('[[')) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  if (flow && isCollection(doc.contents)) doc.contents.flow = true;
  const out = doc.toString({ lineWidth: 0, singleQuote: true, flowCollectionPadding: false });
  return out.trim() === '{}' ? '' : out;
}

/** How every string item of a list is quoted, when they all are alike. */
type QuoteStyle = typeof Scalar.QUOTE_DOUBLE | typeof Scalar.QUOTE_SINGLE;

/**
 * The whole frontmatter rendered anew (the fallback, and a new frontmatter): ends with a newline,
 * empty for no keys; `\n` line endings.
 */
export function dumpAll(data: Record<string, unknown>): string {
  return toYaml(data);
}

/** One key rendered as block YAML (`\n` endings, trailing newline); '' when there is nothing to write (undefined). */
export function renderKey(key: string, value: unknown): string {
  return toYaml({ [key]: value });
}

/** One scalar as an item of a flow list (`[…]` context: `a,b` needs quotes there). */
function flowItem(value: unknown, quote?: QuoteStyle): string {
  return toYaml([value], true, quote).trim().slice(1, -1);
}

/** One scalar as an item of a block list (or a value on a key's line), without its `- `. */
function blockItem(value: unknown, quote?: QuoteStyle): string {
  return toYaml([value], false, quote).replace(/^- /, '').replace(/\n$/, '');
}

/** The quoting every item of the list shares (all `"…"` or all `'…'`), so new items follow it; else undefined. */
function sharedQuote(items: readonly Node[]): QuoteStyle | undefined {
  const types = new Set(items.map((i) => (isScalar(i) && typeof i.value === 'string' ? i.type : undefined)));
  if (types.size !== 1) return undefined;
  const [t] = [...types];
  return t === Scalar.QUOTE_DOUBLE || t === Scalar.QUOTE_SINGLE ? t : undefined;
}

/** Offset of the start of the line holding `at`. */
function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** Offset just past the line ending of the line holding `at` (or the end of the text). */
function lineEnd(text: string, at: number): number {
  if (at > 0 && text[at - 1] === '\n') return at;
  const nl = text.indexOf('\n', at);
  return nl === -1 ? text.length : nl + 1;
}

/**
 * The YAML cut into top-level key spans and the trivia between them, from the parser's ranges. A
 * key's span runs from its line's start to the end of the line where its value (with any comment
 * the parser gave it) ends. Null when the text is not a plain block mapping of keys at column 0 with
 * only blank lines and comments between them, or when a span does not read alone as its key's
 * value in `original`.
 */
function splitKeys(yaml: string, original: Record<string, unknown>, load: LoadYaml): YamlSegment[] | null {
  if (/^(?:---|\.\.\.)(?:[ \t]|\r?$)|^%/m.test(yaml)) return null;
  const doc = parse(yaml);
  if (doc.errors.length > 0) return null;
  if (doc.contents !== null && !(isMap(doc.contents) && !doc.contents.flow)) return null;
  const pairs: Pair[] = doc.contents === null ? [] : doc.contents.items;

  const out: YamlSegment[] = [];
  const trivia = (from: number, to: number): boolean => {
    const text = yaml.slice(from, to);
    if (!TRIVIA.test(text.replace(/\r\n/g, '\n'))) return false;
    for (const line of text.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
      out.push({ key: null, text: line, start: from });
      from += line.length;
    }
    return true;
  };
  let at = 0;
  const seen = new Set<string>();
  for (const pair of pairs) {
    if (!isScalar(pair.key) || !pair.key.range) return null;
    const start = pair.key.range[0];
    if (lineStart(yaml, start) !== start || start < at) return null;
    const value = isNode(pair.value) ? pair.value : null;
    const end = lineEnd(yaml, Math.max(pair.key.range[2], value?.range?.[2] ?? 0));
    if (!trivia(at, start)) return null;
    const text = yaml.slice(start, end);
    let alone: Record<string, unknown>;
    try {
      alone = load(text);
    } catch {
      return null;
    }
    const keys = Object.keys(alone);
    if (keys.length !== 1) return null;
    const key = keys[0]!;
    if (seen.has(key) || !Object.prototype.hasOwnProperty.call(original, key)) return null;
    if (!isDeepStrictEqual(alone[key], original[key])) return null;
    seen.add(key);
    out.push({ key, text, value, start });
    at = end;
  }
  if (!trivia(at, yaml.length)) return null;
  if (seen.size !== Object.keys(original).length) return null;
  return out;
}

function isScalarValue(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** The items a list gained at its end, when that is the only change and they are all scalars; else null. */
function appendedScalars(oldValue: unknown, value: unknown): unknown[] | null {
  if (!Array.isArray(oldValue) || !Array.isArray(value) || value.length <= oldValue.length) return null;
  if (!oldValue.every((x, i) => isDeepStrictEqual(x, value[i]))) return null;
  const added = value.slice(oldValue.length);
  return added.every(isScalarValue) ? added : null;
}

/** `candidate` when it reads as exactly `{ key: value }`, else null. */
function checked(candidate: string, key: string, value: unknown, load: LoadYaml): string | null {
  try {
    const back = load(candidate);
    if (Object.keys(back).length === 1 && isDeepStrictEqual(back[key], value)) return candidate;
  } catch {
    // not usable
  }
  return null;
}

/**
 * A list that only gained items, with the items put into the key's own text: after the last item
 * of a flow list with the separator the list already uses (`[x,y]` → `[x,y,z]`), or as new lines
 * of a block list in its last item's indentation and the block's line endings. When every item is
 * quoted alike (`["a", "b"]`), the new ones are too. Null when the value
 * is not such a list or the result would not read back right.
 */
function appendInPlace(seg: YamlSegment, yaml: string, oldValue: unknown, value: unknown, load: LoadYaml): string | null {
  const added = appendedScalars(oldValue, value);
  const node = seg.value;
  if (added === null || !isSeq(node) || !node.range || seg.key === null) return null;
  const local = (offset: number): number => offset - seg.start;
  const items = node.items.filter(isNode);
  if (items.length !== node.items.length || items.some((i) => !i.range)) return null;
  const quote = sharedQuote(items);
  const flow = (x: unknown): string => flowItem(x, quote);

  if (node.flow) {
    const open = local(node.range[0]);
    if (seg.text[open] !== '[') return null;
    if (items.length === 0) {
      // `[ ]` → `[a, b]`: the blank inside goes.
      const close = seg.text.indexOf(']', open);
      if (close === -1) return null;
      return checked(seg.text.slice(0, open + 1) + added.map(flow).join(', ') + seg.text.slice(close), seg.key, value, load);
    }
    // The separator the list already uses (`, `, `,`, or a line break and indentation); `, ` for one item.
    let sep = ', ';
    if (items.length >= 2) {
      const between = yaml.slice(items[items.length - 2]!.range![1], items[items.length - 1]!.range![0]);
      if (!/^[ \t]*,(?:[ \t]*|[ \t]*\r?\n[ \t]*)$/.test(between)) return null;
      sep = between.trimStart();
    }
    const at = local(items[items.length - 1]!.range![1]);
    return checked(seg.text.slice(0, at) + sep + added.map(flow).join(sep) + seg.text.slice(at), seg.key, value, load);
  }

  if (items.length === 0) return null;
  const last = items[items.length - 1]!;
  const prefix = yaml.slice(lineStart(yaml, last.range![0]), last.range![0]);
  if (!/^[ \t]*-[ \t]+$/.test(prefix)) return null;
  const eol = seg.text.includes('\r\n') ? '\r\n' : '\n';
  const base = seg.text.endsWith('\n') ? seg.text : seg.text + eol;
  return checked(base + added.map((x) => `${prefix}${blockItem(x, quote)}${eol}`).join(''), seg.key, value, load);
}

/**
 * A one-line scalar that became another scalar, with only the value's own text replaced: what
 * follows it on the line (a comment) stays. Null when either side is not such a scalar.
 */
function replaceScalar(seg: YamlSegment, value: unknown, load: LoadYaml): string | null {
  const node = seg.value;
  if (seg.key === null || !isScalar(node) || !node.range || !isScalarValue(value)) return null;
  if (node.type !== Scalar.PLAIN && node.type !== Scalar.QUOTE_DOUBLE && node.type !== Scalar.QUOTE_SINGLE) return null;
  const from = node.range[0] - seg.start;
  const to = node.range[1] - seg.start;
  const rendered = blockItem(value);
  if (from <= 0 || seg.text.slice(from, to).includes('\n') || rendered.includes('\n')) return null;
  return checked(seg.text.slice(0, from) + rendered + seg.text.slice(to), seg.key, value, load);
}

/**
 * New YAML text for a frontmatter whose parsed data went from `original` to `data`, touching only
 * the keys that changed. `eol` is the note's line ending, used for the lines written anew.
 * Returns the YAML unchanged when nothing changed. Throws when not even a whole re-rendering reads
 * back as `data` (a value YAML cannot hold): the caller then writes nothing.
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
  const readsBack = (text: string): boolean => {
    try {
      return isDeepStrictEqual(load(text), expected);
    } catch {
      return false;
    }
  };
  const fallback = (): string => {
    const all = withEol(dumpAll(data));
    if (!readsBack(all)) throw new Error('the edited frontmatter cannot be written as YAML that reads back the same');
    return all;
  };

  const segments = hasAnchors(yaml) ? null : splitKeys(yaml, original, load);
  if (segments === null) return fallback();

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
      const inPlace = appendInPlace(seg, yaml, original[key], data[key], load) ?? replaceScalar(seg, data[key], load);
      let text = inPlace ?? withEol(renderKey(key, data[key]));
      if (text === '') continue;
      // A last line without a line ending stays without one.
      if (!seg.text.endsWith('\n')) text = text.replace(/\r?\n$/, '');
      parts.push(text);
    }
    lastContent = parts.length - 1;
  }

  let addedText = '';
  const kept = new Set(segments.map((s) => s.key));
  for (const key of Object.keys(data)) {
    if (kept.has(key) || data[key] === undefined) continue;
    addedText += renderKey(key, data[key]);
  }
  if (addedText !== '') {
    const at = lastContent + 1;
    const before = parts.slice(0, at).join('');
    const sep = before !== '' && !before.endsWith('\n') ? eol : '';
    parts.splice(at, 0, sep + withEol(addedText));
  }

  const next = parts.join('');
  return readsBack(next) ? next : fallback();
}

/**
 * The 0-based YAML line where the construct that broke the parse starts, when that is knowable: a
 * flow collection (`[`/`{`) or a quoted scalar the parser had to end itself because it was never
 * closed, opened on an earlier line than `errorLine` (the line js-yaml blamed). Otherwise
 * `errorLine`.
 */
export function errorStartLine(yaml: string, errorLine: number): number {
  let opened: number | null = null;
  visit(parse(yaml), (_key, node) => {
    if (!isNode(node) || !node.range) return;
    const [start, end] = node.range;
    const first = yaml[start];
    const last = yaml[end - 1];
    const unclosed =
      (isCollection(node) && node.flow === true && ((first === '[' && last !== ']') || (first === '{' && last !== '}'))) ||
      (isScalar(node) && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) && (end - start < 2 || last !== first));
    if (!unclosed) return;
    const line = yaml.slice(0, start).split('\n').length - 1;
    if (opened === null || line < opened) opened = line;
  });
  return opened !== null && opened < errorLine ? opened : errorLine;
}
