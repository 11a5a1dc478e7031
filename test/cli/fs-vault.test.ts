import fc from 'fast-check';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { tempVault, type FileTree, type TempVault } from '../support/temp-vault';

const tempVaultFor = (tree: FileTree): TempVault => tempVault(tree);

let tv: TempVault | null = null;
const open = (tree: FileTree): TempVault => (tv = tempVault(tree));
afterEach(() => {
  tv?.cleanup();
  tv = null;
});

describe('FsVault listing and stat', () => {
  it('lists markdown notes sorted, skipping dot-folders and node_modules', async () => {
    const { vault } = open({
      'b.md': '',
      'a/z.md': '',
      'a/y.MD': '',
      'a/img.png': 'x',
      '.obsidian/app.md': '',
      '.trash/old.md': '',
      '.backup/x.md': '',
      'node_modules/pkg/readme.md': '',
      'c/.hidden/n.md': '',
    });
    expect(await vault.listMarkdown()).toEqual(['a/y.MD', 'a/z.md', 'b.md']);
  });

  it('stats files, folders and missing paths', async () => {
    const { vault } = open({ 'a/n.md': 'hello', 'empty/': '' });
    expect(await vault.stat('a/n.md')).toEqual({ kind: 'file', size: 5 });
    expect(await vault.stat('a')).toEqual({ kind: 'folder' });
    expect(await vault.stat('empty')).toEqual({ kind: 'folder' });
    expect(await vault.stat('nope.md')).toEqual({ kind: 'missing' });
    expect(await vault.exists('a/n.md')).toBe(true);
    expect(await vault.exists('nope.md')).toBe(false);
    expect(await vault.stat('../outside.md')).toEqual({ kind: 'missing' });
  });
});

describe('FsVault.read', () => {
  it('reads UTF-8 text and strips a BOM', async () => {
    const { vault } = open({ 'n.md': 'héllo\n', 'bom.md': '\uFEFF---\na: 1\n---\nx' });
    expect(await vault.read('n.md')).toEqual({ ok: true, value: 'héllo\n' });
    expect(await vault.read('bom.md')).toEqual({ ok: true, value: '---\na: 1\n---\nx' });
  });

  it('reports missing, folder, binary and non-UTF-8 notes as values', async () => {
    const latin1 = Buffer.from('line one\nline two\ncaf\xe9\n', 'latin1');
    const { vault } = open({
      'dir/n.md': 'x',
      'bin.md': Buffer.from([0x50, 0x4e, 0x47, 0x00, 0x01]),
      'latin.md': latin1,
      'trunc.md': Buffer.from([0x61, 0x0a, 0xe2, 0x82]),
      'overlong.md': Buffer.from([0x0a, 0x0a, 0xc0, 0xaf]),
    });
    expect(await vault.read('nope.md')).toEqual({ ok: false, error: { kind: 'missing', file: 'nope.md' } });
    expect(await vault.read('dir')).toEqual({ ok: false, error: { kind: 'is-folder', file: 'dir' } });
    expect(await vault.read('bin.md')).toEqual({ ok: false, error: { kind: 'binary', file: 'bin.md' } });
    expect(await vault.read('latin.md')).toEqual({ ok: false, error: { kind: 'not-utf8', file: 'latin.md', line: 3 } });
    expect(await vault.read('trunc.md')).toEqual({ ok: false, error: { kind: 'not-utf8', file: 'trunc.md', line: 2 } });
    expect(await vault.read('overlong.md')).toEqual({ ok: false, error: { kind: 'not-utf8', file: 'overlong.md', line: 3 } });
  });

  it('only sniffs the first 8 KB for NUL bytes', async () => {
    const late = Buffer.concat([Buffer.from('a'.repeat(9000)), Buffer.from([0])]);
    const { vault } = open({ 'late.md': late });
    const r = await vault.read('late.md');
    expect(r.ok && r.value.length).toBe(9001);
  });
});

describe('FsVault.meta', () => {
  it('parses frontmatter and headings', async () => {
    const { vault } = open({ 'n.md': '---\ntitle: A\ntags: [prd]\ncreated: 2024-05-01\n---\n# One\n## Two\n' });
    expect(await vault.meta('n.md')).toEqual({
      frontmatter: { title: 'A', tags: ['prd'], created: '2024-05-01' },
      frontmatterError: null,
      bodyStartLine: 6,
      headings: [
        { text: 'One', level: 1, line: 6 },
        { text: 'Two', level: 2, line: 7 },
      ],
    });
  });

  it('reports a YAML error at its line in the note', async () => {
    const { vault } = open({ 'bad.md': '---\ntitle: ok\nlist: [a, b\nnext: 1\n---\n# Body\n' });
    const meta = await vault.meta('bad.md');
    expect(meta.frontmatter).toBeNull();
    // The list opens on line 3 and is never closed: that is where the problem starts.
    expect(meta.frontmatterError?.line).toBe(3);
    expect(meta.frontmatterError?.detail).toMatch(/\w/);
    expect(meta.headings).toEqual([{ text: 'Body', level: 1, line: 6 }]);
  });

  it('blames the line of an unclosed flow list, not the line where js-yaml noticed it', async () => {
    const { vault } = open({ 'n.md': '---\ntags: [meso-level-plan\nstatus: : :\n---\nbody\n' });
    expect((await vault.meta('n.md')).frontmatterError).toEqual({ line: 2, detail: expect.any(String) });
  });

  it("keeps js-yaml's line when nothing was left open", async () => {
    const { vault } = open({ 'n.md': '---\ntags: [meso-level-plan]\nstatus: : :\n---\nbody\n' });
    expect((await vault.meta('n.md')).frontmatterError).toEqual({ line: 3, detail: expect.any(String) });
  });

  it('points at the exact line of a bad indentation', async () => {
    const { vault } = open({ 'bad.md': '---\na: 1\nb: 2\n  c: 3\n---\n' });
    const meta = await vault.meta('bad.md');
    expect(meta.frontmatterError).toEqual({ line: 4, detail: expect.stringMatching(/mapping/) });
  });

  it('counts scalar and list frontmatter as errors, empty frontmatter as none', async () => {
    const { vault } = open({ 's.md': '---\njust text\n---\nx', 'l.md': '---\n- a\n---\n', 'e.md': '---\n---\nx', 'c.md': '---\n# only a comment\n---\n' });
    expect((await vault.meta('s.md')).frontmatterError).toEqual({ line: 2, detail: expect.stringMatching(/string/) });
    expect((await vault.meta('l.md')).frontmatterError).toEqual({ line: 2, detail: expect.stringMatching(/list/) });
    expect(await vault.meta('e.md')).toMatchObject({ frontmatter: {}, frontmatterError: null, bodyStartLine: 3 });
    expect(await vault.meta('c.md')).toMatchObject({ frontmatter: {}, frontmatterError: null });
  });

  it('never evaluates a ---js block', async () => {
    const { vault } = open({ 'js.md': '---js\n{ a: process.exit(1) }\n---\n' });
    expect(await vault.meta('js.md')).toMatchObject({ frontmatter: null, frontmatterError: null, bodyStartLine: 1 });
  });

  it('gives an empty meta for a missing note', async () => {
    const { vault } = open({});
    expect(await vault.meta('none.md')).toEqual({ frontmatter: null, frontmatterError: null, bodyStartLine: 1, headings: [] });
  });
});

describe('FsVault.resolveLink', () => {
  it('resolves as Obsidian does and sees notes created later', async () => {
    const { vault } = open({ 'a/Plan.md': '', 'b/Plan.md': '', 'Home.md': '' });
    expect(await vault.resolveLink('Plan', 'b/x.md')).toBe('b/Plan.md');
    expect(await vault.resolveLink('home', 'a/Plan.md')).toBe('Home.md');
    expect(await vault.resolveLink('New', 'Home.md')).toBeNull();
    expect((await vault.create('c/New.md', 'x')).ok).toBe(true);
    expect(await vault.resolveLink('New', 'Home.md')).toBe('c/New.md');
  });
});

describe('FsVault writes', () => {
  it('creates a note and its folders, and refuses when something is there', async () => {
    const { vault, dir } = open({ 'x.md': 'old', 'f/': '' });
    expect(await vault.create('deep/er/n.md', 'hi')).toEqual({ ok: true, value: undefined });
    expect(readFileSync(path.join(dir, 'deep/er/n.md'), 'utf8')).toBe('hi');
    expect(await vault.create('x.md', 'new')).toEqual({ ok: false, error: { kind: 'exists', file: 'x.md' } });
    expect(readFileSync(path.join(dir, 'x.md'), 'utf8')).toBe('old');
    expect(await vault.create('f', 'new')).toEqual({ ok: false, error: { kind: 'exists', file: 'f' } });
  });

  it('creates folders, and a folder that exists is fine', async () => {
    const { vault, dir } = open({ 'f/': '' });
    expect((await vault.createFolder('f')).ok).toBe(true);
    expect((await vault.createFolder('g/h')).ok).toBe(true);
    expect(existsSync(path.join(dir, 'g/h'))).toBe(true);
  });

  it('appends to a note, and refuses a missing one', async () => {
    const { vault, dir } = open({ 'n.md': 'a' });
    expect((await vault.append('n.md', 'b\n')).ok).toBe(true);
    expect(readFileSync(path.join(dir, 'n.md'), 'utf8')).toBe('ab\n');
    expect(await vault.append('none.md', 'x')).toEqual({ ok: false, error: { kind: 'missing', file: 'none.md' } });
    expect(existsSync(path.join(dir, 'none.md'))).toBe(false);
  });

  it('replaces a note through a temporary file in the same folder', async () => {
    const { vault, dir } = open({ 'f/n.md': 'old' });
    expect((await vault.replace('f/n.md', 'new text')).ok).toBe(true);
    expect(readFileSync(path.join(dir, 'f/n.md'), 'utf8')).toBe('new text');
    expect(readdirSync(path.join(dir, 'f'))).toEqual(['n.md']);
    expect(await vault.replace('f/none.md', 'x')).toEqual({ ok: false, error: { kind: 'missing', file: 'f/none.md' } });
  });

  it('refuses paths that leave the vault, naming them', async () => {
    const { vault } = open({});
    for (const bad of ['../escape.md', 'a/../../escape.md', '/etc/passwd', '']) {
      for (const r of [await vault.create(bad, 'x'), await vault.append(bad, 'x'), await vault.replace(bad, 'x'), await vault.createFolder(bad)]) {
        expect(r).toEqual({ ok: false, error: { kind: 'io', file: bad, detail: expect.stringContaining(`"${bad}"`) } });
      }
    }
  });
});

describe('FsVault.processFrontmatter', () => {
  it('changes the frontmatter and keeps the body byte for byte', async () => {
    const body = '# Title\n\n  odd   spacing\t\n\n---\nnot: frontmatter\n---\nend without newline';
    const { vault, dir } = open({ 'n.md': `---\ntitle: A\ncount: 1\n---\n${body}` });
    const r = await vault.processFrontmatter('n.md', (fm) => {
      fm['count'] = 2;
      fm['status'] = 'done';
    });
    expect(r.ok).toBe(true);
    expect(readFileSync(path.join(dir, 'n.md'), 'utf8')).toBe(`---\ntitle: A\ncount: 2\nstatus: done\n---\n${body}`);
    expect((await vault.meta('n.md')).frontmatter).toEqual({ title: 'A', count: 2, status: 'done' });
  });

  it('adds a frontmatter block on top of a note without one', async () => {
    const { vault, dir } = open({ 'n.md': '# Only body\n' });
    expect((await vault.processFrontmatter('n.md', (fm) => void (fm['a'] = 'b'))).ok).toBe(true);
    expect(readFileSync(path.join(dir, 'n.md'), 'utf8')).toBe('---\na: b\n---\n# Only body\n');
  });

  it('keeps CRLF line endings and drops keys set to undefined', async () => {
    const { vault, dir } = open({ 'n.md': '---\r\na: 1\r\nb: 2\r\n---\r\nbody\r\n' });
    expect((await vault.processFrontmatter('n.md', (fm) => void (fm['b'] = undefined))).ok).toBe(true);
    expect(readFileSync(path.join(dir, 'n.md'), 'utf8')).toBe('---\r\na: 1\r\n---\r\nbody\r\n');
  });

  it('refuses when the frontmatter does not parse, and leaves the note alone', async () => {
    const text = '---\na: 1\n  b: 2\n---\nbody';
    const { vault, dir } = open({ 'n.md': text });
    const called = jest.fn();
    expect(await vault.processFrontmatter('n.md', called)).toEqual({
      ok: false,
      error: { kind: 'bad-frontmatter', file: 'n.md', line: 3, detail: expect.any(String) },
    });
    expect(called).not.toHaveBeenCalled();
    expect(readFileSync(path.join(dir, 'n.md'), 'utf8')).toBe(text);
  });

  it('refuses a missing note', async () => {
    const { vault } = open({});
    expect(await vault.processFrontmatter('none.md', () => undefined)).toEqual({ ok: false, error: { kind: 'missing', file: 'none.md' } });
  });
});

const LINK = '[[Planning/W1-micro-level-plan]]';
const read = (dir: string, rel = 'n.md'): string => readFileSync(path.join(dir, rel), 'utf8');
const addLink = (link: string) => (fm: Record<string, unknown>): void => {
  const list = Array.isArray(fm['workstream_plans']) ? (fm['workstream_plans'] as unknown[]) : [];
  if (!list.includes(link)) list.push(link);
  fm['workstream_plans'] = list;
};

describe('FsVault.processFrontmatter edits minimally', () => {
  const MESO =
    '---\naliases: ["Harbor meso plan"]\ntags: "#meso-level-plan #architecture"\ncategories: [meso-level-plan]\n' +
    '# the plans this meso plan spawned\nworkstream_plans:\n  - "[[Planning/W0-micro-level-plan]]"\n\nstatus: draft\n---\n# Harbor\n\nBody line\n';

  it('adds one item to workstream_plans and leaves every other line as written', async () => {
    const { vault, dir } = open({ 'n.md': MESO });
    expect(await vault.processFrontmatter('n.md', addLink(LINK))).toEqual({ ok: true, value: undefined });
    expect(read(dir)).toBe(MESO.replace('W0-micro-level-plan]]"\n', `W0-micro-level-plan]]"\n  - "${LINK}"\n`));
  });

  it('is idempotent: the same link added twice leaves the bytes alone', async () => {
    const { vault, dir } = open({ 'n.md': MESO });
    await vault.processFrontmatter('n.md', addLink(LINK));
    const once = read(dir);
    expect(await vault.processFrontmatter('n.md', addLink(LINK))).toEqual({ ok: true, value: undefined });
    expect(read(dir)).toBe(once);
    // A function that changes nothing writes nothing, not even an empty frontmatter.
    const { vault: v2, dir: d2 } = (tv = (tv?.cleanup(), tempVaultFor({ 'n.md': '# no fm\n' })));
    expect((await v2.processFrontmatter('n.md', () => undefined)).ok).toBe(true);
    expect(read(d2)).toBe('# no fm\n');
  });

  it('keeps a CRLF note CRLF, old lines and new', async () => {
    const text = '---\r\ntitle: "A"\r\nworkstream_plans: [x]\r\nother:\r\n  - y\r\n---\r\nbody\r\nmore\r\n';
    const { vault, dir } = open({ 'n.md': text });
    expect((await vault.processFrontmatter('n.md', (fm) => {
      addLink(LINK)(fm);
      (fm['other'] as string[]).push('z');
      fm['added'] = ['q'];
    })).ok).toBe(true);
    expect(read(dir)).toBe(
      `---\r\ntitle: "A"\r\nworkstream_plans: [x, "${LINK}"]\r\nother:\r\n  - y\r\n  - z\r\nadded:\r\n  - q\r\n---\r\nbody\r\nmore\r\n`,
    );
  });

  it('creates a frontmatter when a key is added to a note without one (CRLF too)', async () => {
    const { vault, dir } = open({ 'n.md': '# Title\n\ntext', 'c.md': '# T\r\nx\r\n' });
    expect((await vault.processFrontmatter('n.md', addLink(LINK))).ok).toBe(true);
    expect(read(dir)).toBe(`---\nworkstream_plans:\n  - "${LINK}"\n---\n# Title\n\ntext`);
    expect((await vault.processFrontmatter('c.md', (fm) => void (fm['a'] = 1))).ok).toBe(true);
    expect(read(dir, 'c.md')).toBe('---\r\na: 1\r\n---\r\n# T\r\nx\r\n');
  });

  it('deletes a key with its lines only', async () => {
    const text = '---\na: [1, 2]\n# keep me\nb:\n  - x\n  - z\nc: "q"\n---\nbody';
    const { vault, dir } = open({ 'n.md': text });
    expect((await vault.processFrontmatter('n.md', (fm) => void delete fm['b'])).ok).toBe(true);
    expect(read(dir)).toBe('---\na: [1, 2]\n# keep me\nc: "q"\n---\nbody');
  });

  it('keeps the closing fence as written, with or without a line ending after it', async () => {
    const { vault, dir } = open({ 'n.md': '---\na: 1\n---', 'e.md': '---\n---\nbody' });
    expect((await vault.processFrontmatter('n.md', (fm) => void (fm['b'] = 2))).ok).toBe(true);
    expect(read(dir)).toBe('---\na: 1\nb: 2\n---');
    expect((await vault.processFrontmatter('e.md', (fm) => void (fm['b'] = 2))).ok).toBe(true);
    expect(read(dir, 'e.md')).toBe('---\nb: 2\n---\nbody');
  });

  it('refuses broken YAML and leaves the note untouched', async () => {
    const text = '---\ntags: [meso-level-plan\nstatus: : :\n---\nbody\n';
    const { vault, dir } = open({ 'n.md': text });
    const fn = jest.fn();
    expect(await vault.processFrontmatter('n.md', fn)).toEqual({
      ok: false,
      error: { kind: 'bad-frontmatter', file: 'n.md', line: 2, detail: expect.any(String) },
    });
    expect(fn).not.toHaveBeenCalled();
    expect(read(dir)).toBe(text);
  });

  it('property: appending to a list key changes only its block, the body stays byte for byte', async () => {
    const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,7}$/).filter((w) => !/^(y|n|yes|no|on|off|true|false|null)$/.test(w));
    const text = fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));
    const list = fc.array(word, { minLength: 0, maxLength: 3 });
    const value = fc.oneof(
      text.map((t) => ` ${t}`),
      text.map((t) => ` "#${t}"`),
      text.map((t) => ` '${t}'`),
      list.map((l) => ` [${l.join(', ')}]`),
      list.map((l) => ` ["${l.join('", "')}"]`),
      fc.nat(999).map((n) => ` ${n}`),
      fc.array(word, { minLength: 1, maxLength: 3 }).map((l) => `\n${l.map((w) => `  - ${w}\n`).join('').replace(/\n$/, '')}`),
      fc.array(word, { minLength: 1, maxLength: 3 }).map((l) => `\n${l.map((w) => `- "${w}"\n`).join('').replace(/\n$/, '')}`),
    );
    const comment = fc.option(fc.constantFrom(' # note', '  # why'), { nil: '' });
    const trivia = fc.constantFrom('', '\n', '# comment\n', '\n# spaced\n\n');
    const target = fc.oneof(
      list.map((l) => ` [${l.join(', ')}]`),
      list.map((l) => ` [${l.map((w) => `"[[${w}]]"`).join(',')}]`),
      fc.array(word, { minLength: 1, maxLength: 3 }).map((l) => `\n${l.map((w) => `  - "[[${w}]]"\n`).join('').replace(/\n$/, '')}`),
      fc.array(word, { minLength: 1, maxLength: 3 }).map((l) => `\n${l.map((w) => `- ${w}\n`).join('').replace(/\n$/, '')}`),
    );
    const keys = fc.uniqueArray(word.map((w) => `k_${w}`), { minLength: 1, maxLength: 5 });
    const body = fc.oneof(fc.constant(''), fc.string({ maxLength: 40 }), fc.constant('# Heading\r\n\n---\nx: 1\n---\n'));
    const t = (tv = tempVaultFor({}));
    await fc.assert(
      fc.asyncProperty(
        keys,
        fc.array(fc.tuple(value, comment, trivia), { minLength: 5, maxLength: 5 }),
        fc.nat(5),
        target,
        trivia,
        body,
        fc.constantFrom('\n', '\r\n'),
        async (ks, styles, at, targetValue, lastTrivia, noteBody, eol) => {
          const blocks = ks.map((k, i) => {
            const [v, c, tr] = styles[i]!;
            const line = v.startsWith('\n') ? `${k}:${v}\n` : `${k}:${v}${c}\n`;
            return line + tr;
          });
          const pos = Math.min(at, blocks.length);
          const before = blocks.slice(0, pos).join('');
          const targetBlock = `workstream_plans:${targetValue}\n`;
          const after = blocks.slice(pos).join('') + lastTrivia;
          const crlf = (s: string): string => s.replace(/\r?\n/g, eol);
          const note = crlf(`---\n${before}${targetBlock}${after}---\n`) + noteBody;
          writeFileSync(path.join(t.dir, 'p.md'), note);
          const was = await t.vault.meta('p.md');
          expect(was.frontmatterError).toBeNull();
          const r = await t.vault.processFrontmatter('p.md', addLink(LINK));
          expect(r.ok).toBe(true);
          const out = read(t.dir, 'p.md');
          const head = crlf(`---\n${before}`);
          const tail = crlf(`${after}---\n`) + noteBody;
          expect(out.startsWith(head)).toBe(true);
          expect(out.endsWith(tail)).toBe(true);
          const newBlock = out.slice(head.length, out.length - tail.length);
          expect(newBlock.includes(`"${LINK}"`)).toBe(true);
          if (eol === '\r\n') expect(newBlock.replace(/\r\n/g, '')).not.toMatch(/\n/);
          const old = was.frontmatter!;
          expect((await t.vault.meta('p.md')).frontmatter).toEqual({
            ...old,
            workstream_plans: [...(old['workstream_plans'] as unknown[]), LINK],
          });
          // Idempotent: the same link again changes no byte.
          await t.vault.processFrontmatter('p.md', addLink(LINK));
          expect(read(t.dir, 'p.md')).toBe(out);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('FsVault over a fixture folder', () => {
  it('copies a fixture and reads it', async () => {
    const t = (tv = tempVault('discovery-default-paths'));
    expect(await t.vault.listMarkdown()).toContain('research/project-planning/PRD.md');
    mkdirSync(path.join(t.dir, 'extra'));
    writeFileSync(path.join(t.dir, 'extra/n.md'), 'x');
    // The listing is cached until the vault itself writes.
    expect(await t.vault.listMarkdown()).not.toContain('extra/n.md');
    await t.vault.create('extra/m.md', 'y');
    expect(await t.vault.listMarkdown()).toEqual(expect.arrayContaining(['extra/n.md', 'extra/m.md']));
  });
});
