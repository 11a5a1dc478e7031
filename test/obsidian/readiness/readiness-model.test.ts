import { DEFAULT_SETTINGS, SettingsSchema } from '../../../src/core/contracts/settings';
import { READINESS_ITEM_IDS, type ReadinessReport } from '../../../src/core/contracts/readiness';
import type { WorkstreamListing } from '../../../src/core/planner/list-workstreams';
import {
  classifyNote,
  emptyModel,
  formatCount,
  formatUsd,
  itemsModel,
  progressModel,
  READINESS_ITEM_LABELS,
  rowAction,
  staleModel,
  workstreamRows,
} from '../../../src/obsidian/readiness/readiness-model';
import type { InputChange } from '../../../src/core/inputs/compare-inputs';
import { midRun, planState } from './progress-fixture';

const report = (failing: Record<string, { reasons?: string[]; line?: number | null }> = {}): ReadinessReport => {
  const items = READINESS_ITEM_IDS.map((id, i) => ({
    id,
    ok: !(id in failing),
    reasons: failing[id]?.reasons ?? [],
    line: failing[id] && 'line' in failing[id]! ? failing[id]!.line! : 10 + i,
  }));
  return { ready: items.every((i) => i.ok), items };
};

describe('classifyNote', () => {
  const s = DEFAULT_SETTINGS;

  it('recognises a plan by its workstream-plan tag, wherever it lives', () => {
    expect(classifyNote('Elsewhere/anything.md', { tags: ['workstream-plan', 'micro-level', 'W4'] }, s)).toBe('plan');
    expect(classifyNote('Elsewhere/anything.md', { tags: '#workstream-plan' }, s)).toBe('plan');
  });

  it('recognises a plan by its name in the output folder, even without frontmatter', () => {
    expect(classifyNote('Planning/W2-micro-level-plan.md', null, s)).toBe('plan');
    expect(classifyNote('Other/W2-micro-level-plan.md', null, s)).toBe('other');
    expect(classifyNote('Planning/W2-escalation.md', null, s)).toBe('other');
  });

  it('follows a changed output folder, including the vault root', () => {
    const root = SettingsSchema.parse({ outputFolder: '' });
    expect(classifyNote('W3-micro-level-plan.md', null, root)).toBe('plan');
    expect(classifyNote('Planning/W3-micro-level-plan.md', null, root)).toBe('other');
  });

  it('recognises the meso and overall micro plans by tag', () => {
    expect(classifyNote('x/meso.md', { tags: ['meso-level-plan'] }, s)).toBe('planning-set');
    expect(classifyNote('x/wbs.md', { tags: 'micro-level-plan' }, s)).toBe('planning-set');
  });

  it('recognises them by their default paths, or by the configured paths instead', () => {
    expect(classifyNote('research/project-planning/meso-level-plan.md', null, s)).toBe('planning-set');
    expect(classifyNote('research/project-planning/micro-level-plan.md', {}, s)).toBe('planning-set');
    const configured = SettingsSchema.parse({ paths: { meso: 'Arch/Meso.md' } });
    expect(classifyNote('Arch/Meso.md', null, configured)).toBe('planning-set');
    expect(classifyNote('research/project-planning/meso-level-plan.md', null, configured)).toBe('other');
  });

  it('calls a plan a plan although its tags contain micro-level', () => {
    expect(classifyNote('Planning/W2-micro-level-plan.md', { tags: ['workstream-plan', 'micro-level', 'W2'] }, s)).toBe('plan');
  });

  it('calls anything else other', () => {
    expect(classifyNote('Inbox/groceries.md', { tags: ['shopping'] }, s)).toBe('other');
    expect(classifyNote('Planning/W2-micro-level-plan.canvas', null, s)).toBe('other');
  });
});

describe('itemsModel', () => {
  it('says ready when every item passes, and labels every item', () => {
    const m = itemsModel(report());
    expect(m.ready).toBe(true);
    expect(m.header).toBe('Ready for decomposition');
    expect(m.items.map((i) => i.label)).toEqual(READINESS_ITEM_IDS.map((id) => READINESS_ITEM_LABELS[id]));
    expect(m.items.every((i) => i.ok && i.reasons.length === 0)).toBe(true);
  });

  it('counts the failing items in the header, singular and plural', () => {
    expect(itemsModel(report({ tests: {} })).header).toBe('1 item to complete');
    expect(itemsModel(report({ tests: {}, 'env-vars': {}, interfaces: {} })).header).toBe('3 items to complete');
  });

  it('keeps reasons and lines, and drops a missing line so the item is not clickable', () => {
    const m = itemsModel(report({ tests: { reasons: ['Section 2.1.6 has no checkbox.'], line: 88 }, 'env-vars': { reasons: ['No section 5.1.'], line: null } }));
    const tests = m.items.find((i) => i.id === 'tests')!;
    expect(tests).toMatchObject({ ok: false, reasons: ['Section 2.1.6 has no checkbox.'], line: 88 });
    expect(m.items.find((i) => i.id === 'env-vars')!.line).toBeNull();
  });

  it('is not ready when the report says not ready, even with every item passing', () => {
    const r = { ...report(), ready: false };
    expect(itemsModel(r).ready).toBe(false);
    expect(itemsModel(r).header).toBe('Not ready for decomposition');
  });
});

describe('staleModel', () => {
  it('says how many inputs changed and which, and is null for a fresh plan or one that records nothing', () => {
    const change: InputChange = { kind: 'upstream-plan', name: 'W1', change: 'changed', message: "W1's plan changed" };
    expect(staleModel('W2', { recorded: true, stale: true, changes: [change] })).toEqual({
      workstreamId: 'W2',
      header: 'Stale: one input has changed since this plan was written',
      reasons: ["W1's plan changed"],
    });
    expect(staleModel('W2', { recorded: true, stale: true, changes: [change, change] })!.header).toMatch(/^Stale: 2 inputs have changed/);
    expect(staleModel('W2', { recorded: true, stale: false, changes: [] })).toBeNull();
    expect(staleModel('W2', { recorded: false, stale: false, changes: [] })).toBeNull();
    expect(staleModel(null, { recorded: true, stale: true, changes: [change] })).toBeNull();
  });
});

describe('workstreamRows', () => {
  const listing = (id: string, status: WorkstreamListing['status'], dependsOn: string[] = []): WorkstreamListing => ({
    id,
    label: null,
    name: `Stream ${id}`,
    tasks: [
      { id: `${id}.1`, title: 'a', label: null, dependsOn: [], estimate: null, prerequisites: [] },
      { id: `${id}.2`, title: 'b', label: null, dependsOn: [], estimate: null, prerequisites: [] },
    ],
    dependsOn,
    prerequisites: [],
    estimate: {},
    status,
    note: null,
    blockers: [],
    stale: false,
    staleBecause: [],
  });

  it('gives id, name, task count, dependencies and a status label', () => {
    const [row] = workstreamRows([listing('W3', 'in_progress', ['W1', 'W2'])]);
    expect(row).toEqual({ id: 'W3', name: 'Stream W3', tasks: 2, dependencies: 'W1, W2', status: 'in_progress', statusLabel: 'In progress', action: 'Re-plan', stale: false, staleBecause: [] });
    expect(workstreamRows([listing('W1', 'not_planned')])[0]!.dependencies).toBe('None');
  });

  it('marks a stale plan and says what changed, one sentence each', () => {
    const changes: InputChange[] = [
      { kind: 'meso-section', name: 'W2 Data model', change: 'changed', message: 'meso section "W2 Data model" changed' },
      { kind: 'task', name: 'W2-T3', change: 'changed', message: 'task W2-T3 changed' },
    ];
    const [row] = workstreamRows([{ ...listing('W2', 'draft', ['W1']), stale: true, staleBecause: changes }]);
    expect(row!.stale).toBe(true);
    expect(row!.action).toBe('Re-plan');
    expect(row!.staleBecause).toEqual(['Meso section "W2 Data model" changed', 'Task W2-T3 changed']);
  });

  it('labels the action by status: Plan, Re-plan or Resume', () => {
    expect(rowAction('not_planned')).toBe('Plan');
    expect(rowAction('escalated')).toBe('Plan');
    expect(rowAction('draft')).toBe('Re-plan');
    expect(rowAction('ready_for_decomposition')).toBe('Re-plan');
    expect(rowAction('interrupted')).toBe('Resume');
  });
});

describe('progressModel', () => {
  it('maps written to done, streaming and buffered to streaming, and sums the tokens', () => {
    const m = progressModel(midRun());
    // The planner's own text (the frontmatter unit) is not a section to the reader.
    expect(m.units.map((u) => [u.key, u.status])).toEqual([
      ['1', 'streaming'],
      ['2.1', 'streaming'],
      ['3', 'pending'],
    ]);
    expect(m).toMatchObject({ running: true, unitsDone: 0, unitsTotal: 3, currentLabel: 'Section 1 Overview', tokens: 48210, costUsd: 0.4123 });
    expect(m.summary).toBe('0/3 sections · 48,210 tokens · $0.41');
  });

  it('counts skipped units as done and shows failed ones, with no current section once done', () => {
    const m = progressModel(
      planState([
        { type: 'run-start', units: [{ key: 'a', label: 'A', kind: 'model' }, { key: 'b', label: 'B', kind: 'model' }] },
        { type: 'unit-skipped', key: 'a' },
        { type: 'unit-start', key: 'b' },
        { type: 'unit-failed', key: 'b', error: { kind: 'cancelled' } as never },
        { type: 'done', status: 'interrupted', stoppedAt: 'b' },
      ]),
    );
    expect(m.units.map((u) => u.status)).toEqual(['done', 'failed']);
    expect(m).toMatchObject({ running: false, unitsDone: 1, currentLabel: null });
  });

  it('formats counts and dollars without the locale', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(12)).toBe('12');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.001)).toBe('<$0.01');
    expect(formatUsd(3.456)).toBe('$3.46');
  });
});

describe('emptyModel', () => {
  it('says whether a note is open and names a plan path in the output folder', () => {
    expect(emptyModel(null, DEFAULT_SETTINGS).title).toBe('No note is open.');
    const m = emptyModel('Inbox/x.md', SettingsSchema.parse({ outputFolder: 'Plans/' }));
    expect(m.title).toBe('This note is not a workstream plan.');
    expect(m.hints[0]).toContain('Plans/W2-micro-level-plan.md');
    expect(m.hints.join(' ')).toContain('Plan workstream');
  });
});
