import { enclosingHeadings } from '../../../src/core/escalation/heading-chain';
import { parseHeadings } from '../../../src/core/markdown/headings';

const NOTE = [
  '# Plan', // 1
  '## W1: Platform', // 2
  '### W1 Config', // 3
  'Text.', // 4
  '## W2: Inspection API', // 5
  '### W2 Data model', // 6
  '#### Keys', // 7
  'Keys: TBD', // 8
  '### W2 Endpoints', // 9
  '###### Deep', // 10
  'Deep text.', // 11
].join('\n');

describe('enclosingHeadings', () => {
  const headings = parseHeadings(NOTE);
  const texts = (line: number, strict?: boolean): string[] => enclosingHeadings(headings, line, strict).map((h) => h.text);

  it.each([
    [8, false, ['Keys', 'W2 Data model', 'W2: Inspection API', 'Plan']],
    [7, false, ['Keys', 'W2 Data model', 'W2: Inspection API', 'Plan']],
    [7, true, ['W2 Data model', 'W2: Inspection API', 'Plan']],
    [4, false, ['W1 Config', 'W1: Platform', 'Plan']],
    [9, false, ['W2 Endpoints', 'W2: Inspection API', 'Plan']],
    [11, false, ['Deep', 'W2 Endpoints', 'W2: Inspection API', 'Plan']],
    [1, false, ['Plan']],
    [1, true, []],
    [8, true, ['Keys', 'W2 Data model', 'W2: Inspection API', 'Plan']],
    [9, true, ['W2: Inspection API', 'Plan']],
    [10, true, ['W2 Endpoints', 'W2: Inspection API', 'Plan']],
  ])('line %p (strict %p): %p, innermost first, skipping siblings (strict: the ancestors of a heading on the line, never its siblings)', (line, strict, expected) => {
    expect(texts(line, strict)).toEqual(expected);
  });

  it('is not strict unless asked', () => {
    expect(texts(5)).toEqual(['W2: Inspection API', 'Plan']);
  });

  it('reads headings given out of order', () => {
    expect(enclosingHeadings([...headings].reverse(), 8).map((h) => h.line)).toEqual([7, 6, 5, 1]);
  });

  it('gives nothing before the first heading, strict or not', () => {
    expect(enclosingHeadings(parseHeadings(['Lead.', '# Plan'].join('\n')), 1)).toEqual([]);
    expect(enclosingHeadings(parseHeadings(['Lead.', '# Plan'].join('\n')), 1, true)).toEqual([]);
  });
});
