import fc from 'fast-check';
import { findCitedSection, isNumberedLine, parseCitations, readSections } from '../../../src/core/markdown/note-sections';
import { citeSection } from '../../../src/core/vault/cite-section';

const plainMeso = [
  'Restated Inputs',
  '- Goal: a demo.',
  '',
  'Open Questions and Blocked Decisions',
  '1. **Payment provider** (BLOCKS: billing adapter)',
  '   - **Proposed Assumption**: hosted checkout',
  '2. **Edge cache TTL** (NOT BLOCKING: defaults are fine)',
  '',
  '1. Architecture Overview and Rationale',
  '- Selected pattern: modular monolith.',
  '2. System Decomposition',
  '2.1 Components',
  '- Catalog service: items.',
  '2.2. Communication',
  '3. Data and Interface Design',
  '10. Readiness for Micro-Level Planning',
  '- Workstreams/Epics',
  '  1) Setup',
  '12. Out of Scope for Meso-Level',
].join('\n');

describe('readSections', () => {
  it('reads plain numbered lines as the sections of a note that has no headings', () => {
    const s = readSections(plainMeso);
    expect(s.map((h) => [h.number, h.title, h.line, h.level])).toEqual([
      ['1', 'Architecture Overview and Rationale', 9, 1],
      ['2', 'System Decomposition', 11, 1],
      ['2.1', 'Components', 12, 2],
      ['2.2', 'Communication', 14, 2],
      ['3', 'Data and Interface Design', 15, 1],
      ['10', 'Readiness for Micro-Level Planning', 16, 1],
      ['12', 'Out of Scope for Meso-Level', 19, 1],
    ]);
    expect(s.every((h) => h.kind === 'numbered' && isNumberedLine(h))).toBe(true);
    expect(s[0]!.text).toBe('1. Architecture Overview and Rationale');
  });

  it('never reads the bold items of an open-questions list as sections', () => {
    expect(readSections(plainMeso).some((h) => /Payment|Edge cache/.test(h.title))).toBe(false);
  });

  it('puts plain sections one level below a note title', () => {
    const s = readSections(['# Micro-Level Plan', '', '1. Technology Stack', '2. Repository Structure', '2.1 Tree', '3. Build'].join('\n'));
    expect(s.map((h) => [h.kind, h.text, h.level])).toEqual([
      ['heading', 'Micro-Level Plan', 1],
      ['numbered', '1. Technology Stack', 2],
      ['numbered', '2. Repository Structure', 2],
      ['numbered', '2.1 Tree', 3],
      ['numbered', '3. Build', 2],
    ]);
  });

  it('leaves numbered lists alone in a note whose sections are numbered headings, but reads N.M lines inside them', () => {
    const text = [
      '## 11. CI/CD',
      '## 12. Work Breakdown Structure (WBS)',
      '1. Project scaffolding and CI',
      '   - Create the app.',
      '2. Data models',
      '3. Scene generator',
      '12.1 Epics overview',
      '## 13. Runbooks',
    ].join('\n');
    const s = readSections(text);
    expect(s.map((h) => [h.kind, h.number, h.title])).toEqual([
      ['heading', '11', 'CI/CD'],
      ['heading', '12', 'Work Breakdown Structure (WBS)'],
      ['numbered', '12.1', 'Epics overview'],
      ['heading', '13', 'Runbooks'],
    ]);
    expect(s[2]!.level).toBe(3);
  });

  it('prefers the long run of section numbers over a numbered list inside one section', () => {
    const text = ['1. Stack', '2. Layout', '3. Work Breakdown', '1. Scaffolding', '   - App.', '2. Models', '   - Types.', '3. Rendering', '   - Voxels.', '4. UI shell', '   - HUD.', '4. Runbooks', '5. Risks', '6. Done'].join('\n');
    // Both runs are six long; the epics have indented tasks under them, the sections do not.
    expect(readSections(text).map((h) => h.title)).toEqual(['Stack', 'Layout', 'Work Breakdown', 'Runbooks', 'Risks', 'Done']);
  });

  it('ignores a short numbered list and lines in code, indented lines and sentences', () => {
    const text = ['Intro', '1. First thing', '2. Second thing', '```', '3. Third', '```', '    4. Indented code', '5. A sentence. With two parts', '6. Ends with a colon:'].join('\n');
    expect(readSections(text)).toEqual([]);
  });

  it('skips the frontmatter and accepts a section bold as a whole', () => {
    const text = ['---', 'tags: [meso]', '1. not: a section', '---', '**1. Architecture**', '**2. Decomposition**', '**3. Data**'].join('\n');
    expect(readSections(text).map((h) => [h.number, h.title, h.line])).toEqual([
      ['1', 'Architecture', 5],
      ['2', 'Decomposition', 6],
      ['3', 'Data', 7],
    ]);
  });

  it('uses the headings it is given (the metadata cache) rather than its own', () => {
    const s = readSections('# A\n## B\n', [{ text: 'Only', level: 2, line: 2 }]);
    expect(s).toEqual([{ text: 'Only', level: 2, line: 2, kind: 'heading', number: null, title: 'Only' }]);
  });

  it('never throws and returns heads in line order', () => {
    const line = fc.oneof(
      fc.constantFrom('1. Alpha', '2. Beta', '2.1 Gamma', '3.1.2 Delta', '## 4. Heading', '```', '**5. Bold**', '- item', '', '10. Ten'),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const s = readSections(lines.join('\n'));
        for (let i = 1; i < s.length; i++) expect(s[i]!.line).toBeGreaterThan(s[i - 1]!.line);
      }),
    );
  });
});

describe('citations', () => {
  it('cites a plain numbered section with the note link and the number', () => {
    const h = readSections(plainMeso).find((x) => x.number === '2.1')!;
    expect(citeSection('meso-level-plan', h)).toBe('[[meso-level-plan]] §2.1 Components');
  });

  it('links a heading as a heading', () => {
    expect(citeSection('meso', { text: '2. System Decomposition', level: 2, line: 3 })).toBe('[[meso#2. System Decomposition]]');
  });

  it('parses citations and where their titles stop', () => {
    expect(parseCitations('See [[m]] §2.1 Components, §3 Data and Interface Design; and §12.\n`§9 in code`').map((c) => [c.number, c.title, c.line])).toEqual([
      ['2.1', 'Components', 1],
      ['3', 'Data and Interface Design', 1],
      ['12', '', 1],
    ]);
  });

  it('finds the cited section by number, and only when the title agrees', () => {
    const s = readSections(plainMeso);
    expect(findCitedSection(s, '2.1', 'Components')?.line).toBe(12);
    expect(findCitedSection(s, '10', 'Readiness for Micro-Level Planning')?.line).toBe(16);
    expect(findCitedSection(s, '10', 'Readiness')?.line).toBe(16);
    expect(findCitedSection(s, '2.1', '')?.line).toBe(12);
    expect(findCitedSection(s, '2.1', 'Interfaces')).toBeNull();
    expect(findCitedSection(s, '9', 'Traceability Matrix')).toBeNull();
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (t) => void parseCitations(`§${t} §1.${t}`)));
  });
});
