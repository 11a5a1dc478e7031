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
    expect(conflictingName(contextFrom({ meso, wbs }))).toStrictEqual([
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

describe('conflicting-name, which mentions state a name', () => {
  // List items: the meso plan's mentions are its headings and list items.
  const withLine = (line: string) => new MesoPlanBuilder().withLines('System overview', `- ${line}`).build();
  const found = (meso: string, wbs?: string) => conflictingName(contextFrom({ meso, ...(wbs ? { wbs } : {}) }));

  it.each([
    ['a colon', 'W2: Field Reports'],
    ['an em dash', 'W2 — Field Reports'],
    ['an en dash', 'W2 – Field Reports'],
    ['a spaced hyphen', 'W2 - Field Reports'],
    ['brackets after the id', 'W2 (Field Reports) owns reports.'],
    ['the id in brackets after the name', 'Field Reports (W2)'],
    ['the id in bold, then a colon', '**W2**: Field Reports'],
  ])('takes %s as stating a name', (_label, line) => {
    const meso = withLine(line);
    expect(found(meso).map((e) => e.line)).toEqual([lineOf(meso, line)]);
  });

  it.each([
    ['a hyphen without spaces', 'W2-Field Reports'],
    ['no separator', 'W2 Field Reports'],
    ['a task id', 'W2.1: Field Reports'],
    ['another id in brackets', 'Field Reports (W3) owns reports.'],
  ])('takes %s as no name', (_label, line) => {
    expect(found(withLine(line))).toEqual([]);
  });

  it.each([
    ['share only a filler word', 'W2: Billing Service', 'Inspection Service', 1],
    ['share only a word of two letters', 'W2: Field UI', 'Inspection UI', 1],
    ['share a word that names the subject', 'W2: Photo Inspection', 'Inspection API', 0],
    ['differ in everything', 'W2: Field Reports', 'Inspection API', 1],
  ])('when the names %s: %p vs %p gives %p escalations', (_label, heading, wbsName, n) => {
    const meso = new MesoPlanBuilder().withHeading('W2: Inspection API', heading).build();
    const wbs = new WbsBuilder().withName('W2', wbsName).build();
    expect(found(meso, wbs)).toHaveLength(n);
  });

  it('stays quiet when the WBS gives the workstream no name', () => {
    const meso = new MesoPlanBuilder().withHeading('W2: Inspection API', 'W2: Field Reports').build();
    expect(found(meso, ['## W1: Platform', '- W1.1 Repo', '', '## W2', '- W2.1 Endpoints', ''].join('\n'))).toEqual([]);
  });

  it('agrees with the second WBS definition when the first has another name', () => {
    const meso = new MesoPlanBuilder().withHeading('W2: Inspection API', 'W2: Field Reports').build();
    const wbs = new WbsBuilder().withExtraWorkstream('W2', 'Field Reports', { tasks: [{ id: 'W2.9', title: 'x' }] }).build();
    expect(found(meso, wbs)).toEqual([]);
  });
});

describe('conflicting-name, words that name no subject', () => {
  const FILLER = ['and', 'the', 'for', 'with', 'implement', 'implementation', 'update', 'add', 'create', 'build', 'setup', 'set', 'decide', 'make', 'fix', 'new', 'initial', 'final', 'module', 'service', 'component', 'system', 'layer', 'workstream', 'epic', 'phase', 'part', 'core', 'basic', 'support'];
  const run = (wbsName: string, mesoName: string) => {
    const meso = new MesoPlanBuilder().withHeading('W2: Inspection API', `W2: ${mesoName}`).build();
    return conflictingName(contextFrom({ meso, wbs: new WbsBuilder().withName('W2', wbsName).build() }));
  };

  it.each(FILLER)('escalates two names that share only %p', (word) => {
    expect(run(`Alpha ${word} Ledger`, `Beta ${word} Gateway`)).toHaveLength(1);
  });

  it('stays quiet for two names that share a word naming the subject', () => {
    expect(run('Alpha Ledger', 'Beta Ledger')).toEqual([]);
  });
});

describe('conflicting-name, mentions with more on the line', () => {
  const found = (line: string) => conflictingName(contextFrom({ meso: new MesoPlanBuilder().withLines('System overview', line).build() }));

  it.each([
    ['a separator only later in the line', '- W2 Field Reports: handled later.', 0],
    ['a task id with a separator after a name', '- W2 Field Reports W2.1: export', 0],
    ['another id with a separator', '- W2 Field Reports, W3: Sync', 0],
    ['the id in bold, a space, then a colon', '- **W2** : Field Reports', 1],
    ['another id without a separator later', '- W2: Field Reports, with W3 later', 1],
    ['an opening bracket and a space before the id', '- Field Reports ( W2 )', 1],
    ['a name of punctuation only', '- W2: —', 0],
    ['a heading whose name is only a question mark', '## W2 — ?', 0],
    ['two ids joined by a slash', '- W2/W3: Shared Reporting', 0],
    ['the id in square brackets after the name', '- Field Reports [W2]', 1],
  ])('%s: %p gives %p escalations', (_label, line, n) => {
    expect(found(line)).toHaveLength(n);
  });

  it.each([
    ['UI', 'UI Shell'],
    ['UI Shell', 'UI'],
    ['Core', 'Core Services'],
  ])('stays quiet when one name contains the other, though their shared words name no subject: %p and %p', (wbsName, mesoName) => {
    const meso = new MesoPlanBuilder().withHeading('W2: Inspection API', `W2: ${mesoName}`).build();
    expect(conflictingName(contextFrom({ meso, wbs: new WbsBuilder().withName('W2', wbsName).build() }))).toEqual([]);
  });

  it('takes a bracket earlier in the line for no separator (a caller building the mentions by hand)', () => {
    const meso = new MesoPlanBuilder().withLines('System overview', '- (draft) W2 Field Reports').build();
    const ctx = { ...contextFrom({ meso }), mesoMentions: [{ id: 'W2', name: 'Field Reports', line: lineOf(meso, '(draft) W2') }] };
    expect(conflictingName(ctx)).toEqual([]);
  });

  it('never fails on mentions without a meso plan (a caller building the context by hand)', () => {
    const ctx = { ...contextFrom({ meso: null }), mesoMentions: [{ id: 'W2', name: 'Field Reports', line: 3 }] };
    expect(conflictingName(ctx)).toEqual([]);
  });
});
