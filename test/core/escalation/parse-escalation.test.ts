import type { Escalation } from '../../../src/core/contracts/escalation';
import { ESCALATION_AGENT } from '../../../src/core/contracts/escalation';
import { detectEscalations } from '../../../src/core/escalation/detect-escalations';
import { parseEscalationCallouts } from '../../../src/core/escalation/parse-escalation';
import { renderEscalationCallout, renderEscalationNote } from '../../../src/core/escalation/render-escalation';
import { MesoPlanBuilder } from '../../support/builders/MesoPlanBuilder';
import { lineOf, WbsBuilder } from '../../support/builders/WbsBuilder';
import { contextFrom } from './context-from-markdown';

function findings(): Escalation[] {
  return detectEscalations(
    contextFrom({
      wbs: new WbsBuilder().withDependsOn('W2', ['W1', 'W9']).withDependsOn('W1', ['W2']).build(),
      meso: new MesoPlanBuilder().withLines('W2 Data model', 'Primary keys: TBD', 'Soft delete `x` or hard delete??').build(),
    }),
  );
}

function noteText(escalations: Escalation[]): string {
  return renderEscalationNote({
    escalations,
    projectLink: '[[01-Projects/Tidewater]]',
    sourcePlanLink: '[[research/project-planning/meso-level-plan]]',
    created: '2025-03-14',
    workstreamId: 'W2',
    workstreamName: 'Inspection API',
  });
}

describe('parseEscalationCallouts', () => {
  it('reads back every field of every rendered callout', () => {
    const escalations = findings();
    expect(escalations.length).toBeGreaterThanOrEqual(3);
    const parsed = parseEscalationCallouts(noteText(escalations));
    expect(parsed).toHaveLength(escalations.length);
    parsed.forEach((p, i) => {
      const e = escalations[i]!;
      expect(p).toMatchObject({
        workstreamId: 'W2',
        workstreamName: 'Inspection API',
        agent: ESCALATION_AGENT,
        workstream: 'W2: Inspection API',
        blocker: e.blocker,
        mesoSection: e.mesoSection,
        evidence: e.evidence,
        questions: e.questions,
        recommendation: e.recommendation,
        missing: [],
      });
    });
  });

  it('gives each callout its line range', () => {
    const text = noteText(findings());
    const parsed = parseEscalationCallouts(text);
    const lines = text.split('\n');
    for (const p of parsed) {
      expect(lines[p.startLine - 1]).toMatch(/^> \[!escalation\]/);
      expect(lines[p.endLine - 1]).toMatch(/^> - \*\*Recommendation:\*\*/);
      expect(lines[p.endLine]).toBe('');
    }
    expect(parsed[0]!.startLine).toBe(lineOf(text, '> [!escalation]'));
  });

  it('tolerates hand edits: a fold sign, a wrapped line and a missing field', () => {
    const text = [
      '> [!escalation]- Escalation Request — W3: Sync Worker',
      '> - **Agent:** Workstream Micro-Level Planner',
      '> - **Blocker:** The worker needs',
      '> a decision.',
      '> - **Evidence:**',
      '>   - one',
      '>   - two',
    ].join('\n');
    const [p] = parseEscalationCallouts(text);
    expect(p).toMatchObject({
      workstreamId: 'W3',
      workstreamName: 'Sync Worker',
      blocker: 'The worker needs a decision.',
      evidence: ['one', 'two'],
      missing: ['Workstream', 'Meso-plan section', 'Questions', 'Recommendation'],
      startLine: 1,
      endLine: 7,
    });
  });

  it('ignores callouts inside code blocks and other callout types', () => {
    const text = ['```md', renderEscalationCallout(findings()[0]!), '```', '', '> [!note] Escalation Request — W2', '> - **Blocker:** no'].join('\n');
    expect(parseEscalationCallouts(text)).toEqual([]);
  });
});
