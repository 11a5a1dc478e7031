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
