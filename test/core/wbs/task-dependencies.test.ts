import { WbsSchema } from '../../../src/core/contracts/wbs';
import { parseWbs } from '../../../src/core/wbs/parse-wbs';
import { splitTaskDependencies } from '../../../src/core/wbs/wbs-lines';
import { scanTaskIds } from '../../../src/core/wbs/workstream-id';
import { readWbsFixture } from './fixture';

describe('task dependencies', () => {
  const wbs = parseWbs(readWbsFixture('task-dependencies'));
  const deps = (wsIndex: number): Record<string, string[] | undefined> =>
    Object.fromEntries(wbs.workstreams[wsIndex]!.tasks.map((t) => [t.id, t.dependsOn]));

  it('reads task ids from a Deps column, also ids of other workstreams', () => {
    expect(deps(0)).toEqual({ 'W1.1': undefined, 'W1.2': ['W1.1'], 'W1.3': ['W2.3', 'W3.3'] });
  });

  it('keeps the workstream dependencies derived from the task ids', () => {
    expect(wbs.workstreams[0]!.dependsOn).toEqual(['W2', 'W3']);
    expect(wbs.workstreams[1]!.dependsOn).toEqual(['W1']);
  });

  it('reads "(after …)", "(depends on …)" and "depends on …" clauses of list items, out of the title', () => {
    expect(deps(1)).toEqual({
      'W2.1': undefined,
      'W2.2': ['W2.1'],
      'W2.3': ['W2.2', 'W1.2'],
      'W2.4': ['W2.1', 'W2.2'],
      'W2.5': undefined,
    });
    const byId = Object.fromEntries(wbs.workstreams[1]!.tasks.map((t) => [t.id, t]));
    expect(byId['W2.2']).toMatchObject({ title: 'Numbering', estimate: { value: 1, unit: 'd' } });
    expect(byId['W2.3']).toMatchObject({ title: 'Send invoice endpoint', estimate: { value: 2, unit: 'd' } });
    expect(byId['W2.4']!.title).toBe('PDF rendering');
    expect(byId['W2.5']!.title).toBe('Reminder e-mails (after the launch)');
  });

  it('produces a value the contract schema accepts', () => {
    expect(WbsSchema.safeParse(wbs).success).toBe(true);
  });

  it('reads bare numbered ids only where asked (a Deps column)', () => {
    expect(scanTaskIds('1.1, W2.3 and T4')).toEqual(['W2.3', 'T4']);
    expect(scanTaskIds('1.1, W2.3', { bare: true })).toEqual(['1.1', 'W2.3']);
    expect(scanTaskIds('W2 and W20')).toEqual([]);
  });

  it('leaves a title without a task id in its clause alone', () => {
    expect(splitTaskDependencies('Deploy after review')).toEqual({ text: 'Deploy after review', dependsOn: [] });
    expect(splitTaskDependencies('Cache (requires W1)')).toEqual({ text: 'Cache (requires W1)', dependsOn: [] });
  });
});
