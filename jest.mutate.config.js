/**
 * The Jest set used by `npm run mutate` (StrykerJS). scripts/mutate.mjs names, per mutated folder, the
 * test files that judge it (MUTATE_TESTS: comma-separated globs under the repository root): the unit
 * tests that mirror the folder, plus the integration tests listed there. The whole suite per mutant
 * (the CLI and plugin tests run whole plans over HTTP) would take days on two cores.
 */
const path = require('node:path');
const base = require('./jest.config.js');

const globs = (process.env.MUTATE_TESTS ?? 'test/core/**/*.test.ts')
  .split(',')
  .map((g) => g.trim())
  .filter((g) => g !== '')
  .map((g) => `<rootDir>/${g}`);

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  // src is a root too, so that Jest knows which test files depend on a mutated file (--findRelatedTests).
  roots: ['<rootDir>/test', '<rootDir>/src'],
  testMatch: globs,
  testPathIgnorePatterns: ['/node_modules/'],
  // Load only the test files that hold a test covering the mutant, those with the most covering tests
  // first, and none after the first file where a test fails (see the three files).
  testEnvironment: path.join(__dirname, 'test/support/mutate/record-names-environment.js'),
  testSequencer: path.join(__dirname, 'test/support/mutate/covering-files-sequencer.js'),
  runner: path.join(__dirname, 'test/support/mutate/bail-runner.js'),
};
