import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const EXAMPLE_VAULT = path.join(__dirname, '..', '..', 'examples', 'vault');

/** A throw-away copy of the example vault, for tests that write. */
export function copyExampleVault(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'wp-example-'));
  cpSync(EXAMPLE_VAULT, dir, { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The example vault's planning notes, in the order the planner sends them (the PRD first, the reference notes last). */
export const EXAMPLE_PLANNING_NOTES = [
  'research/project-planning/PRD.md',
  'research/project-planning/macro-level-plan.md',
  'research/project-planning/meso-level-plan.md',
  'research/project-planning/micro-level-plan.md',
  '04-Agent-Reference-Files/Code-Standards.md',
  '04-Agent-Reference-Files/Common-Pitfalls-to-Avoid.md',
];
