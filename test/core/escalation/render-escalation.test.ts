import type { Escalation } from '../../../src/core/contracts/escalation';
import { EscalationFrontmatterSchema } from '../../../src/core/contracts/plan-frontmatter';
import { detectEscalations } from '../../../src/core/escalation/detect-escalations';
import { parseEscalationCallouts } from '../../../src/core/escalation/parse-escalation';
import { renderEscalationCallout, renderEscalationNote } from '../../../src/core/escalation/render-escalation';
import { verifyApproved } from '../../support/approval';
import { MesoPlanBuilder } from '../../support/builders/MesoPlanBuilder';
import { WbsBuilder } from '../../support/builders/WbsBuilder';
import { contextFrom, MESO_LINK } from './context-from-markdown';

/** Two real findings: an undefined dependency (one evidence item… plus the list) and an open decision. */
function findings(): Escalation[] {
  return detectEscalations(
    contextFrom({
      wbs: new WbsBuilder().withDependsOn('W2', ['W1', 'W9']).build(),
      meso: new MesoPlanBuilder().withLines('W2 Data model', 'Primary keys: TBD', 'Soft delete or hard delete??').build(),
    }),
  );
}

const single: Escalation = {
  rule: 'no-tasks',
  workstreamId: 'W2',
  workstreamName: 'Inspection API',
  blocker: 'The WBS defines W2 but lists no tasks for it,\nso there is nothing to specify.',
  mesoSection: `[[${MESO_LINK}#W2 Inspection API|W2 section]]`,
  evidence: ['research/project-planning/micro-level-plan.md line 18: "### W2: Inspection API"'],
  questions: ['Which tasks make up W2?'],
  recommendation: 'Add the tasks, then plan again.',
};

describe('renderEscalationCallout', () => {
  it('writes one evidence item and one question inline', () => {
    verifyApproved(__filename, 'callout single items', renderEscalationCallout(single));
  });

  it('writes several evidence items and questions as nested bullets', () => {
    verifyApproved(__filename, 'callout nested items', renderEscalationCallout(findings()[1]!));
  });

  it('keeps every field on its own quoted line, in the seed\'s order, with wikilinks intact', () => {
    const lines = renderEscalationCallout(single).split('\n');
    expect(lines[0]).toBe('> [!escalation] Escalation Request — W2: Inspection API');
    expect(lines.every((l) => l.startsWith('> '))).toBe(true);
    expect(lines.slice(1).map((l) => /^> - \*\*(.+?):\*\*/.exec(l)?.[1])).toEqual([
      'Agent',
      'Workstream',
      'Blocker',
      'Meso-plan section',
      'Evidence',
      'Questions',
      'Recommendation',
    ]);
    expect(lines).toContain(`> - **Meso-plan section:** [[${MESO_LINK}#W2 Inspection API|W2 section]]`);
    expect(lines).toContain('> - **Agent:** Workstream Micro-Level Planner');
  });

  it('titles the callout with the id alone when the name is unknown', () => {
    expect(renderEscalationCallout({ ...single, workstreamName: '' }).split('\n')[0]).toBe(
      '> [!escalation] Escalation Request — W2',
    );
  });
});

describe('renderEscalationNote', () => {
  const args = () => ({
    escalations: findings(),
    projectLink: '[[01-Projects/Tidewater]]',
    sourcePlanLink: `[[${MESO_LINK}]]`,
    created: '2025-03-14',
    workstreamId: 'W2',
    workstreamName: 'Inspection API',
  });

  it('writes frontmatter, title, reason, one callout per escalation and what to do next', () => {
    verifyApproved(__filename, 'note with two escalations', renderEscalationNote(args()));
  });

  it('writes frontmatter that the escalation schema accepts, wikilinks double-quoted', () => {
    const text = renderEscalationNote({ ...args(), workstreamName: 'Say "hi" API' });
    const yaml = /^---\n([\s\S]*?)\n---\n/.exec(text)![1]!;
    // The core renders YAML by hand; read it back with the same fixed schema.
    const fields = Object.fromEntries(
      yaml.split('\n').map((l) => {
        const [k, ...v] = l.split(': ');
        const raw = v.join(': ');
        const value = raw.startsWith('[') ? raw.slice(1, -1).split(', ') : raw.startsWith('"') ? JSON.parse(raw) : raw;
        return [k, value];
      }),
    );
    expect(EscalationFrontmatterSchema.parse(fields)).toEqual({
      tags: ['workstream-escalation', 'micro-level', 'W2'],
      project: '[[01-Projects/Tidewater]]',
      workstream_id: 'W2',
      workstream_name: 'Say "hi" API',
      source_plan: `[[${MESO_LINK}]]`,
      created: '2025-03-14',
      status: 'escalated',
    });
    expect(yaml).toContain('project: "[[01-Projects/Tidewater]]"');
  });

  it('separates callouts with a blank line so Obsidian does not merge them', () => {
    const text = renderEscalationNote(args());
    expect(text).toMatch(/\n> - \*\*Recommendation:\*\* [^\n]*\n\n> \[!escalation\]/);
  });
});

describe('renderEscalationCallout, odd values', () => {
  it('keeps every value on its bullet: line breaks and their spaces become one space', () => {
    const lines = renderEscalationCallout({
      ...single,
      workstreamName: 'Inspection\r\n  API ',
      recommendation: '  Add the tasks,\r\n\r\n   then plan again.  ',
      evidence: ['one\nline', '  ', 'two'],
      questions: ['\n'],
    }).split('\n');
    expect(lines[0]).toBe('> [!escalation] Escalation Request — W2: Inspection API');
    expect(lines).toContain('> - **Workstream:** W2: Inspection API');
    expect(lines).toContain('> - **Recommendation:** Add the tasks, then plan again.');
    expect(lines.slice(lines.indexOf('> - **Evidence:**'), lines.indexOf('> - **Evidence:**') + 3)).toEqual([
      '> - **Evidence:**',
      '>   - one line',
      '>   - two',
    ]);
    // A list with nothing left in it keeps its label, so the callout still has every field.
    expect(lines).toContain('> - **Questions:**');
    expect(parseEscalationCallouts(lines.join('\n'))[0]).toMatchObject({ evidence: ['one line', 'two'], questions: [], missing: [] });
  });
});

describe('renderEscalationNote, one blocker and no name', () => {
  it('says "one blocker" and titles the note with the id alone', () => {
    const text = renderEscalationNote({
      escalations: [single],
      projectLink: '[[01-Projects/Tidewater]]',
      sourcePlanLink: `[[${MESO_LINK}]]`,
      created: '2025-03-14',
      workstreamId: 'W2',
      workstreamName: ' \n ',
    });
    expect(text).toContain('\n# Workstream W2 Escalation\n');
    expect(text).toContain('workstream_name: ""\n');
    expect(text).toContain('No micro-level plan was written for W2, because the planner found one blocker in its planning inputs');
    expect(text.endsWith('once a plan is written, this note is marked resolved.\n')).toBe(true);
  });
});
