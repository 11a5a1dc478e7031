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
