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
