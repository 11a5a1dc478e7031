import { workstreamNotInWbs } from '../../../../src/core/escalation/rules/workstream-not-in-wbs';
import { MesoPlanBuilder } from '../../../support/builders/MesoPlanBuilder';
import { lineOf, WbsBuilder } from '../../../support/builders/WbsBuilder';
import { contextFrom, MESO_LINK, MESO_PATH } from '../context-from-markdown';

describe('workstream-not-in-wbs', () => {
  it('escalates when the meso plan describes the planned workstream but the WBS lacks it', () => {
    const wbs = new WbsBuilder().without('W2').withDependsOn('W3', ['W1']).build();
    const meso = new MesoPlanBuilder().build();
    const [e, ...rest] = workstreamNotInWbs(contextFrom({ wbs, meso }));
    expect(rest).toEqual([]);
    const line = lineOf(meso, '## W2: Inspection API');
    expect(e).toMatchObject({ rule: 'workstream-not-in-wbs', workstreamName: 'Inspection API', file: MESO_PATH, line });
    expect(e!.mesoSection).toBe(`[[${MESO_LINK}#W2 Inspection API]]`);
    expect(e!.evidence[0]).toBe(`${MESO_PATH} line ${line}: "## W2: Inspection API"`);
    expect(e!.evidence).toContain('The WBS defines these workstreams: W1, W3.');
    // Three quoted lines at most, then a count.
    expect(e!.evidence.some((s) => /^…and \d+ more lines? of /.test(s))).toBe(true);
  });

  it('escalates when a contract pairs the planned workstream with one the WBS lacks', () => {
    const meso = new MesoPlanBuilder().withSection(3, 'W5 → W2: Reporting feed', ['W5 pushes nightly aggregates.'], 'Open Questions').build();
    const [e, ...rest] = workstreamNotInWbs(contextFrom({ meso }));
    expect(rest).toEqual([]);
    expect(e!.blocker).toContain('contract between W2 and W5');
    expect(e!.mesoSection).toBe(`[[${MESO_LINK}#W5 → W2 Reporting feed]]`);
    expect(e!.line).toBe(lineOf(meso, '### W5 → W2'));
    expect(e!.evidence[0]).toContain('a contract in which W5 provides to W2');
  });

  it('stays quiet when the missing counterpart is already a WBS dependency (undefined-dependency reports it)', () => {
    const meso = new MesoPlanBuilder().withSection(3, 'W5 → W2: Reporting feed', [], 'Open Questions').build();
    const wbs = new WbsBuilder().withDependsOn('W2', ['W1', 'W5']).build();
    expect(workstreamNotInWbs(contextFrom({ wbs, meso }))).toEqual([]);
  });

  it('stays quiet when the contract with an unknown workstream does not involve the planned one', () => {
    const meso = new MesoPlanBuilder().withSection(3, 'W5 → W3: Reporting feed', [], 'Open Questions').build();
    expect(workstreamNotInWbs(contextFrom({ meso }))).toEqual([]);
  });

  it('stays quiet when the WBS defines every workstream the meso plan names', () => {
    expect(workstreamNotInWbs(contextFrom())).toEqual([]);
  });

  it('stays quiet when neither note names the planned workstream (a usage error, not an escalation)', () => {
    expect(workstreamNotInWbs(contextFrom({ workstreamId: 'W9' }))).toEqual([]);
  });
});

describe('workstream-not-in-wbs, the requests as the user reads them', () => {
  it('quotes the first three mentions, counts the rest and lists the defined workstreams', () => {
    const wbs = new WbsBuilder().without('W2').withDependsOn('W3', ['W1']).build();
    const meso = new MesoPlanBuilder().build();
    const at = (s: string) => lineOf(meso, s);
    expect(workstreamNotInWbs(contextFrom({ wbs, meso }))).toStrictEqual([
      {
        rule: 'workstream-not-in-wbs',
        workstreamId: 'W2',
        workstreamName: 'Inspection API',
        blocker: 'The meso plan describes W2, but the WBS has no entry for it, so there are no tasks to plan.',
        mesoSection: `[[${MESO_LINK}#W2 Inspection API]]`,
        evidence: [
          `${MESO_PATH} line ${at('## W2: Inspection API')}: "## W2: Inspection API"`,
          `${MESO_PATH} line ${at('### W2 Data model')}: "### W2 Data model"`,
          `${MESO_PATH} line ${at('### W2 Endpoints')}: "### W2 Endpoints and versioning"`,
          `…and 3 more lines of ${MESO_PATH} mention W2.`,
          'The WBS defines these workstreams: W1, W3.',
        ],
        questions: [
          'Should W2 be added to the WBS, and with which tasks and dependencies?',
          "Or does the meso plan's W2 correspond to a workstream the WBS numbers differently?",
        ],
        recommendation: 'Add W2 with its tasks to the WBS in the overall micro-level plan (or fix the numbering in one of the notes), then plan again.',
        file: MESO_PATH,
        line: at('## W2: Inspection API'),
      },
    ]);
  });

  it.each([
    [1, []],
    [3, []],
    [4, ['…and 1 more line of research/project-planning/meso-level-plan.md mention W7.']],
  ])('with %p mentions, counts what it does not quote', (n, tail) => {
    const lines = Array.from({ length: n }, (_, i) => `- W7 item ${i + 1}`);
    const meso = ['# Meso', '', ...lines, ''].join('\n');
    const [e] = workstreamNotInWbs(contextFrom({ workstreamId: 'W7', meso }));
    expect(e!.evidence).toHaveLength(Math.min(n, 3) + tail.length + 1);
    expect(e!.evidence.slice(Math.min(n, 3), -1)).toEqual(tail);
    expect(e!.mesoSection).toBe(`[[${MESO_LINK}#Meso]]`);
  });

  it('says "none" when the WBS defines no workstream', () => {
    const [e] = workstreamNotInWbs(contextFrom({ wbs: '# Empty plan\n', meso: new MesoPlanBuilder().build() }));
    expect(e!.evidence.at(-1)).toBe('The WBS defines these workstreams: none.');
  });

  it('names a contract the planned workstream provides, once per missing counterpart', () => {
    const meso = new MesoPlanBuilder()
      .withSection(3, 'W2 → W5: Reporting feed', ['x'], 'Open Questions')
      .withSection(3, 'W5 → W2: Acknowledgements', ['y'], 'Open Questions')
      .build();
    const line = lineOf(meso, '### W2 → W5');
    expect(workstreamNotInWbs(contextFrom({ meso }))).toStrictEqual([
      {
        rule: 'workstream-not-in-wbs',
        workstreamId: 'W2',
        workstreamName: 'Inspection API',
        blocker: 'The meso plan has a contract between W2 and W5, but the WBS defines no workstream W5, so that side of the contract has no owner.',
        mesoSection: `[[${MESO_LINK}#W2 → W5 Reporting feed]]`,
        evidence: [`${MESO_PATH} line ${line}: "### W2 → W5: Reporting feed" (a contract in which W2 provides to W5)`, 'The WBS defines these workstreams: W1, W2, W3.'],
        questions: [
          'Which workstream is W5: is it missing from the WBS, or is the contract heading misnumbered?',
          'Is the contract "W2 → W5: Reporting feed" still part of W2\'s scope?',
        ],
        recommendation: 'Add W5 to the WBS, or correct the contract heading to name a defined workstream, then plan again.',
        file: MESO_PATH,
        line,
      },
    ]);
  });
});

describe('workstream-not-in-wbs, a contract of the workstream with itself', () => {
  it('is no contract with a missing workstream, even when the WBS lacks the planned one', () => {
    const wbs = new WbsBuilder().without('W2').withDependsOn('W3', ['W1']).build();
    const meso = new MesoPlanBuilder().withSection(3, 'W2 → W2: Internal queue', ['x'], 'Open Questions').build();
    const found = workstreamNotInWbs(contextFrom({ wbs, meso }));
    expect(found.map((e) => e.blocker)).toEqual(['The meso plan describes W2, but the WBS has no entry for it, so there are no tasks to plan.']);
  });
});
