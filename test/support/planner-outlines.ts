/**
 * The outline the planner derives for each workstream of a vault, as the local server's planner
 * responder answers with it (`projectResponder({ outlines })`): the tests that run whole plans share it.
 */
import { DEFAULT_SETTINGS } from '../../src/core/contracts/settings';
import type { Outline } from '../../src/core/contracts/outline';
import { deriveOutline } from '../../src/core/plan/derive-outline';
import { preparePlan } from '../../src/core/planner/prepare-plan';
import type { VaultPort } from '../../src/core/vault/vault-port';

export async function plannerOutlines(vault: VaultPort, ids: readonly string[]): Promise<Record<string, Outline>> {
  const out: Record<string, Outline> = {};
  for (const id of ids) {
    const p = await preparePlan(vault, DEFAULT_SETTINGS, { workstream: id });
    if (!p.ok || p.value.kind !== 'ready') throw new Error(`the vault does not plan ${id}`);
    out[id] = deriveOutline(p.value.scope, p.value.ctx.wbs);
  }
  return out;
}
