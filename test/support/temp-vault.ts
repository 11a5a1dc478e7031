/**
 * A fresh temporary vault for a test: a copy of a fixture folder, or an inline file tree
 * (`{ 'a/b.md': 'text' }`, values as strings or raw bytes). Call `cleanup()` in `afterEach`.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FsVault } from '../../src/cli/fs-vault';

export type FileTree = Record<string, string | Uint8Array>;

export interface TempVault {
  dir: string;
  vault: FsVault;
  cleanup(): void;
}

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'vaults');

/** `source` is a fixture name under `test/fixtures/vaults/`, or an inline file tree. */
export function tempVault(source: string | FileTree): TempVault {
  const dir = mkdtempSync(path.join(tmpdir(), 'wp-vault-'));
  if (typeof source === 'string') {
    cpSync(path.join(FIXTURES, source), dir, { recursive: true });
  } else {
    for (const [rel, content] of Object.entries(source)) {
      const abs = path.join(dir, rel);
      mkdirSync(path.dirname(abs), { recursive: true });
      if (rel.endsWith('/')) mkdirSync(abs, { recursive: true });
      else writeFileSync(abs, content);
    }
  }
  return { dir, vault: new FsVault(dir), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
