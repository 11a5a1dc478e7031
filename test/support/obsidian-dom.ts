/**
 * Obsidian's DOM helpers for jsdom tests. Import it at the top of a test that starts with
 * `/** @jest-environment jsdom *\/` (needs the jest-environment-jsdom package, not installed yet).
 * Adds to `HTMLElement.prototype` (and `DocumentFragment` for createEl): `createEl`, `createDiv`,
 * `createSpan`, `empty`, `setText`, `addClass`, `addClasses`, `removeClass`, `toggleClass`,
 * `hasClass`, `setAttr`, `getAttr`, `detach`, and the globals `createEl`, `createDiv`, `createSpan`,
 * `createFragment`. Importing it without a DOM throws, so a test cannot silently run without one.
 */
import type { DomElementInfo } from '../__mocks__/obsidian-double/dom';

if (typeof HTMLElement === 'undefined') {
  throw new Error('obsidian-dom.ts needs a DOM: start the test file with /** @jest-environment jsdom */');
}

type Info = DomElementInfo | string | undefined;

function apply(el: HTMLElement, o: Info): void {
  if (o === undefined) return;
  const info: DomElementInfo = typeof o === 'string' ? { cls: o } : o;
  if (info.cls) el.classList.add(...(Array.isArray(info.cls) ? info.cls : info.cls.split(' ').filter(Boolean)));
  if (info.text !== undefined) el.textContent = info.text;
  for (const [k, v] of Object.entries(info.attr ?? {})) if (v !== null) el.setAttribute(k, String(v));
  for (const k of ['title', 'type', 'placeholder', 'href'] as const) if (info[k] !== undefined) el.setAttribute(k, info[k]!);
  if (info.value !== undefined) (el as HTMLInputElement).value = info.value;
}

function create(this: Node | undefined, tag: string, o?: Info, cb?: (el: HTMLElement) => void): HTMLElement {
  const el = document.createElement(tag);
  apply(el, o);
  this?.appendChild(el);
  cb?.(el);
  return el;
}

const helpers = {
  createEl(this: Node, tag: string, o?: Info, cb?: (el: HTMLElement) => void) {
    return create.call(this, tag, o, cb);
  },
  createDiv(this: Node, o?: Info, cb?: (el: HTMLElement) => void) {
    return create.call(this, 'div', o, cb);
  },
  createSpan(this: Node, o?: Info, cb?: (el: HTMLElement) => void) {
    return create.call(this, 'span', o, cb);
  },
};

for (const proto of [HTMLElement.prototype, DocumentFragment.prototype]) Object.assign(proto, helpers);

Object.assign(HTMLElement.prototype, {
  empty(this: HTMLElement) {
    while (this.firstChild) this.removeChild(this.firstChild);
  },
  setText(this: HTMLElement, text: string) {
    this.textContent = text;
  },
  addClass(this: HTMLElement, ...cls: string[]) {
    this.classList.add(...cls);
  },
  addClasses(this: HTMLElement, cls: string[]) {
    this.classList.add(...cls);
  },
  removeClass(this: HTMLElement, ...cls: string[]) {
    this.classList.remove(...cls);
  },
  toggleClass(this: HTMLElement, cls: string, on: boolean) {
    this.classList.toggle(cls, on);
  },
  hasClass(this: HTMLElement, cls: string) {
    return this.classList.contains(cls);
  },
  setAttr(this: HTMLElement, name: string, value: string | number | boolean | null) {
    if (value === null) this.removeAttribute(name);
    else this.setAttribute(name, String(value));
  },
  getAttr(this: HTMLElement, name: string) {
    return this.getAttribute(name);
  },
  detach(this: HTMLElement) {
    this.remove();
  },
});

Object.assign(globalThis, {
  createEl: (tag: string, o?: Info, cb?: (el: HTMLElement) => void) => create.call(undefined, tag, o, cb),
  createDiv: (o?: Info, cb?: (el: HTMLElement) => void) => create.call(undefined, 'div', o, cb),
  createSpan: (o?: Info, cb?: (el: HTMLElement) => void) => create.call(undefined, 'span', o, cb),
  createFragment: (cb?: (f: DocumentFragment) => void) => {
    const f = document.createDocumentFragment();
    cb?.(f);
    return f;
  },
});

export {};
