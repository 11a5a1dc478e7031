import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import matter from 'gray-matter';
import { copyExampleVault } from '../support/example-vault';
import { cli } from '../support/run-cli';
import { PlanFrontmatterSchema } from '../../src/core/contracts/plan-frontmatter';

const MESO = 'research/project-planning/meso-level-plan.md';

describe('workstream-planner CLI on the example vault', () => {
  let v: { dir: string; cleanup(): void };
  const file = (rel: string): string => path.join(v.dir, rel);
  const read = (rel: string): string => readFileSync(file(rel), 'utf8');

  beforeEach(() => {
    v = copyExampleVault();
  });
  afterEach(() => v.cleanup());

  it('plans W1 offline: a draft note, its path on stdout, the meso plan linked back', async () => {
    const mesoBefore = matter(read(MESO), {});
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W1']);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(file('Planning/W1-micro-level-plan.md'));
    expect(r.err).toMatch(/offline draft/);

    const note = matter(read('Planning/W1-micro-level-plan.md'), {});
    const fm = PlanFrontmatterSchema.parse(note.data);
    expect(fm.status).toBe('draft');
    expect(fm.workstream_id).toBe('W1');
    expect(fm.created).toBe('2026-11-25');
    expect(fm.tags).toEqual(['workstream-plan', 'micro-level', 'W1']);
    expect(fm.source_plan).toBe('[[meso-level-plan]]');

    const mesoAfter = matter(read(MESO), {});
    expect(mesoAfter.data['workstream_plans']).toEqual(['[[Planning/W1-micro-level-plan]]']);
    expect(mesoAfter.content).toBe(mesoBefore.content);
  });

  it('links back only once when the same plan is forced again', async () => {
    await cli(['plan', '--vault', v.dir, '--workstream', 'W1']);
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W1', '--force']);
    expect(r.code).toBe(0);
    expect(matter(read(MESO), {}).data['workstream_plans']).toEqual(['[[Planning/W1-micro-level-plan]]']);
  });

  it('never overwrites a plan without --force, and backs it up with it', async () => {
    await cli(['plan', '--vault', v.dir, '--workstream', 'W1']);
    writeFileSync(file('Planning/W1-micro-level-plan.md'), read('Planning/W1-micro-level-plan.md') + '\nMy own notes.\n');
    const edited = read('Planning/W1-micro-level-plan.md');

    const refused = await cli(['plan', '--vault', v.dir, '--workstream', 'W1']);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/W1-micro-level-plan\.md already exists.*--force/);
    expect(read('Planning/W1-micro-level-plan.md')).toBe(edited);

    const forced = await cli(['plan', '--vault', v.dir, '--workstream', 'W1', '--force']);
    expect(forced.code).toBe(0);
    const backups = readdirSync(file('Planning/.backup'));
    expect(backups).toEqual(['W1-micro-level-plan.20261125-093000.md']);
    expect(read(`Planning/.backup/${backups[0]}`)).toBe(edited);
    expect(read('Planning/W1-micro-level-plan.md')).not.toContain('My own notes.');
  });

  it('normalises ids and refuses anything that is not one before touching the vault', async () => {
    const ok = await cli(['plan', '--vault', v.dir, '--workstream', 'w2']);
    expect(ok.code).toBe(0);
    expect(existsSync(file('Planning/W2-micro-level-plan.md'))).toBe(true);

    for (const bad of ['../../x', 'W2/../../etc', 'X1', '']) {
      const r = await cli(['plan', '--vault', v.dir, '--workstream', bad]);
      expect(r.code).toBe(2);
      expect(r.err.split('\n').length).toBeLessThanOrEqual(2);
    }
    expect(readdirSync(file('Planning')).sort()).toEqual(['W2-micro-level-plan.md']);
  });

  it('refuses a workstream the WBS lacks, listing the known ids, and writes nothing', async () => {
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W9']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('W9 is not in the work breakdown (known: W1, W2, W3).');
    expect(existsSync(file('Planning'))).toBe(false);
  });

  it('lists workstreams with tasks, dependencies and status as JSON', async () => {
    await cli(['plan', '--vault', v.dir, '--workstream', 'W1']);
    const r = await cli(['list', '--vault', v.dir, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { workstreams: { id: string; name: string; tasks: { id: string; title: string }[]; dependsOn: string[]; status: string }[] };
    expect(json.workstreams.map((w) => [w.id, w.dependsOn, w.status])).toEqual([
      ['W1', [], 'draft'],
      ['W2', ['W1'], 'not_planned'],
      ['W3', ['W2'], 'not_planned'],
    ]);
    expect(json.workstreams[1]!.tasks.map((t) => t.id)).toEqual(['W2-T1', 'W2-T2', 'W2-T3', 'W2-T4', 'W2-T5', 'W2-T6', 'W2-T7']);
    expect(json.workstreams[2]!.name).toBe('Sync Worker');
    for (const w of json.workstreams) for (const t of w.tasks) expect(t.title.length).toBeGreaterThan(3);
  });

  it('checks a draft: not ready, with the items that need writing', async () => {
    await cli(['plan', '--vault', v.dir, '--workstream', 'W2']);
    const r = await cli(['check', '--vault', v.dir, '--note', 'Planning/W2-micro-level-plan.md', '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as { ready: boolean; items: { id: string; ok: boolean; reasons: string[]; line: number | null }[] };
    expect(json.ready).toBe(false);
    const byId = Object.fromEntries(json.items.map((i) => [i.id, i]));
    expect(byId['frontmatter']!.ok).toBe(true);
    expect(byId['wbs-coverage']!.ok).toBe(true);
    expect(byId['dependencies']!.ok).toBe(true);
    expect(byId['interfaces']!.ok).toBe(false);
    expect(byId['interfaces']!.reasons.length).toBeGreaterThan(0);
  });

  it('takes a note path that is absolute inside the vault, or written without .md', async () => {
    await cli(['plan', '--vault', v.dir, '--workstream', 'W1']);
    const abs = await cli(['check', '--vault', v.dir, '--note', file('Planning/W1-micro-level-plan.md'), '--json']);
    expect(abs.code).toBe(1);
    expect(JSON.parse(abs.out).items.length).toBeGreaterThan(5);
    const bare = await cli(['check', '--vault', v.dir, '--note', 'Planning/W1-micro-level-plan', '--json']);
    expect(bare.code).toBe(1);
    expect(bare.out).toBe(abs.out);
  });

  it('escalates instead of planning when the meso plan leaves a decision open, and resolves it later', async () => {
    const original = read(MESO);
    const withTbd = original.replace(/(## W2: Inspection API\n)/, '$1\nThe photo retention period is TBD.\n');
    expect(withTbd).not.toBe(original);
    writeFileSync(file(MESO), withTbd);

    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W2']);
    expect(r.code).toBe(1);
    expect(existsSync(file('Planning/W2-micro-level-plan.md'))).toBe(false);
    const esc = matter(read('Planning/W2-escalation.md'), {});
    expect(esc.data['status']).toBe('escalated');
    expect(esc.content).toMatch(/> \[!escalation\] Escalation Request — W2: Inspection API/);
    for (const field of ['Agent', 'Workstream', 'Blocker', 'Meso-plan section', 'Evidence', 'Questions', 'Recommendation']) {
      expect(esc.content).toContain(`**${field}:**`);
    }
    expect(esc.content).toContain('TBD');

    writeFileSync(file(MESO), original);
    const again = await cli(['plan', '--vault', v.dir, '--workstream', 'W2']);
    expect(again.code).toBe(0);
    expect(matter(read('Planning/W2-escalation.md'), {}).data['status']).toBe('resolved');
  });

  it('plans from a meso plan whose frontmatter does not parse, warns with file and line, and leaves it untouched', async () => {
    const broken = read(MESO).replace(/^tags:.*$/m, 'tags: [meso-level-plan\nstatus: : :');
    writeFileSync(file(MESO), broken);
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W1']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/meso-level-plan\.md.*line \d+/);
    expect(r.err).not.toMatch(/\bat .*\.ts:\d+/);
    expect(read(MESO)).toBe(broken);
  });

  it('reports a broken settings file in one sentence and writes nothing', async () => {
    const dir = file('.obsidian/plugins/workstream-planner');
    require('node:fs').mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'data.json'), '{ "concurrency": "many" }');
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W1']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/The settings in \S+data\.json were not used: concurrency: .+\. Fix or delete that file\.$/m);
    expect(existsSync(file('Planning'))).toBe(false);
  });

  it('reads the output folder from the plugin settings', async () => {
    const dir = file('.obsidian/plugins/workstream-planner');
    require('node:fs').mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'data.json'), JSON.stringify({ outputFolder: 'Specs/Micro' }));
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W1']);
    expect(r.code).toBe(0);
    expect(existsSync(file('Specs/Micro/W1-micro-level-plan.md'))).toBe(true);
  });

  it('says plainly when the vault folder does not exist', async () => {
    const r = await cli(['list', '--vault', path.join(v.dir, 'nope')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/does not exist/);
  });

  it('explains usage mistakes with exit 2', async () => {
    expect((await cli(['plan', '--vault', v.dir])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['check', '--vault', v.dir, '--note', '../outside.md'])).code).toBe(2);
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Usage:/);
  });
});

describe('two projects in one vault', () => {
  it('never replaces the other project\'s plan, even with --force, and says what to change', async () => {
    const v = copyExampleVault();
    try {
      await cli(['plan', '--vault', v.dir, '--workstream', 'W1']);
      const file = path.join(v.dir, 'Planning/W1-micro-level-plan.md');
      const other = readFileSync(file, 'utf8').replace('project: "[[01-Projects/Tidewater]]"', 'project: "[[01-Projects/Kiosk]]"');
      writeFileSync(file, other);
      const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W1', '--force']);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/plan of another project \(\[\[01-Projects\/Kiosk\]\]\).*own output folder/);
      expect(readFileSync(file, 'utf8')).toBe(other);
    } finally {
      v.cleanup();
    }
  });
});

describe('check in a vault of several projects', () => {
  it('checks a plan against its own project, named in its frontmatter, without --project', async () => {
    const v = copyExampleVault();
    try {
      // The WBS is not at its default path, so discovery needs the project note to find it.
      const { renameSync } = require('node:fs') as typeof import('node:fs');
      renameSync(path.join(v.dir, 'research/project-planning/micro-level-plan.md'), path.join(v.dir, 'research/project-planning/WBS.md'));
      const projectNote = path.join(v.dir, '01-Projects/Tidewater.md');
      writeFileSync(projectNote, readFileSync(projectNote, 'utf8').replace('research/project-planning/micro-level-plan|', 'research/project-planning/WBS|'));
      expect((await cli(['plan', '--vault', v.dir, '--workstream', 'W1'])).code).toBe(0);
      // A second project appears in the vault.
      writeFileSync(path.join(v.dir, '01-Projects/Kiosk.md'), '---\ntags: [project]\n---\n# Kiosk\n\nNothing planned yet.\n');
      expect((await cli(['list', '--vault', v.dir])).code).toBe(2);
      const r = await cli(['check', '--vault', v.dir, '--note', 'Planning/W1-micro-level-plan.md', '--json']);
      const items = (JSON.parse(r.out) as { items: { id: string; ok: boolean }[] }).items;
      expect(items.find((i) => i.id === 'wbs-coverage')!.ok).toBe(true);
      expect(r.err).not.toMatch(/could not be loaded/);
    } finally {
      v.cleanup();
    }
  });
});

describe('list shows what would block planning', () => {
  it('names the blockers of a workstream that would escalate, and none for the others', async () => {
    const v = copyExampleVault();
    try {
      const meso = path.join(v.dir, 'research/project-planning/meso-level-plan.md');
      writeFileSync(meso, readFileSync(meso, 'utf8').replace(/(## W2: Inspection API\n)/, '$1\nPhoto retention is TBD.\n'));
      const r = await cli(['list', '--vault', v.dir, '--json']);
      const ws = (JSON.parse(r.out) as { workstreams: { id: string; blockers: string[] }[] }).workstreams;
      expect(ws.find((w) => w.id === 'W1')!.blockers).toEqual([]);
      expect(ws.find((w) => w.id === 'W2')!.blockers.length).toBe(1);
      const text = await cli(['list', '--vault', v.dir]);
      expect(text.out).toMatch(/W2 .*\n(?:.*\n)*\s+! .*decision/);
    } finally {
      v.cleanup();
    }
  });
});

describe('offline draft quoting the meso plan', () => {
  it('quotes a meso section once, and later modules tracing it point back to the quote', async () => {
    const v = copyExampleVault();
    try {
      await cli(['plan', '--vault', v.dir, '--workstream', 'W1']);
      const text = readFileSync(path.join(v.dir, 'Planning/W1-micro-level-plan.md'), 'utf8');
      expect(text.split('> **W1 Repository and build**').length - 1).toBe(1);
      expect(text).toContain('Quoted under 2.1.1.');
    } finally {
      v.cleanup();
    }
  });
});
