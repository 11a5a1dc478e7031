import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Settings } from '../core/contracts/settings';
import { SettingsSchema } from '../core/contracts/settings';

export type SettingsLoad = { ok: true; settings: Settings; file: string | null } | { ok: false; file: string; detail: string };

/**
 * The plugin's settings, so the CLI plans a vault exactly as the plugin would.
 * A missing file means defaults; a broken one is reported, never silently ignored.
 */
export async function loadSettings(vaultDir: string, configDir: string): Promise<SettingsLoad> {
  const file = join(vaultDir, configDir, 'plugins', 'workstream-planner', 'data.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, settings: SettingsSchema.parse({}), file: null };
    return { ok: false, file, detail: `it could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, file, detail: `it is not valid JSON (${(e as Error).message})` };
  }
  const parsed = SettingsSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { ok: false, file, detail: issues.join('; ') };
  }
  return { ok: true, settings: parsed.data, file };
}
