import type { PlanPart } from '../plan/render-plan';
import { renderPart } from '../plan/render-plan';
import type { PlanUnit, UnitPart } from './units';

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
    const [first, ...rest] = group;
    if (!first || first.heading === null) throw new Error(`Section ${first?.key ?? '?'} has no heading to stream under`);
    const topLevel = levelOf(first.heading);
    if (topLevel === 2) addCore(`${first.key}-rule`, '---\n\n');
    flushCore();
    // A section with no fixed sub-parts (Executive Summary, 6, Appendices) streams right under its heading.
    const body = first.owner === 'core' && (first.coreBody ?? '') !== '' ? first.coreBody! : null;
    const partList: UnitPart[] = rest.map(toUnitPart);
    units.push({
      key: `section-${first.key}`,
      kind: 'model',
      top: { heading: body ? `${first.heading}\n\n${body.trimEnd()}` : first.heading, level: topLevel },
      parts: partList,
      label: labelOf(first),
    });
  }
  flushCore();
  return units;
}

/** Parts grouped by top-level section, with each module of section 2 a group of its own. */
function groupParts(parts: readonly PlanPart[]): PlanPart[][] {
  const groups: PlanPart[][] = [];
  let current: PlanPart[] = [];
  let currentKey: string | null = null;
  for (const p of parts) {
    const key = groupKey(p.key);
    if (key !== currentKey) {
      if (current.length) groups.push(current);
      current = [];
      currentKey = key;
    }
    current.push(p);
  }
  if (current.length) groups.push(current);
  return groups;
}

function groupKey(key: string): string {
  const segs = key.split('.');
  if (segs[0] === '2' && segs.length >= 2) return `2.${segs[1]}`;
  return segs[0]!;
}

function toUnitPart(p: PlanPart): UnitPart {
  return {
    number: p.key,
    heading: p.heading ?? '',
    level: levelOf(p.heading ?? ''),
    owner: p.owner,
    coreBody: p.owner === 'core' ? (p.coreBody ?? '') : undefined,
    hint: p.hint,
    ...(p.notApplicable ? { notApplicable: p.notApplicable } : {}),
  };
}

function levelOf(heading: string): number {
  return /^(#{1,6})\s/.exec(heading)?.[1]?.length ?? 2;
}

function labelOf(p: PlanPart): string {
  const text = (p.heading ?? p.key).replace(/^#+\s*/, '');
  return p.key === 'exec' || p.key === 'appendices' ? text : `Section ${text}`;
}
