/**
 * The test sequencer of `npm run mutate` (jest.mutate.config.js). Stryker runs a mutant with
 * `testNamePattern` set to the tests that cover it (perTest coverage), but Jest still loads every
 * related test file to find out that most hold none of them — on two cores that load is most of the
 * cost of a mutant. This drops, before they are loaded, the files whose tests (as noted by
 * record-names-environment.js during Stryker's initial run) cannot match the pattern, matched as
 * jest-circus matches it (`new RegExp(testNamePattern, 'i')` against the test's full name).
 * A file never seen is kept, so a missing note costs time, never a result.
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
    if (this.#pattern) {
      const byPath = namesByPath(process.env.MUTATE_NAME_MAP);
      const pattern = this.#pattern;
      tests = tests.filter((t) => {
        const names = byPath.get(t.path);
        return names === undefined || [...names].some((n) => pattern.test(n));
      });
    }
    return super.sort(tests);
  }
}

module.exports = CoveringFilesSequencer;
