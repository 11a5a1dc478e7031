import { checkPlan } from '../../../../src/core/checker/check-plan';
import { buildContext, type CheckPlanInput } from '../../../../src/core/checker/context';
import { apiContracts as apiContractsCheck, saysNoEndpoints } from '../../../../src/core/checker/items/api-contracts';
import { parsePlanSections } from '../../../../src/core/plan/parse-plan';
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

describe('saysNoEndpoints', () => {
  it.each([
    ['the renderer’s sentence', noEndpointsSentence('W12')],
    ['the older sentence', 'W2 exposes no HTTP endpoints: none of its WBS tasks or meso contracts names one.'],
    ['"no endpoints" in capitals', 'NO ENDPOINTS.'],
    ['one endpoint, none', 'Endpoint: none.'],
    ['"does not expose any endpoints"', 'The workstream does not expose any endpoints.'],
    ['"does not expose endpoints"', 'The workstream does not expose endpoints.'],
    ['"does not  expose" with two spaces', 'The workstream does not  expose endpoints.'],
    ['"does not provide endpoints"', 'It does not provide endpoints of its own.'],
    ['"does not define any endpoint"', 'This module does not define any endpoint.'],
    ['"does not have endpoints"', 'Billing does not have endpoints'],
    ['a sentence after another one', 'Billing runs in the background! It has no endpoints.'],
  ])('reads %s as "no endpoints"', (_name, text) => {
    expect(saysNoEndpoints(text)).toBe(true);
  });

  it.each([
    ['endpoints and "none" in different sentences', 'It exposes two endpoints. None of them is public.'],
    ['endpoints and "no" on different lines', 'Endpoints follow\nNo surprises'],
    ['endpoints after another sentence with "no"', 'No state is kept. Endpoints follow.'],
    ['words that only start with no', 'Endpoints are noted below; nothing is missing.'],
    ['"no endpoints" in a code span', 'See `no endpoints` in the log.'],
    ['"no endpoints" in a todo callout', '> [!todo] Say whether there are no endpoints'],
    ['"not" with another verb', 'It does not call endpoints.'],
  ])('does not read %s as "no endpoints"', (_name, text) => {
    expect(saysNoEndpoints(text)).toBe(false);
  });
});

describe('api-contracts at the edges', () => {
  const run = async (input: CheckPlanInput) => apiContractsCheck.check(buildContext(input, parsePlanSections(input.text)));
  const lineOf = (text: string, start: string): number => text.split('\n').findIndex((l) => l.startsWith(start)) + 1;
  const headed = (title: string) => new PlanNoteBuilder().edit((t) => t.replace('### 3.1 POST /v1/invoices', `### 3.1 ${title}`));

  it('passes on the heading of section 3', async () => {
    const input = new PlanNoteBuilder().build();
    expect(await run(input)).toMatchObject({ id: 'api-contracts', ok: true, reasons: [], line: lineOf(input.text, '## 3. ') });
  });

  it('fails with no line when section 3 is missing', async () => {
    const input = new PlanNoteBuilder().edit((t) => t.slice(0, t.indexOf('## 3. ')) + t.slice(t.indexOf('## 4. '))).build();
    expect(await run(input)).toMatchObject({ id: 'api-contracts', ok: false, line: null, reasons: ['Section 3 (API Contracts) is missing.'] });
  });

  it.each([
    ['in a code span', '`POST /v1/invoices`'],
    ['in lower case', 'post /v1/invoices'],
    ['with words after it', 'POST /v1/invoices — create one'],
    ['with a trailing slash', 'POST /v1/invoices/'],
    ['with trailing slashes', 'POST /v1/invoices//'],
    ['with two spaces after the method', 'POST  /v1/invoices'],
    ['with a query string', 'POST /v1/invoices?draft=true'],
  ])('takes a heading %s for the scope’s endpoint', async (_name, title) => {
    expect((await run(headed(title).build())).reasons).toEqual([]);
  });

  it.each([
    ['a word that is no HTTP method', 'FETCH /v1/invoices'],
    ['a path without its slash', 'POST v1/invoices'],
    ['no path', 'Create invoices'],
    ['words before the method', 'Create POST /v1/invoices'],
    ['a method glued to its path', 'POST/v1/invoices'],
  ])('does not take %s for an endpoint heading', async (_name, title) => {
    const input = headed(title).build();
    const item = await run(input);
    expect(item).toMatchObject({ ok: false, line: lineOf(input.text, '### 3.1 ') });
    expect(item.reasons).toEqual([
      `Section 3.1 ${title} is not headed by an endpoint's METHOD /path.`,
      'Section 3 has no subsection for POST /v1/invoices (named in W2.2).',
    ]);
  });

  it('names every label an endpoint leaves out, in lower case and order, on its heading', async () => {
    const input = new PlanNoteBuilder().withBody('3.2', '**Purpose:** Serves the record.\n\n**Response:** the invoice.').build();
    const item = await run(input);
    expect(item).toMatchObject({ ok: false, line: lineOf(input.text, '### 3.2 ') });
    expect(item.reasons).toEqual(['Section 3.2 GET /v1/invoices/{id} does not state: request, status codes, authentication.']);
  });

  it('names a scope endpoint without a subsection once, on the heading of section 3', async () => {
    const input = new PlanNoteBuilder().withoutPart('3.2').build();
    input.scope!.endpoints.push({ ...input.scope!.endpoints.find((e) => e.method === 'GET')!, path: '/v1/invoices/{id}/' });
    const item = await run(input);
    expect(item).toMatchObject({ ok: false, line: lineOf(input.text, '## 3. ') });
    expect(item.reasons).toEqual(['Section 3 has no subsection for GET /v1/invoices/{id} (named in 5.2 W2 → W3 Billing Events).']);
  });

  it('fails a section 3 with neither endpoints nor a sentence saying so, on its heading', async () => {
    const input = section3(noEndpoints(), 'To do.').build();
    expect(await run(input)).toMatchObject({
      ok: false,
      line: lineOf(input.text, '## 3. '),
      reasons: ['Section 3 has no endpoint subsections and does not say that the workstream exposes no endpoints.'],
    });
  });

  it.each([
    ['right under its heading', (t: string) => t.replace('## 3. API Contracts\n', '## 3. API Contracts\n> [!todo] Check for more endpoints\n')],
    ['right before its first endpoint', (t: string) => t.replace('\n### 3.1 ', '\n> [!todo] Check for more endpoints\n### 3.1 ')],
  ])('fails on a [!todo] in section 3’s own text %s, on its line', async (_where, edit) => {
    const input = new PlanNoteBuilder().edit(edit).build();
    const line = lineOf(input.text, '> [!todo]');
    expect(await run(input)).toMatchObject({
      ok: false,
      line,
      reasons: [`Section 3 (API Contracts) still holds a [!todo] placeholder (line ${line}); settle what it asks before the contracts count as specified.`],
    });
  });

  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])('takes %s for an HTTP method', async (method) => {
    const input = new PlanNoteBuilder().withScope(new ScopeBuilder().withEndpoints([{ method, path: '/v1/things' }])).build();
    expect(input.text).toContain(`### 3.1 ${method} /v1/things`);
    expect(await run(input)).toMatchObject({ ok: true, reasons: [] });
  });

  it('leaves TODO cells in section 3’s own text to the completeness item', async () => {
    const input = new PlanNoteBuilder().edit((t) => t.replace('## 3. API Contracts\n', '## 3. API Contracts\n\n| Rate limit | TODO |\n|---|---|\n')).build();
    expect(await run(input)).toMatchObject({ ok: true, reasons: [] });
  });

  it('leaves a [!todo] inside an endpoint to the completeness item', async () => {
    const input = new PlanNoteBuilder().edit((t) => t.replace('**Purpose:** Serves the record.', '**Purpose:** Serves the record.\n\n> [!todo] Rate limits')).build();
    expect(await run(input)).toMatchObject({ ok: true, reasons: [] });
  });
});
