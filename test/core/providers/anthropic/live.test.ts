/** The provider against the local Anthropic server, with the unmodified SDK over real HTTP. */
import { startAnthropicServer, failFirst, type AnthropicServer } from '../../../support/anthropic-server';
import { requestOutline, type OutlineCallInput } from '../../../../src/core/providers/anthropic/outline-call';
import { createSectionGenerator, type SectionReporter } from '../../../../src/core/providers/anthropic/section-call';
import type { GenerateUnit } from '../../../../src/core/generation/run-units';
import type { CallUsage } from '../../../../src/core/providers/anthropic/usage';
import type { AnthropicFailure } from '../../../../src/core/providers/anthropic/errors';
import type { Timers } from '../../../../src/core/providers/anthropic/stream-call';
import { createAnthropicClient, listModels, DEFAULT_BASE_URL } from '../../../../src/core/providers/anthropic/client';
import { deriveOutline } from '../../../../src/core/plan/derive-outline';
import type { Outline } from '../../../../src/core/contracts/outline';
import { ScopeBuilder } from '../../../support/builders/ScopeBuilder';
import { knownProfile } from '../../../../src/core/providers/anthropic/models';
import { OUTLINE_INSTRUCTION_START, type RequestSettings } from '../../../../src/core/providers/anthropic/requests';
import { lastUserText } from '../../../support/anthropic-server';
import { API_KEY, client, context, drain, realTimers, unit } from './fixtures';

let server: AnthropicServer;
beforeAll(async () => {
  server = await startAnthropicServer({ settleMs: 10, minCacheableTokens: 1 });
});
afterEach(() => server.reset());
afterAll(() => server.close());

const b = new ScopeBuilder();
const scope = b.build();
const wbs = b.buildWbs();
const settings: RequestSettings = { model: 'claude-sonnet-5-5', profile: knownProfile('claude-sonnet-5-5')!, maxOutputTokens: 2000, caching: true, effort: { outline: 'medium', section: 'high' } };
const goodOutline: Outline = {
  modules: [
    { name: 'Invoice Service', taskIds: ['W2.1', 'W2.2'], mesoHeadings: ['4.1 W2 Invoice Service'], summary: 'Issues invoices.' },
    { name: 'Payment Gateway', taskIds: ['W2.3', 'W2.4', 'W2.5'], mesoHeadings: ['4.2 W2 Payment Gateway'], summary: 'Takes payments.' },
  ],
  endpoints: [
    { method: 'POST', path: '/v1/invoices', summary: 'Create.' },
    { method: 'GET', path: '/v1/invoices/{id}', summary: 'Read.' },
  ],
  entities: [{ name: 'Invoice', summary: 'A bill.' }],
  envVars: [],
  escalation: null,
};
const badOutline: Outline = { ...goodOutline, modules: [{ ...goodOutline.modules[0]!, taskIds: ['W2.1', 'W9.9'] }] };

function deps(extra: { idleTimeoutMs?: number; maxRetries?: number; timers?: Timers; firstTextTimeoutMs?: number; outputLimit?: number } = {}) {
  return { client: client(server.url), timers: realTimers, retryDelaysMs: [1], apiKey: API_KEY, ...extra };
}

function outlineInput(usages: CallUsage[] = []): OutlineCallInput {
  return { context: context(), settings, scope, wbs, mesoHeadings: b.mesoHeadings(), onUsage: (u) => usages.push(u) };
}

/** A reporter like the runner's, plus `discard`. */
function reporter() {
  const log: string[] = [];
  const r: SectionReporter = {
    retry: (attempt, reason) => log.push(`retry ${attempt}: ${reason}`),
    usage: (u) => log.push(`usage ${u.output}`),
    discard: () => log.push('discard'),
  };
  return { r, log };
}

/** Runs one section like the runner does: text is dropped on discard. */
async function section(opts: { idleTimeoutMs?: number; maxRetries?: number; timers?: Timers; firstTextTimeoutMs?: number; outputLimit?: number; signal?: AbortSignal; noDiscard?: boolean; onText?: (t: string) => void } = {}) {
  const usages: CallUsage[] = [];
  const { signal: _s, noDiscard: _n, onText: _t, ...depOpts } = opts;
  const gen = createSectionGenerator({ ...deps(depOpts), context: context(), settings, outline: goodOutline, onUsage: (u) => usages.push(u) });
  const { r, log } = reporter();
  if (opts.noDiscard) delete r.discard;
  let text = '';
  const origDiscard = r.discard;
  if (origDiscard) r.discard = () => { text = ''; origDiscard(); };
  const it = gen(unit(1, 'Invoice Service'), opts.signal ?? new AbortController().signal, r);
  const out: { result?: string; error?: unknown } = {};
  try {
    let step = await it.next();
    while (!step.done) {
      text += step.value;
      opts.onText?.(step.value);
      step = await it.next();
    }
    out.result = step.value;
  } catch (e) {
    out.error = e;
  }
  return { ...out, text, log, usages };
}

const TEXT = 'Purpose: the invoice service issues invoices every month for each customer account.';

describe('outline call', () => {
  it('accepts a valid outline', async () => {
    server.setScript({ text: JSON.stringify(goodOutline) });
    const r = await requestOutline(deps(), outlineInput(), new AbortController().signal);
    expect(r).toEqual({ ok: true, value: { kind: 'outline', outline: goodOutline, source: 'model', warnings: [] } });
    const body = server.messageRequests()[0]!.body as Record<string, unknown>;
    // No output_config.format: it would make the outline's cache entry one the sections cannot read.
    expect(body.output_config).toEqual({ effort: 'medium' });
    expect(server.messageRequests()).toHaveLength(1);
  });

  it('retries once with the validation errors, then accepts', async () => {
    server.enqueue({ text: JSON.stringify(badOutline) }, { text: JSON.stringify(goodOutline) });
    const usages: CallUsage[] = [];
    const r = await requestOutline(deps(), outlineInput(usages), new AbortController().signal);
    expect(r.ok && r.value.kind === 'outline' && r.value.source).toBe('model');
    const second = JSON.stringify(server.messageRequests()[1]!.body);
    expect(second).toContain('W9.9');
    expect(second).toContain('is in no module');
    expect(usages.map((u) => u.call)).toEqual(['outline', 'outline-retry']);
  });

  it('falls back to the derived outline with a warning when the answer is invalid twice', async () => {
    server.enqueue({ text: 'not json' }, { text: JSON.stringify({ modules: [] }) });
    const r = await requestOutline(deps(), outlineInput(), new AbortController().signal);
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.kind !== 'outline') throw new Error('expected an outline');
    expect(r.value.source).toBe('fallback');
    expect(r.value.outline).toEqual(deriveOutline(scope, wbs));
    expect(r.value.warnings[0]!.kind).toBe('outline-fallback');
    expect(server.messageRequests()).toHaveLength(2);
  });

  it('returns a model escalation as an Escalation with rule "model"', async () => {
    const escalation = { blocker: 'The meso plan says nothing about refunds.', mesoSection: '4. W2: Billing', evidence: ['No refund heading.'], questions: ['Are refunds in W2?'], recommendation: 'Add a refunds section.' };
    server.setScript({ text: JSON.stringify({ ...goodOutline, escalation }) });
    const r = await requestOutline(deps(), outlineInput(), new AbortController().signal);
    expect(r).toEqual({ ok: true, value: { kind: 'escalation', escalation: { rule: 'model', workstreamId: 'W2', workstreamName: 'Billing', ...escalation } } });
  });

  it('returns an API failure as an error value with our kind and no key', async () => {
    server.setScript({ fault: { kind: 'http-error', status: 401, type: 'authentication_error', message: `invalid x-api-key ${API_KEY}` } });
    const r = await requestOutline(deps(), outlineInput(), new AbortController().signal);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('auth');
    expect(JSON.stringify(r.error)).not.toContain(API_KEY);
  });
});

describe('requests on the wire and caching', () => {
  it('sends the planning set only, no sampling parameters, and the outline call writes the prefix the sections read', async () => {
    server.setScript((req) => (lastUserText(req).includes(OUTLINE_INSTRUCTION_START) ? { text: JSON.stringify(goodOutline) } : { text: TEXT }));
    const usages: CallUsage[] = [];
    const outline = await requestOutline(deps(), outlineInput(usages), new AbortController().signal);
    expect(outline.ok).toBe(true);
    const gen = createSectionGenerator({ ...deps(), context: context(), settings, outline: goodOutline, onUsage: (u) => usages.push(u) });
    for (const n of [1, 2, 3]) {
      const out = await drain(gen(unit(n, `Module ${n}`), new AbortController().signal));
      expect(out.items.join('')).toBe(TEXT);
      expect(out.result).toBe('complete');
    }
    const reqs = server.messageRequests();
    expect(reqs).toHaveLength(4);
    for (const r of reqs) {
      const body = r.body as Record<string, unknown>;
      const json = JSON.stringify(body);
      expect(body).toMatchObject({ model: 'claude-sonnet-5-5', max_tokens: 2000, stream: true, thinking: { type: 'adaptive', display: 'omitted' } });
      expect(body).not.toHaveProperty('output_config.format');
      expect(body).not.toHaveProperty('temperature');
      expect(json).not.toContain('SECRET-DIARY-CONTENT');
      expect(json).not.toContain('DOWNSTREAM-PLAN-CONTENT');
      expect(json).toContain('research/project-planning/PRD.md');
      expect(json).not.toContain(API_KEY);
      expect(r.headers['authorization']).toBe(`Bearer ${API_KEY}`);
    }
    const [o, s1, s2, s3] = usages;
    expect(o!.cacheWriteTokens).toBeGreaterThan(0);
    expect(o!.cacheReadTokens).toBe(0);
    expect(s1!.cacheReadTokens).toBe(o!.cacheWriteTokens); // breakpoint 1 read…
    expect(s1!.cacheWriteTokens).toBeGreaterThan(0); // …and breakpoint 2 written
    expect(s2!.cacheReadTokens).toBeGreaterThan(s1!.cacheReadTokens);
    expect(s2!.cacheWriteTokens).toBe(0);
    expect(s3!.cacheReadTokens).toBe(s2!.cacheReadTokens);
    expect(JSON.stringify(usages)).not.toContain(API_KEY);
    for (const u of usages) expect(u.costUsd).toBeGreaterThan(0);
  });

  it('the section generator fits the runner\'s GenerateUnit type', () => {
    const g: GenerateUnit = createSectionGenerator({ ...deps(), context: context(), settings, outline: goodOutline });
    expect(typeof g).toBe('function');
  });
});

describe('section call faults', () => {
  beforeEach(() => server.setScript({ text: TEXT, chunkChars: 8 }));

  it('429 three times then success: the SDK retries, honouring retry-after', async () => {
    server.enqueue(...failFirst(3, { kind: 'rate-limit', retryAfterMs: 5 }));
    const r = await section();
    expect(r.result).toBe('complete');
    expect(r.text).toBe(TEXT);
    expect(server.messageRequests().map((q) => q.attempt)).toEqual([0, 1, 2, 3]);
  });

  it.each([
    ['529', { kind: 'overloaded' as const, retryAfterMs: 1 }],
    ['500', { kind: 'server-error' as const, retryAfterMs: 1 }],
  ])('%s once then success', async (_n, fault) => {
    server.enqueue({ fault });
    const r = await section();
    expect(r.result).toBe('complete');
    expect(r.text).toBe(TEXT);
    expect(server.messageRequests()).toHaveLength(2);
  });

  it.each([
    ['a reset mid-stream', { kind: 'reset-mid-stream' as const, afterDeltas: 3 }],
    ['an error event', { kind: 'error-event' as const, afterDeltas: 3 }],
    ['a missing message_stop', { kind: 'truncate' as const, afterDeltas: 3 }],
  ])('%s then success: retried from the start, partial text discarded', async (_n, fault) => {
    server.enqueue({ fault });
    const r = await section();
    expect(r.error).toBeUndefined();
    expect(r.result).toBe('complete');
    expect(r.log.filter((l) => l.startsWith('retry') || l === 'discard')).toEqual([expect.stringMatching(/^retry 1: /), 'discard']);
    expect(r.text).toBe(TEXT);
    expect(server.messageRequests()).toHaveLength(2);
    const second = JSON.stringify(server.messageRequests()[1]!.body);
    expect(second).not.toContain(TEXT.slice(0, 16)); // never resumed as a prefill
  });

  it('a stall after the headers is abandoned by the watchdog and retried', async () => {
    server.enqueue({ fault: { kind: 'stall-after-headers', afterDeltas: 2 } });
    const r = await section({ idleTimeoutMs: 150 });
    expect(r.result).toBe('complete');
    expect(r.text).toBe(TEXT);
    expect(r.log.find((l) => l.startsWith('retry'))).toMatch(/^retry 1: The API sent nothing/);
  });

  it('pings keep a slow stream alive: only a cancel ends it, as cancelled', async () => {
    server.setScript({ text: TEXT, fault: { kind: 'stall-after-headers', afterDeltas: 1, pingEveryMs: 10 } });
    const ac = new AbortController();
    // Every byte re-arms the 250 ms watchdog. Cancel once pings alone have re-armed it 40 times: they
    // come 10 ms apart by the server's clock, so the stream has outlived the watchdog's timeout by then.
    let arms = 0;
    const timers: Timers = {
      ...realTimers,
      setTimer: (fn, ms) => {
        if (ms === 250 && ++arms === 40) queueMicrotask(() => ac.abort());
        return realTimers.setTimer(fn, ms);
      },
    };
    const r = await section({ idleTimeoutMs: 250, signal: ac.signal, timers });
    expect(arms).toBeGreaterThanOrEqual(40);
    expect((r.error as AnthropicFailure).kind).toBe('cancelled');
    expect(server.messageRequests()).toHaveLength(1);
  });

  it('past the retry budget the failure value is thrown: 1 + 3 attempts', async () => {
    server.setScript({ text: TEXT, fault: { kind: 'error-event', afterDeltas: 1 } });
    const r = await section();
    expect(r.error).toMatchObject({ kind: 'overloaded', message: expect.any(String) });
    expect(server.messageRequests()).toHaveLength(4);
    expect(r.log.filter((l) => l === 'discard')).toHaveLength(3);
  });

  it('without a discard hook, a failure after text is thrown rather than retried', async () => {
    server.enqueue({ fault: { kind: 'reset-mid-stream', afterDeltas: 3 } });
    const r = await section({ noDiscard: true });
    expect((r.error as AnthropicFailure).kind).toBe('stream-broken');
    expect(r.log.filter((l) => !l.startsWith('usage'))).toEqual([]);
    expect(server.messageRequests()).toHaveLength(1);
  });

  it('a failure before any text is retried even without a discard hook', async () => {
    server.enqueue({ fault: { kind: 'error-event', afterDeltas: 0 } });
    const r = await section({ noDiscard: true });
    expect(r.result).toBe('complete');
    expect(r.text).toBe(TEXT);
  });

  it('max_tokens ends the call as truncated and is not retried', async () => {
    server.setScript({ text: 'word '.repeat(5000) });
    const r = await section();
    expect(r.result).toBe('truncated');
    expect(server.messageRequests()).toHaveLength(1);
  });

  it('a refusal ends the call as refused and is not retried', async () => {
    server.setScript({ text: 'I cannot help with that.', stopReason: 'refusal' });
    const r = await section();
    expect(r.result).toBe('refused');
    expect(server.messageRequests()).toHaveLength(1);
  });

  it('a 400 is not retried and its message carries no key', async () => {
    server.setScript({ fault: { kind: 'http-error', status: 400, type: 'invalid_request_error', message: `bad thing near ${API_KEY}` } });
    const r = await section();
    const f = r.error as AnthropicFailure;
    expect(f.kind).toBe('bad-request');
    expect(f.message).not.toContain(API_KEY);
    expect(f.message).toContain('bad thing near');
    expect(server.messageRequests()).toHaveLength(1);
  });

  it('cancel gives kind cancelled', async () => {
    server.setScript({ text: TEXT, tokensPerSecond: 20 });
    const ac = new AbortController();
    // Cancel on the first text, while the rest is still on its way.
    const r = await section({ signal: ac.signal, onText: () => ac.abort() });
    expect((r.error as AnthropicFailure).kind).toBe('cancelled');
  });

  it('an already aborted signal sends nothing', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await section({ signal: ac.signal });
    expect((r.error as AnthropicFailure).kind).toBe('cancelled');
    expect(server.messageRequests()).toHaveLength(0);
  });
});

describe('client', () => {
  it('lists the models for the settings', async () => {
    expect(await listModels(client(server.url))).toContain('claude-sonnet-5-5');
  });

  it('passes the key and the public base URL explicitly, with at least 3 retries', () => {
    const c = createAnthropicClient({ apiKey: API_KEY, baseURL: '', maxRetries: 1 });
    expect(c.baseURL).toBe(DEFAULT_BASE_URL);
    expect(c.maxRetries).toBe(3);
    expect(c.apiKey).toBe(API_KEY);
  });

  it('an unreachable server is a connection failure after the SDK retries, not retried again', async () => {
    const dead = createAnthropicClient({ apiKey: API_KEY, baseURL: 'http://127.0.0.1:9' });
    const gen = createSectionGenerator({ client: dead, timers: realTimers, retryDelaysMs: [1], apiKey: API_KEY, context: context(), settings, outline: goodOutline });
    const r = await drain(gen(unit(1, 'A'), new AbortController().signal));
    expect((r.error as AnthropicFailure).kind).toBe('unreachable');
    expect(JSON.stringify(r.error)).not.toContain(API_KEY);
  }, 20000);
});

describe('thinking, room and timeouts', () => {
  afterEach(() => server.configure({ thinking: { tokens: 0 } }));

  it('thinking at effort high: only the text reaches the note, the thinking is billed as output', async () => {
    server.configure({ thinking: { tokens: { high: 1500 } } });
    server.setScript({ text: TEXT });
    const r = await section({ outputLimit: 8000 });
    expect(r.result).toBe('complete');
    expect(r.text).toBe(TEXT);
    expect(r.usages).toHaveLength(1);
    expect(r.usages[0]).toMatchObject({ thinkingTokens: 1500, outputTokens: 1500 + Math.ceil(TEXT.length / 4) });
    expect(server.messageRequests()[0]!.usage?.output_tokens).toBe(r.usages[0]!.outputTokens);
  });

  it('a call that stops at max_tokens is asked again with twice the room (up to the model limit); both attempts are billed', async () => {
    server.configure({ thinking: { tokens: { high: 1990 } } });
    server.setScript({ text: TEXT });
    const r = await section({ outputLimit: 8000 });
    expect(r.result).toBe('complete');
    expect(r.text).toBe(TEXT);
    expect(server.messageRequests().map((q) => (q.body as { max_tokens: number }).max_tokens)).toEqual([2000, 4000]);
    expect(r.usages.map((u) => u.outputTokens)).toEqual([2000, 1990 + Math.ceil(TEXT.length / 4)]);
    expect(r.log.find((l) => l.startsWith('retry'))).toMatch(/output limit of 2000 tokens.*room for 4000/);
  });

  it('at the model limit a truncated call stays truncated', async () => {
    server.configure({ thinking: { tokens: { high: 1990 } } });
    server.setScript({ text: TEXT });
    const r = await section({ outputLimit: 2000 });
    expect(r.result).toBe('truncated');
    expect(server.messageRequests()).toHaveLength(1);
  });

  it('a stream that thinks with pings only is not abandoned by the idle watchdog; the first-text wait bounds it', async () => {
    server.configure({ thinking: { tokens: { high: 400 }, tokensPerSecond: 1000, pingEveryMs: 40 } });
    server.setScript({ text: TEXT });
    const patient = await section({ idleTimeoutMs: 100, firstTextTimeoutMs: 5000 });
    expect(patient.result).toBe('complete');
    expect(server.messageRequests()).toHaveLength(1);
    server.reset();
    server.setScript({ text: TEXT });
    const hasty = await section({ idleTimeoutMs: 5000, firstTextTimeoutMs: 150, maxRetries: 0 });
    expect((hasty.error as AnthropicFailure).kind).toBe('stalled');
    expect((hasty.error as AnthropicFailure).message).toMatch(/no text for 0 seconds|no text for \d+ seconds/);
  });
});

describe('money errors and request ids', () => {
  it.each([
    ['a tier spend limit (429)', { kind: 'spend-limit' as const }, 'spend-limit', /monthly spend limit.*Retrying does not help/],
    ['a contract spend limit (429)', { kind: 'spend-limit' as const, limit: 'contract' as const }, 'spend-limit', /contract/],
    ['a spend limit you set (400)', { kind: 'spend-limit' as const, limit: 'own' as const }, 'spend-limit', /Settings → Limits/],
    ['a billing error (402)', { kind: 'billing' as const }, 'billing', /credit.*Billing/],
  ])('%s is its own kind, tried once (the SDK would retry a 429), with what to do and the request-id', async (_n, fault, kind, pattern) => {
    server.setScript({ fault });
    const r = await section();
    const f = r.error as AnthropicFailure;
    expect(f.kind).toBe(kind);
    expect(f.message).toMatch(pattern);
    expect(f.message).toContain(`request-id ${server.messageRequests()[0]!.requestId}`);
    expect(server.messageRequests()).toHaveLength(1);
  });

  it('a plain rate limit is still retried, and a mid-stream failure names its request-id', async () => {
    server.setScript({ text: TEXT, fault: { kind: 'error-event', afterDeltas: 1 } });
    const r = await section({ maxRetries: 0 });
    expect((r.error as AnthropicFailure).message).toMatch(/request-id req_mock_\d+/);
  });
});
