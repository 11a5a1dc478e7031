import type { VaultPort } from '../../vault/vault-port';
import type { NoteSink } from '../../generation/timers';

/** Thrown into the runner when the vault refuses a write; the run then stops as interrupted. */
export class NoteWriteError extends Error {
  constructor(readonly file: string, detail: string) {
    super(`${file} could not be written: ${detail}`);
  }
}

/** The plan note as the runner's sink: appends only, plus the rare cut-back when a call restarts. */
export function vaultNoteSink(vault: VaultPort, path: string): NoteSink {
  return {
    async append(text) {
      const r = await vault.append(path, text);
      if (!r.ok) throw new NoteWriteError(path, r.error.kind);
    },
    async truncate(offset) {
      const read = await vault.read(path);
      if (!read.ok) throw new NoteWriteError(path, read.error.kind);
      const r = await vault.replace(path, read.value.slice(0, offset));
      if (!r.ok) throw new NoteWriteError(path, r.error.kind);
    },
  };
}
