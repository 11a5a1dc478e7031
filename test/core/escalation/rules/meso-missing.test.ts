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
