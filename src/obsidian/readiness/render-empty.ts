/** The empty state (what to do next) and the one-sentence error. */
import type { EmptyModel } from './readiness-model';

export function renderEmpty(parent: HTMLElement, model: EmptyModel): HTMLElement {
  const box = parent.createDiv({ cls: 'wp-readiness__empty' });
  box.createDiv({ cls: 'wp-readiness__empty-title', text: model.title });
  const list = box.createEl('ul');
  for (const hint of model.hints) list.createEl('li', { text: hint });
  return box;
}

export function renderError(parent: HTMLElement, message: string): HTMLElement {
  return parent.createDiv({ cls: ['wp-readiness__empty', 'wp-readiness__error'], text: message });
}

export function renderWarnings(parent: HTMLElement, warnings: readonly string[]): void {
  for (const w of warnings) parent.createDiv({ cls: 'wp-readiness__warning', text: w });
}
