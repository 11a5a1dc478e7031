import { WbsSchema } from '../../../src/core/contracts/wbs';
import { parseWbs } from '../../../src/core/wbs/parse-wbs';
import { taskCriticalPath } from '../../../src/core/wbs/task-critical-path';
import { readWbsFixture } from './fixture';

const pts = (value: number) => ({ value, unit: 'pts', raw: `${value} pts` });

describe('WBS with WS-01 style ids (a real delivery plan)', () => {
  const wbs = parseWbs(readWbsFixture('ws-prefixed-ids'));
  const w = (id: string) => wbs.workstreams.find((x) => x.id === id)!;

  it('reads the WS-01.2 bullets as tasks of W1, keeping the ids as written', () => {
    expect(wbs.workstreams.map((x) => [x.id, x.tasks.map((t) => t.id)])).toEqual([
      ['W1', ['WS-01.1', 'WS-01.2', 'WS-01.3', 'WS-01.4', 'WS-01.5']],
      ['W2', ['WS-02.1', 'WS-02.2', 'WS-02.3', 'WS-02.4', 'WS-02.5']],
      ['W3', ['WS-03.1', 'WS-03.2', 'WS-03.3', 'WS-03.4']],
      ['W4', ['WS-04.1', 'WS-04.2', 'WS-04.3']],
      ['W5', ['WS-05.1', 'WS-05.2']],
    ]);
  });

  it('reads the title, the estimate and the trailing "— after …" task dependencies', () => {
    expect(w('W1').tasks.slice(0, 2)).toEqual([
      { id: 'WS-01.1', title: 'Expo project, CI build for both stores', estimate: pts(3), line: 14 },
      {
        id: 'WS-01.2',
        title: 'Magic-link sign-in flow and deep link handling',
        estimate: pts(5),
        dependsOn: ['WS-02.2'],
        line: 15,
      },
    ]);
    expect(w('W3').tasks[1]).toEqual({
      id: 'WS-03.2',
      title: 'Threshold evaluation after each ingest',
      estimate: { value: 2, unit: 'd', raw: '2d' },
      dependsOn: ['WS-02.3', 'WS-03.1'],
      line: 31,
    });
    expect(w('W2').tasks[3]!.title).toBe('Account deletion DELETE /v1/me with cascade');
  });

  it('reads "Owner: … · Depends on: WS-02" as the workstream dependencies', () => {
    expect(wbs.workstreams.map((x) => [x.id, x.dependsOn, x.dependsLine])).toEqual([
      ['W1', ['W2'], 13],
      ['W2', [], 21],
      ['W3', ['W2', 'W1'], 29],
      ['W4', ['W2', 'W1'], 36],
      ['W5', ['W2'], 42],
    ]);
  });

  it('follows the task dependencies within the workstream for the critical path', () => {
    expect(taskCriticalPath(wbs, 'W1')).toEqual(['WS-01.1', 'WS-01.3', 'WS-01.4']);
    // By estimated work: 2d + 3d + 2d beats 2d + 2d + 1d.
    expect(taskCriticalPath(wbs, 'WS-02')).toEqual(['WS-02.1', 'WS-02.3', 'WS-02.5']);
    expect(taskCriticalPath(wbs, 'ws-4')).toEqual(['WS-04.1', 'WS-04.2', 'WS-04.3']);
  });

  it('produces a value the contract schema accepts', () => {
    expect(WbsSchema.safeParse(wbs).success).toBe(true);
  });
});

describe('dependency clauses after other text on the line', () => {
  const wbs = parseWbs(readWbsFixture('mid-line-dependencies'));
  const w = (id: string) => wbs.workstreams.find((x) => x.id === id)!;

  it('counts a clause after ·, |, ; or " - ", with the id in any spelling', () => {
    expect(wbs.workstreams.map((x) => [x.id, x.dependsOn, x.dependsLine])).toEqual([
      ['W1', ['W3'], 6],
      ['W2', ['W1'], 11],
      ['W3', [], 16],
      ['W4', ['W2', 'W3'], 22],
      ['W5', [], undefined],
    ]);
  });

  it('never reads a clause inside a task line, nor in prose without a separator', () => {
    expect(w('W1').tasks.map((t) => t.id)).toEqual(['WS1.1', 'WS1.2']);
    expect(w('W1').tasks[0]).toEqual({
      id: 'WS1.1',
      title: 'Refactor what depends on: legacy',
      estimate: { value: 2, unit: 'd', raw: '2d' },
      line: 7,
    });
    expect(w('W1').dependsOn).not.toContain('W4');
    expect(w('W4').dependsOn).not.toContain('W5');
  });

  it('reads WS-2.1, WS1.1, W03.1 and WS05.1 as tasks with their dependencies', () => {
    expect(w('W2').tasks[1]).toMatchObject({ id: 'WS-2.2', title: 'Numbering', dependsOn: ['WS-2.1', 'WS1.1'] });
    expect(w('W3').tasks.map((t) => [t.id, t.title, t.estimate?.raw, t.dependsOn])).toEqual([
      ['W03.1', 'Capture', '3 pts', undefined],
      ['W03.2', 'Refunds', '2 pts', ['W3.1']],
      ['W03.3', 'Ledger export', '1 pt', undefined],
    ]);
    expect(w('W5').tasks.map((t) => t.id)).toEqual(['WS05.1']);
  });

  it('matches a dependency to its task however the workstream prefix is spelled', () => {
    expect(taskCriticalPath(wbs, 'W3')).toEqual(['W03.1', 'W03.2']);
  });
});
