import fc from 'fast-check';
import { namedIds, workstreamRefs } from '../../../src/core/scope/workstream-refs';
import { parseWbs } from '../../../src/core/wbs/parse-wbs';

const W = parseWbs(['## W1: Foundation', '- W1.1 a', '## W2: Catalog', '- W2.1 b', '## W3: Booking', '- W3.1 c', '## W4: Payments & Billing', '- W4.1 d', '## W5: Notifications and Steward Console', '- W5.1 e'].join('\n'));
const LETTERED = parseWbs(['#### Epic A: Setup', '- Scaffold', '#### Epic B: Sync Core', '- Queue', '#### Epic C: UI', '- Screens'].join('\n'));

describe('workstreamRefs', () => {
  it.each([
    ['W1–W3 need it', ['W1', 'W2', 'W3']],
    ['W2 to W4', ['W2', 'W3', 'W4']],
    ['Workstreams 1–3', ['W1', 'W2', 'W3']],
    ['Epics 2–4', ['W2', 'W3', 'W4']],
    ['E3–E5', ['W3', 'W4', 'W5']],
    ['W2-T3 and W2.1', ['W2']],
    ['years 2020-2024, pages 1–3', []],
  ])('a range names every workstream in it: %p', (text, ids) => {
    expect(namedIds(text, W)).toEqual(ids);
  });

  it.each([
    ['nothing in W1–W3 depends on it', ['W1', 'W2', 'W3']],
    ['Blocks: W4 refunds; nothing in W1–W3 depends on it', ['W1', 'W2', 'W3']],
    ['W2 does not depend on it', ['W2']],
    ['none of W4 and W5 need it', ['W4', 'W5']],
    ['W3 can proceed with the default', ['W3']],
  ])('a negated mention names none: %p', (text, negated) => {
    expect(workstreamRefs(text, W).filter((r) => r.negated).map((r) => r.id)).toEqual(negated);
  });

  it.each([
    ['None of the W2 adapters is known to us: which one do we use?', []],
    ['No task of W2 has an owner yet - who takes it?', []],
    ['none of W4 and W5 need it', ['W4', 'W5']],
    ['Nothing in W1–W3 depends on it: can W4 start?', ['W1', 'W2', 'W3']],
    ['W2 does not depend on it: which one?', ['W2']],
    ['for everything except W2', ['W2']],
  ])('in a question (asked), a quantifier negates only before a word of depending: %p', (text, negated) => {
    expect(workstreamRefs(text, W, { asked: true }).filter((r) => r.negated).map((r) => r.id)).toEqual(negated);
  });

  it('outside a question the same quantifier negates without one ("Blocks: nothing in W2")', () => {
    expect(workstreamRefs('None of the W2 adapters is known to us', W).map((r) => r.negated)).toEqual([true]);
  });

  it('a blocking mention stays positive', () => {
    expect(namedIds('W4 cannot start until the provider is chosen', W)).toEqual(['W4']);
  });

  it('reads epic labels as the WBS gives them, and a task of an epic as its epic', () => {
    expect(namedIds('confirm with finance before Epic 4', W)).toEqual(['W4']);
    expect(namedIds('Confirm with the user before Epic 2.1', W)).toEqual(['W2']);
    expect(namedIds('Epic B and Epic C', LETTERED)).toEqual(['W2', 'W3']);
    expect(namedIds('Epics 2 and 3', LETTERED)).toEqual(['W2', 'W3']);
    expect(namedIds('E2E tests', W)).toEqual([]);
  });

  it('reads names however & and "and" are written', () => {
    expect(namedIds('the Notifications & Steward Console waits', W)).toEqual(['W5']);
    expect(namedIds('payments and billing', W)).toEqual(['W4']);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (s) => void workstreamRefs(s, W)), { numRuns: 300 });
  });
});
