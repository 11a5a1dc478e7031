/**
 * Edge tables for the items that read section 2's modules: error handling (a table or a list),
 * WBS coverage (each task named inside a module) and unknown ids (in the workstream's id style).
 */
import { errorHandling } from '../../../../src/core/checker/items/error-handling';
import { unknownIds } from '../../../../src/core/checker/items/unknown-ids';
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

  it('passes when the workstream’s ids have no letters to tell them from section numbers', async () => {
    const scope = new ScopeBuilder().withTasks([{ id: '1', title: 'One' }, { id: '2', title: 'Two' }]);
    expect((await run(unknownIds, new PlanNoteBuilder().withScope(scope).withBody('4.1', 'See 9 and 2.9.').build())).ok).toBe(true);
  });
});
