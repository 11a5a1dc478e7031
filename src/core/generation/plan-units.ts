import type { PlanPart } from '../plan/render-plan';
import { renderPart } from '../plan/render-plan';
import { headingText, type PlanUnit, type UnitPart } from './units';

/**
 * Groups the plan's parts into units, one per model call: the Executive Summary, each top-level
 * section, and each module of section 2 on its own (modules are the bulk of the plan, and one call
 * each keeps every module within the output limit). Runs of parts the core writes alone become
 * core units. A `---` rule goes before every level-2 heading, as the output format has them.
 */
export function buildPlanUnits(parts: readonly PlanPart[]): PlanUnit[] {
  const units: PlanUnit[] = [];
  let coreRun: { key: string; text: string } | null = null;
  const flushCore = (): void => {
    if (coreRun) units.push({ key: `core-${coreRun.key}`, kind: 'core', coreText: coreRun.text, parts: [], label: 'Planner text' });
    coreRun = null;
  };
  const addCore = (key: string, text: string): void => {
    if (coreRun) coreRun.text += text;
    else coreRun = { key, text };
  };

  for (const group of groupParts(parts)) {
    const hasModel = group.some((p) => p.owner === 'model');
    if (!hasModel) {
      for (const p of group) addCore(p.key, renderPart(p, p.coreBody ?? ''));
      continue;
    }
    const first = group[0]!; // groups are never empty
    if (first.heading === null) throw new Error(`Section ${first.key} has no heading to stream under`);
    const topLevel = levelOf(first.heading);
    if (topLevel === 2) addCore(`${first.key}-rule`, '---\n\n');
    flushCore();
    // A section with no fixed sub-parts (Executive Summary, 6, Appendices) streams right under its heading,
    // after the planner's own text under it if it has any (only core parts carry a `coreBody`).
    const body = first.coreBody ?? '';
    units.push({
      key: `section-${first.key}`,
      kind: 'model',
      top: { heading: body === '' ? first.heading : `${first.heading}\n\n${body.trimEnd()}`, level: topLevel },
      parts: group.slice(1).map(toUnitPart),
      label: labelOf(first.key, first.heading),
    });
  }
  flushCore();
  return units;
}

/** Parts grouped by top-level section, with each module of section 2 a group of its own. */
function groupParts(parts: readonly PlanPart[]): PlanPart[][] {
  const groups: PlanPart[][] = [];
  let currentKey: string | null = null;
  for (const p of parts) {
    const key = groupKey(p.key);
    if (key !== currentKey) {
      groups.push([]);
      currentKey = key;
    }
    groups[groups.length - 1]!.push(p);
  }
  return groups;
}

function groupKey(key: string): string {
  const segs = key.split('.');
  return segs[0] === '2' ? segs.slice(0, 2).join('.') : segs[0]!;
}

function toUnitPart(p: PlanPart): UnitPart {
  if (p.heading === null) throw new Error(`Part ${p.key} has no heading to write`);
  return {
    number: p.key,
    heading: p.heading,
    level: levelOf(p.heading),
    owner: p.owner,
    coreBody: p.coreBody,
    hint: p.hint,
    ...(p.notApplicable ? { notApplicable: p.notApplicable } : {}),
  };
}

/** Level of a heading line the core writes: `### 2.1 Sync client` → 3. */
function levelOf(heading: string): number {
  let n = 0;
  while (heading[n] === '#') n++;
  return n;
}

/** For progress lines: 'Section 2.1 Sync client', 'Executive Summary'. */
function labelOf(key: string, heading: string): string {
  const text = headingText(heading);
  return key === 'exec' || key === 'appendices' ? text : `Section ${text}`;
}
