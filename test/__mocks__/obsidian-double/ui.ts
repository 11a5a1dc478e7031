/**
 * Notices, modals and settings. `Notice.shown` records every message; a modal records whether it is
 * open (`Modal.openModals`); `Setting` rows record their name, description and components so a test
 * can find a control by name and drive it (`setting.components`, `TextComponent.simulate`).
 */
import type { App } from './app';
import { makeEl, childEl } from './dom';
import { Events } from './events';

export class Notice {
  /** Double only: every notice shown since the last `Notice.reset()`. */
  static shown: Array<{ message: string; duration: number | undefined; hidden: boolean }> = [];
  static reset(): void {
    Notice.shown = [];
  }
  noticeEl = makeEl('div', 'notice');
  containerEl = this.noticeEl;
  messageEl = this.noticeEl;
  private readonly record: { message: string; duration: number | undefined; hidden: boolean };
  constructor(message: string | DocumentFragment, duration?: number) {
    this.record = { message: textOf(message), duration, hidden: false };
    Notice.shown.push(this.record);
  }
  setMessage(message: string | DocumentFragment): this {
    this.record.message = textOf(message);
    return this;
  }
  hide(): void {
    this.record.hidden = true;
  }
}

function textOf(m: string | DocumentFragment): string {
  return typeof m === 'string' ? m : (m.textContent ?? '');
}

export class Modal {
  /** Double only: the modals open now. */
  static openModals: Modal[] = [];
  containerEl = makeEl('div', 'modal-container');
  modalEl = makeEl('div', 'modal');
  titleEl = makeEl('div', 'modal-title');
  contentEl = makeEl('div', 'modal-content');
  scope = {};
  shouldRestoreSelection = true;
  isOpen = false;
  private closeCallback: (() => unknown) | null = null;
  constructor(public app: App) {}
  open(): void {
    this.isOpen = true;
    Modal.openModals.push(this);
    void this.onOpen();
  }
  close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    Modal.openModals = Modal.openModals.filter((m) => m !== this);
    this.onClose();
    this.closeCallback?.();
  }
  onOpen(): Promise<void> | void {}
  onClose(): void {}
  setTitle(title: string): this {
    this.titleEl.textContent = title;
    return this;
  }
  setContent(content: string | DocumentFragment): this {
    this.contentEl.textContent = textOf(content);
    return this;
  }
  setCloseCallback(cb: () => unknown): this {
    this.closeCallback = cb;
    return this;
  }
}

export abstract class SuggestModal<T> extends Modal {
  limit = 100;
  emptyStateText = 'No results found.';
  inputEl: HTMLInputElement = makeEl('input') as HTMLInputElement;
  resultContainerEl = makeEl('div', 'prompt-results');
  placeholder = '';
  instructions: Array<{ command: string; purpose: string }> = [];
  setPlaceholder(p: string): void {
    this.placeholder = p;
  }
  setInstructions(i: Array<{ command: string; purpose: string }>): void {
    this.instructions = i;
  }
  onNoSuggestion(): void {}
  selectSuggestion(value: T, evt: MouseEvent | KeyboardEvent): void {
    this.onChooseSuggestion(value, evt);
    this.close();
  }
  selectActiveSuggestion(_evt: MouseEvent | KeyboardEvent): void {}
  abstract getSuggestions(query: string): T[] | Promise<T[]>;
  abstract renderSuggestion(value: T, el: HTMLElement): void;
  abstract onChooseSuggestion(item: T, evt: MouseEvent | KeyboardEvent): void;
  /** Double only: what the user would see after typing `query`. */
  async query(query: string): Promise<T[]> {
    return (await this.getSuggestions(query)).slice(0, this.limit);
  }
}

export interface FuzzyMatch<T> {
  item: T;
  match: { score: number; matches: Array<[number, number]> };
}

/** Fuzzy matching as a subsequence test (case-insensitive); the app's scoring is not reproduced. */
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
      return [{ item, match: { score: q.length === 0 ? 0 : -text.length, matches: [] } }];
    });
  }
  renderSuggestion(value: FuzzyMatch<T>, el: HTMLElement): void {
    el.textContent = this.getItemText(value.item);
  }
  onChooseSuggestion(item: FuzzyMatch<T>, evt: MouseEvent | KeyboardEvent): void {
    this.onChooseItem(item.item, evt);
  }
  abstract getItems(): T[];
  abstract getItemText(item: T): string;
  abstract onChooseItem(item: T, evt: MouseEvent | KeyboardEvent): void;
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
  protected value: T;
  private changeCb: ((value: T) => unknown) | null = null;
  constructor(initial: T) {
    super();
    this.value = initial;
  }
  getValue(): T {
    return this.value;
  }
  setValue(value: T): this {
    this.value = value;
    return this;
  }
  onChange(cb: (value: T) => unknown): this {
    this.changeCb = cb;
    return this;
  }
  /** Double only: the user changes the value; returns what the change handler returned (await it). */
  simulate(value: T): unknown {
    this.value = value;
    return this.changeCb?.(value);
  }
}

export class TextComponent extends ValueComponent<string> {
  inputEl: HTMLInputElement;
  placeholder = '';
  constructor(containerEl: HTMLElement) {
    super('');
    this.inputEl = childEl(containerEl, 'input') as HTMLInputElement;
  }
  setPlaceholder(p: string): this {
    this.placeholder = p;
    return this;
  }
  onChanged(): void {}
}

export class TextAreaComponent extends TextComponent {}

export class ToggleComponent extends ValueComponent<boolean> {
  toggleEl: HTMLElement;
  constructor(containerEl: HTMLElement) {
    super(false);
    this.toggleEl = childEl(containerEl, 'div', 'checkbox-container');
  }
  setTooltip(_t: string): this {
    return this;
  }
}

export class DropdownComponent extends ValueComponent<string> {
  selectEl: HTMLSelectElement;
  readonly options = new Map<string, string>();
  constructor(containerEl: HTMLElement) {
    super('');
    this.selectEl = childEl(containerEl, 'select') as HTMLSelectElement;
  }
  addOption(value: string, display: string): this {
    this.options.set(value, display);
    if (this.options.size === 1) this.value = value;
    return this;
  }
  addOptions(options: Record<string, string>): this {
    for (const [v, d] of Object.entries(options)) this.addOption(v, d);
    return this;
  }
}

export class ButtonComponent extends BaseComponent {
  buttonEl: HTMLButtonElement;
  text = '';
  cta = false;
  private clickCb: ((evt: MouseEvent) => unknown) | null = null;
  constructor(containerEl: HTMLElement) {
    super();
    this.buttonEl = childEl(containerEl, 'button') as HTMLButtonElement;
  }
  setButtonText(name: string): this {
    this.text = name;
    this.buttonEl.textContent = name;
    return this;
  }
  setCta(): this {
    this.cta = true;
    return this;
  }
  removeCta(): this {
    this.cta = false;
    return this;
  }
  setWarning(): this {
    return this;
  }
  setIcon(_icon: string): this {
    return this;
  }
  setTooltip(_t: string): this {
    return this;
  }
  setClass(cls: string): this {
    (this.buttonEl as any).addClass?.(cls);
    return this;
  }
  onClick(cb: (evt: MouseEvent) => unknown): this {
    this.clickCb = cb;
    return this;
  }
  /** Double only: a click; returns the handler's result (await it). */
  simulateClick(): unknown {
    return this.disabled ? undefined : this.clickCb?.({} as MouseEvent);
  }
}

export class Setting {
  /** Double only: every Setting row created, in order. */
  static created: Setting[] = [];
  settingEl: HTMLElement;
  infoEl: HTMLElement;
  nameEl: HTMLElement;
  descEl: HTMLElement;
  controlEl: HTMLElement;
  errorEl: HTMLElement | null = null;
  components: BaseComponent[] = [];
  name = '';
  desc = '';
  heading = false;
  errorMessage: string | null = null;
  constructor(public containerEl: HTMLElement) {
    this.settingEl = childEl(containerEl, 'div', 'setting-item');
    this.infoEl = childEl(this.settingEl, 'div', 'setting-item-info');
    this.nameEl = childEl(this.infoEl, 'div', 'setting-item-name');
    this.descEl = childEl(this.infoEl, 'div', 'setting-item-description');
    this.controlEl = childEl(this.settingEl, 'div', 'setting-item-control');
    Setting.created.push(this);
  }
  setName(name: string | DocumentFragment): this {
    this.name = textOf(name);
    this.nameEl.textContent = this.name;
    return this;
  }
  setDesc(desc: string | DocumentFragment): this {
    this.desc = textOf(desc);
    this.descEl.textContent = this.desc;
    return this;
  }
  setHeading(): this {
    this.heading = true;
    return this;
  }
  setClass(cls: string): this {
    (this.settingEl as any).addClass?.(cls);
    return this;
  }
  setTooltip(_t: string): this {
    return this;
  }
  setDisabled(disabled: boolean): this {
    this.components.forEach((c) => c.setDisabled(disabled));
    return this;
  }
  setErrorMessage(message: string | null): this {
    this.errorMessage = message;
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
    return this.add(new ButtonComponent(this.controlEl), cb);
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
    this.components = [];
    return this;
  }
}

export abstract class SettingTab {
  icon = 'settings';
  containerEl = makeEl('div', 'vertical-tab-content');
  constructor(public app: App) {}
  display(): void {}
  hide(): void {}
  update(): void {
    this.display();
  }
  getSettingDefinitions(): unknown[] {
    return [];
  }
}

export abstract class PluginSettingTab extends SettingTab {
  constructor(app: App, public plugin: unknown) {
    super(app);
  }
}

/** `app.secretStorage`: ids must be lowercase alphanumerics with dashes, as the app demands. */
export class SecretStorage extends Events {
  private readonly secrets = new Map<string, string>();
  setSecret(id: string, secret: string): void {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw new Error(`Invalid secret id: ${id}`);
    this.secrets.set(id, secret);
  }
  getSecret(id: string): string | null {
    return this.secrets.get(id) ?? null;
  }
  listSecrets(): string[] {
    return [...this.secrets.keys()];
  }
}

/** The secret picker: its value is the secret's id (name), never the secret itself. */
export class SecretComponent extends ValueComponent<string> {
  constructor(public app: App, public containerEl: HTMLElement) {
    super('');
  }
}
