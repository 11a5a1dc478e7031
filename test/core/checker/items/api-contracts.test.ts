import { checkPlan } from '../../../../src/core/checker/check-plan';
import type { ReadinessReport } from '../../../../src/core/contracts/readiness';
import { noEndpointsSentence } from '../../../../src/core/plan/render-plan';
import { PlanNoteBuilder } from '../../../support/builders/PlanNoteBuilder';
import { ScopeBuilder } from '../../../support/builders/ScopeBuilder';

const apiContracts = (r: ReadinessReport) => r.items.find((i) => i.id === 'api-contracts')!;
const noEndpoints = (): PlanNoteBuilder => new PlanNoteBuilder().withScope(new ScopeBuilder().withEndpoints([]));
/** The note with section 3's own text replaced. */
const section3 = (b: PlanNoteBuilder, body: string): PlanNoteBuilder =>
  b.edit((t) => t.replace(/(## 3\. API Contracts\n\n)[\s\S]*?(\n---\n)/, `$1${body}\n$2`));

describe('api-contracts', () => {
  it('writes the new wording and accepts it as "no endpoints"', async () => {
    const b = noEndpoints();
    expect(b.text()).toContain(noEndpointsSentence('W2'));
    expect(noEndpointsSentence('W2')).toBe(
      "No endpoint written as METHOD /path was found in W2's WBS tasks or meso sections; if it exposes HTTP endpoints, list each here as `### 3.N METHOD /path`.",
    );
    expect(apiContracts(await checkPlan(b.build()))).toMatchObject({ ok: true });
  });

  it('accepts the old wording, for notes written before', async () => {
    const b = section3(noEndpoints(), 'W2 exposes no HTTP endpoints: none of its WBS tasks or meso contracts names one.');
    expect(b.text()).toContain('W2 exposes no HTTP endpoints');
    expect(apiContracts(await checkPlan(b.build()))).toMatchObject({ ok: true });
  });

  it('fails while section 3 still holds a [!todo] placeholder, even beside the sentence', async () => {
    const b = section3(noEndpoints(), `${noEndpointsSentence('W2')}\n\n> [!todo] Possible endpoints\n> - \`/api/invoices/pdf\` (W2.5)`);
    const item = apiContracts(await checkPlan(b.build()));
    expect(item.ok).toBe(false);
    expect(item.reasons).toEqual([expect.stringMatching(/^Section 3 \(API Contracts\) still holds a \[!todo\] placeholder \(line \d+\)/)]);
  });
});
