import { checkPlan } from '../../../../src/core/checker/check-plan';
import { buildContext, type CheckPlanInput } from '../../../../src/core/checker/context';
import { envVars as envVarsCheck, isFilledRow, saysNoVariables } from '../../../../src/core/checker/items/env-vars';
import { parsePlanSections } from '../../../../src/core/plan/parse-plan';
import type { ReadinessReport } from '../../../../src/core/contracts/readiness';
import { PlanNoteBuilder } from '../../../support/builders/PlanNoteBuilder';

const envVars = (r: ReadinessReport) => r.items.find((i) => i.id === 'env-vars')!;
const table = (...rows: string[]): string => ['| Variable | Required | Default | Description |', '|---|---|---|---|', ...rows].join('\n');
const check = async (body: string) => envVars(await checkPlan(new PlanNoteBuilder().withBody('5.1', body).build()));

describe('env-vars', () => {
  it('stays quiet on a table with one row filled in, a "-" default included', async () => {
    expect(await check(table('| `BILLING_API_KEY` | Yes | - | Gateway key |'))).toMatchObject({ ok: true });
  });

  it('stays quiet when one row is filled in and another still holds TODO cells', async () => {
    expect(await check(table('| `A_KEY` | TODO | TODO | TODO |', '| `B_KEY` | No | `8080` | Port |'))).toMatchObject({ ok: true });
  });

  it.each([
    ['TODO cells', table('| `BILLING_API_KEY` | TODO | TODO | TODO |', '| `INVOICE_BUCKET` | TODO | TODO | TODO |')],
    ['empty cells', table('| `BILLING_API_KEY` | | | |')],
    ['"-" in every cell', table('| `BILLING_API_KEY` | - | - | - |')],
    ['one TODO cell among filled ones', table('| `BILLING_API_KEY` | Yes | TODO | Gateway key |')],
    ['a header and no row', table()],
  ])('fails on a table whose rows are all placeholders: %s', async (_name, body) => {
    const item = await check(body);
    expect(item.ok).toBe(false);
    expect(item.reasons).toEqual([
      'Section 5.1 (Environment Variables) has a table of environment variables, but it still has placeholders: no row has its cells after the name filled in (not TODO, not empty, not "-" throughout).',
    ]);
  });

  it('reads cells holding code with a pipe in it as one cell', async () => {
    expect(await check(table('| `MODE` | Yes | `a|b` | Mode |'))).toMatchObject({ ok: true });
  });

  it('still accepts a section that says there are no variables', async () => {
    expect(await check('None: the workstream reads no environment variables.')).toMatchObject({ ok: true });
  });
});

describe('saysNoVariables', () => {
  it.each([
    ['"None."', 'None.'],
    ['a bulleted "none"', '- none'],
    ['"none" bulleted with two spaces', '-  none'],
    ['an indented "- none" under a label', 'Variables:\n  - none'],
    ['"does not  use" with two spaces', 'It does not  use variables.'],
    ['"None" after another sentence', 'All settings are built in. None'],
    ['"no environment variables"', 'The workstream reads no environment variables.'],
    ['"does not need any variables"', 'It does not need any variables.'],
    ['"does not use variables"', 'It does not use environment variables'],
    ['"does not read" in capitals', 'IT DOES NOT READ VARIABLES.'],
    ['"does not require a variable"', 'Billing does not require a variable of its own.'],
  ])('reads %s as "no variables"', (_name, text) => {
    expect(saysNoVariables(text)).toBe(true);
  });

  it.each([
    ['variables and "no" in different sentences', 'It reads two variables. No defaults are set.'],
    ['"none" inside a longer sentence without variables', 'None of the modules keeps state.'],
    ['a word that only starts with none', 'Nonetheless.'],
    ['a word that only ends with none', 'Anone.'],
    ['"none" at the end of a longer sentence', 'It needs almost none'],
    ['"not" with another verb', 'It does not set variables.'],
    ['"none" in a todo callout', '> [!todo] List the variables\n> none yet'],
  ])('does not read %s as "no variables"', (_name, text) => {
    expect(saysNoVariables(text)).toBe(false);
  });
});

describe('isFilledRow', () => {
  it.each([
    [['`A`', 'Yes', '-', 'Key'], true],
    [['`A`', 'todo', 'x', 'Key'], false],
    [['`A`', 'Yes', '', 'Key'], false],
    [['`A`', '–', '—', '-'], false],
    [['`A`', '--', '-', '-'], true],
    [['`A`'], false],
  ])('%j → %s', (row, expected) => {
    expect(isFilledRow(row)).toBe(expected);
  });
});

describe('env-vars: which section it reads', () => {
  const run = async (input: CheckPlanInput) => envVarsCheck.check(buildContext(input, parsePlanSections(input.text)));
  const lineOf = (text: string, start: string): number => text.split('\n').findIndex((l) => l.startsWith(start)) + 1;
  /** Section 5 without its subsections, holding `body`. */
  const only5 = (body: string) =>
    new PlanNoteBuilder().withoutPart('5.1').withoutPart('5.2').edit((t) => t.replace('## 5. Configuration and Secrets\n', `## 5. Configuration and Secrets\n\n${body}\n`));

  it('passes on the heading of 5.1', async () => {
    const input = new PlanNoteBuilder().build();
    expect(await run(input)).toMatchObject({ id: 'env-vars', ok: true, line: lineOf(input.text, '### 5.1 ') });
  });

  it('reads section 5 itself when it has no 5.1, and names it so', async () => {
    const ok = only5(table('| `A_KEY` | Yes | - | Key |')).build();
    expect(await run(ok)).toMatchObject({ ok: true, line: lineOf(ok.text, '## 5. ') });
    const bad = only5('The key comes from the environment.').build();
    expect(await run(bad)).toMatchObject({
      id: 'env-vars',
      ok: false,
      line: lineOf(bad.text, '## 5. '),
      reasons: ['Section 5 has no table of environment variables and does not say there are none.'],
    });
  });

  it('names 5.1 when its table holds only placeholders, on its heading', async () => {
    const input = new PlanNoteBuilder().withBody('5.1', table('| `A_KEY` | TODO | TODO | TODO |')).build();
    expect(await run(input)).toMatchObject({ id: 'env-vars', ok: false, line: lineOf(input.text, '### 5.1 ') });
  });

  it('passes a 5.1 that says there are none, on its heading', async () => {
    const input = new PlanNoteBuilder().withBody('5.1', 'None.').build();
    expect(await run(input)).toMatchObject({ ok: true, line: lineOf(input.text, '### 5.1 ') });
  });

  it('fails with no line when section 5 is missing', async () => {
    const input = new PlanNoteBuilder().withoutPart('5').withoutPart('5.1').withoutPart('5.2').build();
    expect(await run(input)).toMatchObject({ id: 'env-vars', ok: false, line: null, reasons: ['Section 5 (Configuration and Secrets) is missing.'] });
  });
});
