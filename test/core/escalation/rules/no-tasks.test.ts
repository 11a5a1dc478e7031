import { noTasks } from '../../../../src/core/escalation/rules/no-tasks';
import { lineOf, WbsBuilder } from '../../../support/builders/WbsBuilder';
import { contextFrom, WBS_PATH } from '../context-from-markdown';

describe('no-tasks', () => {
  it('escalates when the planned workstream lists no tasks', () => {
    const wbs = new WbsBuilder().withTasks('W2', []).build();
    const [e, ...rest] = noTasks(contextFrom({ wbs }));
    expect(rest).toEqual([]);
    const line = lineOf(wbs, '### W2: Inspection API');
    expect(e).toMatchObject({ rule: 'no-tasks', workstreamId: 'W2', file: WBS_PATH, line });
    expect(e!.blocker).toBe('The WBS defines W2 but lists no tasks for it, so there is nothing to specify.');
    expect(e!.evidence[0]).toMatch(new RegExp(`^${WBS_PATH} line ${line}: "### W2: Inspection API"`));
  });

  it('escalates without a file when the WBS text is not given', () => {
    const wbs = new WbsBuilder().withTasks('W2', []).build();
    const [e] = noTasks(contextFrom({ wbs, withWbsSource: false }));
    expect(e!.file).toBeUndefined();
    expect(e!.evidence[0]).toMatch(/^overall micro-level plan, line \d+: W2 "Inspection API" is defined here/);
  });

  it('stays quiet when the planned workstream has tasks', () => {
    expect(noTasks(contextFrom())).toEqual([]);
  });

  it('stays quiet when another workstream has no tasks', () => {
    expect(noTasks(contextFrom({ wbs: new WbsBuilder().withTasks('W3', []).build() }))).toEqual([]);
  });

  it('stays quiet when the WBS lacks the planned workstream altogether', () => {
    expect(noTasks(contextFrom({ wbs: new WbsBuilder().without('W2').build() }))).toEqual([]);
  });

  it('stays quiet when one of two definitions of the workstream has tasks', () => {
    const wbs = new WbsBuilder().withTasks('W2', []).withExtraWorkstream('W2', 'Field Reports', { tasks: [{ id: 'W2.9', title: 'Report export', estimate: '1d' }] }).build();
    expect(noTasks(contextFrom({ wbs }))).toEqual([]);
    const later = new WbsBuilder().withExtraWorkstream('W2', 'Field Reports', { tasks: [] }).build();
    expect(noTasks(contextFrom({ wbs: later }))).toEqual([]);
  });

  it('escalates once, with evidence for each definition, when no definition has tasks', () => {
    const wbs = new WbsBuilder().withTasks('W2', []).withExtraWorkstream('W2', 'Field Reports', { tasks: [] }).build();
    const found = noTasks(contextFrom({ wbs }));
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(lineOf(wbs, '### W2: Inspection API'));
    expect(found[0]!.evidence).toHaveLength(2);
    expect(found[0]!.evidence[1]).toContain('"Field Reports"');
  });
});

describe('no-tasks, the request as the user reads it', () => {
  it('says where the workstream is defined and asks for its tasks', () => {
    const wbs = new WbsBuilder().withTasks('W2', []).build();
    const line = lineOf(wbs, '### W2: Inspection API');
    expect(noTasks(contextFrom({ wbs }))).toStrictEqual([
      {
        rule: 'no-tasks',
        workstreamId: 'W2',
        workstreamName: 'Inspection API',
        blocker: 'The WBS defines W2 but lists no tasks for it, so there is nothing to specify.',
        mesoSection: `None: the gap is in the WBS in ${WBS_PATH}, not in the meso plan.`,
        evidence: [`${WBS_PATH} line ${line}: "### W2: Inspection API" (W2 "Inspection API" is defined here, under a heading, with no task rows or task bullets)`],
        questions: ['Which tasks make up W2, with their ids and estimates?', "Should W2 be in this phase's WBS at all, or was its task list left for later?"],
        recommendation: "Add W2's tasks to the WBS (one line each, with an id such as W2.1 and an estimate), then plan again.",
        file: WBS_PATH,
        line,
      },
    ]);
  });

  it('says "as table rows" for a workstream defined by a table row', () => {
    const wbs = ['# Plan', '', '| ID | Name | Depends on |', '| --- | --- | --- |', '| W1 | Platform | |', '| W2 | Inspection API | W1 |', ''].join('\n');
    const [e] = noTasks(contextFrom({ wbs }));
    expect(e!.line).toBe(6);
    expect(e!.evidence[0]).toMatch(/\(W2 "Inspection API" is defined here, as table rows, with no task rows or task bullets\)$/);
  });
});
