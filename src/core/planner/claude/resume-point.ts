import type { PlanUnit } from '../../generation/units';

export interface ResumePoint {
  /** Units complete in the note (a prefix of the plan's units). */
  completeKeys: string[];
  /** Offset where the note is cut before the first incomplete unit is generated again. */
  cutOffset: number;
}

const RULE = '---';

/**
 * The line a unit's text is found by: a model unit's heading; for a core unit (which always has its
 * text) its first heading, else its first line that is not a rule (the footer's status line), else its
 * rule (`---` alone).
 */
function markerOf(unit: PlanUnit): string | null {
  if (unit.kind === 'model') return unit.top?.heading.split('\n')[0] ?? null;
  const lines = unit.coreText!.split('\n').filter((l) => l.trim() !== '');
  return lines.find((l) => /^#{1,6}\s/.test(l)) ?? lines.find((l) => l !== RULE) ?? lines[0] ?? null;
}

/** Text before the marker inside a core unit's own text (the `---` rule before a `##` heading); none in a model unit, which starts with it. */
function leadOf(unit: PlanUnit, marker: string): string {
  const text = unit.coreText ?? marker;
  return text.slice(0, Math.max(0, text.indexOf(marker)));
}

/** Whether `line` is a whole line of `text` at `at`. */
function isLineAt(text: string, line: string, at: number): boolean {
  if (!text.startsWith(line, at)) return false;
  const after = text[at + line.length];
  return (at === 0 || text[at - 1] === '\n') && (after === undefined || after === '\n' || after === '\r');
}

/** First offset at or after `from` where `line` is a whole line of `text` (a CRLF line ending counts), or -1. */
function findLine(text: string, line: string, from: number): number {
  for (let i = text.indexOf(line, from); i >= 0; i = text.indexOf(line, i + 1)) {
    if (isLineAt(text, line, i)) return i;
  }
  return -1;
}

/**
 * A rule-only core unit: the model writes `---` lines too, so a `---` line is the unit's only when
 * what follows it (after blank lines) is the next unit's marker, or nothing at all (`trailing`).
 */
function findRule(text: string, from: number, nextMarker: string | null): { at: number; trailing: boolean } | null {
  for (let at = findLine(text, RULE, from); at >= 0; at = findLine(text, RULE, at + 1)) {
    const after = at + RULE.length;
    const gap = text.slice(after).search(/\S/);
    if (gap < 0) return { at, trailing: true };
    if (nextMarker !== null && isLineAt(text, nextMarker, after + gap)) return { at, trailing: false };
  }
  return null;
}

/** Where a unit's marker line is, after `from`. */
function findUnit(text: string, unit: PlanUnit, next: PlanUnit | undefined, from: number): { at: number; trailing: boolean } | null {
  const marker = markerOf(unit);
  if (marker === null) return null;
  // Only a core unit's marker can be a bare rule: a model unit's is its heading.
  if (marker === RULE) return findRule(text, from, next ? markerOf(next) : null);
  const at = findLine(text, marker, from);
  return at < 0 ? null : { at, trailing: false };
}

interface Found {
  key: string;
  /** Where the unit's text starts (its lead included). */
  start: number;
  /** A core unit whose whole text is in the note (its lead, if there, included). */
  whole: boolean;
  /** A rule-only unit with nothing after it: it may as well be the last line of the model's text before it. */
  trailingRule: boolean;
}

/** The units the note holds, in order, each found by its marker after the one before. */
function locate(body: string, units: readonly PlanUnit[]): Found[] {
  const [first, ...rest] = units;
  if (!first) return [];
  // The frontmatter and title block: always kept (the note is created with them).
  const found: Found[] = [{ key: first.key, start: 0, whole: true, trailingRule: false }];
  let pos = 0;
  for (const [i, unit] of rest.entries()) {
    const hit = findUnit(body, unit, rest[i + 1], pos);
    if (hit === null) break;
    const lead = leadOf(unit, markerOf(unit)!);
    const start = hit.at >= lead.length && body.startsWith(lead, hit.at - lead.length) ? hit.at - lead.length : hit.at;
    const whole = unit.kind === 'core' && body.startsWith(unit.coreText!.trimEnd(), start);
    found.push({ key: unit.key, start, whole, trailingRule: hit.trailing });
    pos = hit.at + 1;
  }
  return found;
}

/**
 * How many of the units found are complete after a crash. Units reach the note one after another,
 * so only the last one found can be cut short: a model unit is then redone; a core unit is kept when
 * its whole text is there (the unit before it was finished, or it would not have been started); a
 * rule with nothing after it proves nothing, so the unit before it is judged instead.
 */
function completeAfterCrash(found: readonly Found[]): number {
  let keep = found.length;
  // The first unit is always kept.
  while (keep > 1) {
    const last = found[keep - 1]!;
    // A model unit is never whole: its text may stop anywhere.
    if (!last.whole) return keep - 1;
    if (!last.trailingRule) return keep;
    keep--;
  }
  return keep;
}

/**
 * Which units an interrupted note already holds. The note is written in document order, so the
 * complete units are a prefix: each found by its marker line after the previous one. When the run
 * was stopped cleanly (`interrupted`), partial text was already dropped and every unit found is
 * complete; after a crash (`in_progress`) the last unit found may be partial and is redone.
 * The first unit (frontmatter and title block) is always kept.
 */
export function findResumePoint(body: string, bodyOffset: number, units: readonly PlanUnit[], cleanStop: boolean): ResumePoint {
  const found = locate(body, units);
  const keep = cleanStop ? found.length : completeAfterCrash(found);
  let cut = found[keep]?.start ?? body.length;
  // Drop the blank lines the writer put between units; the runner adds its own separator.
  while (body[cut - 1] === '\n' && body[cut - 2] === '\n') cut--;
  return { completeKeys: found.slice(0, keep).map((f) => f.key), cutOffset: bodyOffset + cut };
}
