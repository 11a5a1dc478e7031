import { sequenceEdges } from '../../../../src/core/wbs/deps/sequence-lines';
import { WorkstreamResolver } from '../../../../src/core/wbs/dependency-refs';
import type { Wbs } from '../../../../src/core/contracts/wbs';

const make = (labels: string[], names: string[]): WorkstreamResolver =>
  new WorkstreamResolver({ workstreams: labels.map((l, i) => ({ id: `W${i + 1}`, name: names[i]!, tasks: [], dependsOn: [], line: i + 1, format: 'list' as const, label: l })) } as Wbs);
const run = (r: WorkstreamResolver, lines: string[]) => sequenceEdges(lines, lines, { start: 1, end: lines.length }, r).map((e) => `${e.from}>${e.to}`);

describe('sequence-lines', () => {
  const lettered = make(['Epic A', 'Epic B', 'Epic C', 'Epic D', 'Epic E'], ['Import', 'Queue', 'Render', 'UX', 'Telemetry']);

  it('reads A→B→C→D/E: D and E both follow C', () => {
    expect(run(lettered, ['- Sequencing/Critical Path: A→B→C→D/E; parallelize A and B'])).toEqual(['W1>W2', 'W2>W3', 'W3>W4', 'W3>W5']);
  });

  it('reads numbered elements and labels, and links nothing across an element that names nothing', () => {
    const r = make(['E1', 'E2', 'E3'], ['Data Contracts & Packaging', 'App Shell & Theming', 'Data Layer']);
    expect(run(r, ['1) Data Contracts & Packaging → 2) App Shell & Theming → 3) Data Layer.'])).toEqual(['W1>W2', 'W2>W3']);
    expect(run(r, ['Critical path: E1 -> Unknown step -> E3'])).toEqual([]);
    expect(run(r, ['Critical path: E1 -> E2 -> Unknown step -> E3'])).toEqual(['W1>W2']);
  });

  it('reads elements by name and splits a/b into both', () => {
    const r = make(['Epic 1', 'Epic 2', 'Epic 3', 'Epic 4'], ['Project scaffolding and CI', 'Rendering core', 'UI shell', 'HUD widgets']);
    expect(run(r, ['- Scaffolding -> Rendering core -> UI shell/HUD'])).toEqual(['W1>W2', 'W2>W3', 'W2>W4']);
  });

  it('leaves table rows, headings passed as such, task chains and prose alone', () => {
    const r = make(['Epic 1', 'Epic 2'], ['Setup', 'API']);
    expect(sequenceEdges(['| Epic 1 → Epic 2 |', '### Epic 1 → Epic 2', 'Critical Path: U01 → U02', '1.1 → 1.2'], ['| Epic 1 → Epic 2 |', '### Epic 1 → Epic 2', 'Critical Path: U01 → U02', '1.1 → 1.2'], { start: 1, end: 4 }, r, 'sequence', new Set([2]))).toEqual([]);
  });
});
