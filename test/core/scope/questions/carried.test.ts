import { readSections } from '../../../../src/core/markdown/note-sections';
import { carriedQuestions, describeCarried, whereInNote } from '../../../../src/core/scope/questions/carried';
import { questionSubject } from '../../../../src/core/scope/questions/subject';
import { parseWbs } from '../../../../src/core/wbs/parse-wbs';

const WBS = parseWbs(['### W1: Platform Foundation', '- W1.1 Repo scaffold', '### W2: Berth Catalog', '- W2.1 Berth holds'].join('\n'));

/** The W2 plan's carried questions of a meso note made of `lines`, after `frontmatter` lines of frontmatter. */
function carried(lines: string[], frontmatter: string[] = []) {
  const text = [...frontmatter, ...lines].join('\n');
  const note = { path: 'P/meso-level-plan.md', linkTarget: 'meso-level-plan', text, headings: readSections(text) };
  return carriedQuestions([note], questionSubject(WBS, 'W2'), () => false).map(describeCarried);
}

const HOLD = ['**Hold length** (BLOCKS: W2 holds)', '   - **Proposed Assumption**: 15 minutes', '   - **Validation**: pilot review'];

describe('carried questions are cited from their section, not by the line of the file', () => {
  it('under a heading: lines below the heading', () => {
    const lines = ['# Meso', '', '## Open Questions', '', `1. ${HOLD[0]}`, HOLD[1]!, HOLD[2]!];
    expect(carried(lines)).toEqual([
      '**Hold length**: assumed “15 minutes”. To validate: pilot review. Source: [[meso-level-plan#Open Questions]], 3 lines below the heading.',
    ]);
  });

  it('in a block titled by a plain line, as the upstream prompts write it: lines below that line', () => {
    const lines = ['Open Questions and Blocked Decisions', `1. ${HOLD[0]}`, HOLD[1]!, HOLD[2]!, '', '1. Architecture Overview', '- A monolith.'];
    expect(carried(lines)).toEqual([
      '**Hold length**: assumed “15 minutes”. To validate: pilot review. Source: [[meso-level-plan]], 2 lines below the line “Open Questions and Blocked Decisions”.',
    ]);
  });

  it('under a plain numbered section: lines below the section title (no second §, which would read as another citation)', () => {
    const sections = ['Architecture Overview', 'System Decomposition', 'Data and Interface Design', 'Integration', 'Security', 'Operations', 'Delivery'];
    const lines = [...sections.flatMap((t, i) => [`${i + 1}. ${t}`, '- Text.']), '8. Risks, Assumptions, and Open Questions', `- ${HOLD[0]}`, HOLD[1]!, HOLD[2]!];
    expect(carried(lines)).toEqual([expect.stringMatching(/Source: \[\[meso-level-plan\]\] §8 Risks, Assumptions, and Open Questions, 2 lines below the section title\.$/)]);
  });

  it('reads the same whatever the frontmatter above it, so linking plans back to the meso plan does not move it', () => {
    const lines = ['## Open Questions', `1. ${HOLD[0]}`, HOLD[1]!, HOLD[2]!];
    const bare = carried(lines);
    expect(bare).toHaveLength(1);
    expect(carried(lines, ['---', 'tags: [meso]', 'workstream_plans:', '  - "[[W1-micro-level-plan]]"', '---'])).toEqual(bare);
  });
});

describe('whereInNote', () => {
  it('counts from the anchor, one line in the singular, and keeps the line when there is nothing above to count from', () => {
    expect(whereInNote(5, { kind: 'heading', line: 4, label: 'Open Questions' })).toBe('1 line below the heading');
    expect(whereInNote(9, { kind: 'numbered', line: 4, label: '8' })).toBe('5 lines below the section title');
    expect(whereInNote(9, { kind: 'line', line: 1, label: 'Open Questions' })).toBe('8 lines below the line “Open Questions”');
    expect(whereInNote(7, null)).toBe('line 7');
    expect(whereInNote(3, { kind: 'heading', line: 3, label: 'x' })).toBe('line 3');
  });
});
