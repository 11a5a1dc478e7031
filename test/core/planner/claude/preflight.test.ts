/**
 * The preflight against the local Anthropic server: the model's profile (table, Models API, or assumed),
 * tokens counted with the API, and which failures stop the run before anything billed is sent. A few
 * API failures the server cannot be told to give on these routes are answered by a fetch in front of it
 * (the SDK itself unmodified), as the API answers them.
 */
import { startAnthropicServer, SERVER_MODELS, type AnthropicServer } from '../../../support/anthropic-server';
import { preflight, requestSettings, unknownModel, type PreflightInput } from '../../../../src/core/planner/claude/preflight';
import { contextFor, inputFor, modelUnits, unitsFor } from '../../../../src/core/planner/claude/plan-with-claude';
import { preparePlan } from '../../../../src/core/planner/prepare-plan';
import { deriveOutline } from '../../../../src/core/plan/derive-outline';
import { DEFAULT_SETTINGS } from '../../../../src/core/contracts/settings';
import type { PlannerWarning } from '../../../../src/core/contracts/planning-set';
import { createAnthropicClient, fallbackProfile, knownProfile } from '../../../../src/core/providers/anthropic';
import { claudeDeps, exampleVault, KEY, type Vault } from './harness';

/** A fetch that answers requests to routes matching `route` with an API error, and passes the rest on. */
function failing(route: RegExp, status: number, type: string, message: string, details?: Record<string, unknown>): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!route.test(new URL(url).pathname)) return fetch(input, init);
    return new Response(JSON.stringify({ type: 'error', error: { type, message, ...(details ? { details } : {}) }, request_id: 'req_test' }), { status, headers: { 'content-type': 'application/json', 'x-should-retry': 'false' } });
  };
}

/** A fetch for which requests to routes matching `route` never reach the server (the network is down). */
function unreachable(route: RegExp): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!route.test(new URL(url).pathname)) return fetch(input, init);
    throw new TypeError('fetch failed');
  };
}

describe('preflight', () => {
  let server: AnthropicServer;
  let v: Vault;
  let base: Omit<PreflightInput, 'client' | 'apiKey' | 'model' | 'warnings'>;
  beforeAll(async () => {
    server = await startAnthropicServer({ models: [...SERVER_MODELS, { ...SERVER_MODELS[0]!, id: 'claude-custom-7', maxOutputTokens: 50_000 }] });
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    server.reset();
    v = exampleVault();
    const p = await preparePlan(v.vault, DEFAULT_SETTINGS, { workstream: 'W2' });
    if (!p.ok || p.value.kind !== 'ready') throw new Error('the example vault does not plan W2');
    const context = await contextFor(claudeDeps(server, v), p.value, []);
    if (!context.ok) throw new Error('context');
    const outline = deriveOutline(p.value.scope, p.value.ctx.wbs);
    base = { settings: DEFAULT_SETTINGS, context: context.value.context, outline, units: modelUnits(unitsFor(inputFor(p.value, outline, '2026-11-25'), null)), maxModules: outline.modules.length, withOutline: true };
  });
  afterEach(() => v.cleanup());

  const client = (f?: typeof fetch) => createAnthropicClient({ apiKey: KEY, baseURL: server.url, ...(f ? { fetch: f } : {}) });
  const run = (model: string, apiKey = KEY, f?: typeof fetch, warnings: PlannerWarning[] = []) => preflight({ ...base, client: client(f), apiKey, model, warnings });

  it('takes the settings the requests need', () => {
    const profile = knownProfile('claude-opus-5-5')!;
    expect(requestSettings({ ...DEFAULT_SETTINGS, maxOutputTokens: 9000, caching: false, effort: 'low', outlineEffort: 'max' }, 'claude-opus-5-5', profile)).toEqual({
      model: 'claude-opus-5-5',
      profile,
      maxOutputTokens: 9000,
      caching: false,
      effort: { outline: 'max', section: 'low' },
    });
  });

  it('a known model with a key: its table profile, tokens counted with the API, the Models API not asked', async () => {
    const r = await run('claude-sonnet-5-5');
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.profile).toBe(knownProfile('claude-sonnet-5-5'));
    expect(r.value.request).toMatchObject({ model: 'claude-sonnet-5-5', effort: { outline: 'medium', section: 'high' } });
    expect(r.value.described.estimate.tokenSource).toBe('count_tokens');
    expect(server.requests.map((q) => q.route).every((x) => x === '/v1/messages/count_tokens')).toBe(true);
    expect(server.requests.length).toBeGreaterThanOrEqual(r.value.described.requests.length);
  });

  it('without a key nothing is asked: the table, or an assumed profile, and characters ÷ 4', async () => {
    const known = await run('claude-sonnet-5-5', '');
    const other = await run('claude-custom-7', '');
    if (!known.ok || !other.ok) throw new Error('refused');
    expect(known.value.profile).toBe(knownProfile('claude-sonnet-5-5'));
    expect(known.value.described.estimate.tokenSource).not.toBe('count_tokens');
    expect(other.value.profile).toEqual(fallbackProfile('claude-custom-7'));
    expect(server.requests).toHaveLength(0);
  });

  it('a model the table does not know is described by the Models API', async () => {
    const r = await run('claude-custom-7');
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.profile).toMatchObject({ id: 'claude-custom-7', maxOutputTokens: 50_000, source: 'GET /v1/models/claude-custom-7' });
    expect(r.value.request.profile).toBe(r.value.profile);
    expect(server.requests[0]!.route).toBe('/v1/models/claude-custom-7');
  });

  it('a model the API does not know stops the run, named with the models the key may use (retired ones left out)', async () => {
    const warnings: PlannerWarning[] = [];
    const r = await run('claude-nonexistent-2', KEY, undefined, warnings);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toEqual({ kind: 'unknown-model', model: 'claude-nonexistent-2', available: SERVER_MODELS.filter((m) => !m.retiredOn).map((m) => m.id).concat('claude-custom-7') });
    // Found out by the Models API: no profile assumed for it, no tokens counted for it.
    expect(warnings).toEqual([]);
    expect(server.requests.some((q) => q.route.endsWith('count_tokens'))).toBe(false);
    // A retired model known to the table says since when, also when it is only found out while counting.
    const retired = await run('claude-sonnet-4-5');
    expect(!retired.ok && retired.error).toMatchObject({ kind: 'unknown-model', model: 'claude-sonnet-4-5', retiredOn: '2026-11-30' });
  });

  it('the list of models is a courtesy: when it cannot be had, the model is still named', async () => {
    expect(await unknownModel(client(failing(/^\/v1\/models$/, 500, 'api_error', 'down')), 'claude-x')).toEqual({ kind: 'unknown-model', model: 'claude-x', available: [] });
  });

  it.each([
    ['describing the model', 'claude-custom-7', /^\/v1\/models\//],
    ['counting the tokens', 'claude-sonnet-5-5', /count_tokens$/],
  ])('a refused key while %s stops the run, nothing billed sent', async (_when, model, route) => {
    const r = await run(model, KEY, failing(route, 401, 'authentication_error', 'invalid x-api-key'));
    expect(r).toEqual({ ok: false, error: { kind: 'api-failure', failure: { kind: 'auth', message: 'The API key was refused; check the key in the settings.' } } });
  });

  it.each([
    ['a key without access', 403, 'permission_error', 'no', undefined, 'permission'],
    ['an unpaid bill', 402, 'billing_error', 'pay', undefined, 'billing'],
    ['a spend limit', 429, 'rate_limit_error', 'limit', { error_code: 'enforced_spend_limit_reached' }, 'spend-limit'],
    ['a malformed request', 400, 'invalid_request_error', 'bad', undefined, 'bad-request'],
    ['a request too large', 413, 'request_too_large', 'big', undefined, 'too-large'],
    ['browser access refused', 401, 'authentication_error', 'CORS requests are not allowed for this Organization because of its settings.', undefined, 'cors-blocked'],
  ])('%s while counting stops the run', async (_name, status, type, message, details, kind) => {
    const r = await run('claude-sonnet-5-5', KEY, failing(/count_tokens$/, status, type, message, details));
    expect(!r.ok && r.error.kind === 'api-failure' && r.error.failure.kind).toBe(kind);
  });

  it('the network down while counting: characters ÷ 4, and the warning names where the API was looked for', async () => {
    const warnings: PlannerWarning[] = [];
    const r = await run('claude-sonnet-5-5', KEY, unreachable(/count_tokens$/), warnings);
    expect(r.ok && r.value.described.estimate.tokenSource).not.toBe('count_tokens');
    expect(warnings).toEqual([{ kind: 'other', message: `Tokens could not be counted with the API (The Anthropic API at ${server.url} could not be reached; check the network connection and the base URL), so the estimate counts characters ÷ 4.` }]);
  });

  it('the network down while describing the model: the output limit is assumed, and the warning names where', async () => {
    const warnings: PlannerWarning[] = [];
    const r = await run('claude-custom-7', KEY, unreachable(/^\/v1\/models\//), warnings);
    expect(r.ok && r.value.profile).toEqual(fallbackProfile('claude-custom-7'));
    expect(warnings[0]!.message).toBe(`The Models API could not describe "claude-custom-7" (The Anthropic API at ${server.url} could not be reached; check the network connection and the base URL), so its output limit was assumed to be 32000 tokens and no thinking settings are sent.`);
  });

  it('describes the outline call only when it is asked, at the prices of the settings', async () => {
    const withOutline = await run('claude-sonnet-5-5', '');
    const without = await preflight({ ...base, client: client(), apiKey: '', model: 'claude-sonnet-5-5', warnings: [], withOutline: false });
    if (!withOutline.ok || !without.ok) throw new Error('refused');
    expect(withOutline.value.described.requests.map((q) => q.call)).toEqual(['outline', ...base.units.map((u) => u.key)]);
    expect(without.value.described.requests.map((q) => q.call)).toEqual(base.units.map((u) => u.key));
    const cheap = await preflight({ ...base, settings: { ...DEFAULT_SETTINGS, prices: { 'claude-sonnet-5-5': { input: 0.001, output: 0.001 } } }, client: client(), apiKey: '', model: 'claude-sonnet-5-5', warnings: [] });
    if (!cheap.ok) throw new Error('refused');
    expect(cheap.value.described.estimate.costUsdTypical!).toBeLessThan(withOutline.value.described.estimate.costUsdTypical! / 100);
  });

  it('a flaky Models API: the output limit is assumed, with a warning', async () => {
    const warnings: PlannerWarning[] = [];
    const r = await run('claude-custom-7', KEY, failing(/^\/v1\/models\//, 500, 'api_error', 'oops'), warnings);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.profile).toEqual(fallbackProfile('claude-custom-7'));
    expect(warnings).toEqual([{ kind: 'other', message: 'The Models API could not describe "claude-custom-7" (The API failed with a server error (500); try again later), so its output limit was assumed to be 32000 tokens and no thinking settings are sent.' }]);
  });

  it('a count that fails for a passing reason: the estimate counts characters, with a warning', async () => {
    const warnings: PlannerWarning[] = [];
    const r = await run('claude-sonnet-5-5', KEY, failing(/count_tokens$/, 500, 'api_error', 'oops'), warnings);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.described.estimate.tokenSource).not.toBe('count_tokens');
    expect(r.value.described.requests.length).toBeGreaterThan(12);
    expect(warnings).toEqual([{ kind: 'other', message: 'Tokens could not be counted with the API (The API failed with a server error (500); try again later), so the estimate counts characters ÷ 4.' }]);
  });
});
