/**
 * The double's behaviours that mirror the app (each with its source in the double's ledger comments):
 * the ones plugin code most easily gets wrong.
 */
import { StateField } from '@codemirror/state';
import { DeferredView, MarkdownView, Plugin, PluginSettingTab } from './obsidian';
import { buildApp } from '../support/obsidian-app';

class TestPlugin extends Plugin {}
class Tab extends PluginSettingTab {}

describe('PluginSettingTab', () => {
  it('takes its id and name from plugin.manifest, and throws when given anything without one', () => {
    const { double } = buildApp();
    const tab = new Tab(double, new TestPlugin(double));
    expect({ id: tab.id, name: tab.name }).toEqual({ id: 'workstream-planner', name: 'Workstream Planner' });
    expect(() => new Tab(double, {} as never)).toThrow(TypeError);
  });
});

describe('metadata cache', () => {
  it('indexes after a write: the old cache stays until later, then changed fires', async () => {
    const { double } = buildApp({ 'a.md': '# One' });
    await double.metadataCache.settle(); // the seeding's own round
    const file = double.vault.getFileByPath('a.md')!;
    const changed: string[] = [];
    double.metadataCache.on('changed', (f: { path: string }) => changed.push(f.path));
    await double.vault.modify(file, '# Two');
    expect(double.metadataCache.getFileCache(file)?.headings?.[0]?.heading).toBe('One');
    expect(changed).toEqual([]);
    await double.metadataCache.settle();
    expect(double.metadataCache.getFileCache(file)?.headings?.[0]?.heading).toBe('Two');
    expect(changed).toEqual(['a.md']);
  });

  it('fires no changed on a rename, and keeps the cache under the new path', async () => {
    const { double } = buildApp({ 'a.md': '# One' });
    await double.metadataCache.settle(); // the seeding's own round
    const changed: string[] = [];
    double.metadataCache.on('changed', (f: { path: string }) => changed.push(f.path));
    await double.vault.rename(double.vault.getFileByPath('a.md')!, 'b.md');
    await double.metadataCache.settle();
    expect(changed).toEqual([]);
    expect(double.metadataCache.getCache('b.md')?.headings?.[0]?.heading).toBe('One');
  });
});

describe('vault', () => {
  it('hands process the current text', async () => {
    const { double } = buildApp({ 'a.md': 'one' });
    const file = double.vault.getFileByPath('a.md')!;
    await double.vault.modify(file, 'two');
    const seen: string[] = [];
    await double.vault.process(file, (t) => (seen.push(t), `${t}!`));
    expect(seen).toEqual(['two']);
    expect(double.vault.peek('a.md')).toBe('two!');
  });

  it('does not see dot-paths: create writes them but returns null, and only the adapter finds them', async () => {
    const { double } = buildApp({ 'Planning/x.md': 'x' });
    expect(await double.vault.createFolder('Planning/.backup')).toBeNull();
    expect(await double.vault.create('Planning/.backup/x.md', 'old')).toBeNull();
    expect(double.vault.getAbstractFileByPath('Planning/.backup/x.md')).toBeNull();
    expect(double.vault.getAbstractFileByPath('Planning/.backup')).toBeNull();
    expect(double.vault.getFiles().map((f) => f.path)).toEqual(['Planning/x.md']);
    expect(await double.vault.adapter.exists('Planning/.backup/x.md')).toBe(true);
    expect(await double.vault.adapter.exists('Planning/.backup')).toBe(true);
    expect(await double.vault.adapter.read('Planning/.backup/x.md')).toBe('old');
    expect((await double.vault.adapter.list('Planning/.backup')).files).toEqual(['Planning/.backup/x.md']);
    await expect(double.vault.create('Planning/.backup/x.md', 'new')).rejects.toThrow('File already exists.');
  });
});

describe('markdown views', () => {
  it('give the CodeMirror view as editor.cm, with every registered editor extension, kept through updateOptions', async () => {
    const { double } = buildApp({ 'a.md': 'text' });
    const field = StateField.define<number>({ create: () => 7, update: (v) => v + 1 });
    const plugin = new TestPlugin(double);
    await double.enablePlugin(plugin);
    plugin.registerEditorExtension(field);
    const leaf = double.workspace.getLeaf('tab');
    await leaf.openFile(double.vault.getFileByPath('a.md')!);
    const view = leaf.view as MarkdownView;
    const cm = (view.editor as unknown as { cm: { state: { field(f: unknown, req: boolean): unknown } } }).cm;
    expect(typeof cm.state.field(field, false)).toBe('number');
    double.workspace.updateOptions();
    expect(typeof cm.state.field(field, false)).toBe('number');
    plugin.unload();
    expect(cm.state.field(field, false)).toBeUndefined();
  });

  it('save on request 2 s after an edit, save() at once, and reload when the file changes on disk', async () => {
    jest.useFakeTimers();
    try {
      const { double } = buildApp({ 'a.md': 'one' });
      const leaf = double.workspace.getLeaf('tab');
      await leaf.openFile(double.vault.getFileByPath('a.md')!);
      const view = leaf.view as MarkdownView;
      view.editor.replaceRange(' two', { line: 0, ch: 3 });
      expect(double.vault.peek('a.md')).toBe('one');
      await jest.advanceTimersByTimeAsync(1999);
      expect(double.vault.peek('a.md')).toBe('one');
      await jest.advanceTimersByTimeAsync(1);
      expect(double.vault.peek('a.md')).toBe('one two');
      view.editor.replaceRange('!', { line: 0, ch: 7 });
      await view.save();
      expect(double.vault.peek('a.md')).toBe('one two!');
      await double.vault.modify(double.vault.getFileByPath('a.md')!, 'from disk');
      expect(view.editor.getValue()).toBe('from disk');
    } finally {
      jest.useRealTimers();
    }
  });

  it('have a mode: Reading view (preview) or editing (source)', async () => {
    const { double } = buildApp({ 'a.md': 'one' });
    const leaf = double.workspace.getLeaf('tab');
    await leaf.openFile(double.vault.getFileByPath('a.md')!);
    const view = leaf.view as MarkdownView;
    expect(view.getMode()).toBe('source');
    await view.setMode('preview');
    expect(view.getMode()).toBe('preview');
  });

  it('show the previous note while the next one loads', async () => {
    const { double } = buildApp({ 'a.md': 'A', 'b.md': 'B' });
    const leaf = double.workspace.getLeaf('tab');
    await leaf.openFile(double.vault.getFileByPath('a.md')!);
    const view = leaf.view as MarkdownView;
    const loading = leaf.openFile(double.vault.getFileByPath('b.md')!);
    expect(view.file?.path).toBe('b.md');
    expect(view.editor.getValue()).toBe('A');
    await loading;
    expect(view.editor.getValue()).toBe('B');
  });

  it('in a background tab are deferred: listed by type, no MarkdownView until revealed', async () => {
    const { double } = buildApp({ 'a.md': 'A' });
    const leaf = double.workspace.getLeaf('tab');
    await leaf.defer(double.vault.getFileByPath('a.md')!);
    expect(double.workspace.getLeavesOfType('markdown')).toEqual([leaf]);
    expect(leaf.isDeferred).toBe(true);
    expect(leaf.view).toBeInstanceOf(DeferredView);
    expect(leaf.getViewState()).toEqual({ type: 'markdown', state: { file: 'a.md' } });
    await double.workspace.revealLeaf(leaf);
    expect(leaf.isDeferred).toBe(false);
    expect((leaf.view as MarkdownView).editor.getValue()).toBe('A');
  });
});
