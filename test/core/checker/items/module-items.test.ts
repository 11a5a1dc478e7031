/**
 * Edge tables for the items that read section 2's modules: error handling (a table or a list),
 * WBS coverage (each task named inside a module) and unknown ids (in the workstream's id style).
 */
import { errorHandling } from '../../../../src/core/checker/items/error-handling';
import { idPrefixes, unknownIds } from '../../../../src/core/checker/items/unknown-ids';
import { wbsCoverage } from '../../../../src/core/checker/items/wbs-coverage';
import { buildContext, type CheckPlanInput, type ReadinessCheck } from '../../../../src/core/checker/context';
import { parsePlanSections } from '../../../../src/core/plan/parse-plan';
import { PlanNoteBuilder } from '../../../support/builders/PlanNoteBuilder';
import { ScopeBuilder } from '../../../support/builders/ScopeBuilder';

const run = async (check: ReadinessCheck, input: CheckPlanInput) => check.check(buildContext(input, parsePlanSections(input.text)));

describe('error-handling (every module lists its failures)', () => {
  it.each([
    ['a table', '| Error | Recovery |\n|---|---|\n| Timeout | Retry |'],
    ['a bulleted list', '- `Timeout`: retried twice, then reported.\n- `NotFound`: 404.'],
    ['a numbered list', '1. Timeout: retried twice.\n2. NotFound: 404.'],
    ['a list under prose', 'Expected failures:\n\n* Timeout → retry'],
  ])('passes a .5 holding %s', async (_name, body) => {
    const item = await run(errorHandling, new PlanNoteBuilder().withBody('2.1.5', body).build());
    expect(item.reasons).toEqual([]);
    expect(item.ok).toBe(true);
  });

  it.each([
    ['prose only', 'Failures are logged and retried.'],
    ['a list only inside a todo callout', '> [!todo] List failures\n> - Timeout'],
    ['a list only inside a code block', '```\n- Timeout\n```'],
  ])('fails a .5 holding %s, naming it', async (_name, body) => {
    const item = await run(errorHandling, new PlanNoteBuilder().withBody('2.1.5', body).build());
    expect(item.ok).toBe(false);
    expect(item.reasons).toHaveLength(1);
    expect(item.reasons[0]).toMatch(/^Section 2\.1\.5 \(Error Handling\) has no table or list of expected failures\.$/);
  });
});

describe('wbs-coverage (every task is named inside a module)', () => {
  /** Module 3 covers W2.5 by default: this is its `.1` without the id. */
  const withoutW25 = (b: PlanNoteBuilder) => b.withBody('2.3.1', 'Exports statements. [[meso-level-plan#4. W2 Billing]]');

  it('passes a task named in another module than the outline put it in', async () => {
    const item = await run(wbsCoverage, withoutW25(new PlanNoteBuilder()).withBody('2.1.4', 'Keeps no state; W2.5 reads from it.').build());
    expect(item.ok).toBe(true);
  });

  it.each([
    ['section 4', '4.1'],
    ['section 10', '10.1'],
  ])('fails a task named only outside the modules (in %s)', async (_name, key) => {
    const item = await run(wbsCoverage, withoutW25(new PlanNoteBuilder()).withBody(key, 'This also covers W2.5.').build());
    expect(item.ok).toBe(false);
    expect(item.reasons).toEqual(['No module in section 2 names WBS task W2.5 (Monthly statement export).']);
  });

  it('does not take W2.50 or W12.5 for W2.5', async () => {
    const item = await run(wbsCoverage, withoutW25(new PlanNoteBuilder()).withBody('2.3.4', 'Not W2.50, not W12.5, not W2.5.1.').build());
    expect(item.reasons).toEqual(['No module in section 2 names WBS task W2.5 (Monthly statement export).']);
  });
});

describe('unknown-ids (no task id in the workstream style that its WBS lacks)', () => {
  const tScope = () => new ScopeBuilder().withTasks([
    { id: 'T1', title: 'Invoice model' },
    { id: 'T2', title: 'Invoice API' },
    { id: 'T3', title: 'Gateway' },
  ]);
  /** Every module names the T-style tasks it covers, so only the text under test can fail. */
  const tNote = (extra: string) => new PlanNoteBuilder().withScope(tScope()).withBody('4.1', extra).build();

  it('fails an id in the style that the WBS lacks, naming its line and section', async () => {
    const input = tNote('Later T9 extends it.');
    const item = await run(unknownIds, input);
    expect(item.ok).toBe(false);
    expect(item.reasons).toHaveLength(1);
    expect(item.reasons[0]).toMatch(/^T9 \(line (\d+), section 4\.1 [^)]*\) is not a task of W2 in the WBS\.$/);
    const line = Number(/line (\d+)/.exec(item.reasons[0]!)![1]);
    expect(input.text.split('\n')[line - 1]).toContain('T9');
    expect(item.line).toBe(line);
  });

  /** 1-based line of the first line of the note holding `needle`. */
  const lineWith = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  // Where an id stands decides the line and the section its reason names.
  it.each([
    ['first in the body, above every section', (t: string) => t.replace(/^(---\n[\s\S]*?\n---\n)/, '$1T9 comes first.\n'), 'T9 comes first.', 'the note'],
    ['at the start of a line', (t: string) => t.replace('Written content for section 4.1.', 'Written content.\nT9 starts this line.'), 'T9 starts this line.', 'section 4.1 Database Schemas'],
    ['at the end of a line', (t: string) => t.replace('Written content for section 4.1.', 'Written content, then T9\nand more.'), 'then T9', 'section 4.1 Database Schemas'],
    ['on the last line of a section', (t: string) => t.replace('Written content for section 4.1.\n\n', 'Written content for section 4.1.\nT9 closes it.\n'), 'T9 closes it.', 'section 4.1 Database Schemas'],
    ['in the Executive Summary', (t: string) => t.replace('**Scope:** Invoices and payments.', '**Scope:** Invoices, payments and T9.'), 'payments and T9', 'section Executive Summary'],
    ['in a section heading', (t: string) => t.replace('### 4.2 Migrations', '### 4.2 Migrations for T9'), '### 4.2 Migrations for T9', 'section 4.2 Migrations for T9'],
  ])('names the line and section of an unknown id %s', async (_name, edit, needle, where) => {
    const input = new PlanNoteBuilder().withScope(tScope()).edit(edit).build();
    const item = await run(unknownIds, input);
    const line = lineWith(input.text, needle);
    expect(line).toBeGreaterThan(0);
    expect(item).toMatchObject({ id: 'unknown-ids', ok: false, line });
    expect(item.reasons).toEqual([`T9 (line ${line}, ${where}) is not a task of W2 in the WBS.`]);
  });

  it('reports each unknown id once', async () => {
    const item = await run(unknownIds, tNote('T9, then T9 again, and T8.'));
    expect(item.reasons.map((r) => r.split(' ')[0])).toEqual(['T9', 'T8']);
  });

  it.each([
    ['another workstream’s task written W1.T9', 'Builds on W1.T9.'],
    ['an id of another style, T9.1', 'Step T9.1 of the migration.'],
    ['part of a word', 'The AT9 chip and T9x.'],
    ['inside a code span', 'Run `T9` once.'],
    ['inside a todo callout', '> [!todo] Check T9\n> later'],
    ['the known ids T1 and T3', 'T1, T3.'],
  ])('leaves alone %s', async (_name, extra) => {
    const item = await run(unknownIds, tNote(extra));
    expect(item.reasons).toEqual([]);
    expect(item.ok).toBe(true);
  });

  it('leaves alone ids in the frontmatter', async () => {
    const input = new PlanNoteBuilder().withScope(tScope()).edit((t) => t.replace(/^---\n/, '---\nnote: T9\n')).build();
    expect((await run(unknownIds, input)).ok).toBe(true);
  });

  it('takes the id style from the text before the whole last number (W2.10 is in the style W2.)', async () => {
    const scope = new ScopeBuilder().withTasks([{ id: 'W2.10', title: 'Ten' }, { id: 'W2.11', title: 'Eleven' }]);
    const item = await run(unknownIds, new PlanNoteBuilder().withScope(scope).withBody('4.1', 'Also W2.9 and W2.10.').build());
    expect(item.reasons.map((r) => r.split(' ')[0])).toEqual(['W2.9']);
  });

  it('passes when the workstream’s ids have no letters to tell them from section numbers, on the heading of section 2', async () => {
    const scope = new ScopeBuilder().withTasks([{ id: '1', title: 'One' }, { id: '2', title: 'Two' }]);
    const input = new PlanNoteBuilder().withScope(scope).withBody('4.1', 'See 9 and 2.9.').build();
    expect(await run(unknownIds, input)).toEqual({ id: 'unknown-ids', ok: true, line: lineWith(input.text, '## 2. '), reasons: [] });
  });

  it('passes on the heading of section 2', async () => {
    const input = tNote('T1, T3.');
    expect(await run(unknownIds, input)).toEqual({ id: 'unknown-ids', ok: true, line: lineWith(input.text, '## 2. '), reasons: [] });
  });

  it('looks for every id style the workstream uses', async () => {
    const scope = new ScopeBuilder().withTasks([
      ...['W2.1', 'W2.2', 'W2.3', 'W2.4', 'W2.5'].map((id) => ({ id, title: `Task ${id}` })),
      { id: 'W2-T6', title: 'Audit trail' },
    ]);
    const item = await run(unknownIds, new PlanNoteBuilder().withScope(scope).withBody('4.1', 'Also W2-T9 and W2.9; W2-T6 is known.').build());
    expect(item.reasons.map((r) => r.split(' ')[0])).toEqual(['W2-T9', 'W2.9']);
  });
});

describe('idPrefixes (the id styles of the workstream’s tasks)', () => {
  it.each([
    [['W2.1', 'W2.10'], ['W2.']],
    [['W2-T3', 'T2.1'], ['W2-T', 'T2.']],
    [['1', '2.1'], []],
    [['W2.1', 'W2-A'], ['W2.']],
  ])('%j → %j', (ids, prefixes) => {
    expect(idPrefixes(ids)).toEqual(prefixes);
  });
});
