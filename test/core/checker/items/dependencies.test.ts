import { dependencies } from '../../../../src/core/checker/items/dependencies';
import { buildContext, type CheckPlanInput } from '../../../../src/core/checker/context';
import { parsePlanSections } from '../../../../src/core/plan/parse-plan';
import { PlanNoteBuilder } from '../../../support/builders/PlanNoteBuilder';
import { ScopeBuilder } from '../../../support/builders/ScopeBuilder';

const run = async (input: CheckPlanInput) => dependencies.check(buildContext(input, parsePlanSections(input.text)));
const with12 = (upstream: string[], body: string) => new PlanNoteBuilder().withScope(new ScopeBuilder().withUpstream(upstream)).withBody('1.2', body).build();

describe('dependencies (section 1.2 names every upstream workstream)', () => {
  // Every spelling the WBS reader takes for W1 names W1 here too (the README's list of spellings).
  it.each([
    ['W1', '- **W1: Foundation** provides accounts.'],
    ['lower case', '- w1 provides accounts.'],
    ['Workstream 1', 'Workstream 1 (Foundation) provides accounts.'],
    ['Workstream W1', 'Workstream W1 provides accounts.'],
    ['WS-01', 'WS-01 provides accounts.'],
    ['W-1', 'Needs W-1.'],
    ['a task id of W1', 'Needs W1.3 (the accounts API).'],
    ['a link to W1’s plan', 'See [[W1-micro-level-plan]].'],
  ])('passes when 1.2 names W1 as %s', async (_name, body) => {
    const item = await run(with12(['W1'], body));
    expect(item.reasons).toEqual([]);
    expect(item.ok).toBe(true);
  });

  it.each([
    ['W10 (another workstream)', 'Needs W10 only.'],
    ['W1 inside a word', 'Needs AW1 and W1x.'],
    ['only another workstream', 'Needs W3.'],
    ['only a todo callout', '> [!todo] Name W1 here\n> Foundation.'],
  ])('fails when 1.2 names %s instead of W1', async (_name, body) => {
    const item = await run(with12(['W1'], body));
    expect(item.ok).toBe(false);
    expect(item.reasons).toEqual(['Section 1.2 (Upstream Dependencies) does not name W1, which the WBS lists as a dependency.']);
  });

  // The scope lists the upstream ids as the WBS writes them: its spelling and the note's are compared normalised.
  it.each([
    ['WS-01', 'Needs W1.'],
    ['w1', 'Needs Workstream 1.'],
    ['Workstream 1', 'Needs WS-01.'],
  ])('passes when the WBS spells the upstream workstream %s and 1.2 writes it otherwise', async (spelled, body) => {
    const item = await run(with12([spelled], body));
    expect(item.reasons).toEqual([]);
    expect(item.ok).toBe(true);
  });

  it('names an upstream workstream the WBS spells oddly as the WBS spells it', async () => {
    const item = await run(with12(['WS-01'], 'Needs W3.'));
    expect(item.reasons).toEqual(['Section 1.2 (Upstream Dependencies) does not name WS-01, which the WBS lists as a dependency.']);
  });

  it('names each missing upstream workstream once, in the WBS order', async () => {
    const item = await run(with12(['W1', 'W4', 'W5'], 'Needs W4 and Workstream 4.'));
    expect(item.reasons).toEqual([
      'Section 1.2 (Upstream Dependencies) does not name W1, which the WBS lists as a dependency.',
      'Section 1.2 (Upstream Dependencies) does not name W5, which the WBS lists as a dependency.',
    ]);
  });

  it('without upstream workstreams, passes a 1.2 that says there are none', async () => {
    expect((await run(with12([], 'None: this workstream depends on no other.'))).ok).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['only blank lines', '\n\n'],
    ['only a todo callout', '> [!todo] Say what this depends on\n> (nothing yet)'],
  ])('without upstream workstreams, fails a 1.2 that is %s', async (_name, body) => {
    const item = await run(with12([], body));
    expect(item.ok).toBe(false);
    expect(item.reasons).toEqual(['Section 1.2 (Upstream Dependencies) is empty; it should say that there are none.']);
    expect(item.line).not.toBeNull();
  });

  it('with upstream workstreams, an empty 1.2 fails only for the names it lacks', async () => {
    const item = await run(with12(['W1'], ''));
    expect(item.reasons).toEqual(['Section 1.2 (Upstream Dependencies) does not name W1, which the WBS lists as a dependency.']);
  });

  it('fails with no line when 1.2 is missing', async () => {
    const item = await run(new PlanNoteBuilder().withoutPart('1.2').build());
    expect(item).toMatchObject({ id: 'dependencies', ok: false, line: null, reasons: ['Section 1.2 (Upstream Dependencies) is missing.'] });
  });

  it('reports the line of the 1.2 heading', async () => {
    const input = with12(['W1'], 'Needs W3.');
    const item = await run(input);
    expect(input.text.split('\n')[item.line! - 1]).toBe('### 1.2 Upstream Dependencies');
  });
});
