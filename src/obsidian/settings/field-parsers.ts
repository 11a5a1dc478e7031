/**
 * Turning what the user types into setting values, validated by the fields' own schemas. Each
 * returns the value or a one-sentence message to show under the field.
 */
import * as z from 'zod/mini';
import '../../core/contracts/zod-setup';
import { PriceSchema, SettingsSchema, type Settings } from '../../core/contracts/settings';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const PricesSchema = z.record(z.string(), PriceSchema);

const PRICE_EXAMPLE = '{"claude-sonnet-5-5": {"input": 3, "output": 15}}';

/** The price table override: empty means none; else a JSON object of model → `{input, output}` in USD per million tokens. */
export function parsePriceJson(text: string): Parsed<Settings['prices']> {
  if (text.trim() === '') return { ok: true, value: {} };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: `This is not valid JSON; write it like ${PRICE_EXAMPLE}.` };
  }
  const r = PricesSchema.safeParse(json);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0]!;
  const where = issue.path.length > 0 ? ` (at ${issue.path.map(String).join('.')})` : '';
  return {
    ok: false,
    message: `Each model needs "input" and "output" prices in USD per million tokens, as numbers of at least 0${where}; for example ${PRICE_EXAMPLE}.`,
  };
}

/** The numeric fields of the settings, with the words used in their messages. */
export const NUMBER_FIELDS = {
  maxOutputTokens: 'a whole number of at least 0 (0 means the planner\'s default room)',
  firstTextTimeoutSeconds: 'a number greater than 0',
  contextBudgetTokens: 'a whole number greater than 0',
  costCapUsd: 'a number of at least 0 (0 means no cap)',
  concurrency: 'a whole number from 1 to 16',
  idleTimeoutSeconds: 'a number greater than 0',
} as const;
export type NumberField = keyof typeof NUMBER_FIELDS;

/** A numeric setting from text, checked by the field's schema in `SettingsSchema`. */
export function parseNumberField(field: NumberField, text: string): Parsed<number> {
  const t = text.trim();
  const n = t === '' ? Number.NaN : Number(t);
  const r = SettingsSchema.shape[field].safeParse(n);
  if (Number.isFinite(n) && r.success) return { ok: true, value: r.data };
  return { ok: false, message: `Enter ${NUMBER_FIELDS[field]}.` };
}

/** The API base URL: empty (the default endpoint) or an http(s) URL. */
export function parseBaseUrl(text: string): Parsed<string> {
  const t = text.trim();
  if (t === '') return { ok: true, value: '' };
  if (/^https?:\/\/[^\s/]+(\/\S*)?$/i.test(t)) return { ok: true, value: t.replace(/\/+$/, '') };
  return { ok: false, message: 'Enter a URL starting with https:// (or leave it empty for Anthropic\'s own).' };
}
