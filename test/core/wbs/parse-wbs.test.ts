import fc from 'fast-check';
import type { Wbs } from '../../../src/core/contracts/wbs';
import { WbsSchema } from '../../../src/core/contracts/wbs';
import { sumEstimates } from '../../../src/core/wbs/estimates';
import { findWorkstreams, parseWbs, parseWorkstreamRef } from '../../../src/core/wbs/parse-wbs';
import { readWbsFixture } from './fixture';

const summary = (wbs: Wbs) =>
  wbs.workstreams.map((w) => ({ id: w.id, name: w.name, tasks: w.tasks.map((t) => t.id), dependsOn: w.dependsOn }));

describe('parseWbs', () => {
  describe('heading + list items', () => {
    const wbs = parseWbs(readWbsFixture('heading-list'));

    it('reads each workstream heading with its tasks and dependencies', () => {
      expect(summary(wbs)).toEqual([
        { id: 'W1', name: 'Foundation & Auth', tasks: ['W1.1', 'W1.2', 'W1.3', 'W1.4'], dependsOn: [] },
        { id: 'W2', name: 'Inspection API', tasks: ['W2.1', 'W2.2', 'W2.3'], dependsOn: ['W1'] },
        { id: 'W3', name: 'Reports', tasks: ['W3.1', 'W3.2'], dependsOn: ['W1', 'W2'] },
      ]);
    });

    it('gives 1-based lines counted from the top of the note, frontmatter included', () => {
      const [w1, w2] = wbs.workstreams;
      expect(w1).toMatchObject({ line: 9, dependsLine: 11, format: 'heading' });
      expect(w1!.tasks.map((t) => t.line)).toEqual([13, 14, 15, 16]);
      expect(w2).toMatchObject({ line: 18, dependsLine: 20 });
    });

    it('reads titles and estimates from bold ids, colons, parentheses and checkboxes', () => {
      const w1 = wbs.workstreams[0]!;
      expect(w1.tasks).toEqual([
        { id: 'W1.1', title: 'Repository and CI', estimate: { value: 2, unit: 'd', raw: '2d' }, line: 13 },
        { id: 'W1.2', title: 'Auth module', estimate: { value: 4, unit: 'h', raw: '4h' }, line: 14 },
        { id: 'W1.3', title: 'Session refresh', line: 15 },
        { id: 'W1.4', title: 'Sign out', estimate: { value: 1, unit: 'd', raw: '1 day' }, line: 16 },
      ]);
    });

    it('keeps a list item without an id out of the tasks, and list items outside workstream sections', () => {
      const titles = wbs.workstreams.flatMap((w) => w.tasks.map((t) => t.title));
      expect(titles).not.toContain('Not a task: no id here');
      expect(wbs.workstreams[2]!.tasks.map((t) => t.id)).not.toContain('W2.1');
    });

    it('produces a value the contract schema accepts', () => {
      expect(WbsSchema.safeParse(wbs).success).toBe(true);
    });
  });

  describe('heading + table', () => {
    const wbs = parseWbs(readWbsFixture('heading-table'));

    it('reads columns in any order and header names in any case, with synonyms', () => {
      expect(summary(wbs)).toEqual([
        { id: 'W2', name: 'Inspection API', tasks: ['W2.1', 'W2.2', 'W2.3'], dependsOn: ['W1', 'W3'] },
        { id: 'W3', name: 'Reports', tasks: ['W3.1', 'W3.2'], dependsOn: ['W2'] },
      ]);
      expect(wbs.workstreams[0]!.tasks[0]).toEqual({
        id: 'W2.1',
        title: 'Inspection endpoints',
        estimate: { value: 3, unit: 'd', raw: '3d' },
        dependsOn: ['W1.2'],
        line: 7,
      });
    });

    it('takes the dependency column as the union of the rows, dropping tasks of the workstream itself', () => {
      expect(wbs.workstreams[0]).toMatchObject({ dependsOn: ['W1', 'W3'], dependsLine: 7 });
      expect(wbs.workstreams[1]).toMatchObject({ dependsOn: ['W2'], dependsLine: 16 });
    });

    it('applies the unit in the estimate header to bare numbers', () => {
      expect(wbs.workstreams[1]!.tasks.map((t) => t.estimate)).toEqual([
        { value: 2, unit: 'd', raw: '2' },
        { value: 1.5, unit: 'd', raw: '1.5' },
      ]);
    });

    it('leaves the estimate out when the cell is empty', () => {
      expect(wbs.workstreams[0]!.tasks[2]).toEqual({ id: 'W2.3', title: 'Validation', line: 9 });
    });
  });

  describe('summary table with a Workstream column', () => {
    const wbs = parseWbs(readWbsFixture('summary-table'));

    it('groups rows by the Workstream column and merges rows of the same workstream', () => {
      expect(summary(wbs)).toEqual([
        { id: 'W1', name: 'Foundation', tasks: ['W1.1', 'W1.2'], dependsOn: [] },
        { id: 'W2', name: 'Inspection API', tasks: ['W2.1', 'W2.2'], dependsOn: ['W1'] },
        { id: 'W3', name: 'Reports', tasks: ['W3.1'], dependsOn: ['W1', 'W2'] },
      ]);
    });

    it('marks them as table workstreams defined on their first row', () => {
      expect(wbs.workstreams.map((w) => [w.format, w.line])).toEqual([
        ['table', 7],
        ['table', 8],
        ['table', 11],
      ]);
      expect(wbs.workstreams[1]!.dependsLine).toBe(8);
      expect(wbs.workstreams[0]!.dependsLine).toBeUndefined();
    });

    it('ignores tables that are not a WBS', () => {
      expect(wbs.workstreams.flatMap((w) => w.tasks.map((t) => t.id))).not.toContain('R1');
    });
  });

  describe('mixed in one note', () => {
    const wbs = parseWbs(readWbsFixture('mixed'));

    it('merges an overview table with the headings of the same name, and reads lists and tables beneath', () => {
      expect(summary(wbs)).toEqual([
        { id: 'W1', name: 'Foundation', tasks: ['W1.1'], dependsOn: [] },
        { id: 'W2', name: 'Inspection API', tasks: ['W2.1', 'W2.2'], dependsOn: ['W1'] },
        { id: 'W3', name: 'Reports', tasks: ['W3.1'], dependsOn: ['W2'] },
      ]);
    });

    it('applies `W3 depends on W2` written before W3 is defined', () => {
      expect(wbs.workstreams[2]).toMatchObject({ id: 'W3', dependsLine: 24, line: 26 });
    });
  });

  describe('`Workstream 2 — Name (W2)` headings', () => {
    const wbs = parseWbs(readWbsFixture('workstream-name-id'));

    it('normalises the id and drops the repeated id from the name, numbered headings too', () => {
      expect(summary(wbs)).toEqual([
        { id: 'W1', name: 'Foundation & Auth', tasks: ['W1.1'], dependsOn: [] },
        { id: 'W2', name: 'Inspection API', tasks: ['W2.1'], dependsOn: ['W1'] },
        { id: 'W3', name: 'Reports', tasks: ['W3.1'], dependsOn: [] },
      ]);
    });
  });

  describe('task id styles', () => {
    const wbs = parseWbs(readWbsFixture('task-id-styles'));

    it('reads W2-T3, T2.1, bold bare 2.1, task headings and tables in sub-sections', () => {
      expect(wbs.workstreams[0]!.tasks.map((t) => [t.id, t.title, t.estimate?.raw])).toEqual([
        ['W2-T1', 'Endpoints', '2d'],
        ['W2-T2', 'Schema', '3h'],
        ['T2.3', 'Validation', '1d'],
        ['2.4', 'Docs', '1h'],
        ['W2-T5', 'Paging', '4h'],
        ['T2.6', 'Filters', '2 pts'],
      ]);
    });

    it('does not take a plain `2.5 …` item for a task', () => {
      expect(wbs.workstreams[0]!.tasks.map((t) => t.id)).not.toContain('2.5');
    });

    it('gives an unprefixed id, or one with another prefix, to the section it stands in', () => {
      expect(wbs.workstreams[1]).toMatchObject({ id: 'W3', tasks: [{ id: 'T3.1' }, { id: 'W2.7', title: "Claimed by W3's section" }] });
    });
  });

  describe('dependencies', () => {
    const wbs = parseWbs(readWbsFixture('dependencies'));
    const byId = (id: string) => findWorkstreams(wbs, id)[0]!;

    it('reads bold list labels, heading suffixes, sub-sections, label lists and columns', () => {
      expect(wbs.workstreams.map((w) => [w.id, w.dependsOn])).toEqual([
        ['W1', []],
        ['W2', ['W1', 'W4']],
        ['W3', ['W2']],
        ['W4', ['W1']],
        ['W5', ['W2', 'W4']],
        ['W6', ['W5', 'W2']],
      ]);
    });

    it('records the line of the first dependency statement, and none without one', () => {
      expect(byId('W1').dependsLine).toBeUndefined();
      expect(byId('W2').dependsLine).toBe(7);
      expect(byId('W3').dependsLine).toBe(9);
      expect(byId('W4').dependsLine).toBe(15);
      expect(byId('W5').dependsLine).toBe(20);
      expect(byId('W6').dependsLine).toBe(28);
    });

    it('counts `Depends on: none` as a statement with no dependencies', () => {
      const wbs2 = parseWbs('## W1: A\n\n**Depends on:** none\n');
      expect(wbs2.workstreams[0]).toMatchObject({ dependsOn: [], dependsLine: 3 });
    });
  });

  describe('estimates', () => {
    const w1 = parseWbs(readWbsFixture('estimates')).workstreams[0]!;

    it('keeps each unit, folding spellings', () => {
      expect(w1.tasks.map((t) => (t.estimate ? `${t.estimate.value}${t.estimate.unit}` : null))).toEqual([
        '3d',
        '4h',
        '5pts',
        '2d',
        '1.5w',
        '2h',
        '0.5d',
        null,
        null,
      ]);
    });

    it('leaves a parenthesis or dash that is not an estimate in the title', () => {
      expect(w1.tasks[7]!.title).toBe('H (API v2)');
      expect(w1.tasks[8]!.title).toBe('I — three days');
    });

    it('totals per unit', () => {
      expect(sumEstimates(w1.tasks)).toEqual({ w: 2.75, pts: 5 });
    });
  });

  describe('duplicates', () => {
    const wbs = parseWbs(readWbsFixture('duplicates'));

    it('keeps a workstream defined twice, and a table with another name, as separate entries', () => {
      expect(wbs.workstreams.map((w) => [w.id, w.name, w.format])).toEqual([
        ['W2', 'Inspection API', 'heading'],
        ['W2', 'Inspection Service', 'heading'],
        ['W3', 'Reports', 'heading'],
        ['W2', 'Billing', 'table'],
      ]);
      expect(findWorkstreams(wbs, 'w02').map((w) => w.line)).toEqual([3, 8, 20]);
    });

    it('keeps a task id claimed by two workstreams in both', () => {
      const owners = wbs.workstreams.filter((w) => w.tasks.some((t) => t.id === 'W9.1')).map((w) => w.name);
      expect(owners).toEqual(['Inspection API', 'Reports']);
    });
  });

  describe('code and comments', () => {
    it('ignores fake WBS inside fences, comments and inline code', () => {
      const wbs = parseWbs(readWbsFixture('code-blocks'));
      expect(summary(wbs)).toEqual([{ id: 'W1', name: 'Foundation', tasks: ['W1.1'], dependsOn: [] }]);
      expect(wbs.workstreams[0]!.line).toBe(19);
    });

    it('reads a task id in a code span of its own', () => {
      const wbs = parseWbs('## W1: A\n\n- `W1.2` Title — 1d\n');
      expect(wbs.workstreams[0]!.tasks).toEqual([{ id: 'W1.2', title: 'Title', estimate: { value: 1, unit: 'd', raw: '1d' }, line: 3 }]);
    });
  });

  describe('no WBS', () => {
    it('gives no workstreams for an empty note', () => {
      expect(parseWbs(readWbsFixture('empty'))).toEqual({ workstreams: [] });
    });

    it('gives no workstreams for prose, contract headings or task-id headings at the top level', () => {
      expect(parseWbs('# Notes\n\n## W1 → W2: tokens\n\n## W2.1 Build\n\nW2 is late.\n').workstreams).toEqual([]);
    });

    it('copes with CRLF line endings', () => {
      const wbs = parseWbs('## W1: A\r\n\r\n- W1.1 Task — 2d\r\n');
      expect(wbs.workstreams[0]).toMatchObject({ name: 'A', tasks: [{ id: 'W1.1', title: 'Task', line: 3 }] });
    });
  });

  describe('headings', () => {
    it.each([
      ['### W2: Inspection API', 'Inspection API'],
      ['## W2 — Inspection API', 'Inspection API'],
      ['## W2 - Inspection API', 'Inspection API'],
      ['## Workstream 2 — Inspection API (W2)', 'Inspection API'],
      ['## Workstream 2: Inspection API', 'Inspection API'],
      ['## **W2**: Inspection API', 'Inspection API'],
      ['## W2 (Inspection API)', 'Inspection API'],
      ['## 3. W02: Inspection API', 'Inspection API'],
      ['## W-2: Inspection API', 'Inspection API'],
      ['## W2', ''],
    ])('reads %s', (heading, name) => {
      expect(parseWbs(`${heading}\n`).workstreams).toEqual([{ id: 'W2', name, tasks: [], dependsOn: [], line: 1, format: 'heading' }]);
    });

    it('starts a new workstream at a deeper heading with another id, not at one with the same id', () => {
      const wbs = parseWbs('## W1: A\n\n### W1 notes\n\n- W1.1 T\n\n### W3: C\n\n- W3.1 U\n');
      expect(summary(wbs)).toEqual([
        { id: 'W1', name: 'A', tasks: ['W1.1'], dependsOn: [] },
        { id: 'W3', name: 'C', tasks: ['W3.1'], dependsOn: [] },
      ]);
    });

    it('ends a workstream at the next heading of its level', () => {
      const wbs = parseWbs('## W1: A\n\n## Risks\n\n- W1.1 Not a task\n');
      expect(wbs.workstreams[0]!.tasks).toEqual([]);
    });
  });

  describe('tables outside workstream sections', () => {
    it('groups rows by the task id prefix when there is no Workstream column', () => {
      const wbs = parseWbs('## WBS\n\n| ID | Task |\n|---|---|\n| W1.1 | A |\n| W2.1 | B |\n| T9 | Orphan |\n');
      expect(summary(wbs)).toEqual([
        { id: 'W1', name: '', tasks: ['W1.1'], dependsOn: [] },
        { id: 'W2', name: '', tasks: ['W2.1'], dependsOn: [] },
      ]);
    });

    it('reads the task id from the task cell when there is no ID column', () => {
      const wbs = parseWbs('| Task | Workstream | Effort |\n|---|---|---|\n| W1.1 Build it | W1 | 2h |\n');
      expect(wbs.workstreams[0]!.tasks).toEqual([{ id: 'W1.1', title: 'Build it', estimate: { value: 2, unit: 'h', raw: '2h' }, line: 3 }]);
    });
  });

  it('never throws, and always satisfies the contract schema', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('#', ' ', '\n', '|', '-', 'W', '2', '.', ':', '`', '*', 'T', 'a', '(', ')', '—', '\r') }), (s) => {
        expect(WbsSchema.safeParse(parseWbs(s)).success).toBe(true);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(Array.isArray(parseWbs(s).workstreams)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('completes on a 5 MB note', () => {
    const block = '## W1: Foundation\n\nDepends on: W2\n\n- **W1.1** Task `GET /a` — 3d\n| ID | Task |\n|---|---|\n| W1.2 | B |\n\n```\n## W9: fake\n```\n';
    const text = block.repeat(Math.ceil((5 * 1024 * 1024) / block.length));
    const wbs = parseWbs(text);
    expect(wbs.workstreams.length).toBeGreaterThan(1000);
    expect(wbs.workstreams.every((w) => w.id === 'W1')).toBe(true);
  });
});

describe('parseWorkstreamRef', () => {
  it.each([
    ['W2', { id: 'W2', name: '' }],
    ['2', { id: 'W2', name: '' }],
    ['W2 — Inspection API', { id: 'W2', name: 'Inspection API' }],
    ['Inspection API (W2)', { id: 'W2', name: 'Inspection API' }],
    ['Workstream 2: Inspection API', { id: 'W2', name: 'Inspection API' }],
    ['**W02**', { id: 'W2', name: '' }],
  ])('reads %s', (cell, ref) => {
    expect(parseWorkstreamRef(cell)).toEqual(ref);
  });

  it('gives null for a cell without a workstream', () => {
    expect(parseWorkstreamRef('Foundation')).toBeNull();
  });
});
