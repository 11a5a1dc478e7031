import { mesoSilent } from '../../../../src/core/escalation/rules/meso-silent';
import { MesoPlanBuilder } from '../../../support/builders/MesoPlanBuilder';
import { contextFrom, MESO_PATH } from '../context-from-markdown';

const SILENT = ['---', 'tags: [meso-level-plan]', '---', '# Harbor architecture', '', '## W1: Platform Foundation', 'Repo layout.', '', '## W3: Sync Worker', 'Queue: SQS.', ''].join('\n');

describe('meso-silent', () => {
  it('escalates when the meso plan never names the planned workstream', () => {
    const [e, ...rest] = mesoSilent(contextFrom({ meso: SILENT }));
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ rule: 'meso-silent', workstreamId: 'W2', workstreamName: 'Inspection API', file: MESO_PATH });
    expect(e!.blocker).toBe(
      `The meso-level plan ${MESO_PATH} never mentions W2: Inspection API, so there are no architecture decisions for it to plan against.`,
    );
    expect(e!.evidence[0]).toContain('its id W2');
    expect(e!.evidence[0]).toContain('its name "Inspection API"');
    expect(e!.evidence[0]).toContain('3 headings');
    expect(e!.questions[0]).toMatch(/^Which architecture decisions of the meso plan apply to W2: Inspection API/);
  });

  it('escalates when the workstream appears only inside code', () => {
    const meso = `${SILENT}\n\`\`\`\nW2 handles inspections\n\`\`\`\n`;
    expect(mesoSilent(contextFrom({ meso }))).toHaveLength(1);
  });

  it('stays quiet when a line names the workstream by id, task id or name', () => {
    expect(mesoSilent(contextFrom({ meso: `${SILENT}W2 reads the queue.\n` }))).toEqual([]);
    expect(mesoSilent(contextFrom({ meso: `${SILENT}- Workstream 2 owns the API.\n` }))).toEqual([]);
    expect(mesoSilent(contextFrom({ meso: `${SILENT}The inspection API stores photos.\n` }))).toEqual([]);
    expect(mesoSilent(contextFrom({ meso: `${SILENT}### W1 → W2\n` }))).toEqual([]);
  });

  it('stays quiet when the meso plan is missing or empty (that is meso-missing)', () => {
    expect(mesoSilent(contextFrom({ meso: null }))).toEqual([]);
    expect(mesoSilent(contextFrom({ meso: new MesoPlanBuilder().empty().build() }))).toEqual([]);
  });

  it('stays quiet for the default meso plan', () => {
    expect(mesoSilent(contextFrom())).toEqual([]);
  });
});

describe('meso-silent, the request as the user reads it', () => {
  const meso = '# Meso\n\n## W1: Platform Foundation\n\nRepository layout.\n';

  it('says what was searched and asks where the workstream is covered', () => {
    expect(mesoSilent(contextFrom({ meso }))).toEqual([
      {
        rule: 'meso-silent',
        workstreamId: 'W2',
        workstreamName: 'Inspection API',
        blocker: `The meso-level plan ${MESO_PATH} never mentions W2: Inspection API, so there are no architecture decisions for it to plan against.`,
        mesoSection: `None: no heading or line of ${MESO_PATH} names W2.`,
        evidence: [
          `Searched every heading and line of ${MESO_PATH} (2 headings, code blocks excluded) for its id W2 (also as "Workstream 2" or a task id such as W2.1) and its name "Inspection API": no match.`,
        ],
        questions: [
          'Which architecture decisions of the meso plan apply to W2: Inspection API: its components, data it owns, and the interfaces it exposes?',
          'Which contracts does W2 provide to or consume from other workstreams?',
          'Is W2 covered in the meso plan under another id or name, and if so which?',
        ],
        recommendation: `Add a section for W2: Inspection API to ${MESO_PATH} (its architecture decisions and its contracts with other workstreams), or correct the id or name under which it appears, then plan again.`,
        file: MESO_PATH,
      },
    ]);
  });

  it('searches for the id alone when the workstream has no name, and counts one heading as one', () => {
    const wbs = ['## W12', '- W12.1 Reports', '', '## W1: Platform', '- W1.1 Repo', ''].join('\n');
    const [e] = mesoSilent(contextFrom({ workstreamId: 'W12', wbs, meso: '# Meso\n\nRepository layout.\n' }));
    expect(e!.evidence).toEqual([
      `Searched every heading and line of ${MESO_PATH} (1 heading, code blocks excluded) for its id W12 (also as "Workstream 12" or a task id such as W12.1): no match.`,
    ]);
    expect(e!.blocker).toContain(' never mentions W12, so');
  });
});
