import { parseEstimate, sumEstimates } from '../../../src/core/wbs/estimates';

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
  it('sums per unit and skips tasks without an estimate', () => {
    const e = (value: number, unit: string) => ({ estimate: { value, unit, raw: `${value}${unit}` } });
    expect(sumEstimates([e(0.1, 'd'), e(0.2, 'd'), e(4, 'h'), {}, e(2, 'constructor')])).toEqual({ d: 0.3, h: 4, constructor: 2 });
  });

  it('gives an empty record when nothing is estimated', () => {
    expect(sumEstimates([{}, {}])).toEqual({});
  });
});
