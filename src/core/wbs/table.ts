/** Markdown (GFM) pipe tables as WBS authors write them. */

export type WbsColumn = 'id' | 'task' | 'estimate' | 'deps' | 'workstream' | 'exit';

export interface TableColumns {
  /** Cell index of each column the WBS knows; the first matching header wins. */
  index: Partial<Record<WbsColumn, number>>;
  /** Unit stated in the estimate header, e.g. `Estimate (days)` → `d`. */
  estimateUnit: string;
}

const HEADER_NAMES: ReadonlyArray<[WbsColumn, RegExp]> = [
  ['id', /^(?:id|task id|task #|#|no|ref|key|wbs|wbs id|wbs #)$/],
  ['task', /^(?:task|tasks|title|name|description|task name|work item|deliverable)$/],
  // Any column naming time, an estimate, effort, duration, hours or days (`Estimated Time`, `Est. hours`).
  ['estimate', /^(?:size|points|story points)$|(?:^|\s)(?:est|estimated?|estimates|effort|duration|time|hours?|hrs|days?)(?:\s|$)/],
  ['deps', /^(?:depends on|dependencies|dependency|deps|depends|predecessors|blocked by|upstream)$/],
  ['workstream', /^(?:workstream|workstreams|workstream id|ws|stream)$/],
  ['exit', /^(?:exit|exit criteria|done when|definition of done|acceptance|acceptance criteria)$/],
];

/** True for the delimiter row under a header: `|---|:--:|`. */
export function isSeparatorRow(line: string): boolean {
  return line.includes('-') && /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/.test(line);
}

/**
 * Cells of a row. Pipes are found in `masked` (so a `|` inside inline code does not split) and
 * escaped pipes (`\|`, as in `[[note\|alias]]`) never split; the cell text comes from `original`.
 */
export function splitRow(masked: string, original: string): string[] {
  const cuts: number[] = [];
  for (let i = 0; i < masked.length; i++) if (masked[i] === '|' && masked[i - 1] !== '\\') cuts.push(i);
  const cells: string[] = [];
  let from = 0;
  for (const c of cuts) {
    cells.push(original.slice(from, c));
    from = c + 1;
  }
  cells.push(original.slice(from));
  // A leading or trailing pipe leaves an empty edge cell.
  if (cells.length > 1 && cells[0]!.trim() === '') cells.shift();
  if (cells.length > 1 && cells[cells.length - 1]!.trim() === '') cells.pop();
  return cells.map((c) => c.trim());
}

/** Strip emphasis and code marks around a cell: `**W2.1**` → `W2.1`. */
export function cleanCell(cell: string): string {
  return cell
    .trim()
    .replace(/^(?:\*\*|__|\*|_|`)+|(?:\*\*|__|\*|_|`)+$/g, '')
    .trim();
}

export function classifyHeader(cells: string[]): TableColumns {
  const index: Partial<Record<WbsColumn, number>> = {};
  let estimateUnit = '';
  cells.forEach((raw, i) => {
    const unitMatch = /\(([^)]*)\)\s*$/.exec(raw);
    const name = cleanCell(raw.replace(/\([^)]*\)\s*$/, ''))
      .toLowerCase()
      .replace(/[.:]+$/, '')
      .replace(/\s+/g, ' ')
      .trim();
    for (const [col, re] of HEADER_NAMES) {
      if (index[col] === undefined && re.test(name)) {
        index[col] = i;
        if (col === 'estimate' && unitMatch) estimateUnit = unitMatch[1]!.trim();
        break;
      }
    }
  });
  return { index, estimateUnit };
}
