/** Generation progress for the plan being written: totals, the current section, each section's state. */
import type { ProgressModel } from './readiness-model';

export function renderProgress(parent: HTMLElement, model: ProgressModel): HTMLElement {
  const box = parent.createDiv({ cls: 'wp-readiness__progress' });
  box.createDiv({ cls: 'wp-readiness__progress-summary', text: model.running ? `Generating: ${model.summary}` : model.summary });
  if (model.currentLabel !== null) box.createDiv({ cls: 'wp-readiness__progress-current', text: `Now: ${model.currentLabel}` });
  const list = box.createEl('ul', { cls: 'wp-readiness__units' });
  for (const u of model.units) {
    const li = list.createEl('li', { cls: ['wp-readiness__unit', `wp-readiness__unit--${u.status}`], attr: { 'data-wp-unit': u.key } });
    li.createSpan({ cls: 'wp-readiness__unit-label', text: u.label });
    li.createSpan({ cls: 'wp-readiness__unit-state', text: u.statusLabel });
  }
  return box;
}
