import { normalizePath as realName } from 'obsidian';
import { Notice, Plugin, Setting, computeMetadata, makeEl, normalizePath, requestUrl, setRequestUrlHandler } from './obsidian';
import { buildApp } from '../support/obsidian-app';

describe('obsidian test double', () => {
  it('is what `obsidian` resolves to', () => {
    expect(realName).toBe(normalizePath);
  });

  describe('normalizePath', () => {
    it.each([
      ['a//b\\\\c/', 'a/b/c'],
      ['/leading/and/trailing/', 'leading/and/trailing'],
      ['', '/'],
      ['///', '/'],
      ['non\u00A0breaking\u202Fspace', 'non breaking space'],
      ['cafe\u0301.md', 'caf\u00E9.md'],
    ])('%j → %j', (input, expected) => {
      expect(normalizePath(input)).toBe(expected);
    });
  });

  describe('getFirstLinkpathDest', () => {
    const { double } = buildApp({
      'a/b/Note.md': '',
      'a/Note.md': '',
      'z/Note.md': '',
      'Note.md': '',
      'x/y/Only.md': '',
      'x/Img.png': '',
      'q/Deep/Target.md': '',
      'r/Target.md': '',
    });
    const dest = (link: string, from: string) => double.metadataCache.getFirstLinkpathDest(link, from)?.path ?? null;

    it('prefers the exact vault path, with or without .md', () => {
      expect(dest('a/Note', 'z/s.md')).toBe('a/Note.md');
      expect(dest('Note', 'a/b/s.md')).toBe('Note.md'); // the exact root path beats the closer one
    });

    it('matches the basename case-insensitively, closest folder first', () => {
      expect(dest('only', 'a/s.md')).toBe('x/y/Only.md');
      expect(dest('TARGET', 'q/Deep/s.md')).toBe('q/Deep/Target.md');
      expect(dest('target', 'r/s.md')).toBe('r/Target.md');
      expect(dest('target', 's.md')).toBe('r/Target.md'); // fewer folder steps from the root
    });

    it('matches partial paths, relative paths, other extensions and the empty link', () => {
      expect(dest('b/note', 'z/s.md')).toBe('a/b/Note.md');
      expect(dest('../Note', 'a/b/s.md')).toBe('a/Note.md');
      expect(dest('./Note', 'z/s.md')).toBe('z/Note.md');
      expect(dest('Img.png', 's.md')).toBe('x/Img.png');
      expect(dest('', 'a/Note.md')).toBe('a/Note.md');
      expect(dest('Img', 's.md')).toBeNull();
    });
  });

  describe('metadata computed from text', () => {
    it('gives 0-based positions, frontmatter, links and skips fenced code', () => {
      const text = '---\na: 1\n---\n# One ##\nSee [[T#h|alias]] and ![[pic.png]] and [m](M%20d.md).\n```\n# not\n[[nope]]\n```\n## Two\n';
      const c = computeMetadata(text);
      expect(c.frontmatter).toEqual({ a: 1 });
      expect(c.frontmatterPosition).toEqual({ start: { line: 0, col: 0, offset: 0 }, end: { line: 2, col: 3, offset: 12 } });
      expect(c.headings?.map((h) => [h.heading, h.level, h.position.start.line, h.position.start.offset])).toEqual([
        ['One', 1, 3, 13],
        ['Two', 2, 9, text.indexOf('## Two')],
      ]);
      expect(c.links?.map((l) => [l.link, l.displayText, l.original])).toEqual([
        ['T#h', 'alias', '[[T#h|alias]]'],
        ['M d.md', 'm', '[m](M%20d.md)'],
      ]);
      expect(c.embeds?.map((l) => l.link)).toEqual(['pic.png']);
      expect(c.sections?.map((s) => s.type)).toEqual(['yaml', 'heading', 'paragraph', 'code', 'heading']);
    });

    it('keeps the position but drops frontmatter that does not parse', () => {
      const c = computeMetadata('---\na: [1\n---\nx\n');
      expect(c.frontmatter).toBeUndefined();
      expect(c.frontmatterPosition?.end.line).toBe(2);
    });

    it('updates after a write only once indexing has run, then fires changed and resolved', async () => {
      const { double } = buildApp({ 'n.md': '# Old' });
      const file = double.vault.getFileByPath('n.md')!;
      const events: string[] = [];
      double.metadataCache.on('changed', () => events.push('changed'));
      double.metadataCache.on('resolved', () => events.push('resolved'));
      await double.vault.modify(file, '# New [[n]]');
      expect(double.metadataCache.getFileCache(file)?.headings?.[0]?.heading).toBe('Old');
      expect(double.metadataCache.resolved).toBe(false);
      await double.metadataCache.settle();
      expect(double.metadataCache.getFileCache(file)?.headings?.[0]?.heading).toBe('New [[n]]');
      expect(events).toEqual(['changed', 'resolved']);
      expect(double.metadataCache.resolvedLinks['n.md']).toEqual({ 'n.md': 1 });
    });
  });

  describe('processFrontMatter', () => {
    it('adds a block to a note without one and keeps CRLF bodies untouched', async () => {
      const { double } = buildApp({ 'a.md': 'body\r\n', 'b.md': '---\r\nk: v\r\n---\r\nline\r\n' });
      await double.fileManager.processFrontMatter(double.vault.getFileByPath('a.md')!, (fm) => (fm.x = 1));
      await double.fileManager.processFrontMatter(double.vault.getFileByPath('b.md')!, (fm) => (fm.k = 'w'));
      expect(double.vault.peek('a.md')).toBe('---\nx: 1\n---\nbody\r\n');
      expect(double.vault.peek('b.md')).toBe('---\nk: w\n---\r\nline\r\n');
    });

    it('throws a YAMLParseError with a 1-based line for broken YAML and writes nothing', async () => {
      const { double } = buildApp({ 'b.md': '---\nok: 1\nbad: [1\nnext: 2\n---\n' });
      const p = double.fileManager.processFrontMatter(double.vault.getFileByPath('b.md')!, () => undefined);
      await expect(p).rejects.toMatchObject({ name: 'YAMLParseError', linePos: expect.arrayContaining([{ line: 3, col: 2 }]) });
      expect(double.vault.writes.filter(([op]) => op !== 'create')).toEqual([]);
    });

    it('leaves a note without frontmatter alone when fn adds nothing', async () => {
      const { double } = buildApp({ 'a.md': 'x' });
      await double.fileManager.processFrontMatter(double.vault.getFileByPath('a.md')!, () => undefined);
      expect(double.vault.peek('a.md')).toBe('x');
    });
  });

  describe('vault', () => {
    it('throws like the app on existing files and folders', async () => {
      const { double } = buildApp({ 'A/n.md': '' });
      await expect(double.vault.create('A/n.md', '')).rejects.toThrow('File already exists.');
      await expect(double.vault.createFolder('A')).rejects.toThrow('Folder already exists.');
      await expect(double.vault.create('Missing/n.md', '')).rejects.toThrow(/ENOENT/);
    });

    it('keeps parent, children and names consistent through a folder rename', async () => {
      const { double } = buildApp({ 'A/B/n.md': 'x' });
      const seen: Array<[string, string]> = [];
      double.vault.on('rename', (f: { path: string }, old: string) => seen.push([f.path, old]));
      await double.vault.rename(double.vault.getFolderByPath('A')!, 'C');
      const file = double.vault.getFileByPath('C/B/n.md')!;
      expect([file.name, file.basename, file.extension, file.parent?.path]).toEqual(['n.md', 'n', 'md', 'C/B']);
      expect(double.vault.getRoot().children.map((c) => c.path)).toEqual(['C']);
      expect(double.vault.peek('C/B/n.md')).toBe('x');
      expect(seen).toEqual([['C', 'A']]);
    });
  });

  describe('plugin lifecycle', () => {
    class TestPlugin extends Plugin {
      async onload(): Promise<void> {
        this.addCommand({ id: 'do-it', name: 'Do it', checkCallback: (checking) => checking || undefined });
        this.addRibbonIcon('dice', 'Roll', () => undefined);
        this.addStatusBarItem().setText('ready');
        this.registerView('wp-view', () => ({}));
        this.registerEvent(this.app.vault.on('modify', () => undefined));
        this.registerInterval(setInterval(() => undefined, 1000) as unknown as number);
      }
    }

    it('records what onload adds and unload removes all of it', async () => {
      const { double } = buildApp();
      const plugin = new TestPlugin(double);
      await double.enablePlugin(plugin);
      expect(plugin.leftovers()).toHaveLength(6);
      expect(double.commands.execute('workstream-planner:do-it', double)).toBe(true);
      const before = buildApp().double.vault.listenerCount('modify'); // the app's own (metadata cache, open views)
      expect(double.vault.listenerCount('modify')).toBe(before + 1);
      plugin.unload();
      expect(plugin.leftovers()).toEqual([]);
      expect(double.commands.commands.size).toBe(0);
      expect(double.workspace.viewCreators.size).toBe(0);
      expect(double.vault.listenerCount('modify')).toBe(before);
    });

    it('round-trips plugin data as a copy', async () => {
      const { double } = buildApp();
      const plugin = new TestPlugin(double);
      const data = { a: [1] };
      await plugin.saveData(data);
      data.a.push(2);
      expect(await plugin.loadData()).toEqual({ a: [1] });
    });
  });

  describe('UI records', () => {
    it('records notices and setting rows', () => {
      Notice.reset();
      new Notice('Saved', 2000).setMessage('Saved plan');
      expect(Notice.shown).toEqual([expect.objectContaining({ message: 'Saved plan', duration: 2000, hidden: false })]);
      const values: string[] = [];
      const s = new Setting(makeEl())
        .setName('Model')
        .addText((t) => t.setValue('a').onChange((v) => values.push(v)));
      (s.components[0] as unknown as { simulate(v: string): void }).simulate('b');
      expect([s.name, values]).toEqual(['Model', ['b']]);
    });

    it('validates secret ids and answers requestUrl through the seam only', async () => {
      const { double } = buildApp();
      expect(() => double.secretStorage.setSecret('Bad Id', 'x')).toThrow();
      double.secretStorage.setSecret('anthropic-key', 'sk');
      expect([double.secretStorage.getSecret('anthropic-key'), double.secretStorage.getSecret('none')]).toEqual(['sk', null]);
      setRequestUrlHandler(null);
      await expect(requestUrl('https://example.invalid')).rejects.toThrow(/no handler/);
      setRequestUrlHandler(() => ({ status: 429, json: { error: 'slow down' } }));
      await expect(requestUrl({ url: 'u' })).rejects.toMatchObject({ status: 429 });
      expect((await requestUrl({ url: 'u', throw: false })).json).toEqual({ error: 'slow down' });
      setRequestUrlHandler(null);
    });
  });
});
