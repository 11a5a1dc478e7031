import type { Escalation } from '../../../src/core/contracts/escalation';
import { ESCALATION_AGENT } from '../../../src/core/contracts/escalation';
import { detectEscalations } from '../../../src/core/escalation/detect-escalations';
import { ESCALATION_TITLE_LINE, parseEscalationCallouts, parseEscalationTitle } from '../../../src/core/escalation/parse-escalation';
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

describe('parseEscalationTitle', () => {
  it.each([
    ['Escalation Request — W2: Inspection API', 'W2', 'Inspection API'],
    ['Escalation Request – W2: Inspection API', 'W2', 'Inspection API'],
    ['Escalation Request - W2 Inspection API', 'W2', 'Inspection API'],
    ['escalation request W12:Reports', 'W12', 'Reports'],
    ['Escalation Request — w2', 'W2', ''],
    ['W3: Sync Worker', 'W3', 'Sync Worker'],
    ['Escalation Request — Inspection API', null, ''],
    ['Escalation Request — W2x: Inspection API', null, ''],
  ])('reads %p as %p %p', (title, id, name) => {
    expect(parseEscalationTitle(title)).toEqual({ id, name });
  });
});

describe('parseEscalationCallouts, hand-edited callouts', () => {
  const parse1 = (...lines: string[]) => parseEscalationCallouts(lines.join('\n'));

  it.each([
    ['an indented title', '   > [!escalation] Escalation Request — W2: Inspection API'],
    ['an open-fold sign', '> [!escalation]+ Escalation Request — W2: Inspection API'],
    ['the type in capitals', '> [!ESCALATION] Escalation Request — W2: Inspection API'],
    ['no space after the quote mark, spaces at the end', '>[!escalation] Escalation Request — W2: Inspection API   '],
  ])('finds a callout with %s', (_label, title) => {
    const [p, ...rest] = parse1(title, '> - **Blocker:** Keys are open.');
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ workstreamId: 'W2', workstreamName: 'Inspection API', blocker: 'Keys are open.', startLine: 1, endLine: 2 });
  });

  it.each([
    ['indented four spaces (code)', '    > [!escalation] Escalation Request — W2'],
    ['another word in the type', '> [!escalations] Escalation Request — W2'],
    ['text before the quote', 'x > [!escalation] Escalation Request — W2'],
  ])('takes no callout %s', (_label, title) => {
    expect(parse1(title, '> - **Blocker:** Keys are open.')).toEqual([]);
  });

  it('reads field labels in any case, other bullets, and values without their padding', () => {
    const [p] = parse1(
      '> [!escalation] Escalation Request — W2',
      '> - **blocker:**    Keys are open.   ',
      '>-   **Meso-Plan Section:** [[meso#W2]]',
      '> - **EVIDENCE:** first',
      '>   * second',
      '>   + third  ',
      '> - **Questions:**',
      '>     - Which keys?',
    );
    expect(p).toMatchObject({
      blocker: 'Keys are open.',
      mesoSection: '[[meso#W2]]',
      evidence: ['first', 'second', 'third'],
      questions: ['Which keys?'],
      missing: ['Agent', 'Workstream', 'Recommendation'],
    });
  });

  it('joins a wrapped line to the last nested item, and skips blank quoted lines', () => {
    const [p] = parse1(
      '> [!escalation] Escalation Request — W2',
      '> - **Evidence:**',
      '>   - line 12: "Keys: TBD"',
      '>     (marked TBD)',
      '>',
      '> - **Recommendation:** Decide the keys',
      '>   ',
      '> and plan again.',
    );
    expect(p!.evidence).toEqual(['line 12: "Keys: TBD" (marked TBD)']);
    expect(p!.recommendation).toBe('Decide the keys and plan again.');
    expect(p!.endLine).toBe(8);
  });

  it('takes the line after an empty label as its value', () => {
    const [p] = parse1('> [!escalation] Escalation Request — W2', '> - **Blocker:**', '> Keys are open.', '> - **Questions:**', '> Which keys?');
    expect(p).toMatchObject({ blocker: 'Keys are open.', questions: ['Which keys?'] });
  });

  it('ignores quoted text before the first field', () => {
    const [p] = parse1('> [!escalation] Escalation Request — W2', '> Some words the user added.', '>   - a stray item', '> - **Blocker:** Keys.');
    expect(p).toMatchObject({ blocker: 'Keys.', evidence: [], questions: [] });
  });

  it('ends a callout at the first unquoted line or at the next callout title', () => {
    const text = [
      'Intro.',
      '> [!escalation] Escalation Request — W2: Inspection API',
      '> - **Blocker:** First.',
      '> [!escalation] Escalation Request — W3: Sync Worker',
      '> - **Blocker:** Second.',
      'After.',
      '> - **Blocker:** Not in a callout.',
    ].join('\n');
    expect(parseEscalationCallouts(text).map((p) => [p.workstreamId, p.blocker, p.startLine, p.endLine])).toEqual([
      ['W2', 'First.', 2, 3],
      ['W3', 'Second.', 4, 5],
    ]);
  });

  it('reads CRLF notes', () => {
    const text = ['> [!escalation] Escalation Request — W2: Inspection API', '> - **Blocker:** Keys.', '> - **Evidence:**', '>   - one', ''].join('\r\n');
    expect(parseEscalationCallouts(text)[0]).toMatchObject({ workstreamName: 'Inspection API', blocker: 'Keys.', evidence: ['one'], endLine: 4 });
  });

  it('titles the line pattern for callers: group 1 is the title', () => {
    expect(ESCALATION_TITLE_LINE.exec('> [!escalation]- Escalation Request — W2 ')?.[1]).toBe('Escalation Request — W2');
  });
});

describe('parseEscalationCallouts, more hand edits', () => {
  const parse = (...lines: string[]) => parseEscalationCallouts(lines.join('\n'));

  it('reads the name after the id only at the start of the title, trimmed', () => {
    expect(parseEscalationTitle('Escalation Request — Inspection W2: API')).toEqual({ id: null, name: '' });
    expect(parseEscalationTitle('Escalation Request — W2: Inspection API  ')).toEqual({ id: 'W2', name: 'Inspection API' });
  });

  it('ends the callout at a line that quotes only after other text', () => {
    expect(parse('> [!escalation] Escalation Request — W2', '> - **Blocker:** a', 'text > quoted', '> - **Evidence:** b').map((x) => [x.blocker, x.evidence, x.endLine])).toEqual([['a', [], 2]]);
  });

  it('reads a callout indented as a whole', () => {
    expect(parse('  > [!escalation] Escalation Request — W2', '  > - **Blocker:** a', '  > - **Evidence:**', '  >   - one').map((x) => [x.blocker, x.evidence])).toEqual([['a', ['one']]]);
  });

  it('keeps a dash inside wrapped text, trims items and continuation lines, and leaves absent fields empty', () => {
    const [p] = parse(
      '> [!escalation] Escalation Request — W2',
      '> - **Evidence:**',
      '>   - line 12 - see below',
      '>   continued - here',
      '>   -  two spaces',
      '>    ',
      '> - **Recommendation:** Decide',
      '>    and   plan again.',
    );
    expect(p).toMatchObject({ evidence: ['line 12 - see below continued - here', 'two spaces'], recommendation: 'Decide and   plan again.', agent: '', workstream: '', blocker: '', mesoSection: '' });
  });
});
