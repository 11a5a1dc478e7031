import fc from 'fast-check';
import type { Wbs } from '../../../../src/core/contracts/wbs';
import { dependencyCycle } from '../../../../src/core/escalation/rules/dependency-cycle';
import { lineOf, WbsBuilder } from '../../../support/builders/WbsBuilder';
import { contextFrom, WBS_PATH } from '../context-from-markdown';

describe('dependency-cycle', () => {
  it('escalates when the planned workstream is on a cycle', () => {
    const wbs = new WbsBuilder().withDependsOn('W1', ['W3']).build();
    const [e, ...rest] = dependencyCycle(contextFrom({ wbs }));
    expect(rest).toEqual([]);
    expect(e!.evidence[0]).toBe('Cycle: W2 → W1 → W3 → W2');
    expect(e!.blocker).toBe('W2 is on a dependency cycle (W2 → W1 → W3 → W2), so none of these workstreams can be finished first.');
    expect(e).toMatchObject({ rule: 'dependency-cycle', file: WBS_PATH });
    // The first edge, W2 → W1, is stated on W2's "Depends on" line.
    expect(e!.line).toBe(lineOf(wbs, 'Depends on: W1', lineOf(wbs, '### W2')));
    expect(e!.evidence.slice(1).map((s) => s.replace(/^.*\((.*)\)$/, '$1'))).toEqual([
      'W2 depends on W1',
      'W1 depends on W3',
      'W3 depends on W2',
    ]);
  });

  it('escalates when a cycle sits upstream of the planned workstream', () => {
    const wbs = new WbsBuilder()
      .withDependsOn('W1', ['W4'])
      .withWorkstream('W4', 'Identity', { tasks: [{ id: 'W4.1', title: 'Directory sync' }], dependsOn: ['W1'] })
      .build();
    const [e, ...rest] = dependencyCycle(contextFrom({ wbs }));
    expect(rest).toEqual([]);
    expect(e!.evidence[0]).toBe('Cycle: W1 → W4 → W1');
    expect(e!.blocker).toContain('through its upstream chain W2 → W1');
  });

  it('escalates when the planned workstream depends on itself', () => {
    const base = contextFrom();
    const wbs: Wbs = {
      workstreams: base.wbs.workstreams.map((w) => (w.id === 'W2' ? { ...w, dependsOn: ['W1', 'W2'] } : w)),
    };
    const [e] = dependencyCycle({ ...base, wbs });
    expect(e!.evidence[0]).toBe('Cycle: W2 → W2');
  });

  it('stays quiet when the dependencies form a chain', () => {
    expect(dependencyCycle(contextFrom())).toEqual([]);
  });

  it('stays quiet when the cycle is only downstream of the planned workstream', () => {
    const wbs = new WbsBuilder()
      .withDependsOn('W3', ['W2', 'W4'])
      .withWorkstream('W4', 'Reporting', { tasks: [{ id: 'W4.1', title: 'Reports' }], dependsOn: ['W3'] })
      .build();
    expect(dependencyCycle(contextFrom({ wbs }))).toEqual([]);
  });
});

describe('dependency-cycle: one escalation per cycle', () => {
  it('escalates once for a two-way dependency, whichever side is planned and however it is reached', () => {
    const wbs = new WbsBuilder()
      .withDependsOn('W1', ['W2'])
      .withDependsOn('W3', ['W1', 'W2'])
      .withExtraWorkstream('W2', 'Inspection API again', { tasks: [{ id: 'T9', title: 'x' }], dependsOn: ['W1'] })
      .build();
    for (const id of ['W1', 'W2', 'W3']) {
      const found = dependencyCycle(contextFrom({ wbs, workstreamId: id }));
      expect(found).toHaveLength(1);
    }
  });

  it('never reports two cycles with the same set of workstreams (random graphs)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })), { maxLength: 12 }), (edges) => {
        let b = new WbsBuilder();
        for (let n = 1; n <= 5; n++) {
          const deps = [...new Set(edges.filter(([f]) => f === n).map(([, t]) => `W${t}`))];
          b = b.withWorkstream(`W${n}`, `Stream ${n}`, { tasks: [{ id: `W${n}.1`, title: 't' }], dependsOn: deps });
        }
        const found = dependencyCycle(contextFrom({ wbs: b.build(), workstreamId: 'W1' }));
        const sets = found.map((e) => [...new Set(e.evidence[0]!.replace('Cycle: ', '').split(' → '))].sort().join(','));
        expect(new Set(sets).size).toBe(sets.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('dependency-cycle, the request as the user reads it', () => {
  it('shows the cycle, cites each edge and asks which dependency to drop', () => {
    const wbs = new WbsBuilder().withDependsOn('W1', ['W2']).build();
    const w2Line = lineOf(wbs, 'Depends on: W1');
    const w1Line = lineOf(wbs, 'Depends on: W2');
    expect(dependencyCycle(contextFrom({ wbs }))).toStrictEqual([
      {
        rule: 'dependency-cycle',
        workstreamId: 'W2',
        workstreamName: 'Inspection API',
        blocker: 'W2 is on a dependency cycle (W2 → W1 → W2), so none of these workstreams can be finished first.',
        mesoSection: `None: the dependencies are stated in the WBS in ${WBS_PATH}.`,
        evidence: [
          'Cycle: W2 → W1 → W2',
          `${WBS_PATH} line ${w2Line}: "Depends on: W1" (W2 depends on W1)`,
          `${WBS_PATH} line ${w1Line}: "Depends on: W2" (W1 depends on W2)`,
        ],
        questions: [
          'Which dependency in W2 → W1 → W2 is wrong or can be dropped?',
          'If W2, W1 truly need each other, which interface should be agreed first so one of them can start against a stub?',
        ],
        recommendation:
          'Break the cycle in the WBS: remove or reverse one of the dependencies of W2 → W1 → W2, or split the shared part into its own workstream, then plan again.',
        file: WBS_PATH,
        line: w2Line,
      },
    ]);
  });

  it('says how an upstream cycle is reached, without a file when the WBS text is not given', () => {
    const wbs = new WbsBuilder().withDependsOn('W1', ['W2']).build();
    const [e, ...rest] = dependencyCycle(contextFrom({ workstreamId: 'W3', wbs, withWbsSource: false }));
    expect(rest).toEqual([]);
    expect(e!.blocker).toBe(
      'W3 reaches the dependency cycle W2 → W1 → W2 through its upstream chain W3 → W2, so its upstream work can never be finished.',
    );
    expect(e!.mesoSection).toBe('None: the dependencies are stated in the WBS of the overall micro-level plan.');
    expect(e!.evidence.slice(1)).toEqual([
      `overall micro-level plan, line ${lineOf(wbs, 'Depends on: W1')}: W2 depends on W1`,
      `overall micro-level plan, line ${lineOf(wbs, 'Depends on: W2')}: W1 depends on W2`,
    ]);
    expect(e).not.toHaveProperty('file');
    expect(e!.line).toBe(lineOf(wbs, 'Depends on: W1'));
  });
});

describe('dependency-cycle, odd graphs', () => {
  it('stays quiet for a workstream the WBS lacks, and walks past dependencies on undefined ids', () => {
    expect(dependencyCycle(contextFrom({ workstreamId: 'W9' }))).toEqual([]);
    const wbs = new WbsBuilder().withDependsOn('W2', ['W8', 'W1']).withDependsOn('W1', ['W8', 'W2']).build();
    expect(dependencyCycle(contextFrom({ wbs })).map((e) => e.evidence[0])).toEqual(['Cycle: W2 → W1 → W2']);
  });

  it('cites the heading line of a definition that has no dependency line of its own', () => {
    const base = contextFrom({ wbs: new WbsBuilder().withDependsOn('W1', ['W2']).build() });
    const wbs: Wbs = { workstreams: base.wbs.workstreams.map(({ dependsLine: _drop, ...w }) => w) };
    const [e] = dependencyCycle({ ...base, wbs });
    const w2 = wbs.workstreams.find((w) => w.id === 'W2')!;
    const w1 = wbs.workstreams.find((w) => w.id === 'W1')!;
    expect(e!.line).toBe(w2.line);
    expect(e!.evidence.slice(1).map((s) => /line (\d+)/.exec(s)![1])).toEqual([String(w2.line), String(w1.line)]);
  });

  it('reports a cycle once when two definitions of a workstream list the same dependency', () => {
    const wbs = new WbsBuilder()
      .withDependsOn('W1', ['W2'])
      .withExtraWorkstream('W2', 'Inspection API again', { tasks: [{ id: 'W2.9', title: 'x' }], dependsOn: ['W1'] })
      .build();
    expect(dependencyCycle(contextFrom({ wbs }))).toHaveLength(1);
  });
});
