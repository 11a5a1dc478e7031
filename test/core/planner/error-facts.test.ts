import { errorFact, forgottenBatchesFact } from '../../../src/core/planner/error-facts';
import { ALL_ERROR_SAMPLES } from '../../support/planner-errors';

/** Sentences as a reader counts them: a full stop, question or exclamation mark before a space or the end. */
const sentences = (s: string): number => s.split(/(?<=[.?!])\s+(?=[A-Z"(])/).length;

describe('errorFact: what went wrong, as both adapters state it', () => {
  it.each(ALL_ERROR_SAMPLES.map((e) => [e.kind, e] as const))('%s: one or two sentences, ending in a full stop', (_kind, e) => {
    const fact = errorFact(e);
    expect(fact).toMatch(/\.$/);
    expect(fact).not.toMatch(/\.\./);
    expect(sentences(fact)).toBeLessThanOrEqual(2);
  });

  it.each(ALL_ERROR_SAMPLES.map((e) => [e.kind, e] as const))('%s: names no flag and no settings row (the adapters add how to fix)', (_kind, e) => {
    const fact = errorFact(e);
    expect(fact).not.toMatch(/(^|\s)--[a-z]/);
    expect(fact).not.toMatch(/Workstream Planner settings|setting "/);
  });

  it('names the file, and the line where there is one', () => {
    for (const e of ALL_ERROR_SAMPLES) {
      const fact = errorFact(e);
      if ('file' in e) expect(fact).toContain(e.file);
      if ('path' in e && e.path) expect(fact).toContain(e.path);
      if ('line' in e && e.line !== undefined) expect(fact).toContain(`line ${e.line}`);
    }
  });

  it('keeps a message from elsewhere as the end of its own sentence', () => {
    expect(errorFact({ kind: 'write-failed', file: 'a.md', detail: 'disk full.' })).toBe('Could not write a.md: disk full.');
    expect(errorFact({ kind: 'bad-frontmatter', file: 'a.md', line: 2, detail: 'bad indentation.\n' })).toBe('a.md, line 2: the frontmatter does not parse (bad indentation).');
    expect(errorFact({ kind: 'api-failure', failure: { kind: 'x', message: 'The API is overloaded' } })).toBe('The API is overloaded.');
  });

  it('says what it knows: the known ids, the models a key may use, the retirement date, one batch or several', () => {
    expect(errorFact({ kind: 'unknown-workstream', id: 'W9', known: ['W1', 'W2'] })).toBe('W9 is not in the work breakdown (known: W1, W2).');
    expect(errorFact({ kind: 'unknown-workstream', id: 'W9', known: [] })).toBe('W9 is not in the work breakdown, which defines no workstreams at all.');
    expect(errorFact({ kind: 'unknown-model', model: 'm', available: ['a', 'b'] })).toBe('The API does not know the model "m". Models this key may use: a, b.');
    expect(errorFact({ kind: 'unknown-model', model: 'm', available: [], retiredOn: '2025-01-01' })).toBe('The model "m" was retired on 2025-01-01, so the API no longer serves it.');
    expect(errorFact({ kind: 'plan-all-in-progress', workstreams: ['W2'], batches: ['b1'] })).toBe('W2 is still being planned in a batch (b1) by an earlier run.');
    expect(errorFact({ kind: 'plan-all-in-progress', workstreams: ['W2', 'W3'], batches: ['b1', 'b2'] })).toBe('W2, W3 are still being planned in batches (b1, b2) by an earlier run.');
    expect(errorFact({ kind: 'cost-cap', estimateUsd: 2.5, capUsd: 1 })).toBe('The estimated cost, $2.50, is above the cap of $1.00. Nothing was sent.');
  });
});

describe('forgottenBatchesFact: the batches cancel forgot, as both adapters say it', () => {
  it.each([
    [['msgbatch_1'], 'The API does not know the batch msgbatch_1 (sent with another workspace\'s API key, or deleted), so it was forgotten: plan --all --resume sends its requests again.'],
    [['msgbatch_1', 'msgbatch_2'], 'The API does not know the batches msgbatch_1, msgbatch_2 (sent with another workspace\'s API key, or deleted), so they were forgotten: plan --all --resume sends their requests again.'],
  ])('%j', (ids, sentence) => {
    expect(forgottenBatchesFact(ids, 'plan --all --resume')).toBe(sentence);
  });
});
