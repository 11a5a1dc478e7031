import fc from 'fast-check';
import { MesoMentionSchema } from '../../../src/core/contracts/wbs';
import { parseMesoMentions } from '../../../src/core/scope/meso-mentions';

describe('parseMesoMentions', () => {
  it('reads names from headings and list items that state one', () => {
    const text = [
      '# Meso plan', //                              1
      '## W2: Inspection API', //                    2
      '### Workstream 3 — Reports', //               3
      '- **W4 (Storage)** keeps the files', //       4
      '- **W5**: Search — full text', //             5
      '- W6: Admin. Owns users.', //                 6
      '## Billing (W7)', //                          7
      '## 2. W8 (Notifications)', //                 8
    ].join('\n');
    expect(parseMesoMentions(text)).toEqual([
      { id: 'W2', name: 'Inspection API', line: 2 },
      { id: 'W3', name: 'Reports', line: 3 },
      { id: 'W4', name: 'Storage', line: 4 },
      { id: 'W5', name: 'Search', line: 5 },
      { id: 'W6', name: 'Admin', line: 6 },
      { id: 'W7', name: 'Billing', line: 7 },
      { id: 'W8', name: 'Notifications', line: 8 },
    ]);
  });

  it('mentions both sides of a contract without names', () => {
    const text = '### W1 → W2: Auth tokens\n### W2 -> W3\n- W3 to W4: feed\n';
    expect(parseMesoMentions(text)).toEqual([
      { id: 'W1', line: 1 },
      { id: 'W2', line: 1 },
      { id: 'W2', line: 2 },
      { id: 'W3', line: 2 },
      { id: 'W3', line: 3 },
      { id: 'W4', line: 3 },
    ]);
  });

  it('mentions ids elsewhere in a heading or item without a name, once per id per line', () => {
    const text = '## Risks shared by W1 and W2\n- depends on W1, then W1 again\n';
    expect(parseMesoMentions(text)).toEqual([
      { id: 'W1', line: 1 },
      { id: 'W2', line: 1 },
      { id: 'W1', line: 2 },
    ]);
  });

  it('ignores paragraphs, task ids, code, comments and frontmatter', () => {
    const text = '---\nowner: W9\n---\nW1 in prose.\n- W2.1 is a task id\n```\n## W3: fake\n```\n<!-- - W4: hidden -->\n- `W5: code`\n';
    expect(parseMesoMentions(text)).toEqual([]);
  });

  it('gives nothing for an empty note', () => {
    expect(parseMesoMentions('')).toEqual([]);
  });

  it('never throws, and every mention fits the contract', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('#', ' ', '\n', '-', '*', 'W', '2', ':', '(', ')', '→', '`', 'x', 'Workstream ') }), (s) => {
        for (const m of parseMesoMentions(s)) expect(MesoMentionSchema.safeParse(m).success).toBe(true);
      }),
      { numRuns: 500 },
    );
    fc.assert(fc.property(fc.string(), (s) => expect(Array.isArray(parseMesoMentions(s))).toBe(true)));
  });

  it('completes on a 5 MB note', () => {
    const block = '## W2: Inspection API\n- **W3 (Reports)** text W4\n### W1 → W2: tokens\nprose `code` W5\n';
    const text = block.repeat(Math.ceil((5 * 1024 * 1024) / block.length));
    expect(parseMesoMentions(text).length).toBeGreaterThan(100_000);
  });
});
