// Run by lookbehind-rule.test.ts in its own Node process (the ESLint config is an ES module, which
// Jest's module system cannot load): prints, as JSON, the severity our config gives the lookbehind
// rule for a plugin source file, and which of the probe snippets that rule reports.
import { ESLint, Linter } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });
const config = await eslint.calculateConfigForFile('src/core/providers/offline/meso-excerpt.ts');
const ruleId = 'es-x/no-regexp-lookbehind-assertions';
const severity = config.rules?.[ruleId]?.[0] ?? 0;
const linter = new Linter({ configType: 'flat' });
const probes = JSON.parse(process.argv[2]);
const flagged = probes.map((text) =>
  linter.verify(text, [{ plugins: { 'es-x': config.plugins['es-x'] }, rules: { [ruleId]: 'error' } }]).some((m) => m.ruleId === ruleId),
);
process.stdout.write(JSON.stringify({ severity, flagged }));
