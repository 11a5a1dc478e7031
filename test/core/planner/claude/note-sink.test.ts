import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { NoteWriteError, vaultNoteSink } from '../../../../src/core/planner/claude/note-sink';
import { tempVault } from '../../../support/temp-vault';

describe('the plan note as the runner\'s sink', () => {
  it('appends and cuts back in the note', async () => {
    const v = tempVault({ 'Plan.md': 'head\n' });
    try {
      const sink = vaultNoteSink(v.vault, 'Plan.md');
      await sink.append('one two');
      expect((await v.vault.read('Plan.md')).ok && (await v.vault.read('Plan.md'))).toEqual({ ok: true, value: 'head\none two' });
      await sink.truncate!(7);
      expect(await v.vault.read('Plan.md')).toEqual({ ok: true, value: 'head\non' });
    } finally {
      v.cleanup();
    }
  });

  it('a note gone while it is written stops the run with the note named', async () => {
    const v = tempVault({ 'Plan.md': 'head\n' });
    try {
      const sink = vaultNoteSink(v.vault, 'Plan.md');
      rmSync(path.join(v.dir, 'Plan.md'));
      const appended = sink.append('x');
      await expect(appended).rejects.toBeInstanceOf(NoteWriteError);
      await expect(appended).rejects.toMatchObject({ file: 'Plan.md', message: 'Plan.md could not be written: missing' });
      await expect(sink.truncate!(2)).rejects.toMatchObject({ file: 'Plan.md', message: 'Plan.md could not be written: missing' });
    } finally {
      v.cleanup();
    }
  });

  it('a note that can be read but not rewritten stops the run too', async () => {
    const v = tempVault({ 'Plan.md': 'head\n' });
    try {
      const refusing = { ...v.vault, read: v.vault.read.bind(v.vault), replace: async () => ({ ok: false as const, error: { kind: 'io' as const, file: 'Plan.md', detail: 'disk full' } }) };
      await expect(vaultNoteSink(refusing as unknown as typeof v.vault, 'Plan.md').truncate!(2)).rejects.toMatchObject({ message: 'Plan.md could not be written: io' });
    } finally {
      v.cleanup();
    }
  });
});
