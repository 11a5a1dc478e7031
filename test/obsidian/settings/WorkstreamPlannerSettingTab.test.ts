/** @jest-environment jsdom */
import '../../support/jsdom-globals';
import '../../support/obsidian-dom';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../../src/core/contracts/settings';
import { savePluginSettings } from '../../../src/obsidian/settings/plugin-settings';
import { WorkstreamPlannerSettingTab } from '../../../src/obsidian/settings/WorkstreamPlannerSettingTab';
import {
  AbstractInputSuggest,
  DropdownComponent,
  Plugin,
  SecretComponent,
  Setting,
  TextAreaComponent,
  TextComponent,
  ToggleComponent,
} from '../../__mocks__/obsidian';
import type { Plugin as ObsidianPlugin } from 'obsidian';
import { buildApp } from '../../support/obsidian-app';

class TestPlugin extends Plugin {}

function setup(listModels: () => Promise<string[]> = () => Promise.resolve(['claude-a', 'claude-b'])) {
  const { app, double } = buildApp({ 'Notes/PRD.md': '# PRD', 'Plans/x.md': '' });
  const plugin = new TestPlugin(double);
  const settings: Settings = SettingsSchema.parse({});
  const host = { settings, saveSettings: () => savePluginSettings(plugin, settings), listModels };
  const tab = new WorkstreamPlannerSettingTab(plugin as unknown as ObsidianPlugin, host);
  Setting.created = [];
  AbstractInputSuggest.attached = [];
  tab.display();
  const row = (name: string): Setting => {
    const found = Setting.created.find((s) => s.name === name && !s.heading);
    if (!found) throw new Error(`No setting ${name}; have ${Setting.created.map((s) => s.name).join(', ')}`);
    return found;
  };
  const stored = () => double.pluginData.get('workstream-planner') as Record<string, unknown> | undefined;
  return { tab, settings, double, row, stored };
}

describe('WorkstreamPlannerSettingTab', () => {
  it('draws general settings first, then the three sections in sentence case, without the word settings', async () => {
    const { tab } = setup();
    await tab.modelsReady;
    const headings = Setting.created.filter((s) => s.heading).map((s) => s.name);
    expect(headings).toEqual(['Claude', 'Planning notes', 'Escalations']);
    expect(Setting.created[0]!.heading).toBe(false);
    expect(Setting.created[0]!.name).toBe('Output folder');
    const names = Setting.created.map((s) => s.name);
    for (const n of names) {
      expect(n).not.toMatch(/settings/i);
      expect(n.charAt(0)).toBe(n.charAt(0).toUpperCase());
    }
    expect(names).toEqual(
      expect.arrayContaining([
        'API key', 'Model', 'API base URL', 'Use Obsidian network', 'Thinking effort', 'Outline effort', 'Max output tokens per call', 'Context budget',
        'Cost cap', 'Concurrency', 'Prompt caching', 'Confirm before sending', 'Price table override', 'First text timeout', 'Idle timeout',
        'PRD', 'Macro-level plan', 'Meso-level plan', 'Overall micro-level plan', 'Code standards', 'Common pitfalls',
        'Project note', 'Prompt template note', 'Include upstream plans', 'Put escalation callouts in the meso plan',
      ]),
    );
    // Each section's rows come after its heading.
    expect(names.indexOf('Put escalation callouts in the meso plan')).toBeGreaterThan(names.indexOf('Escalations'));
    expect(names.indexOf('PRD')).toBeGreaterThan(names.indexOf('Planning notes'));
    expect(names.indexOf('Model')).toBeGreaterThan(names.indexOf('Claude'));
  });

  it('attaches file suggesters to the note paths and a folder suggester to the output folder', () => {
    const { row } = setup();
    const inputOf = (name: string) => (row(name).components[0] as TextComponent).inputEl;
    const kindOf = (name: string) => AbstractInputSuggest.attached.find((s) => s.inputEl === inputOf(name))?.constructor.name;
    expect(kindOf('Output folder')).toBe('FolderSuggest');
    for (const n of ['PRD', 'Meso-level plan', 'Common pitfalls', 'Project note', 'Prompt template note']) {
      expect(kindOf(n)).toBe('MarkdownFileSuggest');
    }
  });

  it('saves a changed path and toggle at once', async () => {
    const { row, settings, stored } = setup();
    await (row('Meso-level plan').components[0] as TextComponent).simulate(' Plans/meso.md ');
    expect(settings.paths.meso).toBe('Plans/meso.md');
    await (row('Put escalation callouts in the meso plan').components[0] as ToggleComponent).simulate(true);
    expect(stored()).toMatchObject({ calloutsInMesoPlan: true, paths: { meso: 'Plans/meso.md' } });
  });

  it('describes the meso callouts as the one change to the meso plan\'s body, off by default', () => {
    const { row } = setup();
    const r = row('Put escalation callouts in the meso plan');
    expect(r.desc).toMatch(/the one change the plugin ever makes to the meso plan's body/);
    expect((r.components[0] as ToggleComponent).getValue()).toBe(false);
  });

  it('binds the API key to a secret component that stores only the secret\'s name', async () => {
    const { row, settings, stored, double } = setup();
    const secret = row('API key').components[0];
    expect(secret).toBeInstanceOf(SecretComponent);
    const component = secret as SecretComponent;
    expect(component.getValue()).toBe('anthropic-api-key');
    // The user types the key into the component: Obsidian puts it in secret storage under a name.
    double.secretStorage.setSecret('work-claude', 'sk-ant-live-123');
    await component.simulate('work-claude');
    expect(settings.apiKeySecretName).toBe('work-claude');
    expect(stored()!['apiKeySecretName']).toBe('work-claude');
    expect(JSON.stringify(stored())).not.toContain('sk-ant');
    // A name Obsidian would refuse is not saved.
    await component.simulate('Not A Name');
    expect(settings.apiKeySecretName).toBe('work-claude');
  });

  it('fills the model dropdown from the API, keeping the current model as an option', async () => {
    const { tab, row, settings } = setup();
    await tab.modelsReady;
    const dd = row('Model').components[0] as DropdownComponent;
    expect(dd).toBeInstanceOf(DropdownComponent);
    expect([...dd.options.keys()]).toEqual(['claude-a', 'claude-b', DEFAULT_SETTINGS.model]);
    await dd.simulate('claude-b');
    expect(settings.model).toBe('claude-b');
  });

  it('falls back to a text field for the model when the list cannot be fetched', async () => {
    const { tab, row, settings } = setup(() => Promise.reject(new Error('401')));
    await tab.modelsReady;
    const model = row('Model');
    expect(model.components).toHaveLength(1);
    const text = model.components[0] as TextComponent;
    expect(text).toBeInstanceOf(TextComponent);
    expect(model.desc).toBe('The model list could not be fetched; type a model ID.');
    expect(text.getValue()).toBe(DEFAULT_SETTINGS.model);
    await text.simulate('claude-custom');
    expect(settings.model).toBe('claude-custom');
  });

  it('validates the price table JSON on change, with a clear message, and saves only valid tables', async () => {
    const { row, settings, stored } = setup();
    const r = row('Price table override');
    const area = r.components[0] as TextAreaComponent;
    const problem = () => r.descEl.querySelector('.wp-setting-problem')?.textContent ?? null;
    await area.simulate('{not json');
    expect(problem()).toBe('This is not valid JSON; write it like {"claude-sonnet-5-5": {"input": 3, "output": 15}}.');
    await area.simulate('{"claude-x": {"input": 3}}');
    expect(problem()).toMatch(/^Each model needs "input" and "output" prices in USD per million tokens, as numbers of at least 0 \(at claude-x\.output\)/);
    expect(settings.prices).toEqual({});
    expect(stored()).toBeUndefined();
    await area.simulate('{"claude-x": {"input": 3, "output": 15}}');
    expect(problem()).toBeNull();
    expect(settings.prices).toEqual({ 'claude-x': { input: 3, output: 15 } });
    expect(stored()!['prices']).toEqual({ 'claude-x': { input: 3, output: 15 } });
  });

  it('refuses numbers the schema refuses and a base URL that is not one', async () => {
    const { row, settings } = setup();
    const conc = row('Concurrency');
    await (conc.components[0] as TextComponent).simulate('40');
    expect(settings.concurrency).toBe(4);
    expect(conc.descEl.querySelector('.wp-setting-problem')?.textContent).toBe('Enter a whole number from 1 to 16.');
    await (conc.components[0] as TextComponent).simulate('8');
    expect(settings.concurrency).toBe(8);
    expect(conc.descEl.querySelector('.wp-setting-problem')).toBeNull();
    const url = row('API base URL');
    await (url.components[0] as TextComponent).simulate('not a url');
    expect(settings.baseURL).toBe('');
    await (url.components[0] as TextComponent).simulate('https://proxy.example.com/anthropic/');
    expect(settings.baseURL).toBe('https://proxy.example.com/anthropic');
  });

  it('draws the same rows again on a second display, not twice', () => {
    const { tab } = setup();
    const count = tab.containerEl.querySelectorAll('.setting-item').length;
    tab.display();
    expect(tab.containerEl.querySelectorAll('.setting-item').length).toBe(count);
  });
});
