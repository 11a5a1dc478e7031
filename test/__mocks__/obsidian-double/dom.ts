/**
 * Elements for the UI classes. Under jsdom (a test with `@jest-environment jsdom` that imports
 * test/support/obsidian-dom.ts) they are real elements with Obsidian's helpers; under the default
 * node environment they are `LiteElement`s: enough for a plugin's `onload` (ribbon icon, status bar,
 * settings rows) to run and for a test to read their text, classes and click handlers.
 */
/**
 * Set by the browser e2e harness (test/e2e/harness/obsidian.ts): the elements are the live page's, so
 * modals mount on `document.body` (Escape closes them), notices show and hide themselves, icons are
 * drawn and input suggesters pop up. Off in jest, where elements stay detached.
 */
export const page = { live: false };

export interface DomElementInfo {
  cls?: string | string[];
  text?: string;
  attr?: Record<string, string | number | boolean | null>;
  title?: string;
  value?: string;
  type?: string;
  placeholder?: string;
  href?: string;
}

export class LiteElement {
  readonly children: LiteElement[] = [];
  readonly classes = new Set<string>();
  readonly attrs = new Map<string, string>();
  parent: LiteElement | null = null;
  value = '';
  private ownText = '';
  private readonly listeners = new Map<string, Array<(ev: unknown) => unknown>>();

  constructor(readonly tagName: string) {}

  get textContent(): string {
    return this.ownText + this.children.map((c) => c.textContent).join('');
  }

  set textContent(t: string) {
    this.children.length = 0;
    this.ownText = t;
  }

  get className(): string {
    return [...this.classes].join(' ');
  }

  createEl(tag: string, o?: DomElementInfo | string, cb?: (el: LiteElement) => void): LiteElement {
    const el = new LiteElement(tag.toUpperCase());
    applyInfo(el, o);
    el.parent = this;
    this.children.push(el);
    cb?.(el);
    return el;
  }
  createDiv(o?: DomElementInfo | string, cb?: (el: LiteElement) => void): LiteElement {
    return this.createEl('div', o, cb);
  }
  createSpan(o?: DomElementInfo | string, cb?: (el: LiteElement) => void): LiteElement {
    return this.createEl('span', o, cb);
  }
  appendChild<T extends LiteElement>(el: T): T {
    el.parent = this;
    this.children.push(el);
    return el;
  }
  empty(): void {
    this.textContent = '';
  }
  setText(t: string): void {
    this.textContent = t;
  }
  addClass(...cls: string[]): void {
    cls.forEach((c) => this.classes.add(c));
  }
  addClasses(cls: string[]): void {
    this.addClass(...cls);
  }
  removeClass(...cls: string[]): void {
    cls.forEach((c) => this.classes.delete(c));
  }
  toggleClass(cls: string, on: boolean): void {
    if (on) this.classes.add(cls);
    else this.classes.delete(cls);
  }
  hasClass(cls: string): boolean {
    return this.classes.has(cls);
  }
  setAttr(name: string, value: string | number | boolean | null): void {
    if (value === null) this.attrs.delete(name);
    else this.attrs.set(name, String(value));
  }
  setAttribute(name: string, value: string): void {
    this.setAttr(name, value);
  }
  getAttr(name: string): string | null {
    return this.attrs.get(name) ?? null;
  }
  getAttribute(name: string): string | null {
    return this.getAttr(name);
  }
  remove(): void {
    if (this.parent) this.parent.children.splice(this.parent.children.indexOf(this), 1);
    this.parent = null;
  }
  detach(): void {
    this.remove();
  }
  addEventListener(type: string, cb: (ev: unknown) => unknown): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), cb]);
  }
  removeEventListener(type: string, cb: (ev: unknown) => unknown): void {
    this.listeners.set(type, (this.listeners.get(type) ?? []).filter((l) => l !== cb));
  }
  /** Calls the listeners of `type` (a `click()` for buttons and ribbon icons). */
  dispatchEvent(ev: { type: string }): boolean {
    for (const l of [...(this.listeners.get(ev.type) ?? [])]) l.call(this, ev);
    return true;
  }
  click(): void {
    this.dispatchEvent({ type: 'click' });
  }
  listenerCount(type?: string): number {
    if (type) return this.listeners.get(type)?.length ?? 0;
    return [...this.listeners.values()].reduce((n, l) => n + l.length, 0);
  }
  /** Depth-first search by class, for tests. */
  find(cls: string): LiteElement | null {
    for (const c of this.children) {
      if (c.classes.has(cls)) return c;
      const deeper = c.find(cls);
      if (deeper) return deeper;
    }
    return null;
  }
}

function applyInfo(el: { setText(t: string): void; addClass(...c: string[]): void; setAttr(n: string, v: string | number | boolean | null): void }, o?: DomElementInfo | string): void {
  if (o === undefined) return;
  if (typeof o === 'string') {
    el.addClass(...o.split(' ').filter(Boolean));
    return;
  }
  if (o.cls) el.addClass(...(Array.isArray(o.cls) ? o.cls : o.cls.split(' ').filter(Boolean)));
  if (o.text !== undefined) el.setText(o.text);
  for (const [k, v] of Object.entries(o.attr ?? {})) el.setAttr(k, v);
  for (const k of ['title', 'value', 'type', 'placeholder', 'href'] as const) if (o[k] !== undefined) el.setAttr(k, o[k]!);
  if (o.value !== undefined) (el as unknown as { value: string }).value = o.value;
}

export { applyInfo };

/** A new detached element: real under jsdom, a LiteElement otherwise. Typed as HTMLElement for callers. */
export function makeEl(tag = 'div', cls?: string): HTMLElement {
  const el: any = typeof document !== 'undefined' ? document.createElement(tag) : new LiteElement(tag.toUpperCase());
  if (cls) {
    if (typeof el.addClass === 'function') el.addClass(...cls.split(' '));
    else el.classList.add(...cls.split(' '));
  }
  return el as HTMLElement;
}

/** `createEl` on any element, whether or not obsidian-dom.ts has patched the prototype. */
export function childEl(parent: HTMLElement, tag: string, o?: DomElementInfo | string): HTMLElement {
  const p: any = parent;
  if (typeof p.createEl === 'function') return p.createEl(tag, o) as HTMLElement;
  throw new Error('This element lacks createEl: import test/support/obsidian-dom.ts in a jsdom test.');
}
