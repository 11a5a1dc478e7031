/**
 * The Jest set used by `npm run mutate` (StrykerJS): the tests that can reach `src/core`. The plugin's
 * view tests (jsdom), the browser e2e, the bundle and lint checks and the module-rule checks run
 * built or static artefacts, never the mutated core, so they are left out to keep each mutant cheap.
 */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  // src is a root too, so that Jest knows which test files depend on a mutated file (--findRelatedTests):
  // each mutant then loads only those files, not the whole suite.
  roots: ['<rootDir>/test', '<rootDir>/src'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/obsidian/', '<rootDir>/test/e2e/', '<rootDir>/test/build/', '<rootDir>/test/lint/', '<rootDir>/test/module-rules.test.ts'],
};
