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
