import { DEFAULT_SETTINGS, type Settings } from '../../../src/core/contracts/settings';
import type { PlanningSet } from '../../../src/core/contracts/planning-set';
import { discoverPlanningSet } from '../../../src/core/discovery/discover-planning-set';
import { roleFromWords, rolesOfLinkedNote } from '../../../src/core/discovery/note-marks';
import { tempVault, type FileTree, type TempVault } from '../../support/temp-vault';

let tv: TempVault | null = null;
afterEach(() => {
  tv?.cleanup();
  tv = null;
});
const settings: Settings = { ...DEFAULT_SETTINGS };
const discover = (tree: FileTree, project?: string) =>
  discoverPlanningSet((tv = tempVault(tree)).vault, settings, project === undefined ? {} : { project });
const found = (set: PlanningSet): Record<string, [string, string]> =>
  Object.fromEntries(Object.entries(set.notes).map(([role, n]) => [role, [n!.path, n!.foundBy]]));

describe('rolesOfLinkedNote', () => {
  it('takes tags first, then the alias, then the line, then the file name', () => {
    expect(rolesOfLinkedNote('x/Harbor PRD.md', ['meso-level-plan'], [{ alias: 'WBS', around: 'PRD' }])).toEqual(['meso']);
    expect(rolesOfLinkedNote('x/Harbor PRD.md', [], [{ alias: 'WBS', around: 'Product requirements:' }])).toEqual(['micro']);
    expect(rolesOfLinkedNote('x/Harbor PRD.md', [], [{ alias: null, around: '- Overall micro plan: ' }])).toEqual(['micro']);
    expect(rolesOfLinkedNote('x/Harbor PRD.md', [], [{ alias: 'the doc', around: '- see ' }])).toEqual(['prd']);
  });

  it('reads the role keywords as whole words and refuses a line that names several', () => {
    expect(roleFromWords('Architecture (meso plan)')).toBe('meso');
    expect(roleFromWords('work breakdown')).toBe('micro');
    expect(roleFromWords('Coding standards')).toBe('codeStandards');
    expect(roleFromWords('Common pitfalls')).toBe('pitfalls');
    expect(roleFromWords('microservices')).toBeNull();
    expect(roleFromWords('PRD and WBS')).toBeNull();
  });
});

describe('discoverPlanningSet: linked notes without tags', () => {
  it('takes the micro and meso plans from link aliases and the words around links', async () => {
    const set = await discover({
      '01-Projects/Harbor.md': [
        '# Harbor',
        '- [[Harbor requirements|PRD]]',
        '- Macro plan: [[Harbor roadmap]]',
        '- [[docs/planning/Harbor WBS|WBS]]',
        '- [[Architecture - Harbor|meso plan]]',
      ].join('\n'),
      'docs/Harbor requirements.md': '# Requirements\n',
      'docs/Harbor roadmap.md': '# Roadmap\n',
      'docs/planning/Harbor WBS.md': '# WBS\n',
      'docs/Architecture - Harbor.md': '# Architecture\n## W1\n',
    });
    if (!set.ok) throw new Error(JSON.stringify(set.error));
    expect(found(set.value)).toMatchObject({
      prd: ['docs/Harbor requirements.md', 'project-link'],
      macro: ['docs/Harbor roadmap.md', 'project-link'],
      micro: ['docs/planning/Harbor WBS.md', 'project-link'],
      meso: ['docs/Architecture - Harbor.md', 'project-link'],
    });
  });

  it('reads "Overall micro plan: [[Harbor WBS]]" as the micro plan', async () => {
    const set = await discover({
      '01-Projects/Harbor.md': '- PRD: [[Req]]\n- Macro: [[Road]]\n- Meso: [[Arch]]\n- Overall micro plan: [[Harbor WBS]]\n',
      'Req.md': '# R\n',
      'Road.md': '# R\n',
      'Arch.md': '# A\n## W1\n',
      'Harbor WBS.md': '# W\n',
    });
    if (!set.ok) throw new Error(JSON.stringify(set.error));
    expect(set.value.notes.micro?.path).toBe('Harbor WBS.md');
    expect(set.value.notes.meso?.path).toBe('Arch.md');
  });
});

describe('discoverPlanningSet: several project notes', () => {
  const HARBOR: FileTree = {
    '01-Projects/Harbor.md': '# Harbor\n- [[Harbor PRD]]\n- [[Harbor Macro]]\n- [[Harbor Meso]]\n- [[Harbor Micro]]\n',
    'Harbor/Harbor PRD.md': '---\ntags: [prd]\n---\n# PRD\n',
    'Harbor/Harbor Macro.md': '---\ntags: [macro-level-plan]\n---\n# Macro\n',
    'Harbor/Harbor Meso.md': '---\ntags: [meso-level-plan]\n---\n# Meso\n## W1\n',
    'Harbor/Harbor Micro.md': '---\ntags: [micro-level-plan]\n---\n# Micro\n',
  };

  it('does not fill roles from another project\'s tagged notes', async () => {
    const r = await discover(
      { ...HARBOR, '01-Projects/Side Project.md': '# Side\n- [[Side PRD]]\n', 'Side/Side PRD.md': '---\ntags: [prd]\n---\n# Side PRD\n' },
      'Side Project',
    );
    expect(r.ok).toBe(false);
    // The macro plan is optional now; the micro plan is not, and Harbor's is not the side project's.
    if (!r.ok) expect(r.error).toMatchObject({ kind: 'missing-note', role: 'micro' });
  });

  it('uses a tagged note that no project note links, with a warning naming it', async () => {
    const r = await discover(
      {
        ...HARBOR,
        '01-Projects/Side Project.md': '# Side\n- [[Side PRD]]\n- [[Side Macro]]\n- [[Side Micro]]\n',
        'Side/Side PRD.md': '# Side PRD\n',
        'Side/Side Macro.md': '# Side macro\n',
        'Side/Side Micro.md': '# Side micro\n',
        'Loose/Meso draft.md': '---\ntags: [meso-level-plan]\n---\n# Meso\n## W1\n',
        'Harbor/Harbor Meso.md': '# Meso, untagged\n## W1\n',
      },
      'Side Project',
    );
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.notes.meso).toMatchObject({ path: 'Loose/Meso draft.md', foundBy: 'tag' });
    const w = r.value.warnings.find((x) => x.file === 'Loose/Meso draft.md');
    expect(w?.message).toContain('found by its tag, not linked from the project note "01-Projects/Side Project.md"');
  });

  it('leaves the meso plan out when its only tagged candidate is linked by another project note', async () => {
    const r = await discover(
      {
        ...HARBOR,
        '01-Projects/Side Project.md': '# Side\n- [[Side PRD]]\n- [[Side Macro]]\n- [[Side Micro]]\n',
        'Side/Side PRD.md': '# Side PRD\n',
        'Side/Side Macro.md': '# Side macro\n',
        'Side/Side Micro.md': '# Side micro\n',
      },
      'Side Project',
    );
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.notes.meso).toBeUndefined();
    expect(r.value.notes.micro?.path).toBe('Side/Side Micro.md');
  });
});
