import type { Result } from '../result';
import type { VaultPort, WriteError } from '../vault/vault-port';

/** The frontmatter list on the meso plan that links every workstream plan written from it. */
export const WORKSTREAM_PLANS_KEY = 'workstream_plans';

/**
 * Adds `planLink` to the meso plan's `workstream_plans` list, once. Only the frontmatter changes:
 * the port refuses to touch frontmatter that does not parse, and the body stays byte for byte.
 */
export async function linkPlanFromMeso(
  vault: VaultPort,
  mesoPath: string,
  planLink: string,
): Promise<Result<void, WriteError>> {
  return vault.processFrontmatter(mesoPath, (fm) => {
    const current = fm[WORKSTREAM_PLANS_KEY];
    const list = Array.isArray(current) ? current.map(String) : typeof current === 'string' && current !== '' ? [current] : [];
    if (!list.includes(planLink)) list.push(planLink);
    fm[WORKSTREAM_PLANS_KEY] = list;
  });
}

/** Marks an escalation note resolved once a plan of its workstream has been written. */
export async function markEscalationResolved(vault: VaultPort, path: string): Promise<Result<void, WriteError>> {
  return vault.processFrontmatter(path, (fm) => {
    fm['status'] = 'resolved';
  });
}
