/** The outline a model would return for W2 of the example vault, for the local server's planner responder. */
import { join } from 'node:path';
import { FsVault } from '../../../src/cli/fs-vault';
import { DEFAULT_SETTINGS } from '../../../src/core/contracts/settings';
import { preparePlan } from '../../../src/core/planner/prepare-plan';
import { deriveOutline } from '../../../src/core/plan/derive-outline';
import type { Outline } from '../../../src/core/contracts/outline';

export async function outlineFor(repo: string, workstream = 'W2'): Promise<Outline> {
  const p = await preparePlan(new FsVault(join(repo, 'examples', 'vault')), DEFAULT_SETTINGS, { workstream });
  if (!p.ok || p.value.kind !== 'ready') throw new Error(`the example vault does not plan ${workstream}`);
  return deriveOutline(p.value.scope, p.value.ctx.wbs);
}
