/**
 * What the offline draft can take from the meso plan's text without a model: a short excerpt of
 * each traced section, and the names in it that look like environment variables. Everything here
 * is deterministic: the same text gives the same excerpt.
 */
import type { PlanInput } from '../../contracts/plan-input';
import type { MesoSectionRef } from '../../contracts/scope';
import type { NoteHeading } from '../../contracts/note-meta';
import { parseHeadings } from '../../markdown/headings';
import { normaliseHeadingForLink } from '../../vault/wikilinks';
import { atxHeadingText } from '../../markdown/headings';

/** The meso plan as the offline draft reads it. */
export interface MesoSource {
  lines: string[];
  headings: NoteHeading[];
}

/** Non-empty lines an excerpt quotes. @default 6 */
export const EXCERPT_LINES = 6;
/** Characters an excerpt line keeps before it is cut with "…". @default 200 */
export const EXCERPT_LINE_CHARS = 200;

/** The meso text of the input with its headings (parsed when the planner passed none); null without text. */
export function mesoSource(input: PlanInput): MesoSource | null {
  if (input.mesoText === undefined) return null;
  return { lines: input.mesoText.split('\n'), headings: input.mesoHeadings ?? parseHeadings(input.mesoText) };
}

/**
 * The section under `heading`: its heading and the 1-based last line before the next heading of
 * the same or a higher level. Among headings with the same text (as links compare them), the one
 * on `line` wins, else the first. Null when no heading matches.
 */
function sectionRange(src: MesoSource, heading: string, line?: number): { heading: NoteHeading; last: number } | null {
  const want = normaliseHeadingForLink(heading);
  const same = src.headings.filter((h) => normaliseHeadingForLink(h.text) === want);
  const h = same.find((x) => x.line === line) ?? same[0];
  if (!h) return null;
  const next = src.headings.find((x) => x.line > h.line && x.level <= h.level);
  return { heading: h, last: next ? next.line - 1 : src.lines.length };
}

/** The raw lines of the section under `heading`, subsections included, heading line not (see sectionRange). */
export function mesoSectionLines(src: MesoSource, heading: string, line?: number): string[] | null {
  const range = sectionRange(src, heading, line);
  return range ? src.lines.slice(range.heading.line, range.last) : null;
}

const FENCE = /^\s{0,3}(?:>\s?)*\s{0,3}(`{3,}|~{3,})/;

/**
 * Meso lines made safe to quote inside the plan: code blocks become one "(code block)" line,
 * comments (`<!-- -->`, `%% %%`) go, headings become bold lines, quote and callout markers are
 * dropped (a quoted `[!todo]` would read as the plan's own placeholder), wikilinks become their
 * text (they would resolve from the plan's folder, not the meso plan's), rules and block ids go.
 */
export function quotableLines(lines: string[]): string[] {
  const out: string[] = [];
  let fence: string | null = null;
  let comment: '-->' | '%%' | null = null;
  for (const raw of lines) {
    let line = raw.replace(/\r$/, '');
    if (fence !== null) {
      const m = FENCE.exec(line);
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && line.trim().replace(/^(?:>\s?)*/, '').trim().replace(/[`~]/g, '') === '') fence = null;
      continue;
    }
    if (comment !== null) {
      const end = line.indexOf(comment);
      if (end < 0) continue;
      line = line.slice(end + comment.length);
      comment = null;
    }
    const open = FENCE.exec(line);
    if (open) {
      fence = open[1]!;
      out.push('(code block)');
      continue;
    }
    line = line.replace(/<!--[\s\S]*?-->/g, '').replace(/%%[\s\S]*?%%/g, '');
    const unclosed = /<!--|%%/.exec(line);
    if (unclosed) {
      comment = unclosed[0] === '%%' ? '%%' : '-->';
      line = line.slice(0, unclosed.index);
    }
    line = line
      .replace(/^\s*(?:>\s?)+/, '')
      .replace(/^\[!([^\]\s]+)\][+-]?\s*/, (_, t: string) => `${t.charAt(0).toUpperCase()}${t.slice(1).toLowerCase()}: `)
      .replace(/^\s{0,3}#{1,6}\s+.*$/, (h) => `**${atxHeadingText(h)}**`)
      .replace(/!?\[\[([^\]|]*)(?:\|([^\]]*))?\]\]/g, (_, target: string, alias?: string) => (alias ?? target).replace(/#\^?/g, ' › ').trim())
      .replace(/\s\^[A-Za-z0-9-]+\s*$/, '')
      .trim();
    if (line === '' || /^(?:[-*_=]\s*){3,}$/.test(line)) continue;
    out.push(line);
  }
  return out;
}

/** [start, end) of each inline code span of a line: a run of N backticks to the next run of exactly N. */
function codeSpans(line: string): Array<[number, number]> {
  const runs = [...line.matchAll(/`+/g)].map((m) => ({ at: m.index, len: m[0].length }));
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < runs.length; i++) {
    const close = runs.findIndex((r, j) => j > i && r.len === runs[i]!.len);
    if (close < 0) continue;
    spans.push([runs[i]!.at, runs[close]!.at + runs[close]!.len]);
    i = close;
  }
  return spans;
}

/**
 * Cuts a line to at most `max` characters (before the " …" it then ends with): after the last
 * sentence that ends within the limit, so a fact is quoted whole or not at all; when no sentence
 * ends there, at the last space. Never inside a code span: a cut that would fall in one moves
 * before it.
 */
export function shorten(line: string, max: number): string {
  if (line.length <= max) return line;
  const spans = codeSpans(line);
  const inCode = (k: number): boolean => spans.some(([a, b]) => a < k && k < b);
  let sentenceEnd = -1;
  let space = -1;
  for (let k = 1; k <= max; k++) {
    if (inCode(k)) continue;
    const next = line[k];
    if (next !== undefined && /\s/.test(next)) {
      if (/[.!?]["')\]”’`]*$/.test(line.slice(Math.max(0, k - 4), k)) && !inCode(k - 1)) sentenceEnd = k;
      space = k;
    }
  }
  const cut = sentenceEnd > 0 ? sentenceEnd : space > 0 ? space : firstSpanStart(spans, max);
  return `${line.slice(0, cut).trimEnd()} …`;
}

/** Where to cut a line with no space before `max`: before the code span that holds `max`, else at `max`. */
function firstSpanStart(spans: Array<[number, number]>, max: number): number {
  const holding = spans.find(([a, b]) => a < max && max < b);
  return holding && holding[0] > 0 ? holding[0] : max;
}

/**
 * The first `max` quotable lines of a section as a blockquote, each line prefixed by `indent`,
 * with a last `> …` line when the section goes on. Null when the section has no text.
 */
export function excerptBlockquote(section: string[], indent = '', max = EXCERPT_LINES): string | null {
  const quotable = quotableLines(section);
  if (quotable.length === 0) return null;
  const shown = quotable.slice(0, max).map((l) => `${indent}> ${shorten(l, EXCERPT_LINE_CHARS)}`);
  if (quotable.length > max) shown.push(`${indent}> …`);
  return shown.join('\n');
}

/** The name is group 2; group 1 is the character before it (no lookbehind: iOS before 16.4 refuses to load a file with one). */
const ENV_TOKEN = /(^|[^A-Za-z0-9_])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?![A-Za-z0-9_])/g;

/**
 * Names that look like environment variables (UPPER_SNAKE_CASE with at least two parts that
 * hold a letter, e.g. `HARBOR_DATABASE_URL`; `ISO_8601` is not one) in the meso sections that name
 * the workstream, code included, in the order they first appear in the meso plan.
 */
export function envVarNames(src: MesoSource, sections: MesoSectionRef[]): string[] {
  const covered = new Set<number>();
  for (const s of sections.filter((x) => x.reason === 'names-workstream')) {
    const range = sectionRange(src, s.heading, s.line);
    if (!range) continue;
    for (let i = range.heading.line - 1; i < range.last; i++) covered.add(i);
  }
  const names: string[] = [];
  for (const i of [...covered].sort((a, b) => a - b)) {
    for (const m of src.lines[i]!.matchAll(ENV_TOKEN)) {
      const name = m[2]!;
      if (name.split('_').filter((p) => /[A-Z]/.test(p)).length >= 2 && !names.includes(name)) names.push(name);
    }
  }
  return names;
}
