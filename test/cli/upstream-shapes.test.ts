/**
 * The fixture vaults of every WBS shape the upstream micro-level prompt writes, in the upstream
 * layout (`01-Projects/<Project>/Planning/…`, a prompts folder beside them, empty reference notes),
 * read through the CLI as a new user would: the planning sets, the workstreams with their labels,
 * tasks, dependencies and estimates; offline plans written into the set's own planning folder; and
 * the readiness check of those plans.
 */
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import * as path from 'node:path';
import { cli } from '../support/run-cli';
import { tempVault, type TempVault } from '../support/temp-vault';

interface Task {
  id: string;
  label: string | null;
  dependsOn: string[];
  estimate: { value: number; unit: string; raw: string } | null;
  prerequisites: string[];
}
interface Listed {
  id: string;
  label: string | null;
  name: string;
  tasks: Task[];
  dependsOn: string[];
  prerequisites: string[];
  estimate: Record<string, number>;
}

let v: TempVault | null = null;
afterEach(() => {
  v?.cleanup();
  v = null;
});
const open = (fixture: string): TempVault => (v = tempVault(fixture));
const listJson = async (dir: string, ...extra: string[]): Promise<Listed[]> => {
  const r = await cli(['list', '--vault', dir, '--json', ...extra]);
  expect(r.code).toBe(0);
  return (JSON.parse(r.out) as { workstreams: Listed[] }).workstreams;
};
const rel = (dir: string, abs: string): string => path.relative(dir, abs.trim()).split(path.sep).join('/');

describe('epic headings with task tables (upstream-epic-tables)', () => {
  it('lists the epics as W1…W3 with labels, task ids, cell dependencies, prerequisites and estimates in one unit', async () => {
    const { dir } = open('upstream-epic-tables');
    const ws = await listJson(dir);
    expect(ws.map((w) => [w.id, w.label, w.name, w.dependsOn, w.prerequisites, w.estimate])).toEqual([
      ['W1', 'Epic 1', 'Count Capture', [], ['County species list received'], { h: 6.5 }],
      ['W2', 'Epic 2', 'Sync Service', ['W1'], [], { d: 1.13 }],
      ['W3', 'Epic 3', 'Warden Reports', ['W2', 'W1'], [], { h: 5.75 }],
    ]);
    expect(ws[1]!.tasks.map((t) => [t.id, t.label, t.dependsOn, t.estimate?.raw])).toEqual([
      ['2.1', null, ['1.2'], '4 h'],
      ['2.2', null, ['2.1'], '1 h'],
      ['2.3', null, ['2.1', '1.2'], '0.5 day'],
    ]);
    expect(ws[2]!.tasks[2]!.prerequisites).toEqual(['Recorder confirms columns']);
  });

  it('warns once that the graph disagrees with the entry criteria, naming both lines, and shows W2 (Epic 2)', async () => {
    const { dir } = open('upstream-epic-tables');
    const r = await cli(['list', '--vault', dir]);
    const micro = readFileSync(path.join(dir, '01-Projects/Saltmarsh/Planning/micro-level-plan.md'), 'utf8').split('\n');
    const entry = micro.findIndex((l) => l === '**Entry Criteria**: Epic 2 complete') + 1;
    const graph = micro.findIndex((l) => l.includes('Epic1 --> Epic3')) + 1;
    const warnings = r.err.split('\n').filter((l) => l.includes('disagree'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`line ${entry}) says Epic 2 (W2)`);
    expect(warnings[0]).toContain(`line ${graph}) says Epic 1 (W1)`);
    expect(r.out).toMatch(/^W2 \(Epic 2\)  Sync Service  \(3 tasks, 1\.13 d, depends on W1 \(Epic 1\)\)  not planned$/m);
    expect(r.out).toMatch(/^ {4}3\.3 {2}CSV export for the county recorder {2}\(45 min; after 3\.1; needs Recorder confirms columns\)$/m);
  });

  it('plans "Epic 2" offline into the project\'s planning folder, the label kept, and checks it', async () => {
    const { dir } = open('upstream-epic-tables');
    const r = await cli(['plan', '--vault', dir, '--workstream', 'Epic 2']);
    expect(r.code).toBe(0);
    const note = rel(dir, r.out);
    expect(note).toBe('01-Projects/Saltmarsh/Planning/W2-micro-level-plan.md');
    const text = readFileSync(path.join(dir, note), 'utf8');
    expect(text).toContain('workstream_id: "W2"');
    expect(text).toMatch(/^planner: \{"version":1,"provider":"offline","workstream_label":"Epic 2",/m);
    expect(text).toContain('project: "[[01-Projects/Saltmarsh]]"');
    const check = await cli(['check', '--vault', dir, '--note', note, '--json']);
    expect(check.code).toBe(1);
    const items = (JSON.parse(check.out) as { items: Array<{ id: string; ok: boolean }> }).items;
    // The WBS-based items pass: every task of Epic 2 is covered, the dependencies are stated.
    expect(items.filter((i) => ['frontmatter', 'wbs-coverage', 'dependencies', 'unknown-ids'].includes(i.id)).every((i) => i.ok)).toBe(true);
  });
});

describe('lettered epics with inline tasks (upstream-lettered-epics)', () => {
  it('lists the two planning sets of the project instead of picking one, and plan refuses naming them', async () => {
    const { dir } = open('upstream-lettered-epics');
    const r = await cli(['list', '--vault', dir, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      planningSets: [
        { folder: '01-Projects/Seedbank/Planning', project: 'Seedbank', workstreams: 4, problem: null },
        { folder: '01-Projects/Seedbank/Planning/plan-b', project: 'Seedbank', workstreams: 2, problem: null },
      ],
    });
    const plan = await cli(['plan', '--vault', dir, '--workstream', 'B']);
    expect(plan.code).toBe(2);
    expect(plan.err).toMatch(/several planning sets.*01-Projects\/Seedbank\/Planning \(project Seedbank\), 01-Projects\/Seedbank\/Planning\/plan-b \(project Seedbank\).*--project/);
  });

  it('reads Epic A…D with stable task ids and A→B→C/D, and warns that there is no PRD, naming where it looked', async () => {
    const { dir } = open('upstream-lettered-epics');
    const ws = await listJson(dir, '--project', '01-Projects/Seedbank/Planning');
    // Epic estimates (the tasks have none): on the epic's line, a sizing note, an estimates table.
    expect(ws.map((w) => [w.id, w.label, w.name, w.dependsOn, w.tasks.length, w.estimate])).toEqual([
      ['W1', 'Epic A', 'Seed Catalogue', [], 3, { d: 3 }],
      ['W2', 'Epic B', 'Swap Requests', ['W1'], 3, { d: 2 }],
      ['W3', 'Epic C', 'Notifications', ['W2'], 2, { d: 1.5 }],
      ['W4', 'Epic D', 'Moderation', ['W2'], 2, { h: 4 }],
    ]);
    expect(ws[1]!.tasks.map((t) => [t.id, t.label])).toEqual([
      ['W2.1', 'Epic B, task 1'],
      ['W2.2', 'Epic B, task 2'],
      ['W2.3', 'Epic B, task 3'],
    ]);
    const r = await cli(['plan', '--vault', dir, '--project', '01-Projects/Seedbank/Planning/plan-b', '--workstream', 'B']);
    expect(r.code).toBe(0);
    expect(rel(dir, r.out)).toBe('01-Projects/Seedbank/Planning/plan-b/W2-micro-level-plan.md');
    expect(r.err).toMatch(/No PRD note was found for the planning set 01-Projects\/Seedbank\/Planning\/plan-b: looked in 01-Projects\/Seedbank\/Planning\/plan-b, 01-Projects\/Seedbank\/Planning and 01-Projects\/Seedbank/);
    // The macro plan of plan B is its macro-level-design.
    expect(r.err).not.toMatch(/No macro-level plan/);
  });
});

describe('numbered epics with bullet tasks (upstream-numbered-epics)', () => {
  it('reads each numbered epic with its bullets, exit line, the critical path written with names and the Parallelization sentences', async () => {
    const { dir } = open('upstream-numbered-epics');
    const ws = await listJson(dir);
    expect(ws.map((w) => [w.id, w.label, w.name, w.dependsOn, w.tasks.map((t) => t.id)])).toEqual([
      ['W1', 'Epic 1', 'Station registry', [], ['W1.1', 'W1.2']],
      ['W2', 'Epic 2', 'Prediction engine', ['W1'], ['W2.1', 'W2.2']],
      // The critical path says Epic 2; "(Epic 3) can start once the station registry is complete" says Epic 1.
      ['W3', 'Epic 3', 'Chart view', ['W2', 'W1'], ['W3.1', 'W3.2']],
    ]);
    const text = await cli(['list', '--vault', dir]);
    expect(text.err).toMatch(/Epic 3 \(W3\) has dependencies that disagree: the sequencing line \(.*micro-level-plan\.md, line 39\) says Epic 1 \(W1\); the sequencing line \(.*line 42\) says Epic 2 \(W2\)/);
    const plan = await cli(['plan', '--vault', dir, '--workstream', 'W3']);
    expect(plan.code).toBe(0);
    expect(rel(dir, plan.out)).toBe('01-Projects/Tidetables/Planning/W3-micro-level-plan.md');
    // The PRD is the note titled "… Product Requirements Document".
    expect(plan.err).not.toMatch(/No PRD/);
  });
});

describe('E1 lists with a numbered chain (upstream-e-lists)', () => {
  it('reads E1…E5, the chain, entry criteria and the macro table, and plans E3 by its label', async () => {
    const { dir } = open('upstream-e-lists');
    const ws = await listJson(dir);
    expect(ws.map((w) => [w.id, w.label, w.dependsOn, w.prerequisites])).toEqual([
      ['W1', 'E1', [], ['room list from facilities']],
      ['W2', 'E2', ['W1'], []],
      ['W3', 'E3', ['W2'], []],
      ['W4', 'E4', ['W2'], []],
      ['W5', 'E5', ['W7'], []],
    ]);
    const plan = await cli(['plan', '--vault', dir, '--workstream', 'E3']);
    expect(plan.code).toBe(0);
    expect(rel(dir, plan.out)).toBe('01-Projects/Roomie/Planning/W3-micro-level-plan.md');
  });

  it('escalates E5, whose entry criteria name an epic the WBS does not define; the JSON carries the section and line', async () => {
    const { dir } = open('upstream-e-lists');
    const r = await cli(['plan', '--vault', dir, '--workstream', 'E5', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out) as { note: string; escalations: Array<{ rule: string; section: string; file: string | null; line: number | null }> };
    expect(out.note).toBe('01-Projects/Roomie/Planning/W5-escalation.md');
    const micro = readFileSync(path.join(dir, '01-Projects/Roomie/Planning/micro-level-plan.md'), 'utf8').split('\n');
    const undefinedDep = out.escalations.find((e) => e.rule === 'undefined-dependency')!;
    expect(undefinedDep.file).toBe('01-Projects/Roomie/Planning/micro-level-plan.md');
    expect(micro[undefinedDep.line! - 1]).toContain('Entry: E7 done');
    expect(undefinedDep.section).toMatch(/WBS/);
  });
});

describe('W1 and Workstream headings (upstream-w-headings)', () => {
  it('reads them as today, without labels, in the upstream layout', async () => {
    const { dir } = open('upstream-w-headings');
    const ws = await listJson(dir);
    expect(ws.map((w) => [w.id, w.label, w.name, w.dependsOn, w.estimate])).toEqual([
      ['W1', null, 'Route Editor', [], { d: 1.5 }],
      ['W2', null, 'Walker App', ['W1'], { d: 2.38 }],
      ['W3', null, 'Publishing', ['W1', 'W2'], { d: 1.25 }],
    ]);
    const plan = await cli(['plan', '--vault', dir, '--workstream', 'Workstream 3']);
    expect(plan.code).toBe(0);
    expect(rel(dir, plan.out)).toBe('01-Projects/Lantern/Planning/W3-micro-level-plan.md');
    const check = await cli(['check', '--vault', dir, '--note', '01-Projects/Lantern/Planning/W3-micro-level-plan.md', '--json']);
    const items = (JSON.parse(check.out) as { items: Array<{ id: string; ok: boolean }> }).items;
    expect(items.find((i) => i.id === 'traceability')!.ok).toBe(true);
  });
});

describe('several projects and planning sets (upstream-mixed)', () => {
  it('lists the four sets, never a prompt, a template that is a prompt, an archived set or a meso plan alone', async () => {
    const { dir } = open('upstream-mixed');
    const r = await cli(['list', '--vault', dir]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      'This vault holds 4 planning sets; choose one with --project FOLDER:',
      '  01-Projects/Alder/Planning  (project Alder, 3 workstreams)',
      '  01-Projects/Birch/Planning/v1  (project Birch, 4 workstreams)',
      '  01-Projects/Birch/Planning/v2  (project Birch, 5 workstreams)',
      '  01-Projects/Cedar/Planning  (project Cedar, 3 workstreams)',
    ]);
  });

  it.each([
    ['01-Projects/Alder.md', 'a project note', 'Count Capture'],
    ['01-Projects/Cedar', 'a project folder', 'Station registry'],
    ['Cedar', 'a project folder by name', 'Station registry'],
    ['01-Projects/Birch/Planning/v1', 'a planning folder', 'Seed Catalogue'],
    ['Birch/Planning/v1', 'a planning folder by its last folders', 'Seed Catalogue'],
  ])('--project %s (%s) chooses one set', async (project, _what, first) => {
    const { dir } = open('upstream-mixed');
    const ws = await listJson(dir, '--project', project);
    expect(ws[0]!.name).toBe(first);
  });

  it('still lists the sets when --project names a project with two, and shares the project PRD with both', async () => {
    const { dir } = open('upstream-mixed');
    const r = await cli(['list', '--vault', dir, '--project', '01-Projects/Birch']);
    expect(r.out.split('\n')[0]).toBe('01-Projects/Birch holds 2 planning sets; choose one with --project FOLDER:');
    const neither = await cli(['plan', '--vault', dir, '--project', 'Birch', '--workstream', 'E2']);
    expect(neither.code).toBe(2);
    expect(neither.err).toMatch(/^01-Projects\/Birch holds several planning sets, and none was chosen: 01-Projects\/Birch\/Planning\/v1 \(project Birch\), 01-Projects\/Birch\/Planning\/v2 \(project Birch\)\./m);
    const plan = await cli(['plan', '--vault', dir, '--project', '01-Projects/Birch/Planning/v2', '--workstream', 'E2']);
    expect(plan.code).toBe(0);
    expect(rel(dir, plan.out)).toBe('01-Projects/Birch/Planning/v2/W2-micro-level-plan.md');
    expect(plan.err).not.toMatch(/No PRD/);
    // v1 has no macro plan of its own or above it.
    const v1 = await cli(['plan', '--vault', dir, '--project', '01-Projects/Birch/Planning/v1', '--workstream', 'Epic A']);
    expect(v1.err).toMatch(/No macro-level plan note was found for the planning set 01-Projects\/Birch\/Planning\/v1/);
  });

  it('says what is missing in a folder with part of a set', async () => {
    const { dir } = open('upstream-mixed');
    const r = await cli(['list', '--vault', dir, '--project', '01-Projects/Cedar/Planning/ideas']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('01-Projects/Cedar/Planning/ideas holds no complete planning set: 01-Projects/Cedar/Planning/ideas has no micro-level plan.');
  });

  it('checks a plan against its own set, found from the folder it sits in', async () => {
    const { dir } = open('upstream-mixed');
    const plan = await cli(['plan', '--vault', dir, '--project', '01-Projects/Cedar', '--workstream', 'Epic 2']);
    const note = rel(dir, plan.out);
    const check = await cli(['check', '--vault', dir, '--note', note, '--json']);
    expect(check.err).not.toMatch(/could not be loaded/);
    const items = (JSON.parse(check.out) as { items: Array<{ id: string; ok: boolean }> }).items;
    expect(items.find((i) => i.id === 'wbs-coverage')!.ok).toBe(true);
  });
});

describe('a plan kept outside its planning set', () => {
  it('is checked against the set its source_plan names', async () => {
    const { dir } = open('upstream-mixed');
    const plan = await cli(['plan', '--vault', dir, '--project', '01-Projects/Birch/Planning/v2', '--workstream', 'E2']);
    mkdirSync(path.join(dir, 'Plans'));
    renameSync(plan.out.trim(), path.join(dir, 'Plans', 'W2-micro-level-plan.md'));
    const check = await cli(['check', '--vault', dir, '--note', 'Plans/W2-micro-level-plan.md', '--json']);
    expect(check.err).not.toMatch(/could not be loaded/);
    const items = (JSON.parse(check.out) as { items: Array<{ id: string; ok: boolean }> }).items;
    expect(items.find((i) => i.id === 'wbs-coverage')!.ok).toBe(true);
  });
});
