/** `npm run test:kill-sweep`: the slow kill-resume sweep (test/cli/kill-resume.sweep.ts), kept out of `npm test`. */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = { ...base, testMatch: ['**/*.sweep.ts'], testTimeout: 60000 };
