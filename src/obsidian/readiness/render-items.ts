/**
 * The checker's items for a plan note: a header, then one entry per item with its reasons.
 * Items with a line open the note there; the listeners live on elements this function creates,
 * so they go away with them on the next render.
 */
import { setIcon } from 'obsidian';
import type { ItemsModel } from './readiness-model';

export function renderItems(parent: HTMLElement, model: ItemsModel, openAtLine: (line: number) => void): HTMLElement {
  const box = parent.createDiv({ cls: 'wp-readiness__items' });
  box.createDiv({ cls: 'wp-readiness__header', text: model.header });
  const list = box.createEl('ul', { cls: 'wp-readiness__list' });
  for (const item of model.items) {
    const li = list.createEl('li', {
      cls: ['wp-readiness__item', item.ok ? 'wp-readiness__item--passing' : 'wp-readiness__item--failing'],
      attr: { 'data-wp-item': item.id },
    });
    const title = li.createDiv({ cls: 'wp-readiness__item-title' });
    setIcon(title.createSpan({ cls: 'wp-readiness__mark' }), item.ok ? 'check' : 'x');
    title.createSpan({ cls: 'wp-readiness__label', text: item.label });
    title.createSpan({ cls: 'wp-readiness__state', text: item.ok ? 'Passing' : 'Failing' });
    for (const reason of item.reasons) li.createDiv({ cls: 'wp-readiness__reason', text: reason });
    const line = item.line;
    if (line === null) continue;
    li.addClass('wp-readiness__item--clickable');
    li.setAttr('role', 'button');
    li.setAttr('tabindex', 0);
    li.setAttr('aria-label', `${item.label}: open the note at line ${line}`);
    li.addEventListener('click', () => openAtLine(line));
    li.addEventListener('keydown', (evt: KeyboardEvent) => {
      if (evt.key !== 'Enter' && evt.key !== ' ') return;
      evt.preventDefault();
      openAtLine(line);
    });
  }
  return box;
}
