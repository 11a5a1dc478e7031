/**
 * Streaming, line-buffered transform for one model unit: it turns the model's text into text that
 * keeps the unit's skeleton intact. Only whole lines leave the transform, so a heading is never
 * judged before its line is complete, and any split of the same text gives the same output.
 *
 * Rules, in the order a line meets them:
 * - Fenced code (``` or ~~~, as `maskCode` sees it) passes through untouched; nothing inside is a heading.
 * - A heading (ATX at any level, or a whole-line bold `**2.3.2 …**`) carrying the number of an expected
 *   part not yet reached (or, for ATX headings without a number, its exact title) becomes the core's
 *   heading line; when its number and its title name different expected parts (a model renumbering
 *   after leaving a part out), the title wins. Parts skipped on the way are inserted first: a model
 *   part with a `[!todo]` callout (or, for a conditional part such as 2.N.4 State Management, its
 *   "not applicable" sentence), a core part with its `coreBody`.
 * - Reaching a core-owned part writes its heading and body; the model's text is dropped until the next
 *   expected heading.
 * - Text before the first expected heading goes under the first model part (its heading is written
 *   first, and any core parts before it with their bodies); a repeat of the unit's top heading before
 *   any text is dropped.
 * - Any other ATX heading at or above the skeleton's deepest level, including one for a part already
 *   passed, is demoted to deepest+1 (or to bold text past level 6), so it never moves or breaks the
 *   skeleton.
 * - Every heading, the core's or a kept/demoted one of the model's, gets a blank line on each side.
 * - A `---`/`===` line right after text gets a blank line first, so it cannot turn that text into a
 *   setext heading. Runs of blank lines outside code collapse to one; leading and trailing blank lines go.
 * - At `end`: an open fence is closed; for 'truncated'/'refused' a `[!warning]` callout marks where the
 *   model stopped; the parts not reached are appended as above.
 */
import { deepestLevel, headingText, leadingNumber, titleKey, type PlanUnit, type UnitOutcome, type UnitPart } from './units';

export interface SectionTransform {
  /**
   * Feeds model text; returns the text that is safe to write now (whole lines only). The first call
   * (of `push` or `end`) starts with the unit's top heading, so `push('')` yields it before any model text.
   */
  push(delta: string): string;
  /** Flushes the rest and closes the skeleton; the result always ends with a line break. */
  end(outcome: UnitOutcome): string;
}

interface Fence {
  ch: string;
  len: number;
}

const FENCE = /^(?:>\s?)*\s{0,3}(`{3,}|~{3,})/;

function openFence(line: string): Fence | null {
  const m = FENCE.exec(line);
  if (!m) return null;
  const run = m[1]!;
  // A backtick fence's info string cannot hold a backtick (matches maskCode).
  if (run[0] === '`' && line.slice(m[0].length).includes('`')) return null;
  return { ch: run[0]!, len: run.length };
}

function closesFence(line: string, fence: Fence): boolean {
  const run = FENCE.exec(line)?.[1];
  return run !== undefined && run[0] === fence.ch && run.length >= fence.len && /^(?:>\s?)*\s{0,3}[`~]+\s*$/.test(line);
}

/** ATX heading: level and text, or null. Wider than Obsidian's own rule, never narrower. */
function parseAtx(line: string): { level: number; text: string } | null {
  // The text is trimmed at the end: blanks after the hashes, or before a closing run of them, go with it.
  const m = /^ {0,3}(#{1,6})(?:[ \t](.*))?$/.exec(line);
  if (!m) return null;
  const text = (m[2] ?? '').replace(/(?:^|[ \t])#+[ \t]*$/, '').trim();
  return { level: m[1]!.length, text };
}

/** A line that is nothing but bold text: `**2.3.2 Public Interfaces**` (trailing colon allowed). */
function parseBoldLine(line: string): string | null {
  const m = /^ {0,3}(\*\*|__)(.+?)\1[ \t]*:?[ \t]*$/.exec(line);
  return m ? m[2]! : null; // matchPart trims it
}

/** A heading's text without emphasis marks, wherever they are: `**2.3.2** Public Interfaces` → `2.3.2 Public Interfaces`. */
const stripEmphasis = (s: string): string => s.replace(/[*_]/g, '').trim();

export function todoCallout(part: UnitPart): string {
  const hint = part.hint ?? 'Write this part by hand, or generate the section again.';
  return `> [!todo] Not written by the model\n> ${hint}`;
}

export function stoppedCallout(outcome: 'truncated' | 'refused'): string {
  const why = outcome === 'truncated' ? 'it hit its output limit' : 'it declined to continue';
  return `> [!warning] Section incomplete\n> The model stopped early (${why}), so this section is incomplete: the text above may end mid-sentence and the parts below it were not written by the model.`;
}

/**
 * An expected part a heading's text names, or -1. By number, an expected part not yet reached; a
 * number and a title naming different expected parts: the title. Without a number, an ATX heading
 * matches by exact title (a bold line never does).
 */
function matchPart(text: string, atx: boolean, parts: readonly UnitPart[], partTitles: readonly string[], next: number): number {
  const plain = stripEmphasis(text);
  const num = leadingNumber(plain);
  const key = titleKey(plain);
  const byTitle = key === '' ? -1 : partTitles.findIndex((t, i) => i >= next && t === key);
  if (num !== null) {
    const j = parts.findIndex((p) => p.number === num);
    // A model that leaves out a conditional part often renumbers the rest ("2.1.4 Error Handling"
    // after 2.1.3): when the title names an expected part the number does not, the title wins.
    // (An unknown number has no title: partTitles[-1] is undefined.)
    if (byTitle >= 0 && partTitles[j] !== key) return byTitle;
    return j >= next ? j : -1;
  }
  return atx ? byTitle : -1;
}

/** A model heading at or above the skeleton's deepest level, one level below it (bold text past level 6); null for an empty one. */
function demoteHeading(text: string, deepest: number): string | null {
  if (text === '') return null;
  return deepest + 1 <= 6 ? `${'#'.repeat(deepest + 1)} ${text}` : `**${text}**`;
}

/** The transform's output so far: whole lines, at most one blank line between them, none first. */
interface LineOutput {
  /** A line, after a blank line if one was asked for since the last line. */
  line(text: string): void;
  /** A line (or lines) with a blank line on each side. */
  block(text: string): void;
  /** A line of fenced code, as is. */
  code(line: string): void;
  /** Asks for a blank line before the next line. */
  blankBefore(): void;
  /** Anything was written (fenced code lines aside). */
  readonly any: boolean;
  /** The text written since the last `take`. */
  take(): string;
}

function createLineOutput(): LineOutput {
  let out: string[] = [];
  let any = false;
  let needBlank = false; // a blank line is due before the next line: never before the first
  const line = (text: string): void => {
    if (needBlank) out.push('\n');
    needBlank = false;
    out.push(text + '\n');
    any = true;
  };
  return {
    line,
    block(text: string): void {
      needBlank = any;
      line(text);
      needBlank = true;
    },
    code: (text) => void out.push(text + '\n'),
    blankBefore: () => void (needBlank = any),
    get any() {
      return any;
    },
    take(): string {
      const s = out.join('');
      out = [];
      return s;
    },
  };
}

/** The unit's expected parts, written in order as the model reaches them (or leaves them out). */
interface Skeleton {
  /** The first part not yet written. */
  readonly next: number;
  /** Inside a core-owned part: the model's text is dropped. */
  readonly dropping: boolean;
  /** Writes part `j`'s heading, after the parts skipped on the way. */
  reach(j: number): void;
  /** Before model text lands outside any part, opens the first model part (core parts before it included). */
  ensureInPart(): void;
  /** Writes the parts not reached; `finished`: the model ended its answer (rather than stopping early). */
  writeRest(finished: boolean): void;
}

function createSkeleton(parts: readonly UnitPart[], out: LineOutput): Skeleton {
  let next = 0;
  let current = -1; // part whose body we are in
  let dropping = false;

  /** `skipped`: the model did not write this part; `finished`: and it went on past it (or ended its answer). */
  const writePart = (i: number, skipped: boolean, finished = true): void => {
    const p = parts[i]!;
    out.block(p.heading);
    if (p.owner === 'core') {
      const body = (p.coreBody ?? '').replace(/\s+$/, '');
      if (body !== '') out.block(body);
    } else if (skipped) {
      out.block(p.notApplicable && finished ? p.notApplicable : todoCallout(p));
    }
    current = i;
    next = i + 1;
    dropping = p.owner === 'core';
  };
  const reach = (j: number): void => {
    for (let i = next; i < j; i++) writePart(i, true);
    writePart(j, false);
  };
  return {
    get next() {
      return next;
    },
    get dropping() {
      return dropping;
    },
    reach,
    ensureInPart(): void {
      if (parts.length === 0 || current >= 0) return;
      // No part reached yet, so none written: the first model part of the unit.
      const m = parts.findIndex((p) => p.owner === 'model');
      reach(m >= 0 ? m : parts.length - 1);
    },
    writeRest(finished: boolean): void {
      for (let i = next; i < parts.length; i++) writePart(i, true, finished);
    },
  };
}

export function createSectionTransform(unit: PlanUnit): SectionTransform {
  if (unit.kind !== 'model') throw new Error(`createSectionTransform: unit ${unit.key} is not a model unit`);
  const parts = unit.parts;
  const deepest = deepestLevel(unit);
  const topText = unit.top ? headingText(unit.top.heading) : null;
  const topNumber = unit.top ? leadingNumber(headingText(unit.top.heading)) : null;
  const partTitles = parts.map((p) => titleKey(headingText(p.heading)));
  const out = createLineOutput();
  const skeleton = createSkeleton(parts, out);

  let buf = '';
  let started = false;
  let ended = false;
  let fence: Fence | null = null;
  let modelWrote = false; // the model has put any line into the output (or reached a part)

  const start = (): void => {
    if (started) return;
    started = true;
    if (unit.top) out.block(unit.top.heading);
  };

  /** A line inside fenced code, or one opening it: passes through untouched. False for any other line. */
  const codeLine = (line: string): boolean => {
    if (fence) {
      if (closesFence(line, fence)) fence = null;
      if (!skeleton.dropping) out.code(line);
      return true;
    }
    const opened = openFence(line);
    if (!opened) return false;
    fence = opened;
    skeleton.ensureInPart(); // inside a part already when dropping: only core parts drop
    if (!skeleton.dropping) {
      out.line(line);
      modelWrote = true;
    }
    return true;
  };

  /** A heading: an expected part's is reached, a repeat of the top one dropped, any other kept below the skeleton. False for a line that is no heading. */
  const headingLine = (line: string): boolean => {
    const atx = parseAtx(line);
    const candidate = atx ? atx.text : parseBoldLine(line);
    if (candidate !== null) {
      const j = matchPart(candidate, atx !== null, parts, partTitles, skeleton.next);
      if (j >= 0) {
        skeleton.reach(j);
        modelWrote = true;
        return true;
      }
    }
    if (!atx) return false;
    const repeatsTop = atx.text === topText || (topNumber !== null && leadingNumber(stripEmphasis(atx.text)) === topNumber);
    if (repeatsTop && !modelWrote) return true;
    skeleton.ensureInPart();
    if (!skeleton.dropping) {
      // Headings keep a blank line on each side (a demoted bold line would otherwise join a paragraph).
      const text = atx.level <= deepest ? demoteHeading(atx.text, deepest) : line;
      if (text !== null) out.block(text);
      modelWrote = true;
    }
    return true;
  };

  const textLine = (line: string): void => {
    if (line.trim() === '') {
      // Harmless before any model text or inside a core part: the core's own lines are blocks, blank-lined anyway.
      out.blankBefore();
      return;
    }
    skeleton.ensureInPart();
    if (skeleton.dropping) return;
    // A `---`/`===` line right after text would turn that text into a setext heading.
    if (/^ {0,3}(?:=+|-+)[ \t]*$/.test(line)) out.blankBefore();
    out.line(line);
    modelWrote = true;
  };

  const processLine = (raw: string): void => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!codeLine(line) && !headingLine(line)) textLine(line);
  };

  return {
    push(delta: string): string {
      if (ended) throw new Error(`section transform for ${unit.key}: push after end`);
      start();
      buf += delta;
      let from = 0;
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n', from)) {
        processLine(buf.slice(from, nl));
        from = nl + 1;
      }
      buf = buf.slice(from);
      return out.take();
    },
    end(outcome: UnitOutcome): string {
      if (ended) throw new Error(`section transform for ${unit.key}: end called twice`);
      start();
      ended = true;
      if (buf !== '') processLine(buf);
      if (fence && !skeleton.dropping) out.code(fence.ch.repeat(fence.len));
      if (outcome !== 'complete') out.block(stoppedCallout(outcome));
      skeleton.writeRest(outcome === 'complete');
      if (parts.length === 0 && !modelWrote && outcome === 'complete') {
        out.block('> [!todo] Not written by the model\n> The model returned no text for this section.');
      }
      if (!out.any) out.line('');
      return out.take();
    },
  };
}
