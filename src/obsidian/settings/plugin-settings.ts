/**
 * Loading and saving the plugin's settings (data.json) and reading the API key. `SettingsSchema`
 * is the single source of truth: stored data is merged over the defaults and validated with it; a
 * field that does not validate goes back to its default and the caller gets one sentence for a
 * Notice. The API key never reaches data.json: only the *name* of the secret in Obsidian's secret
 * storage is saved, and anything that looks like a key is stripped before writing.
 */
import type { App, Plugin } from 'obsidian';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../core/contracts/settings';

/** The slice of `Plugin` these functions use (so tests and other hosts can pass a stand-in). */
export type SettingsStore = Pick<Plugin, 'loadData' | 'saveData'>;

export interface LoadedSettings {
  settings: Settings;
  /** One sentence for a Notice when stored data had to be (partly) replaced by defaults. */
  problem?: string;
}

/** Field names that may hold a secret. `apiKeySecretName` and the token counts are names/numbers, not secrets. */
const SECRET_NAME = /(api[-_]?key|access[-_]?key|secret|token|password|bearer|credential)/i;
const ALLOWED_NAMES = new Set(['apiKeySecretName', 'maxOutputTokens', 'contextBudgetTokens']);
/** Anthropic keys start like this; a value that does is dropped wherever it appears. */
const LOOKS_LIKE_KEY = /^\s*sk-ant-/i;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A copy of `value` without secrets: keys named like a key or token (except the allowed ones)
 * and string values that look like an Anthropic key are left out, at any depth.
 */
export function withoutSecrets(value: unknown): unknown {
  if (typeof value === 'string') return LOOKS_LIKE_KEY.test(value) ? undefined : value;
  if (Array.isArray(value)) return value.map(withoutSecrets).filter((v) => v !== undefined);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (SECRET_NAME.test(k) && !ALLOWED_NAMES.has(k)) continue;
    const clean = withoutSecrets(v);
    if (clean !== undefined) out[k] = clean;
  }
  return out;
}

function topKeys(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey> }>): string[] {
  return [...new Set(issues.map((i) => String(i.path[0] ?? '')).filter((k) => k !== ''))];
}

/**
 * Validates raw stored data: defaults under it, `paths` merged key by key, unknown keys dropped,
 * each invalid top-level field replaced by its default. Never throws.
 */
export function settingsFromData(data: unknown): LoadedSettings {
  if (data === null || data === undefined) return { settings: SettingsSchema.parse({}) };
  if (!isRecord(data)) {
    return {
      settings: SettingsSchema.parse({}),
      problem: 'The stored settings of Workstream Planner could not be read, so the defaults are used.',
    };
  }
  const stored = withoutSecrets(data) as Record<string, unknown>;
  const merged: Record<string, unknown> = Object.assign({}, DEFAULT_SETTINGS, stored);
  if (isRecord(stored['paths'])) merged['paths'] = Object.assign({}, DEFAULT_SETTINGS.paths, stored['paths']);
  const first = SettingsSchema.safeParse(merged);
  if (first.success) return { settings: first.data };
  const bad = topKeys(first.error.issues);
  for (const k of bad) delete merged[k];
  const second = SettingsSchema.safeParse(merged);
  // Only top-level fields can fail once each bad one is removed; fall back to all defaults otherwise.
  const settings = second.success ? second.data : SettingsSchema.parse({});
  const list = bad.length > 0 ? bad.join(', ') : 'all';
  return {
    settings,
    problem: `Some stored settings of Workstream Planner were not valid and were reset to their defaults: ${list}.`,
  };
}

/** Reads data.json through the plugin and validates it; a failed read gives the defaults and a problem. */
export async function loadPluginSettings(plugin: SettingsStore): Promise<LoadedSettings> {
  let data: unknown;
  try {
    data = await plugin.loadData();
  } catch {
    return {
      settings: SettingsSchema.parse({}),
      problem: 'The stored settings of Workstream Planner could not be read, so the defaults are used.',
    };
  }
  return settingsFromData(data);
}

/**
 * Writes the settings through the schema (which has no key field, so unknown keys such as a stray
 * `apiKey` are dropped) and then strips anything that still looks like a secret.
 */
export async function savePluginSettings(plugin: SettingsStore, settings: Settings): Promise<void> {
  const parsed = SettingsSchema.safeParse(withoutSecrets(settings));
  const clean = parsed.success ? parsed.data : settingsFromData(settings).settings;
  await plugin.saveData(withoutSecrets(clean));
}

/** The API key from Obsidian's secret storage, or null when none is stored under the configured name. */
export function getApiKey(app: App, settings: Settings): string | null {
  const name = settings.apiKeySecretName.trim();
  if (name === '') return null;
  try {
    const key = app.secretStorage.getSecret(name);
    return key && key.trim() !== '' ? key.trim() : null;
  } catch {
    // An invalid secret name (not lowercase letters, digits and dashes) holds no key.
    return null;
  }
}
