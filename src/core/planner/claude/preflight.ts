/**
 * Everything settled before the first billed call: which model profile applies (the built-in table,
 * else the Models API), the exact requests, and their estimate with tokens counted by
 * `messages.countTokens` when there is a key. A model the API does not know stops the run here,
 * named, with the models the key may use (nothing billed was sent: counting is free).
 */
import type { PlannerError } from '../../contracts/errors';
import type { Outline } from '../../contracts/outline';
import type { Settings } from '../../contracts/settings';
import type { PlannerWarning } from '../../contracts/planning-set';
import { err, ok, type Result } from '../../result';
import {
  describeRequests,
  fallbackProfile,
  knownProfile,
  listModels,
  profileFromModelInfo,
  retrieveModel,
  translateError,
  type AnthropicClient,
  type AnthropicFailure,
  type ModelProfile,
  type PlannerContext,
  type RequestSettings,
  type RequestsDescription,
  type SectionUnit,
} from '../../providers/anthropic';

export interface PreflightInput {
  client: AnthropicClient;
  apiKey: string;
  settings: Settings;
  model: string;
  context: PlannerContext;
  outline: Outline;
  units: readonly SectionUnit[];
  /** Most modules section 2 can have (the "at most" allows for them). */
  maxModules: number;
  /** False on a resume: the outline is not asked again. */
  withOutline: boolean;
  warnings: PlannerWarning[];
}

export interface Preflighted {
  profile: ModelProfile;
  request: RequestSettings;
  described: RequestsDescription;
}

/**
 * Failures that mean the call itself cannot work (as opposed to a flaky network while counting). An unknown
 * model is named on its own; nothing here can be cancelled (these calls take no signal).
 */
const FATAL: ReadonlySet<string> = new Set(['auth', 'cors-blocked', 'permission', 'billing', 'spend-limit', 'bad-request', 'too-large']);

export function requestSettings(settings: Settings, model: string, profile: ModelProfile): RequestSettings {
  return {
    model,
    profile,
    maxOutputTokens: settings.maxOutputTokens,
    caching: settings.caching,
    effort: { outline: settings.outlineEffort, section: settings.effort },
  };
}

/** The model unknown to the API, named, with the models the key may use (best effort). */
export async function unknownModel(client: AnthropicClient, model: string): Promise<PlannerError> {
  let available: string[] = [];
  try {
    available = await listModels(client);
  } catch {
    // The list is a courtesy; the model is unknown either way.
  }
  const retiredOn = knownProfile(model)?.retiredOn;
  return { kind: 'unknown-model', model, available, ...(retiredOn ? { retiredOn } : {}) };
}

async function profileFor(input: PreflightInput, canCall: boolean): Promise<Result<ModelProfile, PlannerError>> {
  const known = knownProfile(input.model);
  if (known) return ok(known);
  if (!canCall) return ok(fallbackProfile(input.model));
  try {
    return ok(profileFromModelInfo(await retrieveModel(input.client, input.model)));
  } catch (e) {
    const f = translateError(e, { model: input.model, apiKey: input.apiKey, baseURL: input.client.baseURL });
    if (f.kind === 'model-not-found') return err(await unknownModel(input.client, input.model));
    if (FATAL.has(f.kind)) return err(apiFailure(f));
    input.warnings.push({ kind: 'other', message: `The Models API could not describe "${input.model}" (${f.message.replace(/\.$/, '')}), so its output limit was assumed to be ${fallbackProfile(input.model).maxOutputTokens} tokens and no thinking settings are sent.` });
    return ok(fallbackProfile(input.model));
  }
}

export function apiFailure(f: AnthropicFailure): PlannerError {
  return { kind: 'api-failure', failure: { kind: f.kind, message: f.message } };
}

export async function preflight(input: PreflightInput): Promise<Result<Preflighted, PlannerError>> {
  const canCall = input.apiKey !== '';
  const profile = await profileFor(input, canCall);
  if (!profile.ok) return profile;
  const request = requestSettings(input.settings, input.model, profile.value);
  const options = { prices: input.settings.prices, maxModules: input.maxModules, withOutline: input.withOutline };
  if (!canCall) return ok({ profile: profile.value, request, described: await describeRequests(input.context, request, input.outline, input.units, options) });
  try {
    const counter = async (params: Parameters<AnthropicClient['messages']['countTokens']>[0]): Promise<number> => (await input.client.messages.countTokens(params)).input_tokens;
    const described = await describeRequests(input.context, request, input.outline, input.units, { ...options, counter });
    return ok({ profile: profile.value, request, described });
  } catch (e) {
    const f = translateError(e, { model: input.model, apiKey: input.apiKey, baseURL: input.client.baseURL });
    if (f.kind === 'model-not-found') return err(await unknownModel(input.client, input.model));
    if (FATAL.has(f.kind)) return err(apiFailure(f));
    input.warnings.push({ kind: 'other', message: `Tokens could not be counted with the API (${f.message.replace(/\.$/, '')}), so the estimate counts characters ÷ 4.` });
    return ok({ profile: profile.value, request, described: await describeRequests(input.context, request, input.outline, input.units, options) });
  }
}
