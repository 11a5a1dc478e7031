import { DEFAULT_SETTINGS } from '../../../src/core/contracts/settings';
import { discoverPlanningSet } from '../../../src/core/discovery/discover-planning-set';
import { NoteLoader } from '../../../src/core/discovery/note-loader';
import { findPlanningSets, projectOfFolder, readsAsPrompt, setRoleOfName } from '../../../src/core/discovery/planning-sets';
import { planningTarget } from '../../../src/core/discovery/set-notes';
import { tempVault, type FileTree, type TempVault } from '../../support/temp-vault';

let tv: TempVault | null = null;
afterEach(() => {
  tv?.cleanup();
  tv = null;
});
const open = (tree: FileTree): TempVault => (tv = tempVault(tree));

describe('setRoleOfName', () => {
  it.each([
    ['P/meso-level-plan.md', 'meso'],
    ['P/AGILE3D - Phase 1 Meso-Level Plan.md', 'meso'],
    ['P/micro_level_plan.md', 'micro'],
    ['P/W2-micro-level-plan.md', null],
    ['P/macro-level-design.md', 'macro'],
    ['P/PRD.md', 'prd'],
    ['P/Acme - Product Requirements Document.md', 'prd'],
    ['P/Work-Decomposer-Output.md', null],
    ['P/meso-level-plan notes.md', null],
  ])('%s → %s', (path, role) => {
    expect(setRoleOfName(path)).toBe(role);
  });
});

describe('readsAsPrompt', () => {
  it('tells a prompt about a plan from a plan', () => {
    expect(readsAsPrompt('# Prompt: Part 2 - Meso-Level Plan\n## Persona\nYou are an expert software architect.')).toBe(true);
    expect(readsAsPrompt('---\ntags: [x]\n---\nYou are the Work Decomposer Agent.')).toBe(true);
    expect(readsAsPrompt('Write to `{obsidian_project_root}/Planning`.')).toBe(true);
    expect(readsAsPrompt('1. Architecture Overview and Rationale\n- You are free to choose.')).toBe(false);
  });
});

describe('projectOfFolder', () => {
  const paths = ['01-Projects/Acme.md', '01-Projects/Acme/Planning/v2/meso-level-plan.md', 'Work/Beta/Planning/meso-level-plan.md', 'Loose/meso-level-plan.md'];
  it('is the folder under 01-Projects, the folder above Planning, or the set folder itself', () => {
    expect(projectOfFolder('01-Projects/Acme/Planning/v2', paths)).toEqual({ name: 'Acme', folder: '01-Projects/Acme', note: '01-Projects/Acme.md' });
    expect(projectOfFolder('Work/Beta/Planning', paths)).toEqual({ name: 'Beta', folder: 'Work/Beta', note: null });
    expect(projectOfFolder('Loose', paths)).toEqual({ name: 'Loose', folder: 'Loose', note: null });
  });
});

describe('planningTarget', () => {
  const paths = ['01-Projects/Acme.md', '01-Projects/Acme/Planning/meso-level-plan.md', '01-Projects/Beta/Home.md'];
  it.each([
    ['01-Projects/Acme.md', { kind: 'note', path: '01-Projects/Acme.md', folder: '01-Projects/Acme' }],
    ['01-projects/acme', { kind: 'note', path: '01-Projects/Acme.md', folder: '01-Projects/Acme' }],
    ['01-Projects/Acme/Planning', { kind: 'folder', folder: '01-Projects/Acme/Planning' }],
    ['01-Projects/Beta', { kind: 'folder', folder: '01-Projects/Beta' }],
    ['Beta', { kind: 'folder', folder: '01-Projects/Beta' }],
    // The last folders of a path, as if under 01-Projects/.
    ['Acme/Planning', { kind: 'folder', folder: '01-Projects/Acme/Planning' }],
    ['acme/planning/', { kind: 'folder', folder: '01-Projects/Acme/Planning' }],
    ['cme/Planning', { kind: 'missing', input: 'cme/Planning' }],
    ['Home', { kind: 'note', path: '01-Projects/Beta/Home.md', folder: '01-Projects/Beta' }],
    ['Nope', { kind: 'missing', input: 'Nope' }],
    ['', { kind: 'none' }],
  ])('%s', (input, want) => {
    expect(planningTarget(input, paths)).toEqual(want);
  });
});

const SET = (extra = ''): FileTree => ({
  'meso-level-plan.md': `1. Architecture\n2. Decomposition\n3. Data\n${extra}`,
  'micro-level-plan.md': '12. Work Breakdown Structure (WBS)\n- Epic A: One\n  1) Task\n13. Runbooks\n',
});
const under = (folder: string, tree: FileTree): FileTree => Object.fromEntries(Object.entries(tree).map(([k, v]) => [`${folder}/${k}`, v]));

describe('findPlanningSets', () => {
  it('finds complete and partial sets, never in prompt folders, archives, or notes that read as prompts', async () => {
    const t = open({
      ...under('01-Projects/Acme/Planning', SET()),
      ...under('01-Projects/Acme/Planning/b', SET()),
      '01-Projects/Acme/Planning/c/meso-level-plan.md': '1. A\n2. B\n3. C\n',
      ...under('00-Agent-Prompts/Planning', SET()),
      ...under('01-Projects/Acme/Archive/old', SET()),
      'Templates/micro-level-plan.md': '# Prompt: micro\n## Persona\nYou are a planner agent.\n',
      'Templates/meso-level-plan.md': '---\nstatus: superseded\n---\n',
    });
    const sets = await findPlanningSets(await t.vault.listMarkdown(), new NoteLoader(t.vault));
    expect(sets.map((s) => [s.folder, s.project.name, s.complete])).toEqual([
      ['01-Projects/Acme/Planning', 'Acme', true],
      ['01-Projects/Acme/Planning/b', 'Acme', true],
      ['01-Projects/Acme/Planning/c', 'Acme', false],
    ]);
  });
});

describe('discoverPlanningSet with planning sets', () => {
  it('uses the only set, the PRD from the folder above it, the macro plan beside it, and warns for what is missing', async () => {
    const t = open({
      ...under('01-Projects/Acme/Planning/v2', SET()),
      '01-Projects/Acme/Planning/v2/macro-level-design.md': '# Macro\n',
      '01-Projects/Acme/Planning/Acme - Product Requirements Document.md': '# PRD\n',
    });
    const r = await discoverPlanningSet(t.vault, DEFAULT_SETTINGS);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.folder).toBe('01-Projects/Acme/Planning/v2');
    expect(r.value.project).toEqual({ path: '01-Projects/Acme', name: 'Acme', folder: '01-Projects/Acme' });
    expect(Object.fromEntries(Object.entries(r.value.notes).map(([k, n]) => [k, [n!.path, n!.foundBy]]))).toEqual({
      prd: ['01-Projects/Acme/Planning/Acme - Product Requirements Document.md', 'planning-set'],
      macro: ['01-Projects/Acme/Planning/v2/macro-level-design.md', 'planning-set'],
      meso: ['01-Projects/Acme/Planning/v2/meso-level-plan.md', 'planning-set'],
      micro: ['01-Projects/Acme/Planning/v2/micro-level-plan.md', 'planning-set'],
    });
    expect(r.value.missing).toEqual(['codeStandards', 'pitfalls']);
  });

  it('never picks one of several sets silently; near picks the one the note is in', async () => {
    const t = open({ ...under('01-Projects/A/Planning', SET()), ...under('01-Projects/B/Planning', SET()) });
    expect(await discoverPlanningSet(t.vault, DEFAULT_SETTINGS)).toEqual({
      ok: false,
      error: { kind: 'ambiguous-planning-set', candidates: [{ folder: '01-Projects/A/Planning', project: 'A' }, { folder: '01-Projects/B/Planning', project: 'B' }] },
    });
    const near = await discoverPlanningSet(t.vault, DEFAULT_SETTINGS, { near: '01-Projects/B/Planning' });
    expect(near.ok && near.value.folder).toBe('01-Projects/B/Planning');
    const bySetting = await discoverPlanningSet(t.vault, { ...DEFAULT_SETTINGS, projectNote: '01-Projects/A' });
    expect(bySetting.ok && bySetting.value.folder).toBe('01-Projects/A/Planning');
  });

  it('reports two meso plans in one set as ambiguous, with the setting that chooses', async () => {
    const t = open({ ...under('P/Planning', SET()), 'P/Planning/Phase 2 Meso-Level Plan.md': '1. A\n' });
    expect(await discoverPlanningSet(t.vault, DEFAULT_SETTINGS)).toEqual({
      ok: false,
      error: { kind: 'ambiguous-role', role: 'meso', candidates: ['P/Planning/Phase 2 Meso-Level Plan.md', 'P/Planning/meso-level-plan.md'], setting: 'paths.meso' },
    });
  });

  it('keeps the configured meso and micro plans over any set', async () => {
    const t = open({ ...under('01-Projects/A/Planning', SET()), ...under('01-Projects/B/Planning', SET()) });
    const r = await discoverPlanningSet(t.vault, { ...DEFAULT_SETTINGS, paths: { ...DEFAULT_SETTINGS.paths, meso: '01-Projects/B/Planning/meso-level-plan.md', micro: '01-Projects/B/Planning/micro-level-plan.md' } });
    expect(r.ok && r.value.notes.micro?.foundBy).toBe('configured');
  });
});
