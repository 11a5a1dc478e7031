/**
 * The four items that look into one subsection of every module (interfaces, data models, error
 * handling, tests): what each says when the subsection is missing, empty of what it asks for, or
 * section 2 has no modules, and which line it points at.
 */
import { dataModels } from '../../../src/core/checker/items/data-models';
import { errorHandling } from '../../../src/core/checker/items/error-handling';
import { interfaces } from '../../../src/core/checker/items/interfaces';
import { tests } from '../../../src/core/checker/items/tests';
import { buildContext, type CheckPlanInput, type ReadinessCheck } from '../../../src/core/checker/context';
import { parsePlanSections } from '../../../src/core/plan/parse-plan';
import { PlanNoteBuilder } from '../../support/builders/PlanNoteBuilder';

const run = async (check: ReadinessCheck, input: CheckPlanInput) => check.check(buildContext(input, parsePlanSections(input.text)));
const lineOf = (text: string, start: string): number => text.split('\n').findIndex((l) => l.startsWith(start)) + 1;

const ITEMS = [
  ['interfaces', interfaces, 2, 'Public Interfaces', 'fenced code block with the interface signatures'],
  ['data-models', dataModels, 3, 'Data Models', 'code block or table defining the data models'],
  ['error-handling', errorHandling, 5, 'Error Handling', 'table or list of expected failures'],
  ['tests', tests, 6, 'Testing Requirements', 'checkbox items (`- [ ]`) listing the tests'],
] as const;

describe.each(ITEMS)('%s', (id, check, k, title, missing) => {
  it('passes on the heading of section 2', async () => {
    const input = new PlanNoteBuilder().build();
    expect(await run(check, input)).toMatchObject({ id, ok: true, reasons: [], line: lineOf(input.text, '## 2. ') });
  });

  it(`names a module without its .${k} subsection, on the module heading`, async () => {
    const input = new PlanNoteBuilder().withoutPart(`2.2.${k}`).build();
    expect(await run(check, input)).toMatchObject({
      id,
      ok: false,
      line: lineOf(input.text, '### 2.2 '),
      reasons: [`Module 2.2 Payment Gateway has no section 2.2.${k} (${title}).`],
    });
  });

  it(`names each .${k} without what it asks for, pointing at the first`, async () => {
    const input = new PlanNoteBuilder().withBody(`2.2.${k}`, 'Only prose here.').withBody(`2.3.${k}`, 'Only prose here.').build();
    expect(await run(check, input)).toMatchObject({
      id,
      ok: false,
      line: lineOf(input.text, `#### 2.2.${k} `),
      reasons: [`Section 2.2.${k} (${title}) has no ${missing}.`, `Section 2.3.${k} (${title}) has no ${missing}.`],
    });
  });

  it(`calls a .${k} heading without a title by the skeleton's title`, async () => {
    const input = new PlanNoteBuilder()
      .withBody(`2.1.${k}`, 'Only prose here.')
      .edit((t) => t.replace(new RegExp(`#### 2\\.1\\.${k} .*`), `#### 2.1.${k}`))
      .build();
    expect((await run(check, input)).reasons).toEqual([`Section 2.1.${k} (${title}) has no ${missing}.`]);
  });

  it(`calls a .${k} by the title the note gives it`, async () => {
    const input = new PlanNoteBuilder()
      .withBody(`2.1.${k}`, 'Only prose here.')
      .edit((t) => t.replace(new RegExp(`#### 2\\.1\\.${k} .*`), `#### 2.1.${k} Our ${title}`))
      .build();
    expect((await run(check, input)).reasons).toEqual([`Section 2.1.${k} (Our ${title}) has no ${missing}.`]);
  });

  it('fails a section 2 without modules, on its heading', async () => {
    const input = new PlanNoteBuilder().edit((t) => t.slice(0, t.indexOf('### 2.1 ')) + 'Modules to follow.\n\n' + t.slice(t.indexOf('## 3. '))).build();
    expect(await run(check, input)).toMatchObject({
      id,
      ok: false,
      line: lineOf(input.text, '## 2. '),
      reasons: ['Section 2 has no module subsections (2.1, 2.2, …).'],
    });
  });

  it('fails with no line when section 2 is missing', async () => {
    const input = new PlanNoteBuilder().edit((t) => t.slice(0, t.indexOf('## 2. ')) + t.slice(t.indexOf('## 3. '))).build();
    expect(await run(check, input)).toMatchObject({ id, ok: false, line: null, reasons: ['Section 2 (Module and Component Specifications) is missing.'] });
  });
});

describe('what each subsection accepts', () => {
  it.each([
    ['interfaces', interfaces, '2.1.2', '~~~ts\nget(id: string): Result\n~~~', true],
    ['interfaces', interfaces, '2.1.2', '| Function | Returns |\n|---|---|\n| get | Result |', false],
    ['data-models', dataModels, '2.1.3', '```ts\ninterface Invoice { id: string }\n```', true],
    ['data-models', dataModels, '2.1.3', '| Field | Type |\n|---|---|\n| id | string |', true],
    ['data-models', dataModels, '2.1.3', '- id: string', false],
    ['error-handling', errorHandling, '2.1.5', '- Timeout: retried.', true],
    ['error-handling', errorHandling, '2.1.5', '```\nTimeout\n```', false],
    ['tests', tests, '2.1.6', '1. [x] get() returns the record', true],
    ['tests', tests, '2.1.6', '- get() returns the record', false],
  ] as const)('%s: %j in %s → %s', async (_id, check, key, body, ok) => {
    expect((await run(check, new PlanNoteBuilder().withBody(key, body).build())).ok).toBe(ok);
  });
});
