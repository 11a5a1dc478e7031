/**
 * Plan notes for the readiness panel tests, written from the example vault's real planning set
 * (so `checkPlanNote` sees the same WBS and meso plan as the panel): the offline draft for W2
 * fails the items that need written content; the same parts with complete bodies pass them all.
 */
import { DEFAULT_SETTINGS } from '../../../src/core/contracts/settings';
import type { PlanInput } from '../../../src/core/contracts/plan-input';
import { deriveOutline } from '../../../src/core/plan/derive-outline';
import { planParts, renderPart } from '../../../src/core/plan/render-plan';
import { preparePlan } from '../../../src/core/planner/prepare-plan';
import { renderOfflineDraft } from '../../../src/core/providers/offline/offline-draft';
import { ObsidianVault } from '../../../src/obsidian/ObsidianVault';
import { buildApp, readTree, type FileTree } from '../../support/obsidian-app';
import { completeBody } from '../../support/builders/PlanNoteBuilder';
import { EXAMPLE_VAULT } from '../../support/example-vault';

export const MESO = 'research/project-planning/meso-level-plan.md';
export const MICRO = 'research/project-planning/micro-level-plan.md';
export const W2_PLAN = 'Planning/W2-micro-level-plan.md';
export const W1_PLAN = 'Planning/W1-micro-level-plan.md';
export const UNRELATED = 'Inbox/groceries.md';

let cached: { draft: string; complete: string } | null = null;

/** The W2 plan texts: `draft` (offline, failing) and `complete` (every item passing). */
export async function w2PlanTexts(): Promise<{ draft: string; complete: string }> {
  if (cached) return cached;
  const { app } = buildApp(readTree(EXAMPLE_VAULT));
  const prepared = await preparePlan(new ObsidianVault(app, 10), DEFAULT_SETTINGS, { workstream: 'W2' });
  if (!prepared.ok || prepared.value.kind !== 'ready') throw new Error(`example vault cannot plan W2: ${JSON.stringify(prepared)}`);
  const p = prepared.value;
  const input: PlanInput = {
    scope: p.scope,
    wbs: p.ctx.wbs,
    outline: deriveOutline(p.scope, p.ctx.wbs),
    projectName: p.project.name,
    projectLink: p.project.link,
    sourcePlanLink: `[[${p.mesoLinkTarget}]]`,
    created: '2025-03-14',
    mesoVersion: '1.0',
  };
  const complete = planParts(input, 'ready_for_decomposition')
    .map((part) => renderPart(part, part.owner === 'core' ? (part.coreBody ?? '') : completeBody(input, part)))
    .join('');
  cached = { draft: renderOfflineDraft(input), complete };
  return cached;
}

/** The example vault plus the given notes. */
export function exampleTree(extra: FileTree = {}): FileTree {
  return { ...readTree(EXAMPLE_VAULT), [UNRELATED]: '# Groceries\n\n- milk\n', ...extra };
}
