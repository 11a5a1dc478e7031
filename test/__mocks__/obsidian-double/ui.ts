/**
 * Notices, modals, suggesters and settings, built as the app builds them (`.notice`, `.modal-container`,
 * `.prompt`, `.setting-item`…) out of the elements `makeEl`/`childEl` give: `LiteElement`s under jest's
 * node environment, real elements under jsdom and in the browser e2e harness, which uses these classes
 * as they are (with `page.live` set, see dom.ts, so modals and notices go into the page).
 *
 * Double only: `Notice.shown` records every message; `Modal.openModals` the modals open now; `Setting`
 * rows record their name, description and components so a test can find a control by name and drive it
 * (`Setting.created`, `setting.components`, `TextComponent.simulate`, `ButtonComponent.simulateClick`).
 */
import type { App as DoubleApp } from './app';

/** Any app: the double's, or the browser harness's with its own workspace. */
type App = DoubleApp<unknown>;
import { LiteElement, childEl, makeEl, page } from './dom';
import { Events } from './events';

function textOf(m: string | DocumentFragment): string {
  return typeof m === 'string' ? m : (m.textContent ?? '');
}

/** Replaces what `el` shows: a real element takes the fragment itself, a LiteElement its text. */
function setContent(el: HTMLElement, m: string | DocumentFragment): void {
  if (typeof m === 'string' || (el as unknown) instanceof LiteElement) {
    el.textContent = textOf(m);
    return;
  }
  el.empty();
  el.appendChild(m);
}

function noticeContainer(): HTMLElement {
  return document.body.querySelector<HTMLElement>(':scope > .notice-container') ?? document.body.createDiv({ cls: 'notice-container' });
}

/**
 * A notice (obsidian.d.ts:4633: `duration` in ms, 0 keeps it until dismissed; `messageEl` since 1.8.7).
 * In the live page a click hides it, as in the app.
 */
export class Notice {
  /** Double only: every notice shown since the last `Notice.reset()`, with its element. */
  static shown: Array<{ message: string; duration: number | undefined; hidden: boolean; el: HTMLElement }> = [];
  static reset(): void {
    Notice.shown = [];
  }
  noticeEl: HTMLElement;
  containerEl: HTMLElement;
  messageEl: HTMLElement;
  private readonly record: { message: string; duration: number | undefined; hidden: boolean; el: HTMLElement };
  constructor(message: string | DocumentFragment, duration?: number) {
    this.containerEl = page.live ? noticeContainer().createDiv({ cls: 'notice' }) : makeEl('div', 'notice');
    this.noticeEl = this.containerEl;
    this.messageEl = childEl(this.containerEl, 'div', 'notice-message');
    setContent(this.messageEl, message);
    this.record = { message: textOf(message), duration, hidden: false, el: this.containerEl };
    Notice.shown.push(this.record);
    if (page.live) {
      this.containerEl.addEventListener('click', () => this.hide());
      const ms = duration ?? 5000;
      if (ms > 0) window.setTimeout(() => this.hide(), ms);
    }
  }
  setMessage(message: string | DocumentFragment): this {
    setContent(this.messageEl, message);
    this.record.message = textOf(message);
    return this;
  }
  hide(): void {
    this.record.hidden = true;
    this.containerEl.remove();
  }
}

export class Modal {
  /** Double only: the modals open now. */
  static openModals: Modal[] = [];
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
  constructor(public app: App) {
    this.containerEl = makeEl('div', 'modal-container mod-dim');
    childEl(this.containerEl, 'div', 'modal-bg').addEventListener('click', () => this.close());
    this.modalEl = childEl(this.containerEl, 'div', 'modal');
    childEl(this.modalEl, 'div', { cls: 'modal-close-button', attr: { 'aria-label': 'Close' } }).addEventListener('click', () => this.close());
    const header = childEl(this.modalEl, 'div', 'modal-header');
    this.titleEl = childEl(header, 'div', 'modal-title');
    this.contentEl = childEl(this.modalEl, 'div', 'modal-content');
  }
  open(): void {
    if (this.isOpen) return;
    this.isOpen = true;
    Modal.openModals.push(this);
    if (page.live) {
      document.body.appendChild(this.containerEl);
      document.addEventListener('keydown', this.onKey, true);
    }
    void this.onOpen();
  }
  close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    Modal.openModals = Modal.openModals.filter((m) => m !== this);
    if (page.live) document.removeEventListener('keydown', this.onKey, true);
    this.containerEl.remove();
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
  private readonly instructionsEl: HTMLElement;
  private shown: T[] = [];
  private shownEls: HTMLElement[] = [];
  private selected = 0;
  constructor(app: App) {
    super(app);
    this.modalEl.addClass('prompt');
    this.modalEl.empty();
    const inputContainer = childEl(this.modalEl, 'div', 'prompt-input-container');
    this.inputEl = childEl(inputContainer, 'input', { cls: 'prompt-input', attr: { type: 'text', enterkeyhint: 'done', spellcheck: 'false' } }) as HTMLInputElement;
    this.resultContainerEl = childEl(this.modalEl, 'div', 'prompt-results');
    this.instructionsEl = childEl(this.modalEl, 'div', 'prompt-instructions');
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
      const row = childEl(this.instructionsEl, 'div', 'prompt-instruction');
      childEl(row, 'span', { cls: 'prompt-instruction-command', text: i.command });
      childEl(row, 'span', { text: i.purpose });
    }
  }
  onOpen(): void {
    (this.inputEl as { focus?: () => void }).focus?.();
    void this.update();
  }
  onNoSuggestion(): void {}
  /** Double only: what the user would see after typing `query`. */
  async query(query: string): Promise<T[]> {
    return (await this.getSuggestions(query)).slice(0, this.limit);
  }
  private async update(): Promise<void> {
    const items = await this.query(this.inputEl.value);
    this.shown = items;
    this.resultContainerEl.empty();
    this.shownEls = [];
    if (items.length === 0) {
      childEl(this.resultContainerEl, 'div', { cls: 'suggestion-empty', text: this.emptyStateText });
      this.onNoSuggestion();
      return;
    }
    items.forEach((item, i) => {
      const el = childEl(this.resultContainerEl, 'div', 'suggestion-item');
      this.shownEls.push(el);
      this.renderSuggestion(item, el);
      el.addEventListener('mousemove', () => this.select(i));
      el.addEventListener('click', (evt) => this.selectSuggestion(item, evt));
    });
    this.select(0);
  }
  private select(i: number): void {
    this.selected = i;
    this.shownEls.forEach((el, j) => el.toggleClass('is-selected', j === i));
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

/**
 * `AbstractInputSuggest` (since 1.4.10): a suggester attached to a text field. In the live page it
 * shows a popover under the input while it has focus; detached, it keeps the input and the value.
 */
export abstract class AbstractInputSuggest<T> {
  /** Double only: every suggester attached to an input, in order (reset it between tests). */
  static attached: Array<AbstractInputSuggest<unknown>> = [];
  limit = 100;
  private popover: HTMLElement | null = null;
  private onSelectCb: ((value: T) => unknown) | null = null;
  constructor(
    public app: unknown,
    public readonly inputEl: HTMLInputElement | HTMLDivElement,
  ) {
    AbstractInputSuggest.attached.push(this as AbstractInputSuggest<unknown>);
    if (!page.live) return;
    inputEl.addEventListener('input', () => void this.open());
    inputEl.addEventListener('focus', () => void this.open());
    inputEl.addEventListener('blur', () => window.setTimeout(() => this.close(), 150));
  }
  protected abstract getSuggestions(query: string): T[] | Promise<T[]>;
  abstract renderSuggestion(value: T, el: HTMLElement): void;
  selectSuggestion(value: T, _evt: MouseEvent | KeyboardEvent): void {
    this.onSelectCb?.(value);
  }
  onSelect(cb: (value: T, evt: MouseEvent | KeyboardEvent) => unknown): this {
    this.onSelectCb = (v) => cb(v, new MouseEvent('click'));
    return this;
  }
  private get isInput(): boolean {
    return this.inputEl.tagName === 'INPUT';
  }
  setValue(value: string): void {
    if (this.isInput) (this.inputEl as HTMLInputElement).value = value;
    else this.inputEl.textContent = value;
  }
  getValue(): string {
    return this.isInput ? (this.inputEl as HTMLInputElement).value : (this.inputEl.textContent ?? '');
  }
  private async open(): Promise<void> {
    const items = (await this.getSuggestions(this.getValue())).slice(0, this.limit);
    this.close();
    if (items.length === 0) return;
    const rect = this.inputEl.getBoundingClientRect();
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

/** A control whose value lives in its element; the user's changes reach the `onChange` callback. */
abstract class ValueComponent<T> extends BaseComponent {
  protected changeCb: ((value: T) => unknown) | null = null;
  abstract getValue(): T;
  abstract setValue(value: T): this;
  onChange(cb: (value: T) => unknown): this {
    this.changeCb = cb;
    return this;
  }
  /** The user changed the value (a DOM event). */
  protected changed(): void {
    void this.changeCb?.(this.getValue());
  }
  /** Double only: the user changes the value; returns what the change handler returned (await it). */
  simulate(value: T): unknown {
    this.setValue(value);
    return this.changeCb?.(value);
  }
}

export class TextComponent extends ValueComponent<string> {
  inputEl: HTMLInputElement;
  constructor(containerEl: HTMLElement, tag: 'input' | 'textarea' = 'input') {
    super();
    this.inputEl = childEl(containerEl, tag, tag === 'input' ? { attr: { type: 'text', spellcheck: 'false' } } : {}) as HTMLInputElement;
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
    this.changed();
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
    this.toggleEl = childEl(containerEl, 'div', { cls: 'checkbox-container', attr: { role: 'switch', tabindex: 0 } });
    childEl(this.toggleEl, 'input', { attr: { type: 'checkbox', tabindex: 0 } });
    this.toggleEl.addEventListener('click', () => {
      if (this.disabled) return;
      this.setValue(!this.on);
      this.changed();
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

/** A `<select>`; `options` (double only) maps each value to its label, in order. */
abstract class SelectComponent extends ValueComponent<string> {
  selectEl: HTMLSelectElement;
  readonly options = new Map<string, string>();
  constructor(containerEl: HTMLElement, cls: string) {
    super();
    this.selectEl = childEl(containerEl, 'select', cls) as HTMLSelectElement;
    this.selectEl.addEventListener('change', () => this.changed());
  }
  addOption(value: string, display: string): this {
    this.options.set(value, display);
    childEl(this.selectEl, 'option', { text: display, attr: { value } });
    // A real <select> shows its first option; a LiteElement is told.
    if (this.options.size === 1 && (this.selectEl as unknown) instanceof LiteElement) this.selectEl.value = value;
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

export class DropdownComponent extends SelectComponent {
  constructor(containerEl: HTMLElement) {
    super(containerEl, 'dropdown');
  }
  addOptions(options: Record<string, string>): this {
    for (const [v, d] of Object.entries(options)) this.addOption(v, d);
    return this;
  }
}

export class ButtonComponent extends BaseComponent {
  buttonEl: HTMLButtonElement;
  private clickCb: ((evt: MouseEvent) => unknown) | null = null;
  constructor(containerEl: HTMLElement, cls?: string) {
    super();
    this.buttonEl = childEl(containerEl, 'button', cls ? { cls } : {}) as HTMLButtonElement;
    this.buttonEl.addEventListener('click', (evt) => {
      if (!this.disabled) void this.clickCb?.(evt);
    });
  }
  /** Double only: the button's label. */
  get text(): string {
    return this.buttonEl.textContent ?? '';
  }
  /** Double only: whether it is the call to action. */
  get cta(): boolean {
    return this.buttonEl.hasClass('mod-cta');
  }
  setButtonText(name: string): this {
    this.buttonEl.textContent = name;
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
    setTooltip(this.buttonEl, t);
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
  /** Double only: the name, description and error as text, and whether the row is a heading. */
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
    setContent(this.nameEl, name);
    return this;
  }
  setDesc(desc: string | DocumentFragment): this {
    this.desc = textOf(desc);
    setContent(this.descEl, desc);
    return this;
  }
  setHeading(): this {
    this.heading = true;
    this.settingEl.addClass('setting-item-heading');
    return this;
  }
  setClass(cls: string): this {
    this.settingEl.addClass(cls);
    return this;
  }
  setTooltip(t: string): this {
    setTooltip(this.settingEl, t);
    return this;
  }
  setDisabled(disabled: boolean): this {
    this.settingEl.toggleClass('is-disabled', disabled);
    this.components.forEach((c) => c.setDisabled(disabled));
    return this;
  }
  setErrorMessage(message: string | null): this {
    this.errorMessage = message;
    this.errorEl?.remove();
    this.errorEl = message === null ? null : childEl(this.infoEl, 'div', { cls: 'setting-item-error', text: message });
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

/** The part of `Plugin` a settings tab reads. */
interface ManifestHolder {
  manifest: { id: string; name: string };
}

export abstract class PluginSettingTab extends SettingTab {
  /** Double only (the app's, not in obsidian.d.ts): the settings sidebar lists the tab under `name`. */
  readonly id: string;
  readonly name: string;
  // obsidian.d.ts:5154 `constructor(app: App, plugin: Plugin)`: the app reads `plugin.manifest` here, so
  // anything but the plugin throws ("Cannot read properties of undefined (reading 'manifest')",
  // james-tindal/obsidian-mindmap-nextgen#210, thrown from PluginSettingTab's constructor).
  constructor(
    app: App,
    public plugin: ManifestHolder,
  ) {
    super(app);
    this.id = plugin.manifest.id;
    this.name = plugin.manifest.name;
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

/**
 * The secret picker: a dropdown of the secrets stored on this device (its value is the secret's
 * name, never the secret); a name not stored is added as an option when set.
 */
export class SecretComponent extends SelectComponent {
  constructor(
    public app: App,
    public containerEl: HTMLElement,
  ) {
    super(containerEl, 'dropdown wp-harness-secret');
    for (const id of app.secretStorage.listSecrets()) this.addOption(id, id);
  }
  override setValue(value: string): this {
    if (!this.options.has(value)) this.addOption(value, value);
    return super.setValue(value);
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

/** Draws the icon in the live page; detached elements are left as they are. */
export function setIcon(parent: HTMLElement, iconId: string): void {
  if (!page.live) return;
  parent.empty();
  parent.createSpan({ cls: `svg-icon lucide-${iconId}`, text: ICONS[iconId] ?? '•', attr: { 'aria-hidden': 'true' } });
}

export function setTooltip(el: HTMLElement, tooltip: string): void {
  el.setAttr('aria-label', tooltip);
}
