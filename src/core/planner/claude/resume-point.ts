import type { PlanUnit } from '../../generation/units';

export interface ResumePoint {
  /** Units complete in the note (a prefix of the plan's units). */
  completeKeys: string[];
  /** Offset where the note is cut before the first incomplete unit is generated again. */
  cutOffset: number;
}

/** The line a unit's text can be recognised by: its first heading, else its first non-empty line. */
function markerOf(unit: PlanUnit): string | null {
  if (unit.kind === 'model') return unit.top?.heading.split('\n')[0] ?? null;
  const lines = (unit.coreText ?? '').split('\n').filter((l) => l.trim() !== '');
  return lines.find((l) => /^#{1,6}\s/.test(l)) ?? lines[0] ?? null;
}

/** Text before the marker inside the unit's own text (e.g. the `---` rule before a `##` heading). */
function leadOf(unit: PlanUnit, marker: string): string {
  if (unit.kind === 'model') return '';
  const text = unit.coreText ?? '';
  const at = text.indexOf(marker);
  return at > 0 ? text.slice(0, at) : '';
}

function findLine(text: string, line: string, from: number): number {
  let at = from;
  for (;;) {
    const i = text.indexOf(line, at);
    if (i < 0) return -1;
    const startsLine = i === 0 || text[i - 1] === '\n';
    const endsLine = i + line.length === text.length || text[i + line.length] === '\n' || text[i + line.length] === '\r';
    if (startsLine && endsLine) return i;
    at = i + 1;
  }
}

/**
 * Which units an interrupted note already holds. The note is written in document order, so the
 * complete units are a prefix: each found by its marker line after the previous one. When the run
 * was stopped cleanly (`interrupted`), partial text was already dropped and every unit found is
 * complete; after a crash (`in_progress`) the last model unit found may be partial and is redone.
 * The first unit (frontmatter and title block) is always kept.
 */
export function findResumePoint(body: string, bodyOffset: number, units: readonly PlanUnit[], cleanStop: boolean): ResumePoint {
  const found: { key: string; start: number; kind: PlanUnit['kind'] }[] = [];
  let pos = 0;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    if (i === 0) {
      found.push({ key: unit.key, start: 0, kind: unit.kind });
      continue;
    }
    const marker = markerOf(unit);
    if (marker === null) break;
    const at = findLine(body, marker, pos);
    if (at < 0) break;
    const lead = leadOf(unit, marker);
    const start = lead !== '' && body.slice(Math.max(0, at - lead.length), at) === lead ? at - lead.length : at;
    // A rule-only core unit (`---`) counts only when what follows it is the next unit or the end of the note.
    if (marker === '---' && unit.kind === 'core') {
      const next = units[i + 1];
      const rest = body.slice(at + marker.length).trim();
      const nextMarker = next ? markerOf(next) : null;
      if (rest !== '' && (nextMarker === null || !rest.startsWith(nextMarker))) break;
    }
    found.push({ key: unit.key, start, kind: unit.kind });
    pos = at + marker.length;
  }
  let keep = found.length;
  if (!cleanStop) {
    // After a crash the last model unit found may be cut short: redo it and what follows it.
    let lastModel = -1;
    found.forEach((f, i) => {
      if (f.kind === 'model') lastModel = i;
    });
    if (lastModel > 0) keep = lastModel;
  }
  const complete = found.slice(0, keep);
  const next = found[keep];
  let cut = next ? next.start : body.length;
  // Drop the blank lines the writer put between units; the runner adds its own separator.
  while (cut > 0 && body[cut - 1] === '\n' && body[cut - 2] === '\n') cut--;
  return { completeKeys: complete.map((f) => f.key), cutOffset: bodyOffset + cut };
}
