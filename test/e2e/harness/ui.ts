/**
 * Browser versions of Obsidian's notices, modals, suggesters and settings rows: real elements in the
 * page, with the class names the app uses (`.notice`, `.modal-container`, `.prompt`, `.setting-item`…)
 * so `styles.css` and the harness theme apply, and real DOM events so Playwright clicks and types.
 */
import type { App } from './app';

type Info = Parameters<HTMLElement['createEl']>[1];

function textOf(m: string | DocumentFragment): string {
  return typeof m === 'string' ? m : (m.textContent ?? '');
}

function setContent(el: HTMLElement, m: string | DocumentFragment): void {
  el.empty();
  if (typeof m === 'string') el.setText(m);
  else el.appendChild(m);
}

/** Every notice shown, kept for the runner (a Notice hides itself after its duration). */
export const noticeLog: string[] = [];

function noticeContainer(): HTMLElement {
  return document.body.querySelector<HTMLElement>(':scope > .notice-container') ?? document.body.createDiv({ cls: 'notice-container' });
}

export class Notice {
  noticeEl: HTMLElement;
  containerEl: HTMLElement;
  messageEl: HTMLElement;
  private index: number;
  constructor(message: string | DocumentFragment, duration?: number) {
    this.containerEl = noticeContainer().createDiv({ cls: 'notice' });
    this.noticeEl = this.containerEl;
    this.messageEl = this.containerEl.createDiv({ cls: 'notice-message' });
    setContent(this.messageEl, message);
    this.index = noticeLog.push(textOf(message)) - 1;
    this.containerEl.addEventListener('click', () => this.hide());
    const ms = duration ?? 5000;
    if (ms > 0) window.setTimeout(() => this.hide(), ms);
  }
  setMessage(message: string | DocumentFragment): this {
    setContent(this.messageEl, message);
    noticeLog[this.index] = textOf(message);
    return this;
  }
  hide(): void {
    this.containerEl.remove();
  }
}

export class Modal {
  app: App;
  containerEl: HTMLElement;
  modalEl: HTMLElement;
  titleEl: HTMLElement;
  contentEl: HTMLElement;
  scope = {};
  shouldRestoreSelection = true;
  isOpen = false;
  private closeCallback: (() => unknown) | null = null;
  private readonly onKey = (evt: KeyboardEvent): void => {
    if (evt.key === 'Escape' && this.isOpen) {
      evt.preventDefault();
      this.close();
    }
  };
  constructor(app: App) {
    this.app = app;
    this.containerEl = createDiv({ cls: 'modal-container mod-dim' });
    this.containerEl.createDiv({ cls: 'modal-bg' }).addEventListener('click', () => this.close());
    this.modalEl = this.containerEl.createDiv({ cls: 'modal' });
    this.modalEl.createDiv({ cls: 'modal-close-button', attr: { 'aria-label': 'Close' } }).addEventListener('click', () => this.close());
    const header = this.modalEl.createDiv({ cls: 'modal-header' });
    this.titleEl = header.createDiv({ cls: 'modal-title' });
    this.contentEl = this.modalEl.createDiv({ cls: 'modal-content' });
  }
  open(): void {
    if (this.isOpen) return;
    this.isOpen = true;
    document.body.appendChild(this.containerEl);
    document.addEventListener('keydown', this.onKey, true);
    void this.onOpen();
  }
  close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    document.removeEventListener('keydown', this.onKey, true);
    this.containerEl.remove();
    this.onClose();
    this.closeCallback?.();
  }
  onOpen(): Promise<void> | void {}
  onClose(): void {}
  setTitle(title: string): this {
    this.titleEl.setText(title);
    return this;
  }
  setContent(content: string | DocumentFragment): this {
    setContent(this.contentEl, content);
    return this;
  }
  setCloseCallback(cb: () => unknown): this {
    this.closeCallback = cb;
    return this;
  }
}

/** A prompt: an input over a list of suggestions; click or Enter chooses (the app closes first, then reports). */
export abstract class SuggestModal<T> extends Modal {
  limit = 100;
  emptyStateText = 'No results found.';
  inputEl: HTMLInputElement;
  resultContainerEl: HTMLElement;
  private instructionsEl: HTMLElement;
  private shown: T[] = [];
  private selected = 0;
  constructor(app: App) {
    super(app);
    this.modalEl.addClass('prompt');
    this.modalEl.empty();
    const inputContainer = this.modalEl.createDiv({ cls: 'prompt-input-container' });
    this.inputEl = inputContainer.createEl('input', { cls: 'prompt-input', attr: { type: 'text', enterkeyhint: 'done', spellcheck: 'false' } });
    this.resultContainerEl = this.modalEl.createDiv({ cls: 'prompt-results' });
    this.instructionsEl = this.modalEl.createDiv({ cls: 'prompt-instructions' });
    this.inputEl.addEventListener('input', () => void this.update());
    this.inputEl.addEventListener('keydown', (evt) => {
      if (evt.key === 'ArrowDown' || evt.key === 'ArrowUp') {
        evt.preventDefault();
        const n = this.shown.length;
        if (n === 0) return;
        this.select((this.selected + (evt.key === 'ArrowDown' ? 1 : n - 1)) % n);
      } else if (evt.key === 'Enter') {
        evt.preventDefault();
        this.selectActiveSuggestion(evt);
      }
    });
  }
  setPlaceholder(p: string): void {
    this.inputEl.placeholder = p;
  }
  setInstructions(list: Array<{ command: string; purpose: string }>): void {
    this.instructionsEl.empty();
    for (const i of list) {
      const row = this.instructionsEl.createDiv({ cls: 'prompt-instruction' });
      row.createSpan({ cls: 'prompt-instruction-command', text: i.command });
      row.createSpan({ text: i.purpose });
    }
  }
  onOpen(): void {
    this.inputEl.focus();
    void this.update();
  }
  onNoSuggestion(): void {}
  private async update(): Promise<void> {
    const items = (await this.getSuggestions(this.inputEl.value)).slice(0, this.limit);
    this.shown = items;
    this.resultContainerEl.empty();
    if (items.length === 0) {
      this.resultContainerEl.createDiv({ cls: 'suggestion-empty', text: this.emptyStateText });
      this.onNoSuggestion();
      return;
    }
    items.forEach((item, i) => {
      const el = this.resultContainerEl.createDiv({ cls: 'suggestion-item' });
      this.renderSuggestion(item, el);
      el.addEventListener('mousemove', () => this.select(i));
      el.addEventListener('click', (evt) => this.selectSuggestion(item, evt));
    });
    this.select(0);
  }
  private select(i: number): void {
    this.selected = i;
    this.resultContainerEl.querySelectorAll('.suggestion-item').forEach((el, j) => el.toggleClass('is-selected', j === i));
  }
  selectSuggestion(value: T, evt: MouseEvent | KeyboardEvent): void {
    this.close();
    this.onChooseSuggestion(value, evt);
  }
  selectActiveSuggestion(evt: MouseEvent | KeyboardEvent): void {
    const item = this.shown[this.selected];
    if (item !== undefined) this.selectSuggestion(item, evt);
  }
  abstract getSuggestions(query: string): T[] | Promise<T[]>;
  abstract renderSuggestion(value: T, el: HTMLElement): void;
  abstract onChooseSuggestion(item: T, evt: MouseEvent | KeyboardEvent): void;
}

export interface FuzzyMatch<T> {
  item: T;
  match: { score: number; matches: Array<[number, number]> };
}

/** Fuzzy matching as a case-insensitive subsequence test (the app's scoring is not reproduced). */
export abstract class FuzzySuggestModal<T> extends SuggestModal<FuzzyMatch<T>> {
  getSuggestions(query: string): FuzzyMatch<T>[] {
    const q = query.toLowerCase();
    return this.getItems().flatMap((item) => {
      const text = this.getItemText(item).toLowerCase();
      let at = 0;
      for (const ch of q) {
        at = text.indexOf(ch, at);
        if (at === -1) return [];
        at++;
      }
      return [{ item, match: { score: 0, matches: [] } }];
    });
  }
  renderSuggestion(value: FuzzyMatch<T>, el: HTMLElement): void {
    el.setText(this.getItemText(value.item));
  }
  onChooseSuggestion(item: FuzzyMatch<T>, evt: MouseEvent | KeyboardEvent): void {
    this.onChooseItem(item.item, evt);
  }
  abstract getItems(): T[];
  abstract getItemText(item: T): string;
  abstract onChooseItem(item: T, evt: MouseEvent | KeyboardEvent): void;
}

/** A suggester attached to a text field: a popover under the input while it has focus. */
export abstract class AbstractInputSuggest<T> {
  limit = 100;
  private popover: HTMLElement | null = null;
  constructor(
    public app: App,
    private readonly textInputEl: HTMLInputElement | HTMLDivElement,
  ) {
    textInputEl.addEventListener('input', () => void this.open());
    textInputEl.addEventListener('focus', () => void this.open());
    textInputEl.addEventListener('blur', () => window.setTimeout(() => this.close(), 150));
  }
  protected abstract getSuggestions(query: string): T[] | Promise<T[]>;
  abstract renderSuggestion(value: T, el: HTMLElement): void;
  selectSuggestion(value: T, _evt: MouseEvent | KeyboardEvent): void {
    this.onSelectCb?.(value);
  }
  private onSelectCb: ((value: T) => unknown) | null = null;
  onSelect(cb: (value: T, evt: MouseEvent | KeyboardEvent) => unknown): this {
    this.onSelectCb = (v) => cb(v, new MouseEvent('click'));
    return this;
  }
  setValue(value: string): void {
    if (this.textInputEl instanceof HTMLInputElement) this.textInputEl.value = value;
    else this.textInputEl.textContent = value;
  }
  getValue(): string {
    return this.textInputEl instanceof HTMLInputElement ? this.textInputEl.value : (this.textInputEl.textContent ?? '');
  }
  private async open(): Promise<void> {
    const items = (await this.getSuggestions(this.getValue())).slice(0, this.limit);
    this.close();
    if (items.length === 0) return;
    const rect = this.textInputEl.getBoundingClientRect();
    const pop = document.body.createDiv({ cls: 'suggestion-container' });
    pop.style.left = `${rect.left}px`;
    pop.style.top = `${rect.bottom + 4}px`;
    const list = pop.createDiv({ cls: 'suggestion' });
    for (const item of items) {
      const el = list.createDiv({ cls: 'suggestion-item' });
      this.renderSuggestion(item, el);
      el.addEventListener('mousedown', (evt) => {
        evt.preventDefault();
        this.selectSuggestion(item, evt);
      });
    }
    this.popover = pop;
  }
  close(): void {
    this.popover?.remove();
    this.popover = null;
  }
}

export abstract class BaseComponent {
  disabled = false;
  then(cb: (component: this) => unknown): this {
    cb(this);
    return this;
  }
  setDisabled(disabled: boolean): this {
    this.disabled = disabled;
    return this;
  }
}

abstract class ValueComponent<T> extends BaseComponent {
  protected changeCb: ((value: T) => unknown) | null = null;
  abstract getValue(): T;
  abstract setValue(value: T): this;
  onChange(cb: (value: T) => unknown): this {
    this.changeCb = cb;
    return this;
  }
}

export class TextComponent extends ValueComponent<string> {
  inputEl: HTMLInputElement;
  constructor(containerEl: HTMLElement, tag: 'input' | 'textarea' = 'input') {
    super();
    this.inputEl = containerEl.createEl(tag as 'input', tag === 'input' ? { attr: { type: 'text', spellcheck: 'false' } } : {});
    this.inputEl.addEventListener('input', () => this.onChanged());
  }
  getValue(): string {
    return this.inputEl.value;
  }
  setValue(value: string): this {
    this.inputEl.value = value;
    return this;
  }
  setPlaceholder(p: string): this {
    this.inputEl.placeholder = p;
    return this;
  }
  override setDisabled(disabled: boolean): this {
    this.inputEl.disabled = disabled;
    return super.setDisabled(disabled);
  }
  onChanged(): void {
    void this.changeCb?.(this.inputEl.value);
  }
}

export class TextAreaComponent extends TextComponent {
  constructor(containerEl: HTMLElement) {
    super(containerEl, 'textarea');
  }
}

export class ToggleComponent extends ValueComponent<boolean> {
  toggleEl: HTMLElement;
  private on = false;
  constructor(containerEl: HTMLElement) {
    super();
    this.toggleEl = containerEl.createDiv({ cls: 'checkbox-container', attr: { role: 'switch', tabindex: 0 } });
    this.toggleEl.createEl('input', { attr: { type: 'checkbox', tabindex: 0 } });
    this.toggleEl.addEventListener('click', () => {
      if (this.disabled) return;
      this.setValue(!this.on);
      void this.changeCb?.(this.on);
    });
  }
  getValue(): boolean {
    return this.on;
  }
  setValue(on: boolean): this {
    this.on = on;
    this.toggleEl.toggleClass('is-enabled', on);
    this.toggleEl.setAttr('aria-checked', String(on));
    return this;
  }
  setTooltip(t: string): this {
    this.toggleEl.setAttr('aria-label', t);
    return this;
  }
}

export class DropdownComponent extends ValueComponent<string> {
  selectEl: HTMLSelectElement;
  constructor(containerEl: HTMLElement) {
    super();
    this.selectEl = containerEl.createEl('select', { cls: 'dropdown' });
    this.selectEl.addEventListener('change', () => void this.changeCb?.(this.selectEl.value));
  }
  addOption(value: string, display: string): this {
    this.selectEl.createEl('option', { text: display, attr: { value } });
    return this;
  }
  addOptions(options: Record<string, string>): this {
    for (const [v, d] of Object.entries(options)) this.addOption(v, d);
    return this;
  }
  getValue(): string {
    return this.selectEl.value;
  }
  setValue(value: string): this {
    this.selectEl.value = value;
    return this;
  }
}

export class ButtonComponent extends BaseComponent {
  buttonEl: HTMLButtonElement;
  private clickCb: ((evt: MouseEvent) => unknown) | null = null;
  constructor(containerEl: HTMLElement, cls?: string) {
    super();
    this.buttonEl = containerEl.createEl('button', cls ? { cls } : {});
    this.buttonEl.addEventListener('click', (evt) => {
      if (!this.disabled) void this.clickCb?.(evt);
    });
  }
  setButtonText(name: string): this {
    this.buttonEl.setText(name);
    return this;
  }
  setCta(): this {
    this.buttonEl.addClass('mod-cta');
    return this;
  }
  removeCta(): this {
    this.buttonEl.removeClass('mod-cta');
    return this;
  }
  setWarning(): this {
    this.buttonEl.addClass('mod-warning');
    return this;
  }
  setIcon(icon: string): this {
    setIcon(this.buttonEl, icon);
    return this;
  }
  setTooltip(t: string): this {
    this.buttonEl.setAttr('aria-label', t);
    return this;
  }
  setClass(cls: string): this {
    this.buttonEl.addClass(cls);
    return this;
  }
  override setDisabled(disabled: boolean): this {
    this.buttonEl.disabled = disabled;
    return super.setDisabled(disabled);
  }
  onClick(cb: (evt: MouseEvent) => unknown): this {
    this.clickCb = cb;
    return this;
  }
}

export class Setting {
  settingEl: HTMLElement;
  infoEl: HTMLElement;
  nameEl: HTMLElement;
  descEl: HTMLElement;
  controlEl: HTMLElement;
  components: BaseComponent[] = [];
  constructor(public containerEl: HTMLElement) {
    this.settingEl = containerEl.createDiv({ cls: 'setting-item' });
    this.infoEl = this.settingEl.createDiv({ cls: 'setting-item-info' });
    this.nameEl = this.infoEl.createDiv({ cls: 'setting-item-name' });
    this.descEl = this.infoEl.createDiv({ cls: 'setting-item-description' });
    this.controlEl = this.settingEl.createDiv({ cls: 'setting-item-control' });
  }
  setName(name: string | DocumentFragment): this {
    setContent(this.nameEl, name);
    return this;
  }
  setDesc(desc: string | DocumentFragment): this {
    setContent(this.descEl, desc);
    return this;
  }
  setHeading(): this {
    this.settingEl.addClass('setting-item-heading');
    return this;
  }
  setClass(cls: string): this {
    this.settingEl.addClass(cls);
    return this;
  }
  setTooltip(t: string): this {
    this.settingEl.setAttr('aria-label', t);
    return this;
  }
  setDisabled(disabled: boolean): this {
    this.settingEl.toggleClass('is-disabled', disabled);
    this.components.forEach((c) => c.setDisabled(disabled));
    return this;
  }
  setErrorMessage(message: string | null): this {
    this.settingEl.querySelector('.setting-item-error')?.remove();
    if (message !== null) this.infoEl.createDiv({ cls: 'setting-item-error', text: message });
    return this;
  }
  private add<C extends BaseComponent>(c: C, cb: (c: C) => unknown): this {
    this.components.push(c);
    cb(c);
    return this;
  }
  addText(cb: (c: TextComponent) => unknown): this {
    return this.add(new TextComponent(this.controlEl), cb);
  }
  addTextArea(cb: (c: TextAreaComponent) => unknown): this {
    return this.add(new TextAreaComponent(this.controlEl), cb);
  }
  addToggle(cb: (c: ToggleComponent) => unknown): this {
    return this.add(new ToggleComponent(this.controlEl), cb);
  }
  addDropdown(cb: (c: DropdownComponent) => unknown): this {
    return this.add(new DropdownComponent(this.controlEl), cb);
  }
  addButton(cb: (c: ButtonComponent) => unknown): this {
    return this.add(new ButtonComponent(this.controlEl), cb);
  }
  addExtraButton(cb: (c: ButtonComponent) => unknown): this {
    return this.add(new ButtonComponent(this.controlEl, 'clickable-icon extra-setting-button'), cb);
  }
  addComponent<T extends BaseComponent>(cb: (el: HTMLElement) => T): this {
    this.components.push(cb(this.controlEl));
    return this;
  }
  then(cb: (setting: this) => unknown): this {
    cb(this);
    return this;
  }
  clear(): this {
    this.controlEl.empty();
    this.components = [];
    return this;
  }
}

export abstract class SettingTab {
  icon = 'settings';
  containerEl: HTMLElement = createDiv({ cls: 'vertical-tab-content' });
  constructor(public app: App) {}
  display(): void {}
  hide(): void {}
  getSettingDefinitions(): unknown[] {
    return [];
  }
}

export abstract class PluginSettingTab extends SettingTab {
  constructor(
    app: App,
    public plugin: unknown,
  ) {
    super(app);
  }
}

/**
 * The secret picker: a dropdown of the secrets stored on this device (its value is the secret's
 * name, never the secret).
 */
export class SecretComponent extends ValueComponent<string> {
  private readonly selectEl: HTMLSelectElement;
  constructor(
    public app: App,
    public containerEl: HTMLElement,
  ) {
    super();
    this.selectEl = containerEl.createEl('select', { cls: 'dropdown wp-harness-secret' });
    for (const id of app.secretStorage.listSecrets()) this.selectEl.createEl('option', { text: id, attr: { value: id } });
    this.selectEl.addEventListener('change', () => void this.changeCb?.(this.selectEl.value));
  }
  getValue(): string {
    return this.selectEl.value;
  }
  setValue(value: string): this {
    if (![...this.selectEl.options].some((o) => o.value === value)) this.selectEl.createEl('option', { text: value, attr: { value } });
    this.selectEl.value = value;
    return this;
  }
}

/** A few of Obsidian's lucide icons as glyphs (the app draws SVGs; only the look differs). */
const ICONS: Record<string, string> = {
  check: '✓',
  x: '✗',
  'list-tree': '☰',
  'list-checks': '☑',
  settings: '⚙',
  'file-text': '📄',
};

export function setIcon(parent: HTMLElement, iconId: string): void {
  parent.empty();
  parent.createSpan({ cls: `svg-icon lucide-${iconId}`, text: ICONS[iconId] ?? '•', attr: { 'aria-hidden': 'true' } });
}

export function setTooltip(el: HTMLElement, tooltip: string): void {
  el.setAttr('aria-label', tooltip);
}

export type { Info };
