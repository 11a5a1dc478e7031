import { checkPlan } from '../../../../src/core/checker/check-plan';
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
