import {
  matchTaskIdAtStart,
  normaliseWorkstreamId,
  scanTaskIds,
  scanWorkstreamTokens,
  taskIdKey,
  workstreamOfTaskId,
} from '../../../src/core/wbs/workstream-id';

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
    ['WS-01', 'W1'],
    ['WS01', 'W1'],
    ['ws-2', 'W2'],
    ['WS 2', 'W2'],
    ['WS_03', 'W3'],
  ])('%s → %s', (input, id) => {
    expect(normaliseWorkstreamId(input)).toBe(id);
  });

  it.each(['W2.1', 'W2-T3', 'WS-01.2', 'T2', '2', 'Workstream', 'W', 'WS', 'Web2', 'WSX2', ''])('%s → null', (input) => {
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
    ['WS-01.1', 'W1'],
    ['WS1.1', 'W1'],
    ['WS-1.1', 'W1'],
    ['WS01.1', 'W1'],
    ['W01.1', 'W1'],
    ['ws_12.3.1', 'W12'],
    ['WS-02-T3', 'W2'],
    ['T2.1', null],
    ['2.1', null],
    ['WS-01', null],
    ['WSX1.1', null],
  ])('%s → %s', (task, id) => {
    expect(workstreamOfTaskId(task)).toBe(id);
  });
});

describe('matchTaskIdAtStart', () => {
  it.each(['WS-01.1', 'WS1.1', 'WS-1.1', 'WS01.1', 'W01.1', 'W1.1', 'W1-T2', 'WS-01-T2', 'T1.1'])('reads %s as a task id', (id) => {
    expect(matchTaskIdAtStart(`${id} Title — 2d`)).toEqual({ id, bare: false });
  });

  it.each(['WS-01 Mobile shell', 'WS 1.1 spaced', 'WSX1.1 other', 'AWS1.1'])('reads no task id in %s', (text) => {
    expect(matchTaskIdAtStart(text)).toBeNull();
  });
});

describe('scanTaskIds', () => {
  it('finds WS-prefixed task ids as written, not workstream ids nor parts of other words', () => {
    expect(scanTaskIds('after WS-02.2, WS1.1 and W01.3; WS-02 alone, AWS-01.1, WS-02.2 again')).toEqual([
      'WS-02.2',
      'WS1.1',
      'W01.3',
    ]);
  });
});

describe('taskIdKey', () => {
  it('gives every spelling of one task the same key, and keeps different tasks apart', () => {
    const same = ['WS-01.2', 'WS1.2', 'ws-1.2', 'WS01.2', 'W01.2', 'W1.2', 'w_1.2'];
    expect(new Set(same.map(taskIdKey))).toEqual(new Set(['W1.2']));
    expect(taskIdKey('WS-01.12')).not.toBe(taskIdKey('W1.2'));
    expect(taskIdKey('w2-t3')).toBe('W2-T3');
    expect(taskIdKey('T2.1')).toBe('T2.1');
  });
});

describe('scanWorkstreamTokens with WS ids', () => {
  it('maps WS-01, WS 2 and WS-01.2 to their workstreams', () => {
    expect(scanWorkstreamTokens('WS-01, WS 2, WS-03.2').map((t) => [t.id, t.task])).toEqual([
      ['W1', null],
      ['W2', null],
      ['W3', 'WS-03.2'],
    ]);
  });
});
