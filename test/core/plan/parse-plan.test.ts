import { findSection, flattenSections, numberedChildren, parsePlanSections, sectionText } from '../../../src/core/plan/parse-plan';

const note = [
  '---', // 1
  'status: "draft"', // 2
  '---', // 3
  '# Workstream W2 Micro-Level Plan: Billing', // 4
  '## Executive Summary', // 5
  'Summary text.', // 6
  '## 2. Modules, worded differently', // 7
  'Intro.', // 8
  '### 2.1. Invoice Service', // 9
  '#### 2.1.3 Data', // 10
  '```md', // 11
  '## 9. not a heading', // 12
  '```', // 13
  '### 2.10 Ledger', // 14
  '## Appendices', // 15
  '### Appendix A: Glossary', // 16
  'Terms.', // 17
].join('\n');

describe('parsePlanSections', () => {
  const sections = parsePlanSections(note);

  it('builds a tree under the title, with numbers and titles apart', () => {
    expect(sections).toHaveLength(1);
    expect(sections[0]!.children.map((c) => [c.number, c.title])).toEqual([
      [null, 'Executive Summary'],
      ['2', 'Modules, worded differently'],
      [null, 'Appendices'],
    ]);
  });

  it('finds sections by number, trailing dot or not, and skips headings in code', () => {
    expect(findSection(sections, '2.1')).toMatchObject({ title: 'Invoice Service', level: 3, line: 9 });
    expect(findSection(sections, '2.1.3')).toMatchObject({ line: 10, bodyStart: 11, bodyEnd: 13 });
    expect(findSection(sections, '9')).toBeNull();
    expect(flattenSections(sections).map((s) => s.line)).toEqual([4, 5, 7, 9, 10, 14, 15, 16]);
  });

  it('separates a section’s own body from its subtree', () => {
    const two = findSection(sections, '2')!;
    expect(two.body).toBe('Intro.');
    expect(two.end).toBe(14);
    expect(sectionText(note, two)).toContain('### 2.10 Ledger');
    expect(numberedChildren(two).map((c) => c.number)).toEqual(['2.1', '2.10']);
  });

  it('reads unnumbered sections and keeps the last one open to the end', () => {
    expect(flattenSections(sections).find((s) => s.title === 'Executive Summary')).toMatchObject({ number: null, body: 'Summary text.' });
    expect(findSection(sections, '2.10')).toMatchObject({ end: 14 });
    const appendix = flattenSections(sections).find((s) => s.title.startsWith('Appendix A'))!;
    expect(appendix).toMatchObject({ number: null, end: 17, body: 'Terms.' });
  });
});
