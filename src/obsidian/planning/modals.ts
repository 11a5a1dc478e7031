/**
 * The planning dialogs: the workstream picker, "re-plan or resume", the send confirmation (exactly
 * the notes that will be sent, their size and tokens, and the estimate), the offline-draft offer and
 * "stop planning". Each returns a promise of the user's answer; closing a dialog answers "no".
 */
import { FuzzySuggestModal, Modal, Setting, type App } from 'obsidian';
import type { SendPreview } from '../../core/planner/claude/plan-with-claude';
import type { PlanAllPreview } from '../../core/planner/claude/plan-all';
import type { WorkstreamListing, WorkstreamStatus } from '../../core/planner/list-workstreams';
import type { CostEstimate } from '../../core/providers/anthropic';
import { compactCount } from './progress';
import { SETTING, SETTINGS_PLACE } from '../settings/setting-names';

export const STATUS_LABELS: Record<WorkstreamStatus, string> = {
  not_planned: 'not planned',
  draft: 'draft',
  in_progress: 'in progress',
  interrupted: 'interrupted',
  escalated: 'escalated',
  ready_for_decomposition: 'ready',
};

/** A plan note exists for these statuses (an escalation alone does not count). */
export function hasPlan(item: WorkstreamListing): boolean {
  return item.status !== 'not_planned' && !(item.status === 'escalated' && item.note !== null && item.note.endsWith('-escalation.md'));
}

export function describeListing(item: WorkstreamListing): string {
  const deps = item.dependsOn.length > 0 ? `depends on ${item.dependsOn.join(', ')}` : 'no dependencies';
  // Say before it is chosen that planning it now would only write an escalation.
  const blocked = item.blockers.length > 0 ? ` · blocked: ${item.blockers.length === 1 ? 'one open decision or gap' : `${item.blockers.length} open decisions or gaps`}` : '';
  const stale = item.stale ? ` · stale: ${item.staleBecause.length === 1 ? 'one input' : `${item.staleBecause.length} inputs`} changed since` : '';
  return `${STATUS_LABELS[item.status]}${stale} · ${deps}${blocked}`;
}

/** The answers the planning flow asks for; `modalUi` shows Obsidian modals, tests may answer directly. */
/** A planning set offered in the picker: its folder, project and how many workstreams it has. */
export interface PlanningSetChoice {
  folder: string;
  project: string;
  workstreams: number | null;
  /** The set used last time (offered first). */
  last: boolean;
}

export interface PlanningUi {
  /** Several planning sets: which one to plan from (its folder), or null when dismissed. */
  choosePlanningSet(sets: PlanningSetChoice[]): Promise<string | null>;
  chooseWorkstream(items: WorkstreamListing[]): Promise<WorkstreamListing | null>;
  chooseExisting(item: WorkstreamListing): Promise<'resume' | 'replan' | null>;
  confirmSend(preview: SendPreview, sizes: ReadonlyMap<string, number>, buffered: boolean): Promise<boolean>;
  offerOffline(item: { id: string; name: string }): Promise<boolean>;
  confirmCancel(ids: string[]): Promise<boolean>;
  /** "Plan all workstreams": the workstreams, their order and the estimate at batch prices. */
  confirmPlanAll(preview: PlanAllPreview): Promise<boolean>;
}

export class WorkstreamSuggestModal extends FuzzySuggestModal<WorkstreamListing> {
  private chosen = false;
  constructor(
    app: App,
    private readonly items: WorkstreamListing[],
    private readonly done: (item: WorkstreamListing | null) => void,
  ) {
    super(app);
    this.setPlaceholder('Choose a workstream to plan');
    this.emptyStateText = 'No workstream matches.';
  }
  getItems(): WorkstreamListing[] {
    return this.items;
  }
  getItemText(item: WorkstreamListing): string {
    return `${item.id} ${item.label ?? ''} ${item.name}`;
  }
  renderSuggestion(value: { item: WorkstreamListing }, el: HTMLElement): void {
    el.createDiv({ text: `${value.item.id}${value.item.label ? ` (${value.item.label})` : ''} · ${value.item.name}` });
    el.createEl('small', { text: describeListing(value.item), cls: 'wp-suggest__detail' });
  }
  onChooseItem(item: WorkstreamListing): void {
    this.chosen = true;
    this.done(item);
  }
  onClose(): void {
    // The app closes a suggester before it reports the choice: answer "none" only if no choice follows.
    window.setTimeout(() => {
      if (!this.chosen) this.done(null);
    }, 0);
  }
}

/** Picks one planning set of several; the one used last comes first. */
export class PlanningSetSuggestModal extends FuzzySuggestModal<PlanningSetChoice> {
  private chosen = false;
  constructor(
    app: App,
    private readonly items: PlanningSetChoice[],
    private readonly done: (folder: string | null) => void,
  ) {
    super(app);
    this.setPlaceholder('Choose a planning set');
    this.emptyStateText = 'No planning set matches.';
  }
  getItems(): PlanningSetChoice[] {
    return this.items;
  }
  getItemText(item: PlanningSetChoice): string {
    return `${item.project} ${item.folder}`;
  }
  renderSuggestion(value: { item: PlanningSetChoice }, el: HTMLElement): void {
    el.createDiv({ text: `${value.item.project} · ${value.item.folder || 'vault root'}` });
    const count = value.item.workstreams === null ? 'cannot be read' : `${value.item.workstreams} workstream${value.item.workstreams === 1 ? '' : 's'}`;
    el.createEl('small', { text: value.item.last ? `${count} · used last time` : count, cls: 'wp-suggest__detail' });
  }
  onChooseItem(item: PlanningSetChoice): void {
    this.chosen = true;
    this.done(item.folder);
  }
  onClose(): void {
    // As for the workstream picker: the app closes a suggester before it reports the choice.
    window.setTimeout(() => {
      if (!this.chosen) this.done(null);
    }, 0);
  }
}

interface Choice<T> {
  label: string;
  value: T;
  cta?: boolean;
}

/** A modal with a body and a row of buttons; resolves with the clicked button's value, or null when closed. */
export class ChoiceModal<T> extends Modal {
  private answered = false;
  constructor(
    app: App,
    private readonly title: string,
    private readonly body: (el: HTMLElement) => void,
    private readonly choices: Choice<T>[],
    private readonly done: (value: T | null) => void,
  ) {
    super(app);
  }
  onOpen(): void {
    this.setTitle(this.title);
    this.contentEl.addClass('wp-modal');
    this.body(this.contentEl);
    const row = new Setting(this.contentEl);
    for (const c of this.choices) {
      row.addButton((b) => {
        b.setButtonText(c.label).onClick(() => {
          this.answered = true;
          this.done(c.value);
          this.close();
        });
        if (c.cta) b.setCta();
      });
    }
    // Closing the dialog (Esc, the ×) is the same answer; a button says so where it is expected.
    row.addButton((b) => b.setButtonText('Cancel').onClick(() => this.close()));
  }
  onClose(): void {
    this.contentEl.empty();
    if (!this.answered) this.done(null);
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

export function describeCost(e: CostEstimate): string {
  const cost = e.costUsdTypical === null ? `cost unknown (no price for ${e.missingPrice ?? 'this model'})` : `about $${e.costUsdTypical.toFixed(2)} (at most $${e.costUsdMax?.toFixed(2) ?? '?'})`;
  const thinking = e.thinkingTokensTypical > 0 ? `, about ${compactCount(e.outputTokensTypical)} output tokens of which ${compactCount(e.thinkingTokensTypical)} thinking` : '';
  return `${e.calls} calls, about ${compactCount(e.inputTokens)} input tokens (${compactCount(e.cacheReadTokens)} read from the cache)${thinking}, ${cost}.`;
}

/** The body of the send confirmation. */
export function renderSendPreview(el: HTMLElement, preview: SendPreview, sizes: ReadonlyMap<string, number>, buffered: boolean): void {
  el.createEl('p', { text: `Claude (${preview.model}, ${preview.thinking}) will be sent these notes for ${preview.workstreamId}, and nothing else:` });
  const table = el.createEl('table', { cls: 'wp-send-preview' });
  const head = table.createEl('tr');
  for (const h of ['Note', 'Size', 'Tokens']) head.createEl('th', { text: h });
  for (const n of preview.sent) {
    const row = table.createEl('tr', { cls: 'wp-send-preview__note' });
    row.createEl('td', { text: n.path });
    const size = sizes.get(n.path);
    row.createEl('td', { text: size === undefined ? '?' : formatBytes(size) });
    row.createEl('td', { text: `~${compactCount(n.tokens)}` });
  }
  el.createEl('p', { text: `Estimate: ${describeCost(preview.estimate)}`, cls: 'wp-send-preview__estimate' });
  if (buffered) el.createEl('p', { text: `"${SETTING.useObsidianNetwork}" is on: each section appears when it is complete, not as it is written.` });
}

/** The body of the "Plan all workstreams" confirmation. */
export function renderPlanAllPreview(el: HTMLElement, p: PlanAllPreview): void {
  const how = p.batch ? 'through the Message Batches API, at half price (a batch usually takes minutes, at most 24 hours)' : 'one after another';
  el.createEl('p', { text: `Claude (${p.model}) will plan ${p.workstreams.length === 1 ? '1 workstream' : `${p.workstreams.length} workstreams`} in dependency order, ${how}:` });
  const table = el.createEl('table', { cls: 'wp-send-preview' });
  const head = table.createEl('tr');
  for (const h of ['Workstream', 'Level', 'Estimate']) head.createEl('th', { text: h });
  for (const w of p.workstreams) {
    const row = table.createEl('tr', { cls: 'wp-send-preview__note' });
    row.createEl('td', { text: `${w.id}: ${w.name}` });
    row.createEl('td', { text: String(w.level + 1) });
    row.createEl('td', { text: w.estimate.costUsdTypical === null ? 'cost unknown' : `about $${w.estimate.costUsdTypical.toFixed(2)}` });
  }
  for (const n of p.notPlanned) el.createEl('p', { text: `${n.id} is not planned: ${n.why}.` });
  const total = p.costUsdTypical === null ? 'cost unknown' : `about $${p.costUsdTypical.toFixed(2)} (at most $${p.costUsdMax?.toFixed(2) ?? '?'})`;
  el.createEl('p', { text: `Estimate: ${p.calls} calls, ${total}.`, cls: 'wp-send-preview__estimate' });
  el.createEl('p', { text: `Sent: ${p.sent.map((n) => n.path).join(', ')}, and the plans of each workstream's upstream workstreams.` });
  for (const w of p.warnings) el.createEl('p', { text: w });
}

/** The flow's answers as Obsidian modals. */
export function modalUi(app: App): PlanningUi {
  const ask = <T>(title: string, body: (el: HTMLElement) => void, choices: Choice<T>[]): Promise<T | null> =>
    new Promise((resolve) => new ChoiceModal<T>(app, title, body, choices, resolve).open());
  return {
    choosePlanningSet: (sets) => new Promise((resolve) => new PlanningSetSuggestModal(app, sets, resolve).open()),
    chooseWorkstream: (items) => new Promise((resolve) => new WorkstreamSuggestModal(app, items, resolve).open()),
    chooseExisting: (item) => {
      const choices: Choice<'resume' | 'replan'>[] = [];
      if (item.status === 'interrupted' || item.status === 'in_progress') choices.push({ label: 'Resume', value: 'resume', cta: true });
      choices.push({ label: 'Re-plan', value: 'replan'});
      return ask(
        `${item.id} already has a plan`,
        (el) => {
          el.createEl('p', { text: `${item.note ?? 'The plan note'} is ${STATUS_LABELS[item.status]}.` });
          el.createEl('p', { text: 'Re-plan copies the current note to the backup folder first, then writes a new plan.' });
        },
        choices,
      );
    },
    confirmSend: async (preview, sizes, buffered) =>
      (await ask('Send to Claude?', (el) => renderSendPreview(el, preview, sizes, buffered), [{ label: 'Send', value: true, cta: true }])) === true,
    offerOffline: async (item) =>
      (await ask(
        'No API key',
        (el) => {
          el.createEl('p', { text: `No API key is set, so Claude cannot write this plan. Choose the secret that holds your key under "${SETTING.apiKey}" in ${SETTINGS_PLACE}.` });
          el.createEl('p', { text: `Or write an offline draft of ${item.id}: a skeleton built from the planning notes only, with no text from Claude. It stays a draft until you fill it in.` });
        },
        [{ label: 'Write offline draft', value: true }],
      )) === true,
    confirmPlanAll: async (preview) =>
      (await ask('Plan all workstreams?', (el) => renderPlanAllPreview(el, preview), [{ label: 'Send', value: true, cta: true }])) === true,
    confirmCancel: async (ids) =>
      (await ask(
        'Stop planning?',
        (el) => {
          el.createEl('p', { text: `Stop planning ${ids.join(', ')}? The note keeps its finished sections and can be resumed later.` });
        },
        [{ label: 'Stop planning', value: true}],
      )) === true,
  };
}
