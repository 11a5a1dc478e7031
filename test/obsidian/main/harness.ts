/**
 * Loads the real plugin (src/main.ts) into the Obsidian double over a copy of examples/vault, and
 * drives its modals as a user would: find the open modal, read it, click a button.
 */
import type { App as ObsidianApp, PluginManifest } from 'obsidian';
import { Modal, Notice, Setting, type ButtonComponent } from '../../__mocks__/obsidian';
import type { App, Plugin as DoublePlugin } from '../../__mocks__/obsidian';
import { buildAppFromFolder } from '../../support/obsidian-app';
import { EXAMPLE_VAULT } from '../../support/example-vault';
import WorkstreamPlannerPlugin from '../../../src/main';
import { ObsidianVault } from '../../../src/obsidian/ObsidianVault';
import { DEFAULT_SETTINGS } from '../../../src/core/contracts/settings';
import { preparePlan } from '../../../src/core/planner/prepare-plan';
import { deriveOutline } from '../../../src/core/plan/derive-outline';
import type { Outline } from '../../../src/core/contracts/outline';

// The plugin's timers go through `window` (as in the app); the node environment has none.
(globalThis as { window?: unknown }).window ??= globalThis;

export const PLUGIN_ID = 'workstream-planner';
export const KEY = 'sk-ant-test-KEY-7777-never-show-me';
export const PLAN = 'Planning/W2-micro-level-plan.md';
export const MESO = 'research/project-planning/meso-level-plan.md';

export interface Loaded {
  app: ObsidianApp;
  double: App;
  /** The plugin, with the double's bookkeeping (`added`, `leftovers()`). */
  plugin: WorkstreamPlannerPlugin & Pick<DoublePlugin, 'added' | 'leftovers' | 'registered'>;
}

/** `folder`: the vault to load instead of the example vault (a fixture vault's folder). */
export async function loadPlugin(opts: { key?: boolean; data?: Record<string, unknown>; folder?: string } = {}): Promise<Loaded> {
  Notice.reset();
  Modal.openModals = [];
  const { app, double } = buildAppFromFolder(opts.folder ?? EXAMPLE_VAULT);
  if (opts.key !== false) double.secretStorage.setSecret('anthropic-api-key', KEY);
  if (opts.data) double.pluginData.set(PLUGIN_ID, opts.data);
  const plugin = new WorkstreamPlannerPlugin(app, { id: PLUGIN_ID, name: 'Workstream Planner', version: '0.0.0', minAppVersion: '1.11.4', author: 'test', description: 'Test.' } as PluginManifest);
  await double.enablePlugin(plugin as never);
  return { app, double, plugin: plugin as WorkstreamPlannerPlugin & Pick<DoublePlugin, 'added' | 'leftovers' | 'registered'> };
}

export function runCommand(l: Loaded, id: string): boolean {
  return l.double.commands.execute(`${PLUGIN_ID}:${id}`, l.double);
}

export async function waitFor<T>(probe: () => T | null | undefined | false, what: string, ms = 15000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export function openModal<T extends Modal>(pred: (m: Modal) => m is T): T | undefined;
export function openModal(pred: (m: Modal) => boolean): Modal | undefined;
export function openModal(pred: (m: Modal) => boolean): Modal | undefined {
  return Modal.openModals.find(pred);
}

export function modalTitled(title: string): Promise<Modal> {
  return waitFor(() => Modal.openModals.find((m) => m.titleEl.textContent === title), `the modal "${title}"`);
}

/** The buttons of a modal (its Setting rows live in its contentEl). */
export function buttonsOf(m: Modal): ButtonComponent[] {
  return Setting.created.filter((s) => s.containerEl === m.contentEl).flatMap((s) => s.components as ButtonComponent[]);
}

export async function click(m: Modal, label: string): Promise<void> {
  const b = buttonsOf(m).find((x) => x.text === label);
  if (!b) throw new Error(`No button "${label}" in ${m.titleEl.textContent}; have ${buttonsOf(m).map((x) => x.text).join(', ')}`);
  await b.simulateClick();
}

export function notices(): string[] {
  return Notice.shown.map((n) => n.message);
}

/** The `status` a note's frontmatter gives, if any. */
export const statusOf = (text: string | undefined): string | undefined => /^status: "?([^"\s]+)"?$/m.exec(text ?? '')?.[1];

/** The outline the offline provider would derive for W2 of the example vault (what the local server answers). */
export async function outlineFor(l: Loaded): Promise<Outline> {
  const p = await preparePlan(new ObsidianVault(l.app), DEFAULT_SETTINGS, { workstream: 'W2' });
  if (!p.ok || p.value.kind !== 'ready') throw new Error('example vault does not plan');
  return deriveOutline(p.value.scope, p.value.ctx.wbs);
}
