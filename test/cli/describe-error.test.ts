import { describeError } from '../../src/cli/describe-error';
import { errorFact } from '../../src/core/planner/error-facts';
import { ALL_ERROR_SAMPLES, ERROR_SAMPLES } from '../support/planner-errors';

describe('the CLI states the core fact, then how to fix it from the command line', () => {
  it.each(ALL_ERROR_SAMPLES.map((e) => [e.kind, e] as const))('%s', (_kind, e) => {
    const message = describeError(e);
    expect(message.startsWith(errorFact(e))).toBe(true);
    expect(message).not.toContain('Workstream Planner settings');
    expect(message).not.toContain('\n');
  });

  it('points at the flag or the settings key that fixes it', () => {
    const [exists] = ERROR_SAMPLES['plan-exists'];
    expect(describeError(exists!)).toBe('Planning/W2.md already exists and was left as it is. Use --force to replace it (the old note is copied to the backup folder first).');
    const [missing] = ERROR_SAMPLES['missing-note'];
    expect(describeError(missing!)).toBe('The meso-level plan was not found at Planning/meso.md. Fix the path in the setting "paths.meso" or create the note.');
    expect(describeError({ kind: 'no-api-key' })).toContain('ANTHROPIC_API_KEY');
    expect(describeError(ERROR_SAMPLES['plan-all-in-progress'][0]!)).toMatch(/--resume to collect it .* --cancel to cancel it\.$/);
    expect(describeError(ERROR_SAMPLES['plan-all-in-progress'][1]!)).toMatch(/--resume to collect them .* --cancel to cancel them\.$/);
    expect(describeError(ERROR_SAMPLES['no-price'][0]!)).toContain('"prices": {"claude-x": {"input": 3, "output": 15}}');
  });

  it('a batch the API does not know: cancel first (it forgets the batch), then resume; any other API failure wrote nothing', () => {
    const failure = { kind: 'batch-not-found' as const, message: "The API does not know the batch msgbatch_01: it was sent with another workspace's API key, or it no longer exists." };
    expect(describeError({ kind: 'api-failure', failure })).toBe(`${failure.message} Run plan --all --cancel first (it forgets that batch), then plan --all --resume sends its requests again.`);
    expect(describeError({ kind: 'api-failure', failure: { kind: 'overloaded', message: 'The API is overloaded.' } })).toBe('The API is overloaded. Nothing was written.');
  });
});
