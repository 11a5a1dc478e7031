/** The README says what the code does: its list of escalation rules is the registered list. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ESCALATION_RULES } from '../src/core/escalation/rules';

const README = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

/** The first column of the table under a `## ` heading, as written between backticks. */
function tableNames(heading: string): string[] {
  const start = README.indexOf(`\n## ${heading}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const rest = README.slice(start + 1);
  const end = rest.indexOf('\n## ', 1);
  const section = end < 0 ? rest : rest.slice(0, end);
  return section
    .split('\n')
    .map((l) => /^\|\s*`([^`]+)`\s*\|/.exec(l)?.[1])
    .filter((n): n is string => n !== undefined);
}

describe('README', () => {
  it('lists every escalation rule, in the order they run, and no other', () => {
    expect(tableNames('Escalations')).toEqual(ESCALATION_RULES.map((r) => r.name));
  });

  it('names each rule after its file', () => {
    for (const r of ESCALATION_RULES) expect(readFileSync(path.join(__dirname, '..', 'src/core/escalation/rules', `${r.name}.ts`), 'utf8')).toContain(`RULE = '${r.name}'`);
  });
});
