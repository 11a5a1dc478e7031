import type { Escalation } from '../../../src/core/contracts/escalation';
import { SettingsSchema, type Settings } from '../../../src/core/contracts/settings';
import { parseEscalationCallouts } from '../../../src/core/escalation/parse-escalation';
import { renderEscalationNote } from '../../../src/core/escalation/render-escalation';
import { ObsidianVault } from '../../../src/obsidian/ObsidianVault';
import { formatStamp, recheckEscalationNote, replaceEscalationCallouts } from '../../../src/obsidian/escalation/recheck';
import { syncMesoCallouts } from '../../../src/obsidian/escalation/meso-sync';
import { buildApp, readTree } from '../../support/obsidian-app';
import { EXAMPLE_VAULT } from '../../support/example-vault';

const MESO = 'research/project-planning/meso-level-plan.md';
const NOTE = 'Planning/W2-escalation.md';
const NOW = new Date(2025, 2, 12, 14, 5);

const STALE: Escalation = {
  rule: 'conflicting-name',
  workstreamId: 'W2',
  workstreamName: 'Inspection API',
  blocker: 'An old blocker that was fixed long ago.',
  mesoSection: '[[meso-level-plan#W2: Inspection API]]',
  evidence: ['old evidence'],
  questions: ['old question?'],
  recommendation: 'old recommendation',
};

function escalatedVault(settings: Partial<Settings> = {}) {
  const tree = readTree(EXAMPLE_VAULT);
  const original = tree[MESO]!;
  tree[MESO] = original.replace(/(## W2: Inspection API\n)/, '$1\nThe photo retention period is TBD.\n');
  expect(tree[MESO]).not.toBe(original);
  tree[NOTE] = renderEscalationNote({
    escalations: [STALE],
    projectLink: '[[01-Projects/Tidewater]]',
    sourcePlanLink: '[[meso-level-plan]]',
    created: '2025-03-01',
    workstreamId: 'W2',
    workstreamName: 'Inspection API',
  });
  const { app, double } = buildApp(tree);
  const vault = new ObsidianVault(app);
  const deps = { app, vault, settings: SettingsSchema.parse(settings), now: () => NOW };
  const fixMeso = async () => {
    await double.vault.modify(double.vault.getFileByPath(MESO)!, double.vault.peek(MESO)!.replace('The photo retention period is TBD.\n', ''));
    await double.metadataCache.settle();
  };
  return { app, double, vault, deps, original, fixMeso, note: () => double.vault.peek(NOTE)! };
}

describe('recheckEscalationNote', () => {
  it('rewrites the callouts with the current blockers while something still blocks, keeping the frontmatter', async () => {
    const { deps, note } = escalatedVault();
    const before = note();
    const out = await recheckEscalationNote(deps, NOTE, 'W2');
    expect(out).toEqual({ kind: 'blocked', count: 1 });
    const after = note();
    const callouts = parseEscalationCallouts(after);
    expect(callouts).toHaveLength(1);
    expect(after).not.toContain('An old blocker');
    expect(after).toContain('TBD');
    expect(callouts[0]!.workstreamId).toBe('W2');
    // Frontmatter, title and the closing line are untouched.
    expect(after.slice(0, before.indexOf('# Workstream'))).toBe(before.slice(0, before.indexOf('# Workstream')));
    expect(after).toMatch(/status: escalated/);
    expect(after.trimEnd().endsWith(before.trimEnd().split('\n').pop()!)).toBe(true);
  });

  it('marks the note resolved and says when, once nothing blocks', async () => {
    const { deps, note, fixMeso, double } = escalatedVault();
    await fixMeso();
    const out = await recheckEscalationNote(deps, NOTE, 'W2');
    expect(out).toEqual({ kind: 'resolved' });
    const text = note();
    expect(double.metadataCache.getFileCache(double.vault.getFileByPath(NOTE)!)).toBeDefined();
    expect(text).toMatch(/^---\n[\s\S]*status: resolved\n[\s\S]*---\n/);
    expect(text.endsWith(`\nRe-checked ${formatStamp(NOW)}: nothing blocks W2 any more.\n`)).toBe(true);
    expect(formatStamp(NOW)).toBe('2025-03-12 14:05');
  });

  it('returns a failure sentence, and writes nothing, when the planning notes cannot be read', async () => {
    const { deps, note } = escalatedVault({ paths: { prd: '', macro: '', meso: 'nowhere/meso.md', micro: '', codeStandards: '', pitfalls: '' } });
    const before = note();
    const out = await recheckEscalationNote(deps, NOTE, 'W2');
    expect(out.kind).toBe('failed');
    expect(out.kind === 'failed' && out.message).toBe('The meso-level plan was not found at nowhere/meso.md. Fix "Meso-level plan" in the Workstream Planner settings or create the note.');
    expect(note()).toBe(before);
  });

  it('reports a missing escalation note as a failure, not a throw', async () => {
    const { deps } = escalatedVault();
    const out = await recheckEscalationNote(deps, 'Planning/gone.md', 'W2');
    expect(out).toEqual({ kind: 'failed', message: 'The escalation note Planning/gone.md could not be read (missing).' });
  });

  it('with meso callouts on: puts the blocker under the W2 heading, and takes it out again once fixed', async () => {
    const { deps, double, fixMeso } = escalatedVault({ calloutsInMesoPlan: true });
    const tbd = double.vault.peek(MESO)!;
    expect(await recheckEscalationNote(deps, NOTE, 'W2')).toEqual({ kind: 'blocked', count: 1 });
    const withCallout = double.vault.peek(MESO)!;
    await double.metadataCache.settle(); // the user clicks again later, once Obsidian has indexed the write
    expect(withCallout).toMatch(/## W2: Inspection API\n\n<!-- wp:escalation W2 unresolved-decision [0-9a-f]{8} -->\n> \[!escalation\]/);
    // Our own callout (which quotes the TBD) does not count as meso content: still exactly one blocker, no change.
    expect(await recheckEscalationNote(deps, NOTE, 'W2')).toEqual({ kind: 'blocked', count: 1 });
    expect(double.vault.peek(MESO)).toBe(withCallout);
    await fixMeso();
    expect(await recheckEscalationNote(deps, NOTE, 'W2')).toEqual({ kind: 'resolved' });
    expect(double.vault.peek(MESO)).toBe(tbd.replace('The photo retention period is TBD.\n', ''));
  });

  it('leaves the meso plan alone when the setting is off', async () => {
    const { deps, double, app } = escalatedVault();
    const before = double.vault.peek(MESO);
    const r = await syncMesoCallouts({ app, settings: deps.settings }, MESO, 'W2', [STALE]);
    expect(r).toEqual({ ok: true, changed: false });
    expect(double.vault.peek(MESO)).toBe(before);
    const on = await syncMesoCallouts({ app, settings: { ...deps.settings, calloutsInMesoPlan: true } }, MESO, 'W2', [STALE]);
    expect(on).toEqual({ ok: true, changed: true });
    expect(await syncMesoCallouts({ app, settings: { ...deps.settings, calloutsInMesoPlan: true } }, 'none.md', 'W2', [])).toEqual({
      ok: false,
      message: 'The meso-level plan none.md was not found, so no callouts were put into it.',
    });
  });
});

describe('replaceEscalationCallouts', () => {
  it('replaces the span of the workstream\'s callouts and updates the blocker count sentence', () => {
    const text = renderEscalationNote({
      escalations: [STALE, { ...STALE, blocker: 'Second.' }],
      projectLink: '[[P]]',
      sourcePlanLink: '[[M]]',
      created: '2025-03-01',
      workstreamId: 'W2',
      workstreamName: 'Inspection API',
    });
    expect(text).toContain('found 2 blockers');
    const out = replaceEscalationCallouts(text, 'W2', [{ ...STALE, blocker: 'Only this.' }]);
    expect(parseEscalationCallouts(out).map((c) => c.blocker)).toEqual(['Only this.']);
    expect(out).toContain('found one blocker in its planning inputs');
    expect(out).toContain('**What next:**');
  });
});

describe('recheckEscalationNote and the user typing in the note', () => {
  it('keeps a line that reached the file after the re-check started (the callouts are replaced in the text process hands in)', async () => {
    const { double, deps, note } = escalatedVault();
    const file = double.vault.getFileByPath(NOTE)!;
    // The user's autosave lands while the checks run, after anything the re-check may have read.
    const realRead = double.vault.read.bind(double.vault);
    let typed = false;
    const type = async (): Promise<void> => {
      if (typed) return;
      typed = true;
      await double.vault.modify(file, `${double.vault.peek(NOTE)!}\nMy own note about the retention period.\n`);
    };
    double.vault.read = async (f) => {
      const text = await realRead(f);
      if (f === file) await type();
      return text;
    };
    const realProcess = double.vault.process.bind(double.vault);
    double.vault.process = async (f, fn, o) => {
      if (f === file) await type();
      return realProcess(f, fn, o);
    };
    expect(await recheckEscalationNote(deps, NOTE, 'W2')).toEqual({ kind: 'blocked', count: 1 });
    expect(note()).toContain('My own note about the retention period.');
    expect(note()).not.toContain('An old blocker');
  });

  it('keeps what the user typed in the open note and has not been autosaved yet', async () => {
    const { double, deps, note, fixMeso } = escalatedVault();
    const leaf = double.workspace.getLeaf('tab');
    await leaf.openFile(double.vault.getFileByPath(NOTE)!);
    const view = leaf.view as import('../../__mocks__/obsidian').MarkdownView;
    view.editor.replaceRange('Typed just now.\n', { line: view.editor.lastLine(), ch: 0 });
    expect(view.dirty).toBe(true);
    expect(await recheckEscalationNote(deps, NOTE, 'W2')).toEqual({ kind: 'blocked', count: 1 });
    expect(note()).toContain('Typed just now.');
    expect(view.editor.getValue()).toBe(note());
    view.editor.replaceRange('And this.\n', { line: view.editor.lastLine(), ch: 0 });
    await fixMeso();
    expect(await recheckEscalationNote(deps, NOTE, 'W2')).toEqual({ kind: 'resolved' });
    expect(note()).toContain('Typed just now.');
    expect(note()).toContain('And this.');
    expect(note()).toMatch(/status: resolved/);
  });
});
