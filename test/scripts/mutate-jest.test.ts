/**
 * The Jest parts of `npm run mutate` (test/support/mutate/): they decide which test files a mutant's
 * run loads, so a mistake there would turn killed mutants into survivors (or the reverse) unseen.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS modules that Jest loads by path */
const Sequencer = require('../support/mutate/covering-files-sequencer.js') as new (o: { contexts: unknown[]; globalConfig: { testNamePattern?: string } }) => {
  sort(tests: Array<{ path: string }>): Array<{ path: string }> | Promise<Array<{ path: string }>>;
};

describe('covering-files-sequencer', () => {
  let dir: string;
  const saved = process.env.MUTATE_NAME_MAP;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wp-mutate-'));
    process.env.MUTATE_NAME_MAP = join(dir, 'names.jsonl');
    writeFileSync(
      process.env.MUTATE_NAME_MAP,
      [
        { path: '/a.test.ts', names: ['checkPlan passes', 'checkPlan fails W2'] },
        { path: '/b.test.ts', names: ['deps fails W2', 'deps passes', 'deps (W1) passes'] },
        { path: '/c.test.ts', names: ['other thing'] },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n') + '\n',
    );
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.MUTATE_NAME_MAP;
    else process.env.MUTATE_NAME_MAP = saved;
  });
  const tests = ['/a.test.ts', '/b.test.ts', '/c.test.ts', '/new.test.ts'].map((path) => ({ path, context: { config: { cache: false }, hasteFS: { getSize: () => 1 } }, duration: 0 }));
  const sort = async (pattern?: string) => (await new Sequencer({ contexts: [], globalConfig: pattern === undefined ? {} : { testNamePattern: pattern } }).sort(tests)).map((t) => t.path);

  it('drops the files that hold no covering test, keeps a file never noted, and puts the most covering first', async () => {
    // As Stryker builds the pattern: each covering test's full name, escaped, in a group.
    expect(await sort('(deps fails W2)|(deps passes)|(checkPlan fails W2)')).toEqual(['/new.test.ts', '/b.test.ts', '/a.test.ts']);
  });

  it('matches as jest-circus does: case-insensitive, anywhere in the name', async () => {
    expect(await sort('(DEPS \\(W1\\))')).toEqual(['/new.test.ts', '/b.test.ts']);
  });

  it('leaves the set whole when no pattern is given (the initial run, a static mutant)', async () => {
    expect((await sort()).sort()).toEqual(tests.map((t) => t.path).sort());
  });
});
