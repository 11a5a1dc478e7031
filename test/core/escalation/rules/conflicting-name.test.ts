import { conflictingName } from '../../../../src/core/escalation/rules/conflicting-name';
import { MesoPlanBuilder } from '../../../support/builders/MesoPlanBuilder';
import { lineOf, WbsBuilder } from '../../../support/builders/WbsBuilder';
import { contextFrom, MESO_LINK, MESO_PATH, WBS_PATH } from '../context-from-markdown';

describe('conflicting-name', () => {
  it('escalates when the meso plan and the WBS give the workstream unrelated names', () => {
    const meso = new MesoPlanBuilder().withHeading('W2: Inspection API', 'W2: Field Reports').build();
    const [e, ...rest] = conflictingName(contextFrom({ meso }));
    expect(rest).toEqual([]);
    const line = lineOf(meso, '## W2: Field Reports');
    expect(e).toMatchObject({ rule: 'conflicting-name', file: MESO_PATH, line, workstreamName: 'Inspection API' });
    expect(e!.blocker).toBe(
      'The meso plan calls W2 "Field Reports" but the WBS calls it "Inspection API", so it is unclear whether they describe the same workstream.',
    );
    expect(e!.mesoSection).toBe(`[[${MESO_LINK}#W2 Field Reports]]`);
    expect(e!.evidence[1]).toContain(`${WBS_PATH} line ${lineOf(new WbsBuilder().build(), '### W2:')}`);
  });

  it('escalates when a list item states the conflicting name', () => {
    const meso = new MesoPlanBuilder().withLines('System overview', '- **W2 (Field Reports)** owns the reports.').build();
    const [e] = conflictingName(contextFrom({ meso }));
    expect(e!.line).toBe(lineOf(meso, '**W2 (Field Reports)**'));
    expect(e!.mesoSection).toBe(`[[${MESO_LINK}#System overview]]`);
  });

  it.each([
    ['case and punctuation', 'W2: inspection-API'],
    ['one name containing the other', 'W2: The Inspection API'],
  ])('stays quiet when the names differ only by %s', (_label, heading) => {
    const meso = new MesoPlanBuilder().withHeading('W2: Inspection API', heading).build();
    expect(conflictingName(contextFrom({ meso }))).toEqual([]);
  });

  it('stays quiet when a sub-heading names a topic of the workstream', () => {
    // `### W2 Data model` sits under `## W2: Inspection API`: a topic, not a second name.
    const meso = new MesoPlanBuilder().withSection(3, 'W2 Authorization', ['Roles come from the token.'], 'W3: Sync Worker').build();
    expect(conflictingName(contextFrom({ meso }))).toEqual([]);
  });

  it('stays quiet when a sub-heading under the workstream’s own heading sets a topic apart with a separator', () => {
    // `### W2: Authorization` has the separator a name has; only the enclosing `## W2: Inspection API` says it is a topic.
    const meso = new MesoPlanBuilder().withSection(3, 'W2: Authorization', ['Roles come from the token.'], 'W3: Sync Worker').build();
    expect(conflictingName(contextFrom({ meso }))).toEqual([]);
  });

  it('escalates the same separated heading when no enclosing heading names the workstream', () => {
    const meso = new MesoPlanBuilder().withSection(3, 'W2: Authorization', ['Roles come from the token.']).build();
    const found = conflictingName(contextFrom({ meso }));
    expect(found.map((e) => e.line)).toEqual([lineOf(meso, '### W2: Authorization')]);
    expect(found[0]!.blocker).toContain('"Authorization"');
  });

  it('escalates each conflicting name once, at its first mention', () => {
    const meso = new MesoPlanBuilder()
      .withHeading('W2: Inspection API', 'W2: Field Reports')
      .withLines('W3: Sync Worker', '- **W2 (Field Reports)** sends reports.', '- **W2 (field reports)** again.', '- **W2 (Photo Store)** keeps photos.')
      .build();
    const found = conflictingName(contextFrom({ meso }));
    expect(found.map((e) => e.line)).toEqual([lineOf(meso, '## W2: Field Reports'), lineOf(meso, '**W2 (Photo Store)**')]);
  });

  it('stays quiet when a heading puts a topic after the id without a separator', () => {
    const meso = new MesoPlanBuilder().withSection(2, 'W2 Rollout', ['Behind a flag.']).build();
    expect(conflictingName(contextFrom({ meso }))).toEqual([]);
  });

  it('stays quiet when only another workstream is named differently', () => {
    const meso = new MesoPlanBuilder().withHeading('W3: Sync Worker', 'W3: AssetHub Bridge').build();
    expect(conflictingName(contextFrom({ meso }))).toEqual([]);
  });
});

describe('conflicting-name with & and "and"', () => {
  const wbs = ['## W5: Notifications and Steward Console', '- W5.1 Mail templates', ''].join('\n');

  it('stays quiet when the names differ only in & and "and"', () => {
    const meso = new MesoPlanBuilder().withSection(2, 'W5: Notifications & Steward Console', ['Mails and the console.']).build();
    expect(conflictingName(contextFrom({ wbs, meso, workstreamId: 'W5' }))).toEqual([]);
  });

  it('stays quiet when they differ in spacing and hyphens too', () => {
    const meso = new MesoPlanBuilder().withSection(2, 'W5: Notifications-&-Steward  console', ['Mails.']).build();
    expect(conflictingName(contextFrom({ wbs, meso, workstreamId: 'W5' }))).toEqual([]);
  });

  it('still escalates a different name', () => {
    const meso = new MesoPlanBuilder().withSection(2, 'W5: Alerts & Admin', ['Mails.']).build();
    expect(conflictingName(contextFrom({ wbs, meso, workstreamId: 'W5' }))).toHaveLength(1);
  });
});

describe('conflicting-name, the request as the user reads it', () => {
  it('names both names, both places, and asks which one holds', () => {
    const meso = new MesoPlanBuilder().withHeading('W2: Inspection API', 'W2: Field Reports').build();
    const wbs = new WbsBuilder().build();
    const line = lineOf(meso, '## W2: Field Reports');
    const wbsLine = lineOf(wbs, '### W2: Inspection API');
    expect(conflictingName(contextFrom({ meso, wbs }))).toEqual([
      {
        rule: 'conflicting-name',
        workstreamId: 'W2',
        workstreamName: 'Inspection API',
        blocker: 'The meso plan calls W2 "Field Reports" but the WBS calls it "Inspection API", so it is unclear whether they describe the same workstream.',
        mesoSection: `[[${MESO_LINK}#W2 Field Reports]]`,
        evidence: [
          `${MESO_PATH} line ${line}: "## W2: Field Reports" (meso plan: W2 is "Field Reports")`,
          `${WBS_PATH} line ${wbsLine}: "### W2: Inspection API" (WBS: W2 is "Inspection API")`,
        ],
        questions: ['Is W2 "Inspection API" or "Field Reports"?', 'If these are two different workstreams, which id should the other one have?'],
        recommendation:
          'Use one name for W2 in both notes (rename the meso heading or the WBS entry), or renumber one of them if they are different workstreams, then plan again.',
        file: MESO_PATH,
        line,
      },
    ]);
  });
});
