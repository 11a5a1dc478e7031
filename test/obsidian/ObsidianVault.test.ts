import { ObsidianVault, metaFrom, waitForMetadataResolved } from '../../src/obsidian/ObsidianVault';
import { buildApp, loadMetadataFixture, readMetadataFixture } from '../support/obsidian-app';
import { backupNote } from '../../src/core/writer/write-note';
import { DEFAULT_SETTINGS } from '../../src/core/contracts/settings';

const PLAN = '---\nkind: plan\ntags:\n  - a\n---\n# Plan\n\nBody with trailing spaces   \n\n\n## Steps\n';

describe('ObsidianVault', () => {
  describe('listing and stat', () => {
    it('lists markdown notes sorted, without dot-folders or other files', async () => {
      const { app } = buildApp({ 'b.md': '', 'A/a.md': '', '.trash/old.md': '', 'img.png': 'x', '.obsidian/app.json': '{}' });
      expect(await new ObsidianVault(app).listMarkdown()).toEqual(['A/a.md', 'b.md']);
    });

    it('stats files by size in bytes, folders and missing paths', async () => {
      const { app } = buildApp({ 'A/é.md': 'é' });
      const v = new ObsidianVault(app);
      expect(await v.stat('A/é.md')).toEqual({ kind: 'file', size: 2 });
      expect(await v.stat('A/')).toEqual({ kind: 'folder' });
      expect(await v.stat('B')).toEqual({ kind: 'missing' });
      expect(await v.exists('//A//é.md')).toBe(true);
      expect(await v.exists('nope.md')).toBe(false);
    });
  });

  describe('read', () => {
    it('reads text and reports missing, folder, binary and bad UTF-8', async () => {
      const { app } = buildApp({ 'n.md': 'hello', 'A/x.md': '', 'bin.md': 'a\u0000b', 'bad.md': 'ok\nbad \uFFFD' });
      const v = new ObsidianVault(app);
      expect(await v.read('n.md')).toEqual({ ok: true, value: 'hello' });
      expect(await v.read('m.md')).toEqual({ ok: false, error: { kind: 'missing', file: 'm.md' } });
      expect(await v.read('A')).toEqual({ ok: false, error: { kind: 'is-folder', file: 'A' } });
      expect(await v.read('bin.md')).toEqual({ ok: false, error: { kind: 'binary', file: 'bin.md' } });
      expect(await v.read('bad.md')).toEqual({ ok: false, error: { kind: 'not-utf8', file: 'bad.md', line: 2 } });
    });
  });

  describe('meta', () => {
    it('converts the hand-written cache: 0-based lines become 1-based, closing hashes go', async () => {
      const { app, double } = buildApp();
      const fixture = loadMetadataFixture(double, 'Plans/W1.md', 'headings-after-frontmatter');
      await double.metadataCache.settle();
      const meta = await new ObsidianVault(app).meta('Plans/W1.md');
      expect(meta.headings).toEqual([
        { text: 'Plan for W1', level: 1, line: 5 },
        { text: '1. Scope', level: 2, line: 7 },
        { text: 'Detail section', level: 2, line: 10 }, // setext: only the cache knows it
        { text: '1.1 Steps', level: 3, line: 13 },
      ]);
      expect(meta.frontmatter).toEqual(fixture.cache.frontmatter);
      expect(meta.frontmatterError).toBeNull();
      expect(meta.bodyStartLine).toBe(5);
    });

    it('reports broken frontmatter at line 1 when the cache has none', async () => {
      const { app, double } = buildApp();
      loadMetadataFixture(double, 'b.md', 'broken-frontmatter');
      await double.metadataCache.settle();
      const meta = await new ObsidianVault(app).meta('b.md');
      expect(meta.frontmatter).toBeNull();
      expect(meta.frontmatterError).toEqual({ line: 1, detail: expect.stringContaining('does not say where') });
      expect(meta.bodyStartLine).toBe(5);
      expect(meta.headings).toEqual([{ text: 'Plan', level: 1, line: 5 }]);
    });

    it('treats an empty block as empty frontmatter, not an error', () => {
      const { text, cache } = readMetadataFixture('empty-frontmatter');
      expect(metaFrom(text, cache)).toEqual({ frontmatter: {}, frontmatterError: null, bodyStartLine: 3, headings: [{ text: 'Title', level: 1, line: 3 }] });
    });

    it('treats an unclosed opening --- as broken frontmatter', () => {
      expect(metaFrom('---\na: 1\n# T\n', {}).frontmatterError?.line).toBe(1);
    });

    it('gives an empty meta for a note without frontmatter or for a missing note', async () => {
      const { app } = buildApp({ 'n.md': 'text\n# H\n' });
      const v = new ObsidianVault(app);
      expect(await v.meta('n.md')).toEqual({ frontmatter: null, frontmatterError: null, bodyStartLine: 1, headings: [{ text: 'H', level: 1, line: 2 }] });
      expect((await v.meta('gone.md')).headings).toEqual([]);
    });

    it('waits for the cache after its own write instead of returning the stale one', async () => {
      const { app } = buildApp({ 'n.md': '# Old\n' });
      const v = new ObsidianVault(app);
      await v.replace('n.md', '# New\n\n## Added\n');
      expect((await v.meta('n.md')).headings.map((h) => h.text)).toEqual(['New', 'Added']);
    });
  });

  describe('resolveLink', () => {
    const tree = {
      'Plans/W1.md': '',
      'Plans/Sub/Source.md': '',
      'Other/W1.md': '',
      'Plans/Sub/Near.md': '',
      'Far/Near.md': '',
      'Top.md': '',
    };

    it('resolves by basename, case-insensitively, and by path with or without .md', async () => {
      const v = new ObsidianVault(buildApp(tree).app);
      expect(await v.resolveLink('top', 'Plans/W1.md')).toBe('Top.md');
      expect(await v.resolveLink('Other/W1', 'Top.md')).toBe('Other/W1.md');
      expect(await v.resolveLink('Other/W1.md', 'Top.md')).toBe('Other/W1.md');
    });

    it('picks the ambiguous name closest to the source note', async () => {
      const v = new ObsidianVault(buildApp(tree).app);
      expect(await v.resolveLink('W1', 'Plans/Sub/Source.md')).toBe('Plans/W1.md');
      expect(await v.resolveLink('W1', 'Other/x.md')).toBe('Other/W1.md');
      expect(await v.resolveLink('Near', 'Plans/Sub/Source.md')).toBe('Plans/Sub/Near.md');
      expect(await v.resolveLink('Near', 'Far/x.md')).toBe('Far/Near.md');
    });

    it('strips a heading subpath and returns null for unknown notes', async () => {
      const v = new ObsidianVault(buildApp(tree).app);
      expect(await v.resolveLink('Top#Section', 'x.md')).toBe('Top.md');
      expect(await v.resolveLink('Missing', 'x.md')).toBeNull();
    });
  });

  describe('writes', () => {
    it('creates a note with its parent folders and refuses an existing path', async () => {
      const { app, double } = buildApp({ 'n.md': 'x' });
      const v = new ObsidianVault(app);
      expect(await v.create('A/B/new.md', 'text')).toEqual({ ok: true, value: undefined });
      expect(double.vault.peek('A/B/new.md')).toBe('text');
      expect(await v.create('n.md', 'y')).toEqual({ ok: false, error: { kind: 'exists', file: 'n.md' } });
      expect(double.vault.peek('n.md')).toBe('x');
    });

    it('creates folders idempotently and refuses when a file is in the way', async () => {
      const { app, double } = buildApp({ 'F.md': '' });
      const v = new ObsidianVault(app);
      expect((await v.createFolder('X/Y/Z')).ok).toBe(true);
      expect((await v.createFolder('X/Y/Z/')).ok).toBe(true);
      expect(double.vault.getFolderByPath('X/Y/Z')).not.toBeNull();
      expect(await v.createFolder('F.md/sub')).toEqual({ ok: false, error: { kind: 'exists', file: 'F.md' } });
    });

    it('appends through vault.append (only the new text), replaces through vault.process, and reports missing notes', async () => {
      const { app, double } = buildApp({ 'n.md': 'a' });
      const v = new ObsidianVault(app);
      await v.append('n.md', 'b');
      expect(double.vault.peek('n.md')).toBe('ab');
      await v.replace('n.md', 'c');
      expect(double.vault.peek('n.md')).toBe('c');
      expect(double.vault.writes.map(([op]) => op)).toEqual(['create', 'append', 'process']);
      expect(await v.append('m.md', 'x')).toEqual({ ok: false, error: { kind: 'missing', file: 'm.md' } });
    });
  });

  describe('processFrontmatter', () => {
    it('changes the frontmatter through processFrontMatter and keeps the body byte for byte', async () => {
      const { app, double } = buildApp({ 'p.md': PLAN });
      const spy = jest.spyOn(double.fileManager, 'processFrontMatter');
      const r = await new ObsidianVault(app).processFrontmatter('p.md', (fm) => {
        fm.status = 'done';
      });
      expect(r.ok).toBe(true);
      expect(spy).toHaveBeenCalledTimes(1);
      const text = double.vault.peek('p.md')!;
      expect(text).toBe('---\nkind: plan\ntags:\n  - a\nstatus: done\n---\n# Plan\n\nBody with trailing spaces   \n\n\n## Steps\n');
      expect(text.slice(text.indexOf('# Plan'))).toBe(PLAN.slice(PLAN.indexOf('# Plan')));
    });

    it('refuses broken YAML without writing', async () => {
      const { app, double } = buildApp({ 'b.md': '---\na: [1\nb: 2\n---\nbody\n' });
      const spy = jest.spyOn(double.fileManager, 'processFrontMatter');
      const r = await new ObsidianVault(app).processFrontmatter('b.md', (fm) => {
        fm.x = 1;
      });
      expect(r).toEqual({ ok: false, error: { kind: 'bad-frontmatter', file: 'b.md', line: 1, detail: expect.any(String) } });
      expect(spy).not.toHaveBeenCalled();
      expect(double.vault.peek('b.md')).toBe('---\na: [1\nb: 2\n---\nbody\n');
    });

    it('maps a YAMLParseError from the app to bad-frontmatter with the YAML line', async () => {
      const { app, double } = buildApp({ 'p.md': PLAN });
      jest.spyOn(double.fileManager, 'processFrontMatter').mockRejectedValue(
        Object.assign(new Error('bad indent'), { name: 'YAMLParseError', linePos: [{ line: 2, col: 1 }] }),
      );
      expect(await new ObsidianVault(app).processFrontmatter('p.md', () => undefined)).toEqual({
        ok: false,
        error: { kind: 'bad-frontmatter', file: 'p.md', line: 3, detail: 'bad indent' },
      });
    });

    it('rethrows what the callback throws and leaves the note alone', async () => {
      const { app, double } = buildApp({ 'p.md': PLAN });
      await expect(
        new ObsidianVault(app).processFrontmatter('p.md', () => {
          throw new Error('bug');
        }),
      ).rejects.toThrow('bug');
      expect(double.vault.peek('p.md')).toBe(PLAN);
    });

    it('reports a missing note', async () => {
      const { app } = buildApp();
      expect(await new ObsidianVault(app).processFrontmatter('x.md', () => undefined)).toEqual({ ok: false, error: { kind: 'missing', file: 'x.md' } });
    });
  });
});

describe('waitForMetadataResolved', () => {
  it('resolves at once when the cache is resolved', async () => {
    const { app, double } = buildApp({ 'a.md': '' });
    await waitForMetadataResolved(app);
    expect(double.metadataCache.listenerCount('resolved')).toBe(0);
  });

  it('waits for the resolved event and removes its listener', async () => {
    const { app, double } = buildApp({ 'a.md': '' }, { resolved: false });
    let done = false;
    const waiting = waitForMetadataResolved(app).then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    expect(double.metadataCache.listenerCount('resolved')).toBe(1);
    double.metadataCache.indexAll();
    await waiting;
    expect(done).toBe(true);
    expect(double.metadataCache.listenerCount('resolved')).toBe(0);
  });
});

describe('ObsidianVault and dot-folders (which the vault API does not see)', () => {
  it('keeps two backups made in the same second: the second gets -2 instead of replacing the first', async () => {
    const { app, double } = buildApp({ 'Planning/W2-micro-level-plan.md': 'first' });
    const vault = new ObsidianVault(app);
    const clock = { now: () => new Date(2026, 0, 2, 3, 4, 5) };
    const one = await backupNote(vault, DEFAULT_SETTINGS, 'Planning/W2-micro-level-plan.md', clock);
    await vault.replace('Planning/W2-micro-level-plan.md', 'second');
    const two = await backupNote(vault, DEFAULT_SETTINGS, 'Planning/W2-micro-level-plan.md', clock);
    expect(one.ok && two.ok).toBe(true);
    if (!one.ok || !two.ok) return;
    expect(two.value).toBe(one.value.replace(/\.md$/, '-2.md'));
    expect(await double.vault.adapter.read(one.value)).toBe('first');
    expect(await double.vault.adapter.read(two.value)).toBe('second');
  });

  it('stats, reads and checks dot-folder paths through the adapter', async () => {
    const { app } = buildApp({ 'Planning/.backup/old.md': 'kept' });
    const vault = new ObsidianVault(app);
    expect(await vault.exists('Planning/.backup/old.md')).toBe(true);
    expect(await vault.stat('Planning/.backup/old.md')).toEqual({ kind: 'file', size: 4 });
    expect(await vault.stat('Planning/.backup')).toEqual({ kind: 'folder' });
    expect(await vault.read('Planning/.backup/old.md')).toEqual({ ok: true, value: 'kept' });
    expect(await vault.create('Planning/.backup/old.md', 'x')).toEqual({ ok: false, error: { kind: 'exists', file: 'Planning/.backup/old.md' } });
  });
});
