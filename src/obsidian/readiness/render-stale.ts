/**
 * The stale notice of a plan note: what changed in the notes it was planned from, and a Re-plan
 * button (the old plan goes to the backups first, as with every re-plan).
 */
import { setIcon } from 'obsidian';
import type { StaleModel } from './readiness-model';

export function renderStale(parent: HTMLElement, model: StaleModel, replan: (id: string) => void): HTMLElement {
  const box = parent.createDiv({ cls: 'wp-readiness__stale', attr: { 'data-wp-stale': model.workstreamId } });
  const title = box.createDiv({ cls: 'wp-readiness__stale-title' });
  setIcon(title.createSpan({ cls: 'wp-readiness__mark' }), 'history');
  title.createSpan({ text: model.header });
  const list = box.createEl('ul', { cls: 'wp-readiness__stale-reasons' });
  for (const r of model.reasons) list.createEl('li', { text: r });
  const button = box.createEl('button', { text: 'Re-plan', attr: { 'aria-label': `Re-plan ${model.workstreamId}` } });
  button.addEventListener('click', () => replan(model.workstreamId));
  return box;
}
