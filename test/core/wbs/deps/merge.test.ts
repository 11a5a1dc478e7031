import { parseWbs } from '../../../../src/core/wbs/parse-wbs';

describe('merge', () => {
  it('keeps the union of sources that disagree and warns once, naming both lines', () => {
    const text = [
      '## 12. Work Breakdown Structure', //   1
      '### Epic 1: Setup', //                 2
      '- Repo', //                            3
      '### Epic 2: API', //                   4
      '**Entry Criteria**: Epic 1 complete', // 5
      '- Endpoints', //                       6
      '### Epic 3: Docs', //                  7
      '**Entry Criteria**: Epic 2 complete', // 8
      '- Guide', //                           9
      '### Sequencing', //                   10
      '```mermaid', //                       11
      'graph TD', //                         12
      '  E1[Epic 1] --> E2[Epic 2]', //      13
      '  E1 --> E3[Epic 3]', //              14
      '```', //                              15
    ].join('\n');
    const wbs = parseWbs(text);
    expect(wbs.workstreams.map((w) => w.dependsOn)).toEqual([[], ['W1'], ['W2', 'W1']]);
    expect(wbs.warnings).toHaveLength(1);
    expect(wbs.warnings![0]!.line).toBe(8);
    expect(wbs.warnings![0]!.message).toMatch(/Epic 3 \(W3\) has dependencies that disagree: the entry criteria \(overall micro-level plan, line 8\) says Epic 2 \(W2\); the dependency graph \(overall micro-level plan, line 14\) says Epic 1 \(W1\)/);
  });

  it('does not warn when one source names only part of what another does', () => {
    const text = ['## 12. WBS', '### Epic 1: A', '- a', '### Epic 2: B', '- b', '### Epic 3: C', '**Entry Criteria**: Epic 1 and Epic 2 complete', '- c', 'Critical path: Epic 2 → Epic 3'].join('\n');
    const wbs = parseWbs(text);
    expect(wbs.workstreams[2]!.dependsOn).toEqual(['W1', 'W2']);
    expect(wbs.warnings).toBeUndefined();
  });
});
