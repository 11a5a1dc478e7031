import { duplicateTask } from '../../../../src/core/escalation/rules/duplicate-task';
import { lineOf, WbsBuilder } from '../../../support/builders/WbsBuilder';
import { contextFrom, WBS_PATH } from '../context-from-markdown';

/** Task ids without a workstream prefix, so the parser files each under the section it stands in. */
const w2Tasks = [
  { id: 'T2.1', title: 'Migrations for inspections', estimate: '6h' },
  { id: 'T2.2', title: 'Create endpoint', estimate: '8h' },
];

describe('duplicate-task', () => {
  it('escalates when another workstream claims one of the planned workstream\'s task ids', () => {
    const wbs = new WbsBuilder()
      .withTasks('W2', w2Tasks)
      .withTasks('W3', [
        { id: 'T3.1', title: 'Worker skeleton', estimate: '1d' },
        { id: 'T2.2', title: 'Create endpoint (worker side)', estimate: '2d' },
      ])
      .build();
    const [e, ...rest] = duplicateTask(contextFrom({ wbs }));
    expect(rest).toEqual([]);
    const theirs = lineOf(wbs, '**T2.2** Create endpoint (worker side)');
    expect(e).toMatchObject({ rule: 'duplicate-task', file: WBS_PATH, line: theirs });
    expect(e!.blocker).toBe("Task T2.2 is listed under both W2 and W3 in the WBS, so the two workstreams' scopes overlap.");
    expect(e!.evidence).toHaveLength(2);
    expect(e!.evidence[1]).toContain(`line ${theirs}:`);
    expect(e!.questions[0]).toBe('Which workstream owns T2.2: W2 or W3?');
  });

  it('escalates once per other workstream, listing every shared task', () => {
    const wbs = new WbsBuilder().withTasks('W2', w2Tasks).withTasks('W3', w2Tasks).build();
    const found = duplicateTask(contextFrom({ wbs }));
    expect(found).toHaveLength(1);
    expect(found[0]!.blocker).toContain('Tasks T2.1, T2.2 are listed under both W2 and W3');
    expect(found[0]!.evidence).toHaveLength(4);
    expect(found[0]!.questions).toEqual([
      'Which workstream owns T2.1, T2.2: W2 or W3?',
      'If both need part of the work, how should these tasks be split, and under which new ids?',
    ]);
  });

  it('stays quiet when task ids are distinct even if titles repeat', () => {
    const wbs = new WbsBuilder()
      .withTasks('W2', w2Tasks)
      .withTasks('W3', [{ id: 'T3.1', title: 'Create endpoint', estimate: '8h' }])
      .build();
    expect(duplicateTask(contextFrom({ wbs }))).toEqual([]);
  });

  it('stays quiet when the shared task id is between two other workstreams', () => {
    const wbs = new WbsBuilder()
      .withTasks('W1', [{ id: 'T9.1', title: 'Shared' }])
      .withTasks('W3', [{ id: 'T9.1', title: 'Shared' }])
      .build();
    expect(duplicateTask(contextFrom({ wbs }))).toEqual([]);
  });
});

describe('duplicate-task evidence quoting', () => {
  it('escalates with a title that holds quotes in curly quotes, not doubled straight ones, naming the WBS file', () => {
    const wbs = new WbsBuilder()
      .withTasks('W2', [{ id: 'W2-T3', title: '"Send invoice" endpoint' }])
      .withTasks('W3', [{ id: 'W2-T3', title: '"Send invoice" endpoint' }])
      .build();
    const [e] = duplicateTask(contextFrom({ wbs }));
    expect(e!.evidence.join('\n')).not.toContain('""');
    expect(e!.evidence[0]).toMatch(/\(W2-T3 “"Send invoice" endpoint” under W2\)$/);
    expect(e!.evidence[0]).toMatch(/^research\/project-planning\/micro-level-plan\.md line \d+: “- \*\*W2-T3\*\* "Send invoice" endpoint”/);
    expect(e!.mesoSection).toBe('None: the overlap is in the WBS in research/project-planning/micro-level-plan.md.');
  });
});

describe('duplicate-task, ids spelled differently', () => {
  it('escalates when the same task is written W1.2 under one workstream and WS-01.2 under another', () => {
    const { detectEscalations } = require('../../../../src/core/escalation/detect-escalations') as typeof import('../../../../src/core/escalation/detect-escalations');
    const { parseWbs } = require('../../../../src/core/wbs/parse-wbs') as typeof import('../../../../src/core/wbs/parse-wbs');
    const wbs = parseWbs('## W1: Shell\n\n- W1.1 Scaffold (1d)\n- W1.2 Routing (1d)\n\n## W2: Sync\n\nDepends on: W1\n\n- WS-01.2 Routing again (1d)\n- W2.1 Sync loop (2d)\n');
    const found = detectEscalations({ workstreamId: 'W2', wbs, mesoMentions: [], meso: { path: 'm.md', text: '# Meso\n\n## W1: Shell\n\n## W2: Sync\n', headings: [{ text: 'Meso', level: 1, line: 1 }, { text: 'W1: Shell', level: 2, line: 3 }, { text: 'W2: Sync', level: 2, line: 5 }] }, mesoLinkTarget: 'm' });
    expect(found.map((e) => e.rule)).toContain('duplicate-task');
  });
});

describe('duplicate-task, the request as the user reads it', () => {
  it('cites both listings and asks which workstream owns the task', () => {
    const wbs = new WbsBuilder().withTasks('W3', [{ id: 'W2.1', title: 'Copy' }]).build();
    const mine = lineOf(wbs, '- **W2.1** Migrations');
    const theirs = lineOf(wbs, '- **W2.1** Copy');
    expect(duplicateTask(contextFrom({ wbs }))).toStrictEqual([
      {
        rule: 'duplicate-task',
        workstreamId: 'W2',
        workstreamName: 'Inspection API',
        blocker: "Task W2.1 is listed under both W2 and W3 in the WBS, so the two workstreams' scopes overlap.",
        mesoSection: `None: the overlap is in the WBS in ${WBS_PATH}.`,
        evidence: [
          `${WBS_PATH} line ${mine}: "- **W2.1** Migrations for inspections, defects and photos — 6h" (W2.1 "Migrations for inspections, defects and photos" under W2)`,
          `${WBS_PATH} line ${theirs}: "- **W2.1** Copy" (W2.1 "Copy" under W3)`,
        ],
        questions: ['Which workstream owns W2.1: W2 or W3?', 'If both need part of the work, how should the task be split, and under which new ids?'],
        recommendation: "Give each task one owner: remove W2.1 from one workstream's list (or renumber the copy), then plan again.",
        file: WBS_PATH,
        line: theirs,
      },
    ]);
  });
});

describe('duplicate-task, several definitions and several other workstreams', () => {
  it('escalates once per other workstream, in WBS order, citing the first definition of the shared task', () => {
    const wbs = new WbsBuilder()
      .withTasks('W1', [{ id: 'T2.2', title: 'Platform copy' }])
      .withTasks('W2', w2Tasks)
      .withExtraWorkstream('W2', 'Inspection API again', { tasks: [{ id: 't2.2', title: 'Second definition' }] })
      .withTasks('W3', [{ id: 'T2.1', title: 'Worker copy' }])
      .build();
    const found = duplicateTask(contextFrom({ wbs }));
    expect(found.map((e) => e.blocker.replace(/ in the WBS.*/, ''))).toEqual(['Task T2.2 is listed under both W2 and W1', 'Task T2.1 is listed under both W2 and W3']);
    expect(found[0]!.evidence[0]).toContain(`line ${lineOf(wbs, '**T2.2** Create endpoint')}:`);
    expect(found[0]!.line).toBe(lineOf(wbs, '**T2.2** Platform copy'));
  });

  it('stays quiet when the planned workstream has no tasks', () => {
    const wbs = new WbsBuilder().withTasks('W2', []).withTasks('W3', [{ id: 'T2.1', title: 'x' }]).build();
    expect(duplicateTask(contextFrom({ wbs }))).toEqual([]);
  });
});
