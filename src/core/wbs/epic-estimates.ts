/**
 * Estimates the WBS states for an epic as a whole ("optional estimates or sizing notes", as the
 * upstream micro prompt puts it), when its tasks carry none of their own:
 * - on the epic's own line: `- Epic A: Seed Catalogue (3 days)`, `#### Epic 2: Sync — Estimate: 2d`;
 * - a table of epics with estimate columns: `| Epic | Story Points | Estimated Hours |` / `| Epic 1 | 5 | 6.5 |`;
 * - a list item that gives an epic nothing but an estimate: `- Epic C: 1 day`, `- E4 — 6h`.
 */
import type { Estimate, Wbs } from '../contracts/wbs';
import type { WorkstreamResolver } from './dependency-refs';
import { scanEpicRefs } from './epic-label';
import { HOURS_PER_UNIT, parseEstimate } from './estimates';
import { classifyHeader, cleanCell, isSeparatorRow, splitRow } from './table';
import type { WbsDocument } from './wbs-document';
import { splitTrailingEstimate } from './wbs-lines';

/** The name without a trailing estimate, and that estimate: `Seed Catalogue (3 days)` → `Seed Catalogue`, 3 d. */
export function splitEpicName(name: string): { name: string; estimate?: Estimate } {
  const split = splitTrailingEstimate(name);
  if (!split.estimate || split.title === '') return { name };
  return { name: split.title, estimate: split.estimate };
}

/** Adds the estimates tables and estimate-only items of the WBS to its workstreams' `estimates` (in place). */
export function addStatedEstimates(wbs: Wbs, doc: WbsDocument, r: WorkstreamResolver): void {
  const byId = new Map(wbs.workstreams.map((w) => [w.id, w] as const));
  const add = (id: string, e: Estimate): void => {
    const ws = byId.get(id);
    if (!ws) return;
    const list = (ws.estimates ??= []);
    // Statements of one epic's size are alternatives, not parts: one estimate of time (the first
    // stated, `1 day` and a table's `6` hours are the same work) and one per other unit (points).
    if (!list.some((x) => kindOf(x.unit) === kindOf(e.unit))) list.push(e);
  };
  const { start, end } = doc.wbs;
  for (let i = start - 1; i < end && i < doc.lines.length; i++) {
    const masked = doc.masked[i] ?? '';
    if (masked.includes('|') && i + 1 < end && isSeparatorRow(doc.masked[i + 1] ?? '')) {
      i = readTable(doc, i, end, r, add);
      continue;
    }
    const item = /^\s*[-*+]\s+(.*)$/.exec(masked);
    if (!item) continue;
    const content = (doc.lines[i] ?? '').replace(/^\s*[-*+]\s+/, '').replace(/\*\*|__/g, '').trim();
    const ref = scanEpicRefs(content)[0];
    if (!ref || ref.index !== 0) continue;
    const rest = content.slice(ref.end).replace(/^\s*[:—–-]\s*/, '');
    const estimate = parseEstimate(rest, { requireUnit: true, knownUnit: true });
    const ids = r.workstreamsIn(content.slice(0, ref.end));
    if (estimate && ids.length === 1) add(ids[0]!, estimate);
  }
}

/** A table whose rows name one epic each and whose columns hold estimates; returns the last line index read. */
function readTable(doc: WbsDocument, at: number, end: number, r: WorkstreamResolver, add: (id: string, e: Estimate) => void): number {
  const header = splitRow(doc.masked[at]!, doc.lines[at]!);
  const cols = classifyHeader(header);
  let j = at + 2;
  // Task tables (with a task id or a task column) estimate tasks: the task readers have them.
  const estimateCols = header.map((h, k) => ({ k, unit: headerUnit(h) })).filter((c) => classifyHeader([header[c.k]!]).index.estimate === 0);
  const taskTable = cols.index.id !== undefined || cols.index.task !== undefined;
  const keyCol = header.findIndex((h) => /^\W*(?:epic|workstream|ws)\W*$/i.test(cleanCell(h)));
  for (; j < end && j < doc.lines.length && (doc.masked[j] ?? '').includes('|') && (doc.masked[j] ?? '').trim() !== ''; j++) {
    if (taskTable || estimateCols.length === 0) continue;
    const cells = splitRow(doc.masked[j]!, doc.lines[j]!);
    const key = cleanCell(cells[keyCol >= 0 ? keyCol : 0] ?? '');
    const ids = scanEpicRefs(key).length > 0 ? r.workstreamsIn(key) : r.element(key);
    if (ids.length !== 1) continue;
    for (const c of estimateCols) {
      const estimate = parseEstimate(cleanCell(cells[c.k] ?? ''), { defaultUnit: c.unit, requireUnit: true });
      if (estimate) add(ids[0]!, estimate);
    }
  }
  return j - 1;
}

/** The unit a header names: `Estimated Hours` → `h`, `Estimate (days)` → `days`, `Story Points` → `pts`. */
function headerUnit(header: string): string {
  const paren = /\(([^)]*)\)\s*$/.exec(header);
  if (paren) return paren[1]!.trim();
  const h = header.toLowerCase();
  if (/\bpoints?\b|\bpts\b/.test(h)) return 'pts';
  if (/\bhours?\b|\bhrs\b/.test(h)) return 'h';
  if (/\bdays?\b/.test(h)) return 'd';
  if (/\bweeks?\b/.test(h)) return 'w';
  if (/\bmin(?:ute)?s?\b/.test(h)) return 'min';
  return '';
}

function kindOf(unit: string): string {
  return Object.prototype.hasOwnProperty.call(HOURS_PER_UNIT, unit) ? 'time' : unit;
}
