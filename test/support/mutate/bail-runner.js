/**
 * The test runner of `npm run mutate` (jest.mutate.config.js): Jest's own runner, except that a
 * mutant's run stops at the first test file where a test failed (record-names-environment.js notes
 * it). A mutant is killed when any test fails, so the files left cannot change its status, and
 * loading a test file is most of what a mutant costs. Jest has no programmatic bail
 * (jestjs/jest#11766, which is why Stryker's jest runner sets `bail: false`); Stryker runs Jest in
 * band, so the environment and this runner share one process.
 */
const TestRunner = require('jest-runner').default;
const { ACTIVE_MUTANT, FAILED_FOR } = require('./record-names-environment');

class BailRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    const mutant = process.env[ACTIVE_MUTANT];
    if (!options.serial || mutant === undefined) return super.runTests(tests, watcher, options);
    for (const test of tests) {
      if (process[FAILED_FOR] === mutant) return;
      await super.runTests([test], watcher, options);
    }
  }
}

module.exports = BailRunner;
