/**
 * Builds the SDK client the planner uses. The key and the base URL are always passed explicitly, so a
 * user's shell `ANTHROPIC_API_KEY` / `ANTHROPIC_BASE_URL` never redirects the plugin (Obsidian's
 * renderer has `process.env`).
 */
import { BaseAnthropic } from '@anthropic-ai/sdk/client';
import { Messages } from '@anthropic-ai/sdk/resources/messages/messages';
import { Models, type ModelInfo } from '@anthropic-ai/sdk/resources/models';
import { noRetryOnSpendLimit } from './errors';

/**
 * The SDK's client with the two resources the planner calls. The SDK's `Anthropic` class is this base
 * with every resource attached (beta, files, skills, organisation, tool runners…): about 265 KB of the
 * plugin's main.js that nothing here runs, against an 800 KB budget. Same base, same retries,
 * middleware and options; `new Anthropic(…)` still fits wherever this type is asked for.
 */
export class AnthropicClient extends BaseAnthropic {
  messages: Messages = new Messages(this);
  models: Models = new Models(this);
}

export const DEFAULT_BASE_URL = 'https://api.anthropic.com';
/** The SDK retries before the headers: 3 retries means a call survives three failed attempts in a row. */
export const MIN_MAX_RETRIES = 3;

export interface ClientOptions {
  apiKey: string;
  /** Empty or missing means the public API. */
  baseURL?: string;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** True inside Obsidian (a browser-like renderer): sends the direct-browser-access header. @default false */
  browser?: boolean;
  /** Retries before the response headers; raised to at least 3. @default 3 */
  maxRetries?: number;
  /** Wait for the response headers per attempt, in ms. @default the SDK's 600 000 */
  timeoutMs?: number;
}

/**
 * The base URL as the SDK wants it: no trailing slash, and no trailing `/v1` (the SDK appends
 * `/v1/messages` itself, so `https://proxy.example/v1` would otherwise call `/v1/v1/messages`).
 */
export function normaliseBaseUrl(raw: string | undefined): string {
  const t = (raw ?? '').trim().replace(/\/+$/, '');
  if (t === '') return DEFAULT_BASE_URL;
  return t.replace(/\/v1$/i, '') || DEFAULT_BASE_URL;
}

export function createAnthropicClient(options: ClientOptions): AnthropicClient {
  const baseURL = normaliseBaseUrl(options.baseURL);
  return new AnthropicClient({
    apiKey: options.apiKey,
    baseURL,
    middleware: [noRetryOnSpendLimit],
    maxRetries: Math.max(MIN_MAX_RETRIES, options.maxRetries ?? MIN_MAX_RETRIES),
    dangerouslyAllowBrowser: options.browser ?? false,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
  });
}

/** Model ids the key may use, for the settings' model picker. Throws SDK errors (translate them with `translateError`). */
export async function listModels(client: AnthropicClient): Promise<string[]> {
  const ids: string[] = [];
  // Retired models stay in the catalogue as a record (lifecycle "retired"); they cannot be used.
  for await (const model of client.models.list()) if ((model as { lifecycle?: string }).lifecycle !== 'retired') ids.push(model.id);
  return ids;
}

/** The Models API's record of one model (limits, capabilities, lifecycle). Throws SDK errors (a 404 for an unknown id). */
export async function retrieveModel(client: AnthropicClient, model: string): Promise<ModelInfo> {
  return client.models.retrieve(model);
}
