/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: {
    '^obsidian$': '<rootDir>/test/__mocks__/obsidian.ts',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
    // Prompt templates are bundled as text, as esbuild's `text` loader does.
    '\\.md$': '<rootDir>/test/support/text-transform.js',
  },
  moduleFileExtensions: ['ts', 'js', 'json', 'md'],
  testTimeout: 20000,
};
