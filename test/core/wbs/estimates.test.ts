import { parseEstimate, sumEstimates } from '../../../src/core/wbs/estimates';
import { splitTrailingEstimate } from '../../../src/core/wbs/wbs-lines';

describe('parseEstimate', () => {
  it.each([
    ['3d', 3, 'd'],
    ['4h', 4, 'h'],
    ['5 pts', 5, 'pts'],
    ['2 days', 2, 'd'],
    ['1.5w', 1.5, 'w'],
    ['~3 Hrs', 3, 'h'],
    ['est. 2h', 2, 'h'],
    ['1,5d', 1.5, 'd'],
    ['2 sprints', 2, 'sprints'],
  ])('%s → %d %s, keeping the raw text', (raw, value, unit) => {
    expect(parseEstimate(raw)).toEqual({ value, unit, raw });
  });

  it('uses the default unit for a bare number, and refuses one when a unit is required', () => {
    expect(parseEstimate('3', { defaultUnit: 'days' })).toEqual({ value: 3, unit: 'd', raw: '3' });
    expect(parseEstimate('3')).toEqual({ value: 3, unit: '', raw: '3' });
    expect(parseEstimate('3', { requireUnit: true })).toBeNull();
  });

  it.each(['M', '2-3d', 'three days', 'API v2', ''])('gives null for %p', (raw) => {
    expect(parseEstimate(raw)).toBeNull();
  });
});

describe('sumEstimates', () => {
  const e = (value: number, unit: string) => ({ estimate: { value, unit, raw: `${value}${unit}` } });

  it('adds units of time up in the largest one used, other units apart, and skips tasks without an estimate', () => {
    expect(sumEstimates([e(0.1, 'd'), e(0.2, 'd'), e(4, 'h'), {}, e(2, 'constructor')])).toEqual({ d: 0.8, constructor: 2 });
  });

  it.each([
    [[e(30, 'min'), e(1, 'h'), e(10, 'min')], { h: 1.67 }],
    [[e(10, 'min'), e(20, 'min')], { min: 30 }],
    [[e(1, 'w'), e(5, 'd'), e(8, 'h')], { w: 2.2 }],
    [[e(3, 'pts'), e(2, 'h'), e(2, 'pts'), e(1, 'mo')], { pts: 5, h: 2, mo: 1 }],
  ])('sums %j in one unit of time: %j', (tasks, want) => {
    expect(sumEstimates(tasks)).toEqual(want);
  });

  it('gives an empty record when nothing is estimated', () => {
    expect(sumEstimates([{}, {}])).toEqual({});
  });
});

describe('estimates in free text', () => {
  it('takes units of time and points only, so a count in brackets is not an estimate', () => {
    expect(splitTrailingEstimate('Sample sequence (10 frames)')).toEqual({ title: 'Sample sequence (10 frames)' });
    expect(splitTrailingEstimate('Drag to book (3h)').estimate?.raw).toBe('3h');
    expect(splitTrailingEstimate('Overlap check — 2 days').estimate?.unit).toBe('d');
  });

  it('reads minutes that add up to an hour or more as hours', () => {
    const e = (value: number, unit: string) => ({ estimate: { value, unit, raw: `${value}${unit}` } });
    expect(sumEstimates([e(30, 'min'), e(45, 'min'), e(45, 'min')])).toEqual({ h: 2 });
  });
});
