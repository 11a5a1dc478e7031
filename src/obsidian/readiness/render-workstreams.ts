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
    tr.createEl('td', { cls: `wp-readiness__status--${row.status}`, text: row.statusLabel });
    const button = tr.createEl('td').createEl('button', {
      text: row.action,
      attr: { 'aria-label': `${row.action} ${row.id}` },
    });
    button.addEventListener('click', () => plan(row.id));
  }
  return box;
}
