/**
 * Generation progress for the plan being written: totals, the current section, each section's state,
 * and while it runs a "Cancel planning" button (on phones and tablets there is no status bar to click).
 */
import type { ProgressModel } from './readiness-model';

export function renderProgress(parent: HTMLElement, model: ProgressModel, cancel: () => void): HTMLElement {
  const box = parent.createDiv({ cls: 'wp-readiness__progress' });
  const head = box.createDiv({ cls: 'wp-readiness__progress-head' });
  head.createDiv({ cls: 'wp-readiness__progress-summary', text: model.running ? `Generating: ${model.summary}` : model.summary });
  if (model.running) {
    const button = head.createEl('button', { cls: 'wp-readiness__cancel', text: 'Cancel planning' });
    button.addEventListener('click', () => {
      button.disabled = true;
      cancel();
    });
  }
  if (model.currentLabel !== null) box.createDiv({ cls: 'wp-readiness__progress-current', text: `Now: ${model.currentLabel}` });
  const list = box.createEl('ul', { cls: 'wp-readiness__units' });
  for (const u of model.units) {
    const li = list.createEl('li', { cls: ['wp-readiness__unit', `wp-readiness__unit--${u.status}`], attr: { 'data-wp-unit': u.key } });
    li.createSpan({ cls: 'wp-readiness__unit-label', text: u.label });
    li.createSpan({ cls: 'wp-readiness__unit-state', text: u.statusLabel });
  }
  return box;
}
