/**
 * Drives the harness page as a user would, through Playwright: the command palette, the plugin's
 * modals and buttons, the editor and the side panel; and reads back what the page shows (notices,
 * note text on disk and in the editor).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { readTree } from '../../support/read-tree';

export interface Ctx {
  browser: BrowserContext;
  pageUrl: string;
  repo: string;
  /** Where screenshots go. */
  shots: string;
}

export const KEY = 'sk-ant-e2e-KEY-4242-never-show-me';
export const PLAN = 'Planning/W2-micro-level-plan.md';
export const MESO = 'research/project-planning/meso-level-plan.md';
export const ESCALATION = 'Planning/W2-escalation.md';

export { readTree };

export interface OpenOptions {
  /** The plugin's data.json (the API base URL goes here). */
  data: Record<string, unknown>;
  key?: boolean;
  open?: string;
  files?: Record<string, string>;
}

export class Harness {
  /** Uncaught errors and console errors in the page. */
  readonly errors: string[] = [];
  constructor(
    readonly page: Page,
    private readonly ctx: Ctx,
  ) {
    page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(`console.error: ${m.text()}`);
    });
  }

  static async open(ctx: Ctx, opts: OpenOptions): Promise<Harness> {
    const page = await ctx.browser.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    const h = new Harness(page, ctx);
    await page.goto(ctx.pageUrl);
    const manifest = JSON.parse(readFileSync(join(ctx.repo, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    await page.evaluate(
      (o) => (window as any).wpHarness.boot(o),
      {
        files: opts.files ?? readTree(join(ctx.repo, 'examples', 'vault')),
        manifest,
        data: opts.data,
        secrets: opts.key === false ? {} : { 'anthropic-api-key': KEY },
        open: opts.open,
      },
    );
    return h;
  }

  /** Ctrl+P, type the command's name, Enter: the command palette, as a user runs a command. */
  async palette(name: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.wp-harness-palette .prompt-input');
    await input.waitFor();
    await input.fill(name);
    const first = this.page.locator('.wp-harness-palette .suggestion-item.is-selected');
    await first.waitFor();
    const text = await first.textContent();
    if (!text?.endsWith(name)) throw new Error(`The palette offers "${text}" for "${name}"`);
    await this.page.keyboard.press('Enter');
  }

  /** The open modal with this title. */
  modal(title: string) {
    return this.page.locator('.modal-container .modal', { has: this.page.locator('.modal-title', { hasText: title }) });
  }

  async notices(): Promise<string[]> {
    return this.page.evaluate(() => [...(window as any).wpHarness.notices] as string[]);
  }

  async waitNotice(test: RegExp, ms = 30000): Promise<string> {
    const until = Date.now() + ms;
    for (;;) {
      const hit = (await this.notices()).find((n) => test.test(n));
      if (hit) return hit;
      if (Date.now() > until) throw new Error(`No notice matching ${test}; shown: ${JSON.stringify(await this.notices())}`);
      await this.page.waitForTimeout(50);
    }
  }

  async peek(path: string): Promise<string | undefined> {
    return this.page.evaluate((p) => (window as any).wpHarness.peek(p) as string | undefined, path);
  }

  async editorText(path: string): Promise<string | null> {
    return this.page.evaluate((p) => (window as any).wpHarness.editorText(p) as string | null, path);
  }

  async runs(): Promise<Array<{ id: string; note: string }>> {
    return this.page.evaluate(() => (window as any).wpHarness.runs());
  }

  async writeNote(path: string, text: string): Promise<void> {
    await this.page.evaluate(([p, t]) => (window as any).wpHarness.writeNote(p, t), [path, text] as const);
  }

  /** Polls `probe` until it returns something truthy. */
  async until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 30000): Promise<T> {
    const until = Date.now() + ms;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
      await this.page.waitForTimeout(25);
    }
  }

  /** Screenshots of the page in the light then the dark theme: `<name>-light.png`, `<name>-dark.png`. */
  async shot(name: string): Promise<string[]> {
    const paths: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      await this.page.evaluate((t) => (window as any).wpHarness.setTheme(t), theme);
      await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const path = join(this.ctx.shots, `${name}-${theme}.png`);
      await this.page.screenshot({ path });
      paths.push(path);
    }
    await this.page.evaluate(() => (window as any).wpHarness.setTheme('light'));
    return paths;
  }

  /** Clicks every notice away (as a user would) so a screenshot shows what is under them. */
  async dismissNotices(): Promise<void> {
    await this.page.evaluate(() => document.querySelectorAll<HTMLElement>('.notice').forEach((n) => n.click()));
  }

  /** Scrolls the visible editor to its end (where the stream writes). */
  async scrollEditorToEnd(): Promise<void> {
    await this.page.evaluate(() => {
      const s = document.querySelector('.workspace-leaf:not(.is-hidden) .cm-scroller');
      if (s) s.scrollTop = s.scrollHeight;
    });
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

export function statusOf(text: string | null | undefined): string | undefined {
  return /^status: "?([^"\s]+)"?$/m.exec(text ?? '')?.[1];
}
