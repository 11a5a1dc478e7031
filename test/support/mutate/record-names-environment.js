/**
 * The test environment of `npm run mutate` (jest.mutate.config.js): Jest's node environment that
 * - notes, per test file, the full name of every test the initial run starts, in the file named by MUTATE_NAME_MAP
 *   (one JSON line per file run); covering-files-sequencer.js reads it back so that a mutant's run
 *   loads only the test files that hold a test covering it;
 * - notes on the process when a test has failed for the active mutant, so that bail-runner.js loads no
 *   further test file for it, and skips the rest of the file's tests.
 * Stryker wraps this class with its own mixin, which forwards every event here first
 * (@stryker-mutator/jest-runner, mixin-jest-environment.cjs).
 */
const { appendFileSync } = require('node:fs');
const { TestEnvironment } = require('jest-environment-node');

/** Stryker's variable naming the mutant a run tests (@stryker-mutator/api, INSTRUMENTER_CONSTANTS). */
const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';
/** The mutant a test has already failed for, kept on the process across the run's test files. */
const FAILED_FOR = Symbol.for('workstream-planner.mutate.failed-for');

/** The test's id as Stryker names it (mixin-jest-environment.cjs `fullName`) and Jest matches it (jest-circus `getTestID`). */
function fullName(test) {
  const names = [];
  for (let block = test.parent; block && block.parent; block = block.parent) names.unshift(block.name);
  return [...names, test.name].join(' ').trimStart();
}

class RecordNamesEnvironment extends TestEnvironment {
  #names = new Set();
  #testPath;

  constructor(config, context) {
    super(config, context);
    this.#testPath = context.testPath;
  }

  handleTestEvent(event) {
    const mutant = process.env[ACTIVE_MUTANT];
    // The initial run (no active mutant) runs every test: the names are noted from it.
    if (mutant === undefined) {
      if (event.name === 'test_start') this.#names.add(fullName(event.test));
      return;
    }
    if (event.name === 'test_done' && event.test.errors.length > 0) process[FAILED_FOR] = mutant;
    // Nor does it run the rest of a file once a test failed: jest-circus skips a test whose mode is
    // 'skip' when its test_start event has been handled (jest-circus run.ts, `_runTest`). Test files
    // that plan whole workstreams over HTTP spend seconds per test, not in loading.
    else if (event.name === 'test_start' && process[FAILED_FOR] === mutant) event.test.mode = 'skip';
  }

  async teardown() {
    const file = process.env.MUTATE_NAME_MAP;
    if (file && this.#names.size > 0) appendFileSync(file, JSON.stringify({ path: this.#testPath, names: [...this.#names] }) + '\n');
    await super.teardown();
  }
}

module.exports = RecordNamesEnvironment;
module.exports.ACTIVE_MUTANT = ACTIVE_MUTANT;
module.exports.FAILED_FOR = FAILED_FOR;
