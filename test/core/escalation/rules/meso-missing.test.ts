import { mesoMissing } from '../../../../src/core/escalation/rules/meso-missing';
import { MesoPlanBuilder } from '../../../support/builders/MesoPlanBuilder';
import { contextFrom, MESO_PATH } from '../context-from-markdown';

describe('meso-missing', () => {
  it('escalates when no meso-level plan was found', () => {
    const [e, ...rest] = mesoMissing(contextFrom({ meso: null }));
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ rule: 'meso-missing', workstreamId: 'W2', workstreamName: 'Inspection API' });
    expect(e!.blocker).toMatch(/No meso-level plan was found/);
    expect(e!.file).toBeUndefined();
    expect(e!.questions.length).toBeGreaterThan(0);
  });

  it('escalates when the meso plan holds only frontmatter', () => {
    const text = new MesoPlanBuilder().empty().build();
    const [e] = mesoMissing(contextFrom({ meso: text }));
    expect(e!.blocker).toContain(`${MESO_PATH} is empty`);
    expect(e!.file).toBe(MESO_PATH);
    // Five frontmatter lines, so the body would start on line 6.
    expect(e!.line).toBe(6);
    expect(e!.evidence[0]).toBe(`${MESO_PATH} line 6: the note has no content after its frontmatter.`);
  });

  it('escalates when the meso plan is only whitespace', () => {
    const [e] = mesoMissing(contextFrom({ meso: '\n   \n\t\n' }));
    expect(e!.line).toBe(1);
  });

  it('stays quiet when the meso plan has content', () => {
    expect(mesoMissing(contextFrom())).toEqual([]);
  });

  it('stays quiet when the meso plan has a body but no frontmatter', () => {
    expect(mesoMissing(contextFrom({ meso: new MesoPlanBuilder().withoutFrontmatter().build() }))).toEqual([]);
  });
});

describe('meso-missing with a meso plan set aside as empty', () => {
  it('escalates naming the empty note rather than saying none was found', () => {
    const ctx = { ...contextFrom({ meso: null }), mesoEmptyPath: 'Planning/Harbor meso.md' };
    const [e, ...rest] = mesoMissing(ctx);
    expect(rest).toEqual([]);
    expect(e!.blocker).toBe('The meso-level plan Planning/Harbor meso.md is empty, so it holds no architecture decisions for W2.');
    expect(e!.evidence.join(' ')).not.toMatch(/No note was found/);
    expect(e!.evidence[0]).toContain('Planning/Harbor meso.md');
    expect(e!.file).toBe('Planning/Harbor meso.md');
  });
});

describe('meso-missing, the requests as the user reads them', () => {
  it('when none was found: where it looked, and who writes it', () => {
    expect(mesoMissing(contextFrom({ meso: null }))).toStrictEqual([
      {
        rule: 'meso-missing',
        workstreamId: 'W2',
        workstreamName: 'Inspection API',
        blocker: 'No meso-level plan was found, so there is no architecture for W2 to plan against.',
        mesoSection: 'The whole meso-level plan: no note fills that role.',
        evidence: ["No note was found at the configured meso-plan path, at the default path, through the project note's links or by tag."],
        questions: ['Where is the approved meso-level plan for this project?', 'If it has not been written yet, who will write it, and when?'],
        recommendation:
          'Write or locate the meso-level plan, set its path in the plugin settings (or link it from the project note), then plan this workstream again.',
      },
    ]);
  });

  it.each([
    ['set aside as empty by discovery', { ...contextFrom({ meso: null }), mesoEmptyPath: 'P/m.md' }, 'P/m.md', undefined, 'P/m.md was found but has no content after its frontmatter, so it was set aside as empty.'],
    ['read and found empty', contextFrom({ meso: new MesoPlanBuilder().empty().build() }), MESO_PATH, 6, `${MESO_PATH} line 6: the note has no content after its frontmatter.`],
  ])('when the note was %s: which note, and what to fill in', (_label, ctx, path, line, evidence) => {
    const expected: Record<string, unknown> = {
      rule: 'meso-missing',
      workstreamId: 'W2',
      workstreamName: 'Inspection API',
      blocker: `The meso-level plan ${path} is empty, so it holds no architecture decisions for W2.`,
      mesoSection: 'The whole meso-level plan: it has no sections.',
      evidence: [evidence],
      questions: [`Is ${path} the right note for the meso-level plan, or was its content lost or never saved?`, 'Which architecture decisions apply to W2?'],
      recommendation: `Fill in ${path} (at least a section for W2 and its cross-workstream contracts), or point the settings at the right note, then plan again.`,
      file: path,
    };
    if (line !== undefined) expected.line = line;
    expect(mesoMissing(ctx)).toStrictEqual([expected]);
  });

  it('prefers a meso plan that was read over an empty one set aside', () => {
    expect(mesoMissing({ ...contextFrom(), mesoEmptyPath: 'P/m.md' })).toEqual([]);
  });
});
