import { downstreamOf, selectTargets, type Target } from '../../../../src/core/planner/claude/plan-all-select';
import type { WorkstreamListing, WorkstreamStatus } from '../../../../src/core/planner/list-workstreams';

/** A listing with only what the selection reads. */
const w = (id: string, status: WorkstreamStatus, dependsOn: string[] = [], stale = false): WorkstreamListing => ({
  id,
  label: null,
  name: id,
  tasks: [],
  dependsOn,
  prerequisites: [],
  estimate: {},
  status,
  note: status === 'not_planned' ? null : `Planning/${id}.md`,
  blockers: [],
  stale,
  staleBecause: [],
});

const NONE = { replanStale: false, force: false };
const brief = (targets: Target[]): string[] => targets.map((t) => `${t.id}:${t.kind}@${t.level}<${t.waitsFor.join(',')}`);

describe('selectTargets', () => {
  it.each([
    ['not planned', 'not_planned', NONE, 'new'],
    ['an escalation note only', 'escalated', NONE, 'new'],
    ['interrupted', 'interrupted', NONE, 'finish'],
    ['still being written', 'in_progress', NONE, 'finish'],
    ['interrupted, forced', 'interrupted', { replanStale: false, force: true }, 'replace'],
    ['ready, forced', 'ready_for_decomposition', { replanStale: false, force: true }, 'replace'],
    ['a draft, forced', 'draft', { replanStale: false, force: true }, 'replace'],
  ] as const)('%s: %s', (_name, status, o, kind) => {
    expect(selectTargets([w('W1', status)], o)).toEqual({ targets: [{ id: 'W1', kind, level: 0, waitsFor: [] }], kept: [] });
  });

  it('keeps a written plan, saying whether it is stale; a stale one is replaced only with replanStale', () => {
    const listings = [w('W1', 'ready_for_decomposition'), w('W2', 'draft', [], true)];
    expect(selectTargets(listings, NONE)).toEqual({ targets: [], kept: [{ id: 'W1', why: 'planned' }, { id: 'W2', why: 'stale-kept' }] });
    expect(selectTargets(listings, { replanStale: true, force: false })).toEqual({ targets: [{ id: 'W2', kind: 'replace', level: 0, waitsFor: [] }], kept: [{ id: 'W1', why: 'planned' }] });
  });

  it('with replanStale, replaces what is downstream of a plan this run writes, however far', () => {
    const listings = [w('W4', 'ready_for_decomposition'), w('W1', 'not_planned'), w('W2', 'ready_for_decomposition', ['W1']), w('W3', 'ready_for_decomposition', ['W2']), w('W5', 'draft')];
    expect(brief(selectTargets(listings, { replanStale: true, force: false }).targets)).toEqual(['W1:new@0<', 'W2:replace@1<W1', 'W3:replace@2<W2']);
    expect(selectTargets(listings, { replanStale: true, force: false }).kept).toEqual([{ id: 'W4', why: 'planned' }, { id: 'W5', why: 'planned' }]);
    // Without it, they are kept.
    const plain = selectTargets(listings, NONE);
    expect(brief(plain.targets)).toEqual(['W1:new@0<']);
    expect(plain.kept.map((k) => k.id)).toEqual(['W4', 'W2', 'W3', 'W5']);
  });

  it('a downstream plan found before its upstream one in the WBS is still replaced', () => {
    const listings = [w('W3', 'ready_for_decomposition', ['W2']), w('W2', 'ready_for_decomposition', ['W1']), w('W1', 'not_planned')];
    const s = selectTargets(listings, { replanStale: true, force: false });
    expect(brief(s.targets)).toEqual(['W1:new@0<', 'W2:replace@1<W1', 'W3:replace@2<W2']);
    expect(s.kept).toEqual([]);
  });

  it('orders by level, each level in WBS order; a dependency not planned in this run orders nothing', () => {
    const listings = [
      w('W1', 'ready_for_decomposition'),
      w('W2', 'not_planned', ['W4']),
      w('W3', 'not_planned', ['W1']),
      w('W4', 'not_planned'),
      w('W5', 'not_planned', ['W2', 'W4']),
      w('W6', 'not_planned', ['W9']),
    ];
    expect(brief(selectTargets(listings, NONE).targets)).toEqual(['W3:new@0<', 'W4:new@0<', 'W6:new@0<', 'W2:new@1<W4', 'W5:new@2<W2,W4']);
  });

  it('a cycle (escalated elsewhere) or a workstream depending on itself does not loop', () => {
    const listings = [w('W1', 'not_planned', ['W2']), w('W2', 'not_planned', ['W1']), w('W3', 'not_planned', ['W3'])];
    const s = selectTargets(listings, NONE);
    // Each level computed once: the cycle is cut where it was entered, the same way for every member.
    expect(brief(s.targets)).toEqual(['W3:new@0<', 'W2:new@1<W1', 'W1:new@2<W2']);
    expect(s.targets.find((t) => t.id === 'W3')).toEqual({ id: 'W3', kind: 'new', level: 0, waitsFor: [] });
  });
});

describe('downstreamOf', () => {
  const targets: Target[] = [
    { id: 'W1', kind: 'new', level: 0, waitsFor: [] },
    { id: 'W2', kind: 'new', level: 1, waitsFor: ['W1'] },
    { id: 'W3', kind: 'new', level: 0, waitsFor: [] },
    { id: 'W4', kind: 'new', level: 2, waitsFor: ['W2', 'W3'] },
    { id: 'W5', kind: 'new', level: 3, waitsFor: ['W4', 'W2'] },
  ];

  it.each([
    ['W1', ['W2', 'W4', 'W5']],
    ['W3', ['W4', 'W5']],
    ['W4', ['W5']],
    ['W5', []],
  ])('%s: %j, in the order of the targets, each once', (id, out) => {
    expect(downstreamOf(id, targets)).toEqual(out);
  });

  it('stops on a cycle', () => {
    expect(downstreamOf('A', [{ id: 'A', kind: 'new', level: 0, waitsFor: ['B'] }, { id: 'B', kind: 'new', level: 0, waitsFor: ['A'] }])).toEqual(['A', 'B']);
  });
});
