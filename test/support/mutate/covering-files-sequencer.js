/**
 * The test sequencer of `npm run mutate` (jest.mutate.config.js). Stryker runs a mutant with
 * `testNamePattern` set to the tests that cover it (perTest coverage), but Jest still loads every
 * related test file to find out that most hold none of them — on two cores that load is most of the
 * cost of a mutant. This drops, before they are loaded, the files whose tests (as noted by
 * record-names-environment.js during Stryker's initial run) cannot match the pattern, matched as
 * jest-circus matches it (`new RegExp(testNamePattern, 'i')` against the test's full name).
 * A file never seen is kept, so a missing note costs time, never a result. The files with the most
 * covering tests run first: the run stops at the first file where a test fails
 * (record-names-environment.js), and those are the likeliest to kill the mutant.
 */
const { existsSync, readFileSync } = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;

function namesByPath(file) {
  const byPath = new Map();
  if (!file || !existsSync(file)) return byPath;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const { path, names } = JSON.parse(line);
    const set = byPath.get(path) ?? new Set();
    for (const n of names) set.add(n);
    byPath.set(path, set);
  }
  return byPath;
}

class CoveringFilesSequencer extends Sequencer {
  #pattern;

  constructor(options) {
    super(options);
    const p = options?.globalConfig?.testNamePattern;
    this.#pattern = p ? new RegExp(p, 'i') : null;
  }

  sort(tests) {
    if (!this.#pattern) return super.sort(tests);
    const byPath = namesByPath(process.env.MUTATE_NAME_MAP);
    const pattern = this.#pattern;
    const covering = (t) => {
      const names = byPath.get(t.path);
      return names === undefined ? Infinity : [...names].filter((n) => pattern.test(n)).length;
    };
    return tests
      .map((t) => ({ t, n: covering(t) }))
      .filter(({ n }) => n > 0)
      .sort((a, b) => b.n - a.n || (a.t.path < b.t.path ? -1 : 1))
      .map(({ t }) => t);
  }
}

module.exports = CoveringFilesSequencer;
