import fc from 'fast-check';
import { afterSentenceEdges } from '../../../../src/core/wbs/deps/after-sentences';
import { WorkstreamResolver } from '../../../../src/core/wbs/dependency-refs';
import type { Wbs } from '../../../../src/core/contracts/wbs';

const make = (labels: string[], names: string[]): WorkstreamResolver =>
  new WorkstreamResolver({ workstreams: labels.map((l, i) => ({ id: `W${i + 1}`, name: names[i]!, tasks: [], dependsOn: [], line: i + 1, format: 'list' as const, label: l })) } as Wbs);
const run = (r: WorkstreamResolver, lines: string[], headings: number[] = []) =>
  afterSentenceEdges(lines, lines, { start: 1, end: lines.length }, r, 'sequence', new Set(headings)).map((e) => `${e.from}>${e.to}@${e.line}`);

describe('after-sentences', () => {
  const short = make(['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E8'], ['Contracts', 'Shell', 'Data', 'Charts', 'Explorer', 'Export', 'Privacy']);
  const numbered = make(
    ['Epic 1', 'Epic 2', 'Epic 3', 'Epic 4', 'Epic 5', 'Epic 6'],
    ['Project scaffolding and CI', 'Data models + config', 'Scene generator', 'Rendering core', 'UI shell', 'Telemetry + logging'],
  );

  it('reads "X starts after Y" clauses, one edge per clause, and leaves "parallel from" alone', () => {
    expect(run(short, ['- E2 and E1 can run in parallel; E4 starts after E3 minimal; E6 after E5; E8 parallel from mid E5.'])).toEqual(['W3>W4@1', 'W5>W6@1']);
  });

  it('gives every epic of the subject the prerequisite: "E3 and E4 can start together once E2 is done"', () => {
    expect(run(short, ['- E3 and E4 can start together once E2 is done.'])).toEqual(['W2>W3@1', 'W2>W4@1']);
  });

  it('does not count what an epic runs in parallel with, only what it runs after', () => {
    expect(run(numbered, ['- Epic 4 (Documentation) can run in parallel with Epic 2-3 after Epic 1'])).toEqual(['W1>W4@1']);
  });

  it('resolves a prerequisite named in words when exactly one workstream has that name', () => {
    expect(run(numbered, ['- Telemetry/logging (Epic 6) can proceed after rendering core interfaces are defined.'])).toEqual(['W4>W6@1']);
    // "types/config" is no workstream's whole name: nothing is guessed.
    expect(run(numbered, ['- UI shell (Epic 5) can proceed in parallel with Scene Generator (Epic 3) once types/config are ready.'])).toEqual([]);
  });

  it('reads "depends on", "requires", "is blocked by", "waits for"', () => {
    expect(run(short, ['E3 depends on E1.', 'E4 requires E2', 'E5 is blocked by E4', 'E6 waits for E5'])).toEqual(['W1>W3@1', 'W2>W4@2', 'W4>W5@3', 'W5>W6@4']);
  });

  it('says nothing for negations, task-level order, subjects named only in words, headings, tables and arrow chains', () => {
    expect(
      run(
        numbered,
        [
          'Epic 3 does not need to wait for Epic 2.',
          'Task 2.8 can start once Task 2.5 (component logic) complete; no need to wait for Epic 2 exit',
          'The UI shell can start after Epic 4.',
          '### Epic 5 after Epic 4',
          '| Epic 5 | after Epic 4 |',
          'Epic 1 -> Epic 2 after review',
        ],
        [4],
      ),
    ).toEqual([]);
  });

  it('reads no words from an epic definition line: "Epic 3: Import after sync" names an epic', () => {
    const r = make(['Epic 1', 'Epic 2', 'Epic 3'], ['Sync', 'Queue', 'Import after sync']);
    expect(run(r, ['- Epic 3: Import after sync'])).toEqual([]);
    expect(run(r, ['- Epic 3: Import — starts after Epic 2'])).toEqual(['W2>W3@1']);
  });

  it('never throws, and every edge joins two known, different workstreams', () => {
    const word = fc.constantFrom('E1', 'E3', 'Epic 2', 'Epic B', 'W4', 'after', 'once', 'with', 'parallel', 'not', 'Task 1.2', 'core', ';', '.', '(', ')', 'requires', '|', '→');
    const line = fc.array(fc.oneof(word, fc.string({ maxLength: 8 })), { maxLength: 14 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        for (const e of afterSentenceEdges(lines, lines, { start: 1, end: lines.length }, numbered)) {
          expect(e.from).not.toBe(e.to);
          expect(['W1', 'W2', 'W3', 'W4', 'W5', 'W6']).toEqual(expect.arrayContaining([e.from, e.to]));
        }
      }),
      { numRuns: 300 },
    );
  });
});
