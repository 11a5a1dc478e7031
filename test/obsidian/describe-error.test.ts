import { CORS_BLOCKED_NOTICE, describeError } from '../../src/obsidian/describe-error';
import { errorFact } from '../../src/core/planner/error-facts';
import { SETTING } from '../../src/obsidian/settings/setting-names';
import { ALL_ERROR_SAMPLES, ERROR_SAMPLES } from '../support/planner-errors';

const ROWS = new Set<string>(Object.values(SETTING));

describe('the plugin states the core fact, then how to fix it in the plugin', () => {
  it.each(ALL_ERROR_SAMPLES.map((e) => [e.kind, e] as const))('%s', (_kind, e) => {
    const message = describeError(e);
    expect(message.startsWith(errorFact(e))).toBe(true);
    // Never a command-line flag or the CLI's environment variable.
    expect(message).not.toMatch(/(^|\s)--[a-z]|ANTHROPIC_API_KEY/);
  });

  it('quotes settings rows exactly as the tab names them', () => {
    for (const e of [...ERROR_SAMPLES['cost-cap'], ...ERROR_SAMPLES['context-too-large'], ...ERROR_SAMPLES['no-price'], ...ERROR_SAMPLES['ambiguous-project']]) {
      const quoted = [...describeError(e).matchAll(/"([^"]+)" in the Workstream Planner settings/g)].map((m) => m[1]);
      expect(quoted.length).toBeGreaterThan(0);
      for (const q of quoted) expect(ROWS.has(q!)).toBe(true);
    }
  });

  it('says a blocked browser call and a cancel in its own words', () => {
    expect(describeError({ kind: 'api-failure', failure: { kind: 'cors-blocked', message: 'x' } })).toBe(CORS_BLOCKED_NOTICE);
    expect(describeError({ kind: 'api-failure', failure: { kind: 'cancelled', message: 'x' } })).toBe('Planning was cancelled before anything was written.');
  });

  it('a batch the API does not know: "Cancel planning" first (it forgets the batch), then "Resume planning"; other API failures add nothing', () => {
    const failure = { kind: 'batch-not-found' as const, message: "The API does not know the batch msgbatch_01: it was sent with another workspace's API key, or it no longer exists." };
    expect(describeError({ kind: 'api-failure', failure })).toBe(`${failure.message} Use "Cancel planning" first (it forgets that batch), then "Resume planning" sends its requests again.`);
    expect(describeError({ kind: 'api-failure', failure: { kind: 'overloaded', message: 'The API is overloaded.' } })).toBe('The API is overloaded.');
  });
});
