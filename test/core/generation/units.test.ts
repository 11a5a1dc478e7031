import { deepestLevel, headingText, leadingNumber, titleKey, type PlanUnit, type UnitPart } from '../../../src/core/generation/units';

const part = (level: number): UnitPart => ({ number: '1', heading: `${'#'.repeat(level)} 1 Part`, level, owner: 'model' });
const unit = (top: number | null, levels: number[]): PlanUnit => ({
  key: 'u',
  kind: 'model',
  ...(top === null ? {} : { top: { heading: `${'#'.repeat(top)} Top`, level: top } }),
  parts: levels.map(part),
  label: 'U',
});

describe('deepestLevel', () => {
  it.each<[string, PlanUnit, number]>([
    ['a module: its parts are deeper than its heading', unit(3, [4, 4]), 4],
    ['a section without parts: its heading', unit(2, []), 2],
    ['parts above their heading do not count', unit(3, [2]), 3],
    ['parts without a heading over them', unit(null, [3, 4]), 4],
    ['nothing at all: level 1, so every model heading stays below the note title', unit(null, []), 1],
  ])('%s', (_name, u, level) => {
    expect(deepestLevel(u)).toBe(level);
  });
});

describe('leadingNumber', () => {
  it.each<[string, string | null]>([
    ['2.3.2 Public Interfaces', '2.3.2'],
    ['10. Success Criteria and Definition of Done', '10'],
    ['2.10 Retry policy', '2.10'],
    ['1) Context', '1'],
    ['1: Context', '1'],
    ['2.3', '2.3'],
    ['3.', '3'],
    ['Section 2.3 Sync client', null],
    ['2.3x Draft', null],
    ['2023 roadmap', '2023'],
    ['Public Interfaces', null],
  ])('%j → %j', (text, number) => {
    expect(leadingNumber(text)).toBe(number);
  });
});

describe('headingText', () => {
  it.each<[string, string]>([
    ['#### 2.3.1 Purpose and Responsibilities', '2.3.1 Purpose and Responsibilities'],
    ['   ## Indented up to three spaces', 'Indented up to three spaces'],
    ['##\tTabbed', 'Tabbed'],
    ['## Title with trailing blanks  ', 'Title with trailing blanks'],
    ['## Closed ##', 'Closed'],
    ['## Closed ###  ', 'Closed'],
    ['## Closed by one #', 'Closed by one'],
    ['### 2.1 Notes on C#', '2.1 Notes on C#'],
    ['### 2.1 C # client', '2.1 C # client'],
    ['##', ''],
    // As lenient as the transform's own heading rule: hashes without a blank after them still go.
    ['##Title', 'Title'],
    ['C# notes', 'C# notes'],
  ])('%j → %j', (line, text) => {
    expect(headingText(line)).toBe(text);
  });
});

describe('titleKey', () => {
  it.each<[string, string]>([
    ['2.3.1 Purpose and Responsibilities', 'purpose and responsibilities'],
    ['10. Success Criteria and Definition of Done', 'success criteria and definition of done'],
    ['2.10 Retry Policy', 'retry policy'],
    ['2.3', ''],
    ['2.3.4 State Management (if applicable)', 'state management'],
    ['Appendices (Optional)', 'appendices'],
    ['**Public Interfaces:**', 'public interfaces'],
    ['`Data` _Models_', 'data models'],
    ['State \t  Management', 'state management'],
    ['Section 2 Overview', 'section 2 overview'],
    ['2.3x Draft', '2.3x draft'],
  ])('%j → %j', (text, key) => {
    expect(titleKey(text)).toBe(key);
  });
});
