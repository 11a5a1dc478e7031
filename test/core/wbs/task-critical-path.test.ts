import { parseWbs } from '../../../src/core/wbs/parse-wbs';
import { taskCriticalPath } from '../../../src/core/wbs/task-critical-path';
import { readWbsFixture } from './fixture';

const wbsOf = (items: string[]): ReturnType<typeof parseWbs> => parseWbs(`## W1: Core\n\n${items.map((i) => `- ${i}`).join('\n')}\n`);

describe('taskCriticalPath', () => {
  it('is every task in WBS order when no task depends on another of the workstream', () => {
    expect(taskCriticalPath(wbsOf(['W1.1 A', 'W1.2 B (after W2.1)', 'W1.3 C']), 'W1')).toEqual(['W1.1', 'W1.2', 'W1.3']);
  });

  it('is the longest chain of task dependencies within the workstream', () => {
    const wbs = wbsOf(['W1.1 A', 'W1.2 B (after W1.1)', 'W1.3 C', 'W1.4 D (after W1.2)', 'W1.5 E (after W1.3)']);
    expect(taskCriticalPath(wbs, 'W1')).toEqual(['W1.1', 'W1.2', 'W1.4']);
  });

  it('breaks ties by WBS order', () => {
    const wbs = wbsOf(['W1.1 A', 'W1.2 B', 'W1.3 C (after W1.2)', 'W1.4 D (after W1.1)']);
    expect(taskCriticalPath(wbs, 'W1')).toEqual(['W1.2', 'W1.3']);
    const join = wbsOf(['W1.1 A', 'W1.2 B', 'W1.3 C (after W1.2, W1.1)']);
    expect(taskCriticalPath(join, 'w01')).toEqual(['W1.1', 'W1.3']);
  });

  it('ignores dependencies on other workstreams and reads table columns', () => {
    const wbs = parseWbs(readWbsFixture('task-dependencies'));
    expect(taskCriticalPath(wbs, 'W1')).toEqual(['W1.1', 'W1.2']);
    expect(taskCriticalPath(wbs, 'W2')).toEqual(['W2.1', 'W2.2', 'W2.3']);
  });

  it('does not hang on a cycle of task dependencies, and gives [] for an unknown workstream', () => {
    const wbs = wbsOf(['W1.1 A (after W1.2)', 'W1.2 B (after W1.1)', 'W1.3 C (after W1.2)']);
    const path = taskCriticalPath(wbs, 'W1');
    // Some chain along the dependencies, no task twice.
    expect(new Set(path).size).toBe(path.length);
    expect(path.length).toBeGreaterThanOrEqual(2);
    const tasks = new Map(wbs.workstreams[0]!.tasks.map((t) => [t.id, t]));
    for (let i = 1; i < path.length; i++) expect(tasks.get(path[i]!)!.dependsOn).toContain(path[i - 1]);
    expect(taskCriticalPath(wbs, 'W9')).toEqual([]);
  });
});

describe('taskCriticalPath by estimated work', () => {
  it('follows the chain with the most work when every task is estimated in one unit', () => {
    const wbs = parseWbs('## W2: Pipeline\n\n- W2.1 Load (3h)\n- W2.2 Clean (8h) (after W2.1)\n- W2.3 Model (16h) (after W2.2)\n- W2.4 Backfill (40h) (after W2.1)\n');
    expect(taskCriticalPath(wbs, 'W2')).toEqual(['W2.1', 'W2.4']);
  });

  it('counts tasks when the units cannot be added', () => {
    const wbs = parseWbs('## W2: Pipeline\n\n- W2.1 Load (3h)\n- W2.2 Clean (1d) (after W2.1)\n- W2.3 Model (2d) (after W2.2)\n- W2.4 Backfill (40h) (after W2.1)\n');
    expect(taskCriticalPath(wbs, 'W2')).toEqual(['W2.1', 'W2.2', 'W2.3']);
  });
});
