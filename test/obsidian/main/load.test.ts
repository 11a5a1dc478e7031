/**
 * The plugin loads as Obsidian loads it: `onload` resolves, and everything it registers is there,
 * the settings tab first of all (Obsidian's PluginSettingTab reads `plugin.manifest`, so a tab built
 * on anything but the plugin throws and `onload` rejects with no settings and no vault handlers).
 */
import { PluginSettingTab } from '../../__mocks__/obsidian';
import { loadPlugin, PLAN, PLUGIN_ID } from './harness';

describe('loading the plugin', () => {
  it('registers its settings tab under the name and id of its manifest', async () => {
    const l = await loadPlugin();
    const tabs = l.plugin.added.settingTabs;
    expect(tabs).toHaveLength(1);
    const tab = tabs[0] as PluginSettingTab;
    expect(tab).toBeInstanceOf(PluginSettingTab);
    expect({ id: tab.id, name: tab.name }).toEqual({ id: PLUGIN_ID, name: 'Workstream Planner' });
    expect(tab.plugin).toBe(l.plugin);
  });

  it('registers its commands, its panel and the vault handlers that stop a run whose note goes away', async () => {
    const l = await loadPlugin();
    expect([...l.plugin.added.commands.keys()]).toEqual(expect.arrayContaining(['plan-workstream', 'cancel-planning', 'resume-workstream-plan']));
    expect([...l.plugin.added.views.keys()]).toEqual(['wp-readiness-view']);
    const events = [...l.plugin.registered.events].map((r) => r.name);
    expect(events).toEqual(expect.arrayContaining(['delete', 'rename']));
    // The handlers are live: renaming a note moves the progress shown for it.
    await l.double.vault.createFolder('Planning');
    const note = await l.double.vault.create(PLAN, '# W2\n');
    l.plugin.progress.apply(PLAN, { type: 'run-start', units: [] });
    await l.double.vault.rename(note, 'Planning/renamed.md');
    expect(l.plugin.progress.get(PLAN)).toBeNull();
    expect(l.plugin.progress.get('Planning/renamed.md')).not.toBeNull();
  });
});
