import { DEFAULT_SETTINGS, type Settings } from '../../../src/core/contracts/settings';
import {
  getApiKey,
  loadPluginSettings,
  savePluginSettings,
  settingsFromData,
  withoutSecrets,
} from '../../../src/obsidian/settings/plugin-settings';
import { Plugin } from '../../__mocks__/obsidian';
import { buildApp } from '../../support/obsidian-app';

class TestPlugin extends Plugin {}

function setup(stored?: unknown) {
  const { app, double } = buildApp();
  if (stored !== undefined) double.pluginData.set('workstream-planner', stored);
  return { app, double, plugin: new TestPlugin(double) };
}

describe('plugin settings', () => {
  it('gives the defaults and no problem when nothing is stored', async () => {
    const { plugin } = setup();
    expect(await loadPluginSettings(plugin)).toEqual({ settings: DEFAULT_SETTINGS });
  });

  it('merges stored values over the defaults, paths key by key', async () => {
    const { plugin } = setup({ concurrency: 2, paths: { meso: 'Plans/meso.md' } });
    const { settings, problem } = await loadPluginSettings(plugin);
    expect(problem).toBeUndefined();
    expect(settings.concurrency).toBe(2);
    expect(settings.paths).toEqual({ ...DEFAULT_SETTINGS.paths, meso: 'Plans/meso.md' });
    expect(settings.model).toBe(DEFAULT_SETTINGS.model);
  });

  it('resets only the bad fields to their defaults and says which, in one sentence', async () => {
    const { plugin } = setup({ concurrency: 99, prices: { x: { input: 'cheap' } }, outputFolder: 'Out' });
    const { settings, problem } = await loadPluginSettings(plugin);
    expect(settings.concurrency).toBe(DEFAULT_SETTINGS.concurrency);
    expect(settings.prices).toEqual({});
    expect(settings.outputFolder).toBe('Out');
    expect(problem).toBe(
      'Some stored settings of Workstream Planner were not valid and were reset to their defaults: concurrency, prices.',
    );
  });

  it('falls back to the defaults with a problem when the data is not an object, or cannot be read', async () => {
    const { plugin } = setup('garbage');
    const r = await loadPluginSettings(plugin);
    expect(r.settings).toEqual(DEFAULT_SETTINGS);
    expect(r.problem).toMatch(/could not be read, so the defaults are used\.$/);
    const failing = { loadData: () => Promise.reject(new Error('disk')), saveData: () => Promise.resolve() };
    const r2 = await loadPluginSettings(failing);
    expect(r2.settings).toEqual(DEFAULT_SETTINGS);
    expect(r2.problem).toBeDefined();
  });

  it('does not keep a key that was stored by an older version', () => {
    const { settings } = settingsFromData({ apiKey: 'sk-ant-123', model: 'claude-x' });
    expect(settings.model).toBe('claude-x');
    expect(JSON.stringify(settings)).not.toContain('sk-ant');
  });

  it('never writes an API key to data.json', async () => {
    const { plugin, double } = setup();
    const settings = {
      ...DEFAULT_SETTINGS,
      apiKey: 'sk-ant-secret-1',
      anthropicToken: 'abc',
      baseURL: 'sk-ant-pasted-into-the-wrong-field',
      paths: { ...DEFAULT_SETTINGS.paths, prd: 'PRD.md', secretKey: 'x' },
    } as unknown as Settings;
    await savePluginSettings(plugin, settings);
    const stored = double.pluginData.get('workstream-planner') as Record<string, unknown>;
    const json = JSON.stringify(stored);
    expect(json).not.toMatch(/sk-ant|apiKey"|anthropicToken|secretKey/);
    expect(stored['apiKeySecretName']).toBe('anthropic-api-key');
    // A number whose name says "tokens" is not a secret.
    expect(stored['maxOutputTokens']).toBe(0);
    expect((stored['paths'] as Record<string, string>)['prd']).toBe('PRD.md');
    expect(stored['baseURL']).toBe('');
    // What was saved loads back cleanly.
    expect((await loadPluginSettings(plugin)).problem).toBeUndefined();
  });

  it('strips secrets at any depth and keeps the allowed names', () => {
    expect(withoutSecrets({ a: { password: 'p', b: ['sk-ant-x', 'ok'] }, apiKeySecretName: 'n', contextBudgetTokens: 5 })).toEqual({
      a: { b: ['ok'] },
      apiKeySecretName: 'n',
      contextBudgetTokens: 5,
    });
  });

  it('reads the API key from secret storage under the configured name', () => {
    const { app, double } = setup();
    expect(getApiKey(app, DEFAULT_SETTINGS)).toBeNull();
    double.secretStorage.setSecret('anthropic-api-key', ' sk-ant-1 ');
    expect(getApiKey(app, DEFAULT_SETTINGS)).toBe('sk-ant-1');
    expect(getApiKey(app, { ...DEFAULT_SETTINGS, apiKeySecretName: '' })).toBeNull();
    expect(getApiKey(app, { ...DEFAULT_SETTINGS, apiKeySecretName: 'other' })).toBeNull();
  });
});
