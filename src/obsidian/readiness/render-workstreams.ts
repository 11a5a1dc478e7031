/**
 * The workstream table for the meso plan or the overall micro plan, one "Plan" button per row.
 * Buttons are recreated on every render and their listeners go with them.
 */
import type { WorkstreamRow } from './readiness-model';
import { RUN_STATUS_LABELS, type PlanAllBar, type RowProgress } from './plan-all-model';

const COLUMNS = ['ID', 'Name', 'Tasks', 'Depends on', 'Status', ''];

/** "Plan all workstreams" above the table, and each workstream's progress in a run of it. */
export interface PlanAllView {
  bar: PlanAllBar;
  progress: ReadonlyMap<string, RowProgress>;
  act(action: PlanAllBar['buttons'][number]['action']): void;
}

export function renderWorkstreams(parent: HTMLElement, rows: readonly WorkstreamRow[], plan: (id: string) => void, all?: PlanAllView): HTMLElement {
  const box = parent.createDiv({ cls: 'wp-readiness__workstreams' });
  box.createDiv({
    cls: 'wp-readiness__header',
    text: rows.length === 1 ? '1 workstream' : `${rows.length} workstreams`,
  });
  if (rows.length === 0) {
    box.createDiv({ cls: 'wp-readiness__empty', text: 'The work breakdown defines no workstreams yet.' });
    return box;
  }
  if (all) {
    const bar = box.createDiv({ cls: 'wp-readiness__plan-all' });
    if (all.bar.message) bar.createDiv({ cls: 'wp-readiness__plan-all-message', text: all.bar.message });
    const buttons = bar.createDiv({ cls: 'wp-readiness__plan-all-buttons' });
    for (const b of all.bar.buttons) {
      const el = buttons.createEl('button', { text: b.label, cls: b.cta ? 'mod-cta' : '' });
      el.addEventListener('click', () => all.act(b.action));
    }
  }
  const progress = all?.progress ?? new Map<string, RowProgress>();
  // A sidebar is narrow: the table scrolls sideways rather than hiding its buttons.
  const table = box.createDiv({ cls: 'wp-readiness__table-scroll' }).createEl('table', { cls: 'wp-readiness__table' });
  const head = table.createEl('thead').createEl('tr');
  for (const c of COLUMNS) head.createEl('th', { text: c });
  const body = table.createEl('tbody');
  for (const row of rows) {
    const tr = body.createEl('tr', { attr: { 'data-wp-workstream': row.id } });
    tr.createEl('td', { text: row.id });
    tr.createEl('td', { text: row.name });
    tr.createEl('td', { text: String(row.tasks) });
    tr.createEl('td', { text: row.dependencies });
    const status = tr.createEl('td', { cls: `wp-readiness__status--${row.status}`, text: row.statusLabel });
    if (row.stale) status.createSpan({ cls: 'wp-readiness__stale-badge', text: 'Stale', attr: { title: row.staleBecause.join('\n') } });
    // Its part in a "Plan all workstreams" run, under its status.
    const p = progress.get(row.id);
    if (p) status.createDiv({ cls: `wp-readiness__run wp-readiness__run--${p.status}`, text: RUN_STATUS_LABELS[p.status], attr: { 'data-wp-run': p.status, ...(p.detail ? { title: p.detail } : {}) } });
    const button = tr.createEl('td').createEl('button', {
      text: row.action,
      attr: { 'aria-label': `${row.action} ${row.id}` },
    });
    button.addEventListener('click', () => plan(row.id));
    if (row.stale) {
      // What changed, under the row: the reader decides from it whether to re-plan.
      const cell = body.createEl('tr', { cls: 'wp-readiness__stale-row', attr: { 'data-wp-stale': row.id } }).createEl('td', { attr: { colspan: COLUMNS.length } });
      const list = cell.createEl('ul', { cls: 'wp-readiness__stale-reasons' });
      for (const r of row.staleBecause) list.createEl('li', { text: r });
    }
  }
  return box;
}
