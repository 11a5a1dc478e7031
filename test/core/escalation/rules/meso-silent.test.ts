import { mesoSilent } from '../../../../src/core/escalation/rules/meso-silent';
import { MesoPlanBuilder } from '../../../support/builders/MesoPlanBuilder';
import { WbsBuilder } from '../../../support/builders/WbsBuilder';
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
    expect(mesoSilent(contextFrom({ meso }))).toStrictEqual([
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

describe('meso-silent, other ways a meso plan covers the workstream', () => {
  const readiness = (title: string, ...items: string[]) =>
    ['# Harbor architecture', '', '## W1: Platform Foundation', 'Repo layout.', '', `## ${title}`, '', ...items, '', '## Glossary', '2) Not a list of workstreams.', ''].join('\n');

  it.each([
    ['a numbered entry', '10. Readiness for Micro-Level Planning', ['1. Platform first', '2. Inspections next', '3. Sync last']],
    ['a bulleted, bold entry with a closing bracket', 'Workstreams', ['- **1) Platform**', '- **2) Inspections**']],
    ['a WS-numbered entry', 'Epics', ['WS-2: inspections']],
    ['a W-numbered entry', 'Milestones', ['* w2: inspections']],
    ['a numbered entry under "Workstream" in the singular', 'Workstream order', ['1. Platform', '2. Inspections']],
    ['a numbered entry under "Epic" in the singular', 'Epic sequence', ['1. Platform', '2. Inspections']],
    ['a numbered entry under "Milestone" in the singular', 'Milestone plan', ['1. Platform', '2. Inspections']],
  ])('stays quiet when the readiness section lists the workstream’s position as %s', (_label, title, items) => {
    expect(mesoSilent(contextFrom({ meso: readiness(title, ...items) }))).toEqual([]);
  });

  it.each([
    ['lists only other positions', 'Readiness', ['1. Platform', '3. Sync']],
    ['numbers the position without a text after it', 'Readiness', ['2.']],
    ['is a section of another title', 'Deployment', ['1. Platform', '2. Inspections']],
    ['has the position only after the section ends', 'Readiness', ['1. Platform']],
  ])('escalates when the readiness section %s', (_label, title, items) => {
    expect(mesoSilent(contextFrom({ meso: readiness(title, ...items) }))).toHaveLength(1);
  });

  const photoTasks = [{ id: 'W2.1', title: 'Photo store upload endpoint', estimate: '1d' }];
  it.each([
    ['a component', '## 3. System Decomposition', '### Photo Store'],
    ['an interface', '## 4. Interface Design', '### Photo Store upload'],
    ['an integration point', '## 5. Integration Points', '### Photo Store'],
  ])('stays quiet when the meso plan describes %s the workstream’s tasks touch', (_label, section, entry) => {
    const wbs = new WbsBuilder().withTasks('W2', photoTasks).build();
    const meso = ['# Harbor architecture', '', section, '', entry, 'Keeps inspection photos in S3 behind an upload endpoint.', ''].join('\n');
    expect(mesoSilent(contextFrom({ wbs, meso }))).toEqual([]);
  });

  it('escalates when the components the meso plan describes are not the ones the tasks touch', () => {
    const wbs = new WbsBuilder().withTasks('W2', photoTasks).build();
    const meso = ['# Harbor architecture', '', '## 3. System Decomposition', '', '### Billing Ledger', 'Double-entry ledger.', ''].join('\n');
    expect(mesoSilent(contextFrom({ wbs, meso }))).toHaveLength(1);
  });

  it('escalates a workstream without tasks that no line names', () => {
    const wbs = new WbsBuilder().withTasks('W2', []).build();
    const meso = ['# Harbor architecture', '', '## 3. System Decomposition', '', '### Photo Store', 'Keeps photos.', ''].join('\n');
    expect(mesoSilent(contextFrom({ wbs, meso }))).toHaveLength(1);
  });

  it('stays quiet when the meso plan names the workstream by its epic label', () => {
    const wbs = ['## Epic 2: Inspections', '- 2.1 Upload endpoint', '', '## Epic 1: Platform', '- 1.1 Repo', ''].join('\n');
    const meso = '# Harbor architecture\n\nEpic 2 stores photos.\n';
    const ctx = contextFrom({ wbs, meso, workstreamId: contextFrom({ wbs }).wbs.workstreams[0]!.id });
    expect(mesoSilent(ctx)).toEqual([]);
  });
});

describe('meso-silent, edges of the readiness list and of what a plan covers', () => {
  const readiness = (title: string, ...items: string[]) =>
    ['# Harbor architecture', '', '## W1: Platform Foundation', 'Repo layout.', '', `## ${title}`, '', ...items, ''].join('\n');

  it.each([
    ['Workstream overview', ['1. Platform', '2. Inspections']],
    ['Epic map', ['1. Platform', '2. Inspections']],
    ['Milestone plan', ['1. Platform', '2. Inspections']],
    ['Readiness', ['   2) Inspections, indented']],
    ['Readiness', ['-   2. Inspections after a wide bullet']],
    ['Readiness', ['WS2: inspections']],
    ['Readiness', ['WS 2: inspections']],
    ['Readiness', ['2.  Inspections after two spaces']],
  ])('stays quiet for the readiness section %p listing %p', (title, items) => {
    expect(mesoSilent(contextFrom({ meso: readiness(title, ...items) }))).toEqual([]);
  });

  it('escalates when the position appears only inside a sentence', () => {
    expect(mesoSilent(contextFrom({ meso: readiness('Readiness', 'Phase 2: later.') }))).toHaveLength(1);
  });

  it('reads two-digit positions', () => {
    const wbs = Array.from({ length: 10 }, (_, i) => [`## W${i + 1}: Stream ${i + 1}`, `- W${i + 1}.1 Task`, ''].join('\n')).join('\n');
    const ctx = (item: string) => contextFrom({ workstreamId: 'W10', wbs, meso: readiness('Readiness', item) });
    expect(mesoSilent(ctx('10. Reports'))).toEqual([]);
    expect(mesoSilent(ctx('1. Reports'))).toHaveLength(1);
  });

  it('escalates, without failing, for a workstream the WBS lacks', () => {
    const [e] = mesoSilent(contextFrom({ workstreamId: 'W9', meso: readiness('Deployment', '1. Build') }));
    expect(e!.blocker).toContain(' never mentions W9, so');
  });

  it('stays quiet when the component a task touches is described together with an integration point that uses it', () => {
    const wbs = new WbsBuilder().withTasks('W2', [{ id: 'W2.1', title: 'Upload inspection photos and thumbnails', estimate: '1d' }]).build();
    const meso = ['# A', '', '## 3. System Decomposition', '', '### Media Vault', 'Stores inspection photos and thumbnails.', '', '## 5. Integration Points', '', '### CDN edge', 'Serves the Media Vault over HTTPS.', ''].join('\n');
    expect(mesoSilent(contextFrom({ wbs, meso }))).toEqual([]);
  });

  it('stays quiet when the meso plan holds only whitespace after its frontmatter (that is meso-missing)', () => {
    expect(mesoSilent(contextFrom({ meso: '---\ntags: [meso-level-plan]\n---\n\n   \n\t\n' }))).toEqual([]);
  });
});
