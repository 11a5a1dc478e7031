import type { Estimate } from '../contracts/wbs';

/** Unit spellings folded to one short form; any other unit is kept lower-cased as written. */
const UNIT_ALIASES: ReadonlyMap<string, string> = new Map([
  ...['h', 'hr', 'hrs', 'hour', 'hours'].map((u) => [u, 'h'] as const),
  ...['d', 'day', 'days', 'pd', 'md'].map((u) => [u, 'd'] as const),
  ...['w', 'wk', 'wks', 'week', 'weeks'].map((u) => [u, 'w'] as const),
  ...['pt', 'pts', 'point', 'points', 'sp'].map((u) => [u, 'pts'] as const),
  ...['min', 'mins', 'minute', 'minutes'].map((u) => [u, 'min'] as const),
  ...['mo', 'month', 'months'].map((u) => [u, 'mo'] as const),
]);

/** Fold a unit as written (`days`, `Hrs`, `pts.`) to its short form (`d`, `h`, `pts`). */
export function normaliseUnit(unit: string): string {
  const u = unit.trim().toLowerCase().replace(/\.$/, '');
  return UNIT_ALIASES.get(u) ?? u;
}

export interface ParseEstimateOptions {
  /** Unit for a bare number, e.g. from a column header `Estimate (days)`. */
  defaultUnit?: string;
  /** Refuse a bare number without any unit (list items: `(3)` is not an estimate). @default false */
  requireUnit?: boolean;
  /**
   * Accept only units of time or points (`h`, `days`, `min`, `pts`…): in free text `(10 frames)` is
   * a count, not an estimate. @default false
   */
  knownUnit?: boolean;
}

/**
 * `3d`, `4h`, `5 pts`, `2 days`, `1.5w`, `~3d`, `est. 4h`, `Effort: 2d` → an estimate keeping its unit.
 * Ranges, t-shirt sizes and anything else → null.
 */
export function parseEstimate(raw: string, options: ParseEstimateOptions = {}): Estimate | null {
  const written = raw.trim();
  const t = written.replace(/^(\*\*|__)(.*)\1$/, '$2').trim();
  const m = /^(?:(?:est(?:imate)?|effort|size)\.?\s*[:=]?\s*)?~?\s*(\d+(?:[.,]\d+)?|[.,]\d+)\s*([a-z]+\.?)?$/i.exec(t);
  if (!m) return null;
  const value = Number(m[1]!.replace(',', '.'));
  if (!Number.isFinite(value)) return null;
  const unit = m[2] ? normaliseUnit(m[2]) : normaliseUnit(options.defaultUnit ?? '');
  if (unit === '' && options.requireUnit) return null;
  if (options.knownUnit && m[2] && !UNIT_ALIASES.has(m[2].trim().toLowerCase().replace(/\.$/, ''))) return null;
  return { value, unit, raw: written };
}

/** Hours in each unit of time, to add minutes, hours, days and weeks up in one unit: a working day is 8 hours, a week 5 days. */
export const HOURS_PER_UNIT: Readonly<Record<string, number>> = { min: 1 / 60, h: 1, d: 8, w: 40 };

/**
 * Totals per unit, with every unit of time (minutes, hours, days, weeks) added up in one: the
 * largest of them that the tasks use (`30 min` + `1 h` → `{ h: 1.5 }`; `6d` + `4h` → `{ d: 6.5 }`,
 * a day being 8 hours and a week 5 days, see `HOURS_PER_UNIT`). Other units (points, months, a
 * bare number under `''`) are summed on their own. Tasks without an estimate are skipped. Sums
 * are rounded to 6 decimals to hide float noise, folded time to 2.
 */
export function sumEstimates(tasks: ReadonlyArray<{ estimate?: Estimate }>): Record<string, number> {
  const totals = new Map<string, number>();
  for (const t of tasks) {
    if (!t.estimate) continue;
    totals.set(t.estimate.unit, (totals.get(t.estimate.unit) ?? 0) + t.estimate.value);
  }
  const times = [...totals.keys()].filter((u) => Object.prototype.hasOwnProperty.call(HOURS_PER_UNIT, u));
  // Minutes that add up to an hour or more read better as hours.
  const minutesOnly = times.length === 1 && times[0] === 'min' && totals.get('min')! >= 60;
  if (times.length > 1 || minutesOnly) {
    let target = times.reduce((a, b) => (HOURS_PER_UNIT[b]! > HOURS_PER_UNIT[a]! ? b : a));
    if (target === 'min') target = 'h';
    const hours = times.reduce((n, u) => n + totals.get(u)! * HOURS_PER_UNIT[u]!, 0);
    for (const u of times) totals.delete(u);
    totals.set(target, Math.round((hours / HOURS_PER_UNIT[target]!) * 100) / 100);
  }
  // fromEntries defines own properties, so a unit spelled `constructor` cannot reach the prototype.
  return Object.fromEntries([...totals].map(([u, v]) => [u, Math.round(v * 1e6) / 1e6]));
}

/**
 * A workstream's estimate: its tasks' estimates added up (`sumEstimates`) when any task carries one,
 * else what the WBS states for the epic as a whole (`- Epic A: Catalogue (3 days)`, an estimates
 * table), else `{}`.
 */
export function workstreamEstimate(ws: { tasks: ReadonlyArray<{ estimate?: Estimate }>; estimates?: readonly Estimate[] }): Record<string, number> {
  const fromTasks = sumEstimates(ws.tasks);
  if (Object.keys(fromTasks).length > 0 || !ws.estimates) return fromTasks;
  return sumEstimates(ws.estimates.map((estimate) => ({ estimate })));
}
