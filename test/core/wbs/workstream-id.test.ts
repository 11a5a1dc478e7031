import { normaliseWorkstreamId, scanWorkstreamTokens, workstreamOfTaskId } from '../../../src/core/wbs/workstream-id';

describe('normaliseWorkstreamId', () => {
  it.each([
    ['W2', 'W2'],
    ['w02', 'W2'],
    ['W-2', 'W2'],
    ['Workstream 2', 'W2'],
    ['workstream W2', 'W2'],
    ['WS2', 'W2'],
    [' **W12** ', 'W12'],
    ['W0', 'W0'],
  ])('%s → %s', (input, id) => {
    expect(normaliseWorkstreamId(input)).toBe(id);
  });

  it.each(['W2.1', 'W2-T3', 'T2', '2', 'Workstream', 'W', 'Web2', ''])('%s → null', (input) => {
    expect(normaliseWorkstreamId(input)).toBeNull();
  });
});

describe('scanWorkstreamTokens', () => {
  it('finds whole-word ids and task ids, never a longer number or a word that contains one', () => {
    const tokens = scanWorkstreamTokens('W2, W20, Workstream 3, W2.1, W4-T2, AW5, W6x, w07.');
    expect(tokens.map((t) => [t.id, t.task])).toEqual([
      ['W2', null],
      ['W20', null],
      ['W3', null],
      ['W2', 'W2.1'],
      ['W4', 'W4-T2'],
      ['W7', null],
    ]);
  });
});

describe('workstreamOfTaskId', () => {
  it.each([
    ['W2.1', 'W2'],
    ['W2-T3', 'W2'],
    ['w02.T1', 'W2'],
    ['T2.1', null],
    ['2.1', null],
  ])('%s → %s', (task, id) => {
    expect(workstreamOfTaskId(task)).toBe(id);
  });
});
