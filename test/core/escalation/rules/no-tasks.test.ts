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
