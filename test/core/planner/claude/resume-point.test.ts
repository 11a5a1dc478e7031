import { findResumePoint } from '../../../../src/core/planner/claude/resume-point';
import type { PlanUnit } from '../../../../src/core/generation/units';

const core = (key: string, coreText: string): PlanUnit => ({ key, kind: 'core', coreText, parts: [], label: 'Planner text' });
const model = (key: string, heading: string): PlanUnit => ({ key, kind: 'model', top: { heading, level: /^#+/.exec(heading)![0].length }, parts: [], label: key });

/** The shapes buildPlanUnits makes: the title block, rule-only units, a rule before a fixed heading, modules, the footer. */
const UNITS: PlanUnit[] = [
  core('core-frontmatter', '---\nstatus: "in_progress"\n---\n\n# Workstream W2 Micro-Level Plan: Inspection API\n\n**Project:** Tidewater\n'),
  model('section-exec', '## Executive Summary'),
  core('core-1-rule', '---\n\n'),
  model('section-1', '## 1. Context and Dependencies'),
  core('core-2', '---\n\n## 2. Module and Component Specifications\n\n'),
  model('section-2.1', '### 2.1 Migrations for inspections'),
  model('section-2.2', '### 2.2 Implement `POST /v1/inspections`'),
  core('core-3-rule', '---\n\n'),
  model('section-3', '## 3. API Contracts'),
  core('core-footer', '---\n\n**Status:** In progress — the planner is still writing sections\n**Next Step:** Wait for the planner to finish.\n'),
];

const TITLE = '# Workstream W2 Micro-Level Plan: Inspection API\n\n**Project:** Tidewater\n';
const EXEC = '## Executive Summary\n\nThe inspection API stores inspections and their defects.\n';
const RULE = '---\n';
const S1 = '## 1. Context and Dependencies\n\n### 1.1 Workstream Position\n\nW2 sits between the schema and the sync service.\n';
const CORE2 = '---\n\n## 2. Module and Component Specifications\n';
const S21 = '### 2.1 Migrations for inspections\n\n#### 2.1.1 Purpose\n\nCreates the tables.\n';
const S22 = '### 2.2 Implement `POST /v1/inspections`\n\n#### 2.2.1 Purpose\n\nCreates an inspection.\n';
const S3 = '## 3. API Contracts\n\n### 3.1 POST /v1/inspections\n\nReturns 201.\n';
const FOOTER = '---\n\n**Status:** In progress — the planner is still writing sections\n**Next Step:** Wait for the planner to finish.\n';

/** As the ordered writer lays units out: one blank line between them. */
const note = (...units: string[]): string => units.join('\n');
const OFFSET = 90; // where the body starts in the note (after the frontmatter)

interface Case {
  name: string;
  body: string;
  cleanStop: boolean;
  /** Keys of the units kept. */
  keys: string[];
  /** The body as kept (the cut). */
  kept: string;
}

const upTo = (key: string): string[] => UNITS.slice(0, UNITS.findIndex((u) => u.key === key) + 1).map((u) => u.key);

const cases: Case[] = [
  {
    name: 'a clean stop keeps every unit found and drops the blank line after the last',
    body: note(TITLE, EXEC, RULE, S1, CORE2) + '\n',
    cleanStop: true,
    keys: upTo('core-2'),
    kept: note(TITLE, EXEC, RULE, S1, CORE2),
  },
  {
    name: 'a crash in the middle of a model unit redoes it: the note is cut where it starts, blank line included',
    body: note(TITLE, EXEC, RULE, '## 1. Context and Dependencies\n\n### 1.1 Workstream Position\n\nW2 sits betw'),
    cleanStop: false,
    keys: upTo('core-1-rule'),
    kept: note(TITLE, EXEC, RULE),
  },
  {
    name: 'a crash after a whole core heading unit keeps it and the model unit before it',
    body: note(TITLE, EXEC, RULE, S1, CORE2) + '\n',
    cleanStop: false,
    keys: upTo('core-2'),
    kept: note(TITLE, EXEC, RULE, S1, CORE2),
  },
  {
    name: 'a crash after two whole model units in a row redoes only the second',
    body: note(TITLE, EXEC, RULE, S1, CORE2, S21, S22),
    cleanStop: false,
    keys: upTo('section-2.1'),
    kept: note(TITLE, EXEC, RULE, S1, CORE2, S21),
  },
  {
    name: 'a crash right after a `---` rule redoes the model unit before it (the rule may be its own last line)',
    body: note(TITLE, EXEC, RULE),
    cleanStop: false,
    keys: upTo('core-frontmatter'),
    kept: TITLE,
  },
  {
    name: "a clean stop after a rule keeps it: nothing partial is left in a cleanly stopped note",
    body: note(TITLE, EXEC, RULE),
    cleanStop: true,
    keys: upTo('core-1-rule'),
    kept: note(TITLE, EXEC, RULE),
  },
  {
    name: "the model's own `---` lines inside a section are not the rule unit (clean stop)",
    body: note(TITLE, '## Executive Summary\n\nFirst part.\n\n---\n\nSecond part.\n', RULE, S1, CORE2),
    cleanStop: true,
    keys: upTo('core-2'),
    kept: note(TITLE, '## Executive Summary\n\nFirst part.\n\n---\n\nSecond part.\n', RULE, S1, CORE2),
  },
  {
    name: "a model's `---` line followed by a line that only starts like the next heading is not the rule unit",
    body: note(TITLE, '## Executive Summary\n\nFirst part.\n\n---\n\n## 1. Context and Dependencies, in short\n', RULE, S1, CORE2),
    cleanStop: true,
    keys: upTo('core-2'),
    kept: note(TITLE, '## Executive Summary\n\nFirst part.\n\n---\n\n## 1. Context and Dependencies, in short\n', RULE, S1, CORE2),
  },
  {
    name: "a crash right after the model's own `---` line redoes that model unit",
    body: note(TITLE, '## Executive Summary\n\nFirst part.\n\n---\n'),
    cleanStop: false,
    keys: upTo('core-frontmatter'),
    kept: TITLE,
  },
  {
    name: 'a heading that only starts with a marker is not the unit (a code block in 2.1 quoting 2.2)',
    body: note(TITLE, EXEC, RULE, S1, CORE2, S21 + '\n```md\n### 2.2 Implement `POST /v1/inspections` (later)\n```\n', '### 2.2 Implement `POST /v1/inspections`\n\n#### 2.2.1 Purp'),
    cleanStop: false,
    keys: upTo('section-2.1'),
    kept: note(TITLE, EXEC, RULE, S1, CORE2, S21 + '\n```md\n### 2.2 Implement `POST /v1/inspections` (later)\n```\n'),
  },
  {
    name: 'a marker in the middle of a line is not the unit',
    body: note(TITLE, EXEC + 'See ## 1. Context and Dependencies\n'),
    cleanStop: true,
    keys: upTo('section-exec'),
    kept: note(TITLE, EXEC + 'See ## 1. Context and Dependencies\n'),
  },
  {
    name: 'a marker line ending in CRLF (a note saved on Windows) is found',
    body: note(TITLE, EXEC, RULE, S1.replace(/\n/g, '\r\n'), CORE2),
    cleanStop: false,
    keys: upTo('core-2'),
    kept: note(TITLE, EXEC, RULE, S1.replace(/\n/g, '\r\n'), CORE2),
  },
  {
    name: 'a marker that ends the note (no line break after it) is found',
    body: note(TITLE, EXEC, RULE, '## 1. Context and Dependencies'),
    cleanStop: false,
    keys: upTo('core-1-rule'),
    kept: note(TITLE, EXEC, RULE),
  },
  {
    name: 'a footer cut short after a crash is redone from its lead `---` rule',
    body: note(TITLE, EXEC, RULE, S1, CORE2, S21, S22, RULE, S3, '---\n\n**Status:** In progress — the planner is still writing sections\n'),
    cleanStop: false,
    keys: upTo('section-3'),
    kept: note(TITLE, EXEC, RULE, S1, CORE2, S21, S22, RULE, S3),
  },
  {
    name: 'a whole footer after a crash: every unit is complete, nothing is redone',
    body: note(TITLE, EXEC, RULE, S1, CORE2, S21, S22, RULE, S3, FOOTER),
    cleanStop: false,
    keys: upTo('core-footer'),
    kept: note(TITLE, EXEC, RULE, S1, CORE2, S21, S22, RULE, S3, FOOTER),
  },
  {
    name: 'a core heading unit without its rule (edited away) is not whole: after a crash it is redone from its heading',
    body: note(TITLE, EXEC, RULE, S1, '## 2. Module and Component Specifications\n'),
    cleanStop: false,
    keys: upTo('section-1'),
    kept: note(TITLE, EXEC, RULE, S1),
  },
  {
    name: 'units are found in order: a later marker before an earlier one does not count',
    body: note(TITLE, '## 1. Context and Dependencies\n\nStray.\n', EXEC),
    cleanStop: true,
    keys: upTo('section-exec'),
    kept: note(TITLE, '## 1. Context and Dependencies\n\nStray.\n', EXEC),
  },
  {
    name: 'only the title block: it is kept, whatever else',
    body: TITLE + '\n\n\n',
    cleanStop: false,
    keys: upTo('core-frontmatter'),
    kept: TITLE,
  },
];

describe('findResumePoint', () => {
  it.each(cases)('$name', ({ body, cleanStop, keys, kept }) => {
    const point = findResumePoint(body, OFFSET, UNITS, cleanStop);
    expect(point.completeKeys).toEqual(keys);
    expect(body.slice(0, point.cutOffset - OFFSET)).toBe(kept);
    expect(point.cutOffset - OFFSET).toBe(kept.length);
  });

  it('keeps the first unit even when it is a model unit cut short', () => {
    const units = [model('a', '## A'), model('b', '## B')];
    expect(findResumePoint('## A\n\npartial', 0, units, false)).toEqual({ completeKeys: ['a'], cutOffset: '## A\n\npartial'.length });
  });

  it('keeps nothing when there are no units', () => {
    expect(findResumePoint('text\n', 5, [], true)).toStrictEqual({ completeKeys: [], cutOffset: 10 });
  });

  it("keeps a cleanly stopped note's last line even without a line break after it", () => {
    const body = note(TITLE, '## Executive Summary\n\nEnds without a line break:\nx');
    expect(findResumePoint(body, OFFSET, UNITS, true)).toEqual({ completeKeys: upTo('section-exec'), cutOffset: OFFSET + body.length });
  });

  it("a model's own `---` line followed by a line as long as the next marker is not the rule unit", () => {
    const other = '## X. Something else entirely'.padEnd('## 1. Context and Dependencies'.length, '.');
    const body = note(TITLE, `## Executive Summary\n\nFirst part.\n\n---\n\n${other}\n`);
    expect(findResumePoint(body, OFFSET, UNITS, true).completeKeys).toEqual(upTo('section-exec'));
    // Nor one followed by ordinary text, when the real rule never came.
    expect(findResumePoint(note(TITLE, '## Executive Summary\n\nFirst part.\n\n---\n\nSecond part.\n'), OFFSET, UNITS, true).completeKeys).toEqual(upTo('section-exec'));
  });

  it('a unit is searched for after the rule before it: its marker quoted earlier, as a line, does not count', () => {
    const quoting = EXEC + '\n## 1. Context and Dependencies\n';
    const body = note(TITLE, quoting, RULE, '## 1. Context and Dependencies\n\nW2 sits betw');
    const point = findResumePoint(body, OFFSET, UNITS, false);
    expect(point.completeKeys).toEqual(upTo('core-1-rule'));
    expect(body.slice(0, point.cutOffset - OFFSET)).toBe(note(TITLE, quoting, RULE));
  });
});

describe('findResumePoint on units of other shapes', () => {
  const t = core('title', '# T\n');
  const keysOf = (body: string, units: PlanUnit[], cleanStop = true): string[] => findResumePoint(body, 0, units, cleanStop).completeKeys;

  it.each([
    ['a marker in the middle of the line right after the unit before', '# T\n\n## A\n\ntext see ## B\n', [t, model('a', '## A'), model('b', '## B')], ['title', 'a']],
    ['a marker at the very start of the body', '## A\n\nfoo\n', [core('empty-title', ''), model('a', '## A')], ['empty-title', 'a']],
    ['a rule at the very start of the body', '---\n\n## A\n\nfoo\n', [core('empty-title', ''), core('rule', '---\n\n'), model('a', '## A')], ['empty-title', 'rule', 'a']],
    ['one line is never two units (two units with the same heading)', '# T\n\n## A\n\nx\n', [t, model('a', '## A'), model('a2', '## A')], ['title', 'a']],
    ['a core unit is found by its heading, not by a line of text before it', '# T\n\n## A\n\na\n\n---\n\nLead line, see # 2\n', [t, model('a', '## A'), core('h', '---\n\nLead line, see # 2\n\n## H\n\n'), model('b', '## B')], ['title', 'a']],
    ['a core unit is found by its heading of any level', '# T\n\n## A\n\na\n\n---\n\nLead line\n', [t, model('a', '## A'), core('h', '---\n\nLead line\n\n# H\n\n'), model('b', '## B')], ['title', 'a']],
    ['a core unit with a heading after a line of text is found by the heading', '# T\n\n## A\n\na\n\n---\n\nLead line\n\n## H\n\n## B\n\nb\n', [t, model('a', '## A'), core('h', '---\n\nLead line\n\n## H\n\n'), model('b', '## B')], ['title', 'a', 'h', 'b']],
    ['blank lines around a rule unit do not make it another marker', '# T\n\n## A\n\na\n\n---\n\n## B\n\nb\n', [t, model('a', '## A'), core('rule', ' \n---\n\n'), model('b', '## B')], ['title', 'a', 'rule', 'b']],
    ['a unit with nothing to find it by is not found', '# T\n\n## A\n\nnull\n', [t, model('a', '## A'), core('empty', ''), model('b', '## B')], ['title', 'a']],
    ['a model unit without a heading is not found', '# T\n\nnull\n', [t, { key: 'x', kind: 'model', parts: [], label: 'x' }], ['title']],
    ['a rule that is the last unit is found only with nothing after it', '# T\n\n## A\n\n---\n\nnull\n', [t, model('a', '## A'), core('rule', '---\n\n')], ['title', 'a']],
    ['a rule that is the last unit, with nothing after it', '# T\n\n## A\n\n---\n\n', [t, model('a', '## A'), core('rule', '---\n\n')], ['title', 'a', 'rule']],
  ] as Array<[string, string, PlanUnit[], string[]]>)('%s', (_name, body, units, keys) => {
    expect(keysOf(body, units)).toEqual(keys);
  });

  it('two rules in a row, the second not followed by what comes next: the first is kept after a crash, with the model unit before it', () => {
    const units = [t, model('a', '## A'), core('r1', '---\n\n'), core('r2', '---\n\n'), model('b', '## B')];
    const body = '# T\n\n## A\n\na\n\n---\n\n---\n\nsomething else\n';
    expect(findResumePoint(body, 0, units, false).completeKeys).toEqual(['title', 'a', 'r1']);
  });

  it('a core unit whose lead starts the body is whole: kept after a crash', () => {
    const units = [core('empty-title', ''), core('h', '---\n\n## H\n\n'), model('b', '## B')];
    expect(findResumePoint('---\n\n## H\n', 0, units, false)).toEqual({ completeKeys: ['empty-title', 'h'], cutOffset: '---\n\n## H\n'.length });
  });
});
