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
