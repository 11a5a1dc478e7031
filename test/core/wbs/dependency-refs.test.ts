import { readDependencies, WorkstreamResolver } from '../../../src/core/wbs/dependency-refs';
import type { Wbs } from '../../../src/core/contracts/wbs';
import fc from 'fast-check';

const wbs: Wbs = {
  workstreams: [1, 2, 3].map((n) => ({
    id: `W${n}`,
    name: ['Cleanup', 'Video landing', 'Release'][n - 1]!,
    tasks: [{ id: `${n}.1`, title: 't', line: 1 }],
    dependsOn: [],
    line: n,
    format: 'heading' as const,
    label: `Epic ${n}`,
  })),
};
const r = new WorkstreamResolver(wbs);

describe('readDependencies', () => {
  it.each([
    ['Task 2.1, 1.1', ['W2', 'W1'], ['2.1', '1.1'], []],
    ['Epic 2 complete', ['W2'], [], []],
    ['User input', [], [], ['User input']],
    ['Task 2.1 (if Option B)', ['W2'], ['2.1'], []],
    ['Task 1.1, user provides domain', ['W1'], ['1.1'], ['user provides domain']],
    ['All epics complete', ['W1', 'W2'], [], []],
    ['None', [], [], []],
    ['W1; E2', ['W1', 'W2'], [], []],
  ])('%s', (cell, workstreams, tasks, prerequisites) => {
    expect(readDependencies(cell, 'W3', r)).toEqual({ workstreams, tasks, prerequisites });
  });
});

describe('WorkstreamResolver', () => {
  it('resolves labels, ordinals and names', () => {
    expect(r.element('Epic 2: Video landing')).toEqual(['W2']);
    expect(r.element('3) Release')).toEqual(['W3']);
    expect(r.element('video landing')).toEqual(['W2']);
    expect(r.element('1.1')).toEqual([]);
    expect(r.ownerOfTask('3.1')).toBe('W3');
    expect(r.ownerOfTask('2.9')).toBe('W2');
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        r.element(s);
        readDependencies(s, 'W2', r);
      }),
    );
  });
});
