import { DEFAULT_SETTINGS, DEFAULT_ROLE_PATHS, type Role, type Settings } from '../../../src/core/contracts/settings';
import type { PlanningSet } from '../../../src/core/contracts/planning-set';
import { discoverPlanningSet } from '../../../src/core/discovery/discover-planning-set';
import type { VaultPort } from '../../../src/core/vault/vault-port';
import { tempVault, type FileTree, type TempVault } from '../../support/temp-vault';

let tv: TempVault | null = null;
afterEach(() => {
  tv?.cleanup();
  tv = null;
});
const open = (source: string | FileTree): TempVault => (tv = tempVault(source));

function settingsWith(paths: Partial<Record<Role, string>> = {}, projectNote = ''): Settings {
  return { ...DEFAULT_SETTINGS, projectNote, paths: { ...DEFAULT_SETTINGS.paths, ...paths } };
}

async function discover(source: string | FileTree, settings = settingsWith(), opts: { project?: string } = {}) {
  return discoverPlanningSet(open(source).vault, settings, opts);
}

function expectSet(r: Awaited<ReturnType<typeof discover>>): PlanningSet {
  if (!r.ok) throw new Error(`expected a planning set, got ${JSON.stringify(r.error)}`);
  return r.value;
}

const found = (set: PlanningSet): Record<string, [string, string]> =>
  Object.fromEntries(Object.entries(set.notes).map(([role, n]) => [role, [n!.path, n!.foundBy]]));

/** The four required notes at the default paths. */
const DEFAULTS: FileTree = {
  [DEFAULT_ROLE_PATHS.prd]: '# PRD\n',
  [DEFAULT_ROLE_PATHS.macro]: '# Macro\n',
  [DEFAULT_ROLE_PATHS.meso]: '# Meso\n## W1\n',
  [DEFAULT_ROLE_PATHS.micro]: '# Micro\n',
};

describe('discoverPlanningSet: where each role comes from', () => {
  it('uses the default paths and the single project note', async () => {
    const set = expectSet(await discover('discovery-default-paths'));
    expect(set.project).toEqual({ path: '01-Projects/Tidewater.md', name: 'Tidewater' });
    expect(found(set)).toEqual({
      prd: [DEFAULT_ROLE_PATHS.prd, 'default-path'],
      macro: [DEFAULT_ROLE_PATHS.macro, 'default-path'],
      meso: [DEFAULT_ROLE_PATHS.meso, 'default-path'],
      micro: [DEFAULT_ROLE_PATHS.micro, 'default-path'],
      codeStandards: [DEFAULT_ROLE_PATHS.codeStandards, 'default-path'],
      pitfalls: [DEFAULT_ROLE_PATHS.pitfalls, 'default-path'],
    });
    expect(set.missing).toEqual([]);
    expect(set.warnings).toEqual([]);
    expect(set.notes.prd?.text).toBe('---\ntags: [prd]\n---\n# PRD\n\nThe product.\n');
    expect(set.notes.prd?.meta.frontmatter).toEqual({ tags: ['prd'] });
  });

  it('follows the project note links and tags, skipping retired notes', async () => {
    const set = expectSet(await discover('discovery-project-links'));
    expect(set.project?.path).toBe('01-Projects/Alpha.md');
    expect(found(set)).toEqual({
      prd: ['Notes/Alpha/Alpha PRD.md', 'project-link'],
      macro: ['Notes/Alpha/Alpha Macro.md', 'project-link'],
      meso: ['Notes/Alpha/Meso-Level Plan.md', 'project-link'],
      micro: ['Notes/Alpha/Alpha Micro.md', 'project-link'],
      pitfalls: ['Notes/Pitfalls.md', 'tag'],
    });
    expect(set.missing).toEqual(['codeStandards']);
    expect(set.warnings).toEqual([{ kind: 'optional-missing', message: expect.stringContaining('paths.codeStandards') }]);
  });

  it('uses configured paths first, even over a default note', async () => {
    const set = expectSet(
      await discover({ ...DEFAULTS, 'mine/My PRD.md': '# Mine\n' }, settingsWith({ prd: 'mine/My PRD.md' })),
    );
    expect(found(set)['prd']).toEqual(['mine/My PRD.md', 'configured']);
    expect(found(set)['macro']).toEqual([DEFAULT_ROLE_PATHS.macro, 'default-path']);
  });

  it('accepts a configured path without .md', async () => {
    const set = expectSet(await discover({ ...DEFAULTS, 'mine/P.md': '# P\n' }, settingsWith({ prd: 'mine/P' })));
    expect(found(set)['prd']).toEqual(['mine/P.md', 'configured']);
  });

  it('uses a configured note marked superseded, with a warning', async () => {
    const set = expectSet(
      await discover({ ...DEFAULTS, 'old/PRD v1.md': '---\nstatus: Superseded\n---\n# Old\n' }, settingsWith({ prd: 'old/PRD v1.md' })),
    );
    expect(found(set)['prd']).toEqual(['old/PRD v1.md', 'configured']);
    expect(set.warnings.filter((w) => w.kind !== 'optional-missing')).toEqual([
      expect.objectContaining({ kind: 'marked-superseded', file: 'old/PRD v1.md', message: expect.stringContaining('superseded') }),
    ]);
  });

  it('passes over a default note marked archived and finds a tagged one', async () => {
    const set = expectSet(
      await discover({
        ...DEFAULTS,
        [DEFAULT_ROLE_PATHS.prd]: '---\ntags: [prd, archived]\n---\n# Old\n',
        'elsewhere/New PRD.md': '---\ntags: "#prd"\n---\n# New\n',
      }),
    );
    expect(found(set)['prd']).toEqual(['elsewhere/New PRD.md', 'tag']);
  });

  it('never picks a tagged note under an Archive folder at any depth and any case', async () => {
    const { [DEFAULT_ROLE_PATHS.prd]: _prd, ...rest } = DEFAULTS;
    const r = await discover({
      ...rest,
      'x/ARCHIVE/deep/PRD.md': '---\ntags: [prd]\n---\n',
      '04-Archive/PRD2.md': '---\ntags: [prd]\n---\n',
    });
    // A missing PRD is a warning, not an error: real projects often have none.
    const set = expectSet(r);
    expect(set.notes.prd).toBeUndefined();
    expect(set.missing).toContain('prd');
    expect(set.warnings.find((w) => w.kind === 'optional-missing' && /No PRD note was found: not at research\/project-planning\/PRD\.md/.test(w.message))).toBeDefined();
  });
});

describe('discoverPlanningSet: errors', () => {
  it('reports a configured note that does not exist', async () => {
    expect(await discover(DEFAULTS, settingsWith({ macro: 'nope/Macro.md' }))).toEqual({
      ok: false,
      error: { kind: 'missing-note', role: 'macro', path: 'nope/Macro.md' },
    });
  });

  it('reports a configured note that is a folder, binary or not UTF-8', async () => {
    expect(await discover({ ...DEFAULTS, 'dir/': '' }, settingsWith({ prd: 'dir' }))).toEqual({
      ok: false,
      error: { kind: 'unreadable-note', role: 'prd', file: 'dir', reason: 'is-folder' },
    });
    tv?.cleanup();
    expect(await discover({ ...DEFAULTS, 'b.md': Buffer.from([1, 0, 2]) }, settingsWith({ micro: 'b.md' }))).toEqual({
      ok: false,
      error: { kind: 'unreadable-note', role: 'micro', file: 'b.md', reason: 'binary' },
    });
    tv?.cleanup();
    expect(await discover({ ...DEFAULTS, 'l.md': Buffer.from('ok\n\xff\n', 'latin1') }, settingsWith({ macro: 'l.md' }))).toEqual({
      ok: false,
      error: { kind: 'unreadable-note', role: 'macro', file: 'l.md', reason: 'not-utf8', line: 2 },
    });
  });

  it('reports a default-path note that cannot be read', async () => {
    expect(await discover({ ...DEFAULTS, [DEFAULT_ROLE_PATHS.meso]: Buffer.from([0x23, 0x00]) })).toEqual({
      ok: false,
      error: { kind: 'unreadable-note', role: 'meso', file: DEFAULT_ROLE_PATHS.meso, reason: 'binary' },
    });
  });

  it('reports a required role that nothing fills', async () => {
    const { [DEFAULT_ROLE_PATHS.micro]: _micro, ...rest } = DEFAULTS;
    // The folder holds a meso plan but no micro plan: the error says where the rest of the set is.
    expect(await discover(rest)).toEqual({ ok: false, error: { kind: 'missing-note', role: 'micro', path: null, near: ['research/project-planning'] } });
  });

  it('reports a role with several equally good candidates and the setting that chooses', async () => {
    const { [DEFAULT_ROLE_PATHS.prd]: _prd, ...rest } = DEFAULTS;
    const r = await discover({ ...rest, 'a/One.md': '---\ntags: [prd]\n---\n', 'b/Two.md': '---\ntags: prd\n---\n' });
    expect(r).toEqual({
      ok: false,
      error: { kind: 'ambiguous-role', role: 'prd', candidates: ['a/One.md', 'b/Two.md'], setting: 'paths.prd' },
    });
  });

  it('reports several linked candidates as ambiguous too', async () => {
    const { [DEFAULT_ROLE_PATHS.prd]: _prd, ...rest } = DEFAULTS;
    const r = await discover({
      ...rest,
      '01-Projects/P.md': '[[One]] [[Two]]',
      'a/One.md': '---\ntags: [prd]\n---\n',
      'b/Two.md': '---\ntags: [prd]\n---\n',
    });
    expect(r).toMatchObject({ ok: false, error: { kind: 'ambiguous-role', candidates: ['a/One.md', 'b/Two.md'] } });
  });

  it('prefers the linked candidate over unlinked tagged ones', async () => {
    const { [DEFAULT_ROLE_PATHS.prd]: _prd, ...rest } = DEFAULTS;
    const set = expectSet(
      await discover({
        ...rest,
        '01-Projects/P.md': '[[Two]]',
        'a/One.md': '---\ntags: [prd]\n---\n',
        'b/Two.md': '---\ntags: [prd]\n---\n',
      }),
    );
    expect(found(set)['prd']).toEqual(['b/Two.md', 'project-link']);
  });
});

describe('discoverPlanningSet: the project note', () => {
  const links = {
    '01-Projects/A.md': '[[PA]]',
    '01-Projects/B.md': '[[PB]]',
    'x/PA.md': '# A prd\n',
    'x/PB.md': '# B prd\n',
    [DEFAULT_ROLE_PATHS.macro]: '# Macro\n',
    [DEFAULT_ROLE_PATHS.meso]: '# Meso\n',
    [DEFAULT_ROLE_PATHS.micro]: '# Micro\n',
  };

  it('is ambiguous when several notes sit in 01-Projects and a role needs one', async () => {
    expect(await discover(links)).toEqual({
      ok: false,
      error: { kind: 'ambiguous-project', candidates: ['01-Projects/A.md', '01-Projects/B.md'] },
    });
  });

  it('is chosen by the project option as a basename or a path', async () => {
    const byName = expectSet(await discover({ ...links, 'x/PA.md': '---\ntags: [prd]\n---\n' }, settingsWith(), { project: 'A' }));
    expect(byName.project).toEqual({ path: '01-Projects/A.md', name: 'A' });
    expect(found(byName)['prd']).toEqual(['x/PA.md', 'project-link']);
  });

  it('follows the linked note by its name when it has no tag', async () => {
    const set = expectSet(
      await discover({ ...links, '01-Projects/B.md': '[[B PRD]]', 'x/B PRD.md': '# B prd\n' }, settingsWith(), { project: '01-Projects/B.md' }),
    );
    expect(found(set)['prd']).toEqual(['x/B PRD.md', 'project-link']);
  });

  it('is chosen by settings.projectNote over the option', async () => {
    const set = expectSet(
      await discover({ ...links, 'x/PB.md': '---\ntags: [prd]\n---\n' }, settingsWith({}, '01-Projects/B.md'), { project: 'A' }),
    );
    expect(set.project?.path).toBe('01-Projects/B.md');
  });

  it('reports a named project note that does not exist', async () => {
    expect(await discover(links, settingsWith(), { project: 'Nope' })).toEqual({
      ok: false,
      error: { kind: 'project-not-found', path: 'Nope' },
    });
  });

  it('prefers the notes tagged project among those in 01-Projects', async () => {
    const set = expectSet(
      await discover({ ...links, '01-Projects/B.md': '---\ntags: [project]\n---\n[[PB PRD]]', 'x/PB PRD.md': '# PRD\n' }),
    );
    expect(set.project?.path).toBe('01-Projects/B.md');
    expect(found(set)['prd']).toEqual(['x/PB PRD.md', 'project-link']);
  });

  it('is not needed when configured paths cover the required roles', async () => {
    const set = expectSet(
      await discover(links, settingsWith({ prd: 'x/PA.md', macro: DEFAULT_ROLE_PATHS.macro, meso: DEFAULT_ROLE_PATHS.meso, micro: DEFAULT_ROLE_PATHS.micro })),
    );
    expect(set.project).toBeNull();
    expect(Object.keys(set.notes).sort()).toEqual(['macro', 'meso', 'micro', 'prd']);
  });

  it('does not hang on links that loop and reads only one level', async () => {
    const { [DEFAULT_ROLE_PATHS.prd]: _prd, ...rest } = DEFAULTS;
    const set = expectSet(
      await discover({
        ...rest,
        '01-Projects/Loop.md': '[[Loop]] [[A]]',
        'A.md': '[[B]] [[Loop]]',
        'B.md': '---\ntags: [prd]\n---\n[[A]]',
        'C.md': '[[Deep PRD]]',
        'Deep PRD.md': '# only reachable two levels down\n',
      }),
    );
    expect(found(set)['prd']).toEqual(['B.md', 'tag']);
  });
});

describe('discoverPlanningSet: the meso plan and notices', () => {
  it('leaves a missing meso plan out instead of failing', async () => {
    const { [DEFAULT_ROLE_PATHS.meso]: _meso, ...rest } = DEFAULTS;
    const set = expectSet(await discover(rest));
    expect(set.notes.meso).toBeUndefined();
    expect(Object.keys(set.notes).sort()).toEqual(['macro', 'micro', 'prd']);
  });

  it('leaves an empty meso plan out, with an empty-note warning', async () => {
    const set = expectSet(await discover({ ...DEFAULTS, [DEFAULT_ROLE_PATHS.meso]: '---\ntags: [meso-level-plan]\n---\n\n  \n' }));
    expect(set.notes.meso).toBeUndefined();
    expect(set.warnings).toContainEqual(expect.objectContaining({ kind: 'empty-note', file: DEFAULT_ROLE_PATHS.meso }));
  });

  it('keeps other empty notes, with a warning', async () => {
    const set = expectSet(await discover({ ...DEFAULTS, [DEFAULT_ROLE_PATHS.macro]: '' }));
    expect(set.notes.macro?.text).toBe('');
    expect(set.warnings).toContainEqual(expect.objectContaining({ kind: 'empty-note', file: DEFAULT_ROLE_PATHS.macro }));
  });

  it('uses a note whose frontmatter does not parse, naming file and line', async () => {
    const set = expectSet(await discover({ ...DEFAULTS, [DEFAULT_ROLE_PATHS.prd]: '---\na: 1\n  b: 2\n---\n# Body\n' }));
    expect(set.notes.prd?.text).toContain('# Body');
    expect(set.notes.prd?.meta.frontmatterError?.line).toBe(3);
    expect(set.warnings).toContainEqual({
      kind: 'bad-frontmatter',
      file: DEFAULT_ROLE_PATHS.prd,
      line: 3,
      message: expect.stringContaining(DEFAULT_ROLE_PATHS.prd),
    });
  });

  it('warns about notes over 1 MB', async () => {
    const big = `# Big\n${'x'.repeat(1024 * 1024)}\n`;
    const set = expectSet(await discover({ ...DEFAULTS, [DEFAULT_ROLE_PATHS.micro]: big }));
    expect(set.warnings.filter((w) => w.kind !== 'optional-missing')).toEqual([
      expect.objectContaining({ kind: 'large-note', file: DEFAULT_ROLE_PATHS.micro }),
    ]);
    expect(set.notes.micro?.text.length).toBe(big.length);
  });

  it('lists both optional roles as missing', async () => {
    const set = expectSet(await discover(DEFAULTS));
    expect(set.missing).toEqual(['codeStandards', 'pitfalls']);
    expect(set.warnings.map((w) => w.kind)).toEqual(['optional-missing', 'optional-missing']);
  });

  it('reads each chosen note and each note metadata once through the port', async () => {
    const t = open({ ...DEFAULTS, '01-Projects/P.md': `[[${DEFAULT_ROLE_PATHS.prd}]]`, 'Code Standards.md': '---\ntags: [code-standards]\n---\n' });
    const calls: string[] = [];
    const v = t.vault;
    // A delegating wrapper, so the adapter's own internal reads are not counted.
    const counting: VaultPort = {
      listMarkdown: () => v.listMarkdown(),
      stat: (p) => v.stat(p),
      exists: (p) => v.exists(p),
      read: (p) => (calls.push(`read ${p}`), v.read(p)),
      meta: (p) => (calls.push(`meta ${p}`), v.meta(p)),
      resolveLink: (l, s) => v.resolveLink(l, s),
      createFolder: (p) => v.createFolder(p),
      create: (p, x) => v.create(p, x),
      append: (p, x) => v.append(p, x),
      replace: (p, x) => v.replace(p, x),
      processFrontmatter: (p, f) => v.processFrontmatter(p, f),
    };
    const set = expectSet(await discoverPlanningSet(counting, settingsWith()));
    expect(found(set)['codeStandards']).toEqual(['Code Standards.md', 'tag']);
    expect(new Set(calls).size).toBe(calls.length);
    expect(calls.filter((c) => c.startsWith('read ')).sort()).toEqual(
      ['Code Standards.md', ...Object.keys(DEFAULTS), '01-Projects/P.md'].map((p) => `read ${p}`).sort(),
    );
  });
});
