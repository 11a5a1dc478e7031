import { duplicateWorkstream } from '../../../../src/core/escalation/rules/duplicate-workstream';
import { lineOf, WbsBuilder } from '../../../support/builders/WbsBuilder';
import { contextFrom, WBS_PATH } from '../context-from-markdown';

describe('duplicate-workstream', () => {
  it('escalates when the WBS defines the planned workstream twice', () => {
    const wbs = new WbsBuilder()
      .withExtraWorkstream('W2', 'Field Reports', { tasks: [{ id: 'W2.9', title: 'Monthly report export', estimate: '1d' }] })
      .build();
    const [e, ...rest] = duplicateWorkstream(contextFrom({ wbs }));
    expect(rest).toEqual([]);
    const first = lineOf(wbs, '### W2: Inspection API');
    const second = lineOf(wbs, '### W2: Field Reports');
    expect(e).toMatchObject({ rule: 'duplicate-workstream', file: WBS_PATH, line: second });
    expect(e!.blocker).toContain(`defines W2 2 times (lines ${first}, ${second})`);
    expect(e!.evidence).toHaveLength(2);
    expect(e!.evidence[1]).toContain('W2 "Field Reports" with 1 task');
  });

  it('stays quiet when each workstream is defined once', () => {
    expect(duplicateWorkstream(contextFrom())).toEqual([]);
  });

  it('stays quiet when only another workstream is defined twice', () => {
    const wbs = new WbsBuilder().withExtraWorkstream('W3', 'Sync Worker again', { tasks: [{ id: 'W3.9', title: 'x' }] }).build();
    expect(duplicateWorkstream(contextFrom({ wbs }))).toEqual([]);
  });
});

describe('duplicate-workstream, the request as the user reads it', () => {
  it('counts the definitions, cites each and asks which one is current', () => {
    const wbs = new WbsBuilder().withExtraWorkstream('W2', 'Field Reports', { tasks: [{ id: 'W2.9', title: 'x' }] }).build();
    const first = lineOf(wbs, '### W2: Inspection API');
    const second = lineOf(wbs, '### W2: Field Reports');
    expect(duplicateWorkstream(contextFrom({ wbs }))).toStrictEqual([
      {
        rule: 'duplicate-workstream',
        workstreamId: 'W2',
        workstreamName: 'Inspection API',
        blocker: `The WBS defines W2 2 times (lines ${first}, ${second}), so its scope is ambiguous.`,
        mesoSection: `None: the duplicate is in the WBS in ${WBS_PATH}.`,
        evidence: [
          `${WBS_PATH} line ${first}: "### W2: Inspection API" (W2 "Inspection API" with 3 tasks, depending on W1)`,
          `${WBS_PATH} line ${second}: "### W2: Field Reports" (W2 "Field Reports" with 1 task)`,
        ],
        questions: [
          'Which of the 2 definitions of W2 is current?',
          'Are they one workstream split by mistake (merge them) or different workstreams that need distinct ids?',
        ],
        recommendation: 'Keep one definition of W2 in the WBS: merge the task lists or renumber the other workstream, then plan again.',
        file: WBS_PATH,
        line: second,
      },
    ]);
  });

  it('counts three definitions and says "0 tasks" for an empty one', () => {
    const wbs = new WbsBuilder().withExtraWorkstream('W2', 'Field Reports').withExtraWorkstream('W2', 'Exports', { dependsOn: ['W1', 'W3'] }).build();
    const [e] = duplicateWorkstream(contextFrom({ wbs }));
    expect(e!.blocker).toMatch(/^The WBS defines W2 3 times \(lines \d+, \d+, \d+\)/);
    expect(e!.evidence[1]).toMatch(/\(W2 "Field Reports" with 0 tasks\)$/);
    expect(e!.evidence[2]).toMatch(/\(W2 "Exports" with 0 tasks, depending on W1, W3\)$/);
    expect(e!.line).toBe(lineOf(wbs, '### W2: Field Reports'));
  });
});
