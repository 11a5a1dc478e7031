import { parse as parseYaml } from 'yaml';
import { checkPlan } from '../../../src/core/checker/check-plan';
import { isPlanNote } from '../../../src/core/checker/is-plan-note';
import { splitFrontmatter } from '../../../src/core/markdown/frontmatter-block';
import { renderEscalationNote } from '../../../src/core/escalation/render-escalation';
import { PlanNoteBuilder } from '../../support/builders/PlanNoteBuilder';

const fmOf = (text: string): Record<string, unknown> | null => {
  const { yaml } = splitFrontmatter(text);
  return yaml === null ? null : (parseYaml(yaml) as Record<string, unknown>);
};

const WBS_NOTE = [
  '---',
  'tags: planning, wbs',
  'project: "[[01-Projects/Tidewater]]"',
  '---',
  '',
  '# Overall Micro-Level Plan',
  '',
  '## W2: Billing',
  '- W2.1 Invoice service data model (3d)',
  '',
].join('\n');

const ESCALATION_NOTE = renderEscalationNote({
  escalations: [
    {
      rule: 'undefined-dependency',
      workstreamId: 'W2',
      workstreamName: 'Billing',
      blocker: 'W2 depends on W9, which the meso plan never defines.',
      mesoSection: 'none',
      evidence: ['The WBS lists W9.'],
      questions: ['What is W9?'],
      recommendation: 'Define W9.',
    },
  ],
  projectLink: '[[01-Projects/Tidewater]]',
  sourcePlanLink: '[[meso-level-plan]]',
  created: '2025-03-14',
  workstreamId: 'W2',
  workstreamName: 'Billing',
});

describe('isPlanNote', () => {
  it('recognises a plan by its tags', () => {
    const text = new PlanNoteBuilder().text();
    expect(isPlanNote(fmOf(text), text)).toBe(true);
    expect(isPlanNote({ tags: 'workstream-plan micro-level W2' }, 'No title.')).toBe(true);
    expect(isPlanNote({ tags: ['#workstream-plan'] }, '')).toBe(true);
  });

  it('recognises a plan by workstream_id and its title when the tags are wrong', () => {
    const text = new PlanNoteBuilder().text();
    expect(isPlanNote({ ...fmOf(text), tags: ['notes'] }, text)).toBe(true);
  });

  it('recognises a plan whose frontmatter did not parse by its title alone', () => {
    expect(isPlanNote(null, new PlanNoteBuilder().text())).toBe(true);
  });

  it('says no for the WBS note', () => {
    expect(isPlanNote(fmOf(WBS_NOTE), WBS_NOTE)).toBe(false);
  });

  it('says no for an escalation note, though it has a workstream_id', () => {
    expect(fmOf(ESCALATION_NOTE)!['workstream_id']).toBe('W2');
    expect(isPlanNote(fmOf(ESCALATION_NOTE), ESCALATION_NOTE)).toBe(false);
  });

  it.each([
    ['tags as one comma-separated string', { tags: 'micro-level, workstream-plan' }, true],
    ['a tag in another case, with spaces around it', { tags: [' Workstream-Plan '] }, true],
    ['a tag list holding a number', { tags: [2, 'workstream-plan'] }, true],
    ['a tag that only starts like the plan tag', { tags: ['workstream-plans'] }, false],
    ['a tag with a stray # after the plan tag', { tags: ['workstream-plan#'] }, false],
    ['tags as a number', { tags: 2 }, false],
  ])('reads %s', (_name, frontmatter, expected) => {
    expect(isPlanNote(frontmatter, 'No title.')).toBe(expected);
  });

  it.each([
    ['in another case', '# workstream w2 micro-level plan: Billing', true],
    ['with a two-digit id and wide spaces', '# Workstream  W12  Micro-Level  Plan', true],
    ['as a level-2 heading', '## Workstream W2 Micro-Level Plan: Billing', false],
    ['after other words', '# Draft of Workstream W2 Micro-Level Plan', false],
    ['with a longer last word', '# Workstream W2 Micro-Level Planning', false],
    ['without a workstream number', '# Workstream W Micro-Level Plan', false],
  ])('with workstream_id, reads the title %s', (_name, title, expected) => {
    expect(isPlanNote({ workstream_id: 'W2' }, `${title}\n\nText.\n`)).toBe(expected);
  });

  it('does not take a workstream_id that is not a string', () => {
    expect(isPlanNote({ workstream_id: 2 }, '# Workstream W2 Micro-Level Plan: Billing\n')).toBe(false);
  });

  it('says no for a note with a plan-like title but neither tags nor workstream_id', () => {
    expect(isPlanNote({ tags: ['notes'] }, '# Workstream W2 Micro-Level Plan: Billing\n')).toBe(false);
  });
});

describe('frontmatter reasons', () => {
  const reasonsFor = async (text: string): Promise<string[]> => {
    const base = new PlanNoteBuilder().build();
    const report = await checkPlan({ ...base, text, frontmatter: fmOf(text) });
    return report.items.find((i) => i.id === 'frontmatter')!.reasons;
  };

  it('are plain sentences per key, with what was found, not the schema library wording', async () => {
    const reasons = await reasonsFor(WBS_NOTE);
    expect(reasons).toEqual([
      'tags must be [workstream-plan, micro-level, W2]; found "planning, wbs".',
      'workstream_id must be a workstream id such as W2; found no such key.',
      'workstream_name must be the workstream\'s name ("Billing"); found no such key.',
      'source_plan must be a quoted wikilink to the meso-level plan, such as "[[meso-level-plan]]"; found no such key.',
      'created must be a date written YYYY-MM-DD; found no such key.',
      'status must be one of draft, in_progress, interrupted, escalated, ready_for_decomposition; found no such key.',
    ]);
    expect(reasons.join(' ')).not.toMatch(/Invalid|expected|received/);
  });

  it('name the tags the escalation note has', async () => {
    const reasons = await reasonsFor(ESCALATION_NOTE);
    expect(reasons).toEqual(['tags must be [workstream-plan, micro-level, W2]; found [workstream-escalation, micro-level, W2].']);
  });

  it('point at the line of the first key at fault', async () => {
    const text = new PlanNoteBuilder().text().replace('status: "ready_for_decomposition"', 'status: "done"');
    const base = new PlanNoteBuilder().build();
    const report = await checkPlan({ ...base, text, frontmatter: fmOf(text) });
    const item = report.items.find((i) => i.id === 'frontmatter')!;
    expect(text.split('\n')[item.line! - 1]).toBe('status: "done"');
    expect(item.reasons).toEqual(['status must be one of draft, in_progress, interrupted, escalated, ready_for_decomposition; found "done".']);
  });
});
