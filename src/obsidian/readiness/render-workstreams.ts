/**
 * The workstream table for the meso plan or the overall micro plan, one "Plan" button per row.
 * Buttons are recreated on every render and their listeners go with them.
 */
import type { WorkstreamRow } from './readiness-model';

const COLUMNS = ['ID', 'Name', 'Tasks', 'Depends on', 'Status', ''];

export function renderWorkstreams(parent: HTMLElement, rows: readonly WorkstreamRow[], plan: (id: string) => void): HTMLElement {
  const box = parent.createDiv({ cls: 'wp-readiness__workstreams' });
  box.createDiv({
    cls: 'wp-readiness__header',
    text: rows.length === 1 ? '1 workstream' : `${rows.length} workstreams`,
  });
  if (rows.length === 0) {
    box.createDiv({ cls: 'wp-readiness__empty', text: 'The work breakdown defines no workstreams yet.' });
    return box;
  }
  const table = box.createEl('table', { cls: 'wp-readiness__table' });
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
