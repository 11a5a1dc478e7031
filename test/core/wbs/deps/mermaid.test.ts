import { mermaidEdges } from '../../../../src/core/wbs/deps/mermaid';
import { WorkstreamResolver } from '../../../../src/core/wbs/dependency-refs';
import type { Wbs } from '../../../../src/core/contracts/wbs';

const wbs: Wbs = {
  workstreams: [1, 2, 3, 4].map((n) => ({ id: `W${n}`, name: ['Setup', 'API', 'Docs', 'Release'][n - 1]!, tasks: [], dependsOn: [], line: n, format: 'heading' as const, label: `Epic ${n}` })),
};
const r = new WorkstreamResolver(wbs);
const edges = (lines: string[]) => mermaidEdges(lines, { start: 1, end: lines.length }, r).map((e) => `${e.from}>${e.to}@${e.line}`);

describe('mermaid', () => {
  it('reads edges between labelled nodes, chains, & groups and edge texts', () => {
    expect(
      edges([
        '```mermaid', //                                      1
        'graph TD', //                                        2
        '    Epic1[Epic 1: Setup] --> Epic2[Epic 2: API]', // 3
        '    Epic2 -->|docs follow| Epic3', //                4
        '    Epic1 --> Epic2 --> Epic4', //                   5
        '    Epic3 & Epic2 --> Epic4 %% both', //             6
        '```', //                                             7
      ]),
    ).toEqual(['W1>W2@3', 'W2>W3@4', 'W1>W2@5', 'W2>W4@5', 'W3>W4@6', 'W2>W4@6']);
  });

  it('resolves nodes by label text or by name, and ignores nodes that name nothing', () => {
    expect(edges(['```mermaid', 'flowchart LR', '  a[Setup] --> b(API)', '  b --> c{Users}', '```'])).toEqual(['W1>W2@3']);
  });

  it('reads only mermaid blocks', () => {
    expect(edges(['```', 'Epic1 --> Epic2', '```', 'Epic1 --> Epic2'])).toEqual([]);
  });
});
