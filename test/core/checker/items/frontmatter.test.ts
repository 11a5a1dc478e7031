/** What the frontmatter item says for each key at fault, which line it points at, and how it quotes values. */
import { buildContext, type CheckPlanInput } from '../../../../src/core/checker/context';
import { describeValue, frontmatter } from '../../../../src/core/checker/items/frontmatter';
import { parsePlanSections } from '../../../../src/core/plan/parse-plan';
import { PlanNoteBuilder } from '../../../support/builders/PlanNoteBuilder';

const run = async (input: CheckPlanInput) => frontmatter.check(buildContext(input, parsePlanSections(input.text)));
const lineOf = (text: string, start: string): number => text.split('\n').findIndex((l) => l.startsWith(start)) + 1;

describe('frontmatter', () => {
  it('passes on line 1', async () => {
    expect(await run(new PlanNoteBuilder().build())).toMatchObject({ id: 'frontmatter', ok: true, reasons: [], line: 1 });
  });

  it.each([
    ['tags', ['workstream-plan', 'micro-level'], 'tags must be [workstream-plan, micro-level, W2]; found [workstream-plan, micro-level].'],
    ['project', '01-Projects/Tidewater', 'project must be a quoted wikilink to the project note, such as "[[01-Projects/Name]]"; found "01-Projects/Tidewater".'],
    ['workstream_id', 'Billing', 'workstream_id must be a workstream id such as W2; found "Billing".'],
    ['workstream_name', '', 'workstream_name must be the workstream\'s name ("Billing"); found an empty value.'],
    ['source_plan', 'meso-level-plan', 'source_plan must be a quoted wikilink to the meso-level plan, such as "[[meso-level-plan]]"; found "meso-level-plan".'],
    ['created', '14/03/2025', 'created must be a date written YYYY-MM-DD; found "14/03/2025".'],
    ['status', 'done', 'status must be one of draft, in_progress, interrupted, escalated, ready_for_decomposition; found "done".'],
    ['planner', 'claude', "planner must be a map of the planner's state (or be left out); found \"claude\"."],
  ])('says what %s must be, on its line', async (key, value, reason) => {
    const input = new PlanNoteBuilder().withFrontmatterField(key, value).edit((t) => (key === 'planner' ? t.replace('status:', 'planner: claude\nstatus:') : t)).build();
    const item = await run(input);
    expect(item).toMatchObject({ id: 'frontmatter', ok: false, reasons: [reason] });
    expect(item.line).toBe(lineOf(input.text, `${key}:`));
  });

  it('points at the opening fence for a key that is absent, though the body has a line starting with it', async () => {
    const input = new PlanNoteBuilder()
      .withFrontmatterField('created', undefined)
      .edit((t) => t.replace('created: "2025-03-14"\n', ''))
      .withBody('9.1', 'created: by hand')
      .build();
    expect(input.text).toMatch(/^created: by hand$/m);
    expect(await run(input)).toMatchObject({ ok: false, line: 1, reasons: ['created must be a date written YYYY-MM-DD; found no such key.'] });
  });

  it('points at the first key at fault and names every one', async () => {
    const input = new PlanNoteBuilder().withFrontmatterField('status', 'done').withFrontmatterField('tags', 'plan').build();
    const item = await run(input);
    expect(item.line).toBe(2);
    expect(item.reasons.map((r) => r.split(' ')[0])).toEqual(['tags', 'status']);
  });

  it.each([
    ['its own workstream_id', { workstream_id: 'W7' }, true, 'W7'],
    ['the scope’s id when its own is not an id', { workstream_id: 'seven' }, true, 'W2'],
    ['its own two-digit workstream_id', { workstream_id: 'W17' }, true, 'W17'],
    ['the scope’s id when its own has text before the id', { workstream_id: 'xW7' }, true, 'W2'],
    ['the scope’s id when its own has text after the id', { workstream_id: 'W7x' }, true, 'W2'],
    ['the scope’s id when its own is a list', { workstream_id: ['W7', 'W8'] }, true, 'W2'],
    ['a pattern without its own id or a scope', { workstream_id: undefined }, false, 'W<n>'],
  ])('asks the tags for %s', async (_name, fields, scoped, id) => {
    let b = new PlanNoteBuilder().withFrontmatterField('tags', ['plan']);
    for (const [k, v] of Object.entries(fields)) b = b.withFrontmatterField(k, v);
    if (!scoped) b = b.withoutScope();
    const item = await run(b.build());
    expect(item.reasons[0]).toBe(`tags must be [workstream-plan, micro-level, ${id}]; found [plan].`);
  });

  it('without a scope, gives an example id and no name', async () => {
    const input = new PlanNoteBuilder().withoutScope().withFrontmatterField('workstream_id', 'x').withFrontmatterField('workstream_name', 5).build();
    expect((await run(input)).reasons).toEqual([
      'workstream_id must be a workstream id such as W2; found "x".',
      "workstream_name must be the workstream's name; found 5.",
    ]);
  });

  it('fails a frontmatter that is a list, not a map, on line 1', async () => {
    const input = { ...new PlanNoteBuilder().build(), frontmatter: ['a'] as unknown as Record<string, unknown> };
    expect(await run(input)).toMatchObject({ ok: false, line: 1, reasons: ['The frontmatter must be a map of keys such as tags, workstream_id and status.'] });
  });

  it('points at line 1 when the frontmatter it was given is not in the text', async () => {
    const base = new PlanNoteBuilder().withFrontmatterField('status', 'done').build();
    const input = { ...base, text: base.text.replace(/^---\n[\s\S]*?\n---\n/, '') };
    expect(input.text.startsWith('\n# Workstream')).toBe(true);
    expect(await run(input)).toMatchObject({ ok: false, line: 1 });
  });

  it('fails a note without frontmatter, with no line', async () => {
    expect(await run({ ...new PlanNoteBuilder().build(), frontmatter: null })).toMatchObject({ id: 'frontmatter', ok: false, line: null, reasons: ['The note has no frontmatter.'] });
  });

  it('fails a frontmatter that does not parse, on the parser’s line', async () => {
    const input = { ...new PlanNoteBuilder().build(), frontmatter: null, frontmatterError: { line: 4, detail: 'bad indentation.' } };
    expect(await run(input)).toMatchObject({ id: 'frontmatter', ok: false, line: 4, reasons: ['The frontmatter does not parse (line 4): bad indentation.'] });
  });
});

describe('describeValue', () => {
  it.each([
    [undefined, 'no such key'],
    [null, 'an empty value'],
    ['', 'an empty value'],
    ['done', '"done"'],
    ['x'.repeat(60), `"${'x'.repeat(60)}"`],
    ['x'.repeat(61), `"${'x'.repeat(57)}..."`],
    [['a', 2, { b: 1 }], '[a, 2, {"b":1}]'],
    [3, '3'],
    [false, 'false'],
    [{ a: 1 }, 'a map of keys'],
  ])('quotes %j as %s', (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });
});
