/**
 * The test environment of `npm run mutate` (jest.mutate.config.js): Jest's node environment that also
 * notes, per test file, the full name of every test it starts, in the file named by MUTATE_NAME_MAP
 * (one JSON line per file run). covering-files-sequencer.js reads it back so that a mutant's run loads
 * only the test files that hold a test covering it. Stryker wraps this class with its own mixin, which
 * forwards every event here first (@stryker-mutator/jest-runner, mixin-jest-environment.cjs).
 */
const { appendFileSync } = require('node:fs');
const { TestEnvironment } = require('jest-environment-node');

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
    if (event.name === 'test_start') this.#names.add(fullName(event.test));
  }

  async teardown() {
    const file = process.env.MUTATE_NAME_MAP;
    if (file && this.#names.size > 0) appendFileSync(file, JSON.stringify({ path: this.#testPath, names: [...this.#names] }) + '\n');
    await super.teardown();
  }
}

module.exports = RecordNamesEnvironment;
