/**
 * The settings tab, drawn imperatively in `display()` (minAppVersion 1.11.4 predates declarative
 * settings). General settings first without a heading, then "Claude", "Planning notes" and
 * "Escalations". Every change is validated by the field's schema and saved at once; an invalid
 * value is not saved and a one-sentence message appears under the field.
 */
import { PluginSettingTab, SecretComponent, Setting, type Plugin, type TextComponent } from 'obsidian';
import { DEFAULT_SETTINGS, EFFORT_LEVELS, ROLES, type Role, type Settings } from '../../core/contracts/settings';
import { parseBaseUrl, parseNumberField, parsePriceJson, type NumberField, type Parsed } from './field-parsers';
import { FolderSuggest, MarkdownFileSuggest } from './suggest';
import { roleSettingName, SETTING } from './setting-names';

/** What the tab needs from the plugin: the live settings object, a way to save it, and the model list. */
export interface SettingsHost {
  settings: Settings;
  saveSettings(): Promise<void>;
  /** Model ids from the API; rejects when the list cannot be fetched (no key, offline, proxy). */
  listModels(): Promise<string[]>;
}

const ROLE_DESCRIPTIONS: Record<Role, string> = {
  prd: 'The product requirements note. Empty: found from the project note.',
  macro: 'The macro-level plan. Empty: found from the project note.',
  meso: 'The meso-level plan. Empty: found from the project note.',
  micro: 'The overall micro-level plan with the work breakdown. Empty: found from the project note.',
  codeStandards: 'Optional. Empty: found from the project note.',
  pitfalls: 'Optional. Empty: found from the project note.',
};

/** Secret names must be lowercase letters, digits and dashes (Obsidian refuses others). */
const SECRET_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// Lint warning `prefer-setting-definitions` is expected: declarative settings need 1.13.0 and
// minAppVersion is 1.11.4, so the tab uses `display()` (the guide's "Path B" without definitions).
export class WorkstreamPlannerSettingTab extends PluginSettingTab {
  /** Settles when the model row has its final control (dropdown or text field); for tests. */
  modelsReady: Promise<void> = Promise.resolve();

  constructor(
    plugin: Plugin,
    private readonly host: SettingsHost,
  ) {
    // The plugin itself, not a stand-in: Obsidian's constructor reads `plugin.manifest` for the tab's id and
    // name, and throws on anything without one (the plugin would then fail to load).
    super(plugin.app, plugin);
  }

  private get s(): Settings {
    return this.host.settings;
  }

  display(): void {
    const el = this.containerEl;
    el.empty();

    this.pathRow(el, SETTING.outputFolder, 'Where plans and escalation notes are written.', 'outputFolder', 'folder');

    new Setting(el).setName('Claude').setHeading();
    this.apiKeyRow(el);
    this.modelRow(el);
    this.textRow(el, SETTING.baseURL, 'For a proxy or gateway. Empty: Anthropic\'s own endpoint.', this.s.baseURL, parseBaseUrl, (v) => {
      this.s.baseURL = v;
    }, 'https://api.anthropic.com');
    this.toggleRow(
      el,
      SETTING.useObsidianNetwork,
      'For organisations that block browser access to the API. Each section then appears when it is complete, not live. Cancel stops the plan at once, but a call already sent cannot be stopped: it runs to its end on Anthropic\'s side and is billed, and its answer is dropped.',
      'useObsidianNetwork',
    );
    this.effortRow(el, SETTING.effort, 'How hard Claude thinks before writing each section. Thinking is billed as output, even though it is not shown.', 'effort');
    this.effortRow(el, SETTING.outlineEffort, 'How hard Claude thinks before proposing the plan\'s modules.', 'outlineEffort');
    this.numberRow(el, SETTING.maxOutputTokens, 'Room for thinking and text in one call. 0: 32 000, within the model\'s limit; a call that runs out is asked again with more room.', 'maxOutputTokens');
    this.numberRow(el, SETTING.contextBudgetTokens, 'Largest estimated context, in tokens, sent in one call.', 'contextBudgetTokens');
    this.numberRow(el, SETTING.costCapUsd, 'Stop when one plan would cost more than this, in USD. 0: no cap.', 'costCapUsd');
    this.numberRow(el, SETTING.concurrency, 'Sections written at the same time (1 to 16).', 'concurrency');
    this.toggleRow(el, SETTING.caching, 'Reuse the planning notes across calls to cut cost.', 'caching');
    this.toggleRow(el, SETTING.confirmBeforeSending, 'Show what will be sent, and its estimated cost, before anything goes to the API.', 'confirmBeforeSending');
    this.priceRow(el);
    this.numberRow(el, SETTING.firstTextTimeoutSeconds, 'Seconds to wait for a section\'s first words while Claude thinks. With "Use Obsidian network" on, the longest a whole call may take.', 'firstTextTimeoutSeconds');
    this.numberRow(el, SETTING.idleTimeoutSeconds, 'Seconds without data from the API, once a section is being written, before the call is abandoned.', 'idleTimeoutSeconds');

    new Setting(el).setName('Planning notes').setHeading();
    for (const role of ROLES) this.pathRow(el, roleSettingName(role), ROLE_DESCRIPTIONS[role], role, 'file');
    this.pathRow(el, SETTING.projectNote, 'The project\'s note. Empty: looked for under 01-Projects.', 'projectNote', 'file');
    this.pathRow(el, SETTING.promptTemplateNote, 'A note whose text replaces the built-in instructions. Empty: built-in.', 'promptTemplateNote', 'file');
    this.toggleRow(el, SETTING.includeUpstreamPlans, 'Send the plans of workstreams this one depends on, when they exist.', 'includeUpstreamPlans');

    new Setting(el).setName('Escalations').setHeading();
    this.toggleRow(
      el,
      SETTING.calloutsInMesoPlan,
      'Also put each escalation under the meso-plan heading at fault, and take it out once it no longer blocks. This is the one change the plugin ever makes to the meso plan\'s body.',
      'calloutsInMesoPlan',
    );
  }

  private async save(): Promise<void> {
    await this.host.saveSettings();
  }

  private apiKeyRow(el: HTMLElement): void {
    const row = new Setting(el)
      .setName(SETTING.apiKey)
      .setDesc('Kept in Obsidian\'s secret storage on this device, never in the plugin\'s data file.');
    row.addComponent((control) =>
      new SecretComponent(this.app, control).setValue(this.s.apiKeySecretName).onChange(async (name) => {
        // The component stores the key itself; only the secret's name is a setting.
        if (!SECRET_ID.test(name)) return;
        this.s.apiKeySecretName = name;
        await this.save();
      }),
    );
  }

  private modelRow(el: HTMLElement): void {
    const row = new Setting(el).setName(SETTING.model).setDesc('Loading the model list…');
    this.modelsReady = this.host
      .listModels()
      .then((models) => {
        if (models.length === 0) throw new Error('empty list');
        row.setDesc('The Claude model that writes the plans.');
        row.addDropdown((d) => {
          for (const m of [...new Set([...models, this.s.model])]) d.addOption(m, m);
          d.setValue(this.s.model).onChange(async (v) => {
            this.s.model = v;
            await this.save();
          });
        });
      })
      .catch(() => {
        row.setDesc('The model list could not be fetched; type a model ID.');
        row.addText((t) =>
          t
            .setPlaceholder(DEFAULT_SETTINGS.model)
            .setValue(this.s.model)
            .onChange(async (v) => {
              if (v.trim() === '') return;
              this.s.model = v.trim();
              await this.save();
            }),
        );
      });
  }

  private effortRow(el: HTMLElement, name: string, desc: string, key: 'effort' | 'outlineEffort'): void {
    new Setting(el)
      .setName(name)
      .setDesc(desc)
      .addDropdown((d) => {
        for (const level of EFFORT_LEVELS) d.addOption(level, level);
        d.setValue(this.s[key]).onChange(async (v) => {
          const level = EFFORT_LEVELS.find((l) => l === v);
          if (!level) return;
          this.s[key] = level;
          await this.save();
        });
      });
  }

  private toggleRow(el: HTMLElement, name: string, desc: string, key: BooleanKey): void {
    new Setting(el)
      .setName(name)
      .setDesc(desc)
      .addToggle((t) =>
        t.setValue(this.s[key]).onChange(async (v) => {
          this.s[key] = v;
          await this.save();
        }),
      );
  }

  private numberRow(el: HTMLElement, name: string, desc: string, key: NumberField): void {
    this.textRow(el, name, desc, String(this.s[key]), (t) => parseNumberField(key, t), (v) => {
      this.s[key] = v;
    });
  }

  /** A text row that saves only valid values and shows the parser's message otherwise. */
  private textRow<T>(
    el: HTMLElement,
    name: string,
    desc: string,
    initial: string,
    parse: (text: string) => Parsed<T>,
    apply: (value: T) => void,
    placeholder?: string,
  ): TextComponent {
    const row = new Setting(el).setName(name).setDesc(desc);
    let text!: TextComponent;
    row.addText((t) => {
      text = t;
      if (placeholder) t.setPlaceholder(placeholder);
      t.setValue(initial).onChange(async (v) => {
        const r = parse(v);
        showProblem(row, r.ok ? null : r.message);
        if (!r.ok) return;
        apply(r.value);
        await this.save();
      });
    });
    return text;
  }

  private priceRow(el: HTMLElement): void {
    const row = new Setting(el)
      .setName(SETTING.prices)
      .setDesc('JSON: model ID to prices in dollars per million tokens, input and output, and optionally the cache write, cache read and long-context prices. Empty: the built-in prices.');
    row.addTextArea((t) =>
      t
        .setPlaceholder('{"claude-sonnet-5-5": {"input": 3, "output": 15}}')
        .setValue(Object.keys(this.s.prices).length > 0 ? JSON.stringify(this.s.prices, null, 2) : '')
        .onChange(async (v) => {
          const r = parsePriceJson(v);
          showProblem(row, r.ok ? null : r.message);
          if (!r.ok) return;
          this.s.prices = r.value;
          await this.save();
        }),
    );
  }

  private pathRow(el: HTMLElement, name: string, desc: string, key: Role | PathKey, kind: 'file' | 'folder'): void {
    const get = (): string => (isRole(key) ? this.s.paths[key] : this.s[key]);
    const set = (v: string): void => {
      if (isRole(key)) this.s.paths[key] = v;
      else this.s[key] = v;
    };
    const text = this.textRow(el, name, desc, get(), (t): Parsed<string> => ({ ok: true, value: t.trim() }), set);
    if (kind === 'file') new MarkdownFileSuggest(this.app, text.inputEl);
    else new FolderSuggest(this.app, text.inputEl);
  }
}

type BooleanKey = { [K in keyof Settings]: Settings[K] extends boolean ? K : never }[keyof Settings];
type PathKey = 'outputFolder' | 'projectNote' | 'promptTemplateNote';

function isRole(key: string): key is Role {
  return (ROLES as readonly string[]).includes(key);
}

/** Shows (or clears) a message under the row's description; Setting.setErrorMessage needs 1.13. */
function showProblem(row: Setting, message: string | null): void {
  row.descEl.querySelector('.wp-setting-problem')?.remove();
  if (message !== null) row.descEl.createDiv({ cls: 'wp-setting-problem', text: message });
}
