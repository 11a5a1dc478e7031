/** The local server against the docs of the 5.5 models: thinking, per-model rules, the cache key, money errors. */
import Anthropic, { APIError, NotFoundError } from '@anthropic-ai/sdk';
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import { startAnthropicServer, type AnthropicServer } from './index';

let server: AnthropicServer;
let now = Date.parse('2026-12-03T12:00:00Z');
beforeAll(async () => {
  server = await startAnthropicServer({ now: () => now, thinking: { tokens: { low: 100, medium: 300, high: 900 } } });
});
afterEach(() => {
  server.reset();
  server.configure({ thinking: { tokens: { low: 100, medium: 300, high: 900 } } });
  now = Date.parse('2026-12-03T12:00:00Z');
});
afterAll(() => server.close());

const client = (opts: Partial<ConstructorParameters<typeof Anthropic>[0]> = {}): Anthropic => new Anthropic({ apiKey: 'test-key', baseURL: server.url, maxRetries: 0, ...opts });
const base = { model: 'claude-sonnet-5-5', max_tokens: 4000, messages: [{ role: 'user' as const, content: 'Write the section.' }] };

async function rawStream(body: unknown): Promise<string> {
  const res = await fetch(`${server.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'anthropic-version': '2026-10-21', 'x-api-key': 'k' }, body: JSON.stringify({ ...(body as object), stream: true }) });
  return res.text();
}

describe('thinking (platform.claude.com/docs/en/build-with-claude/thinking)', () => {
  it('Sonnet 5.5 thinks by default at effort high: an empty thinking block with a signature, its tokens billed as output', async () => {
    server.setScript({ text: 'The section text.' });
    const m = await client().messages.stream(base).finalMessage();
    expect(m.content.map((b) => b.type)).toEqual(['thinking', 'text']);
    const thinking = m.content[0] as { thinking: string; signature: string };
    expect(thinking.thinking).toBe('');
    expect(thinking.signature).toMatch(/^sig_/);
    expect(m.usage.output_tokens).toBe(900 + Math.ceil('The section text.'.length / 4));
    expect(m.usage.output_tokens_details?.thinking_tokens).toBe(900);
  });

  it('follows output_config.effort, and display summarized returns thinking text as thinking_delta events', async () => {
    server.setScript({ text: 'Done.' });
    const deltas: string[] = [];
    const stream = client().messages.stream({ ...base, thinking: { type: 'adaptive', display: 'summarized' }, output_config: { effort: 'low' } });
    stream.on('thinking', (d) => deltas.push(d));
    const m = await stream.finalMessage();
    expect(m.usage.output_tokens_details?.thinking_tokens).toBe(100);
    expect(deltas.join('').length).toBeGreaterThan(0);
    expect((m.content[0] as { thinking: string }).thinking).toBe(deltas.join(''));
  });

  it('streams the signature as a signature_delta just before content_block_stop, and pings while thinking', async () => {
    server.configure({ thinking: { tokens: 50, tokensPerSecond: 500, pingEveryMs: 20 } });
    server.setScript({ text: 'Text.' });
    const raw = await rawStream(base);
    const events = [...raw.matchAll(/^event: (\w+)$/gm)].map((x) => x[1]);
    const start = events.indexOf('content_block_start');
    const textStart = events.indexOf('content_block_start', start + 1);
    const thinkingPart = events.slice(start, textStart);
    expect(thinkingPart.filter((e) => e === 'ping').length).toBeGreaterThanOrEqual(3);
    expect(raw).toContain('"type":"signature_delta"');
    expect(raw.indexOf('"signature_delta"')).toBeLessThan(raw.indexOf('"type":"content_block_stop","index":0'));
    expect(raw).not.toContain('"thinking_delta"');
  });

  it('thinking counts against max_tokens: thinking past it leaves no text and stops at max_tokens', async () => {
    server.setScript({ text: 'Never written.' });
    const m = await client().messages.create({ ...base, max_tokens: 500 });
    expect(m.stop_reason).toBe('max_tokens');
    expect(m.content.map((b) => b.type)).toEqual(['thinking']);
    expect(m.usage.output_tokens).toBe(500);
  });

  it('a model without adaptive thinking does not think unless asked', async () => {
    server.setScript({ text: 'Plain.' });
    const m = await client().messages.create({ ...base, model: 'claude-sonnet-4-6' });
    expect(m.content.map((b) => b.type)).toEqual(['text']);
    expect(m.usage.output_tokens).toBe(2);
  });
});

describe('per-model rules', () => {
  const rejects = async (body: unknown, status: number, pattern: RegExp): Promise<void> => {
    // Streamed: the SDK refuses a non-streaming call with a large max_tokens before sending it.
    const e = await client()
      .messages.stream(body as MessageCreateParamsNonStreaming)
      .finalMessage()
      .then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(APIError);
    expect((e as APIError).status).toBe(status);
    expect((e as APIError).message).toMatch(pattern);
  };

  it.each([
    // whats-new-sonnet-5-5: "disabled" is a 400 pointing to between_tools
    ['thinking.disabled on Sonnet 5.5', { ...base, thinking: { type: 'disabled' } }, /between_tools/],
    // extended-thinking: 4.7 and later reject budget thinking
    ['budget thinking on Sonnet 5.5', { ...base, thinking: { type: 'enabled', budget_tokens: 2000 } }, /adaptive/],
    ['between_tools at effort max', { ...base, thinking: { type: 'between_tools' }, output_config: { effort: 'max' } }, /between_tools/],
    ['forced tool choice on Sonnet 5.5', { ...base, tools: [{ name: 't', input_schema: { type: 'object' } }], tool_choice: { type: 'tool', name: 't' } }, /forced tool use/],
    ['an assistant prefill on Sonnet 5.5', { ...base, messages: [...base.messages, { role: 'assistant', content: 'Partial' }] }, /prefill/],
    ['max_tokens over the model limit', { ...base, max_tokens: 128_001 }, /maximum allowed number of output tokens/],
    ['thinking.disabled on Opus 5.5 (always on)', { ...base, model: 'claude-opus-5-5', thinking: { type: 'disabled' } }, /always on/],
    ['adaptive thinking on Haiku 4.5', { ...base, model: 'claude-haiku-4-5', thinking: { type: 'adaptive' } }, /adaptive thinking is not supported/],
  ])('400 for %s', async (_name, body, pattern) => {
    await rejects(body, 400, pattern);
  });

  it('400 for sampling parameters on the 5.5 models, even under the old API version', async () => {
    const res = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': 'k' },
      body: JSON.stringify({ ...base, temperature: 0.2 }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/temperature/);
  });

  it('404 for an unknown model, on messages and on count_tokens; a retired one too (model-deprecations)', async () => {
    // The SDK warns about the deprecated model itself before it sends anything.
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(client().messages.create({ ...base, model: 'claude-nope-1' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(client().messages.countTokens({ model: 'claude-nope-1', messages: base.messages })).rejects.toBeInstanceOf(NotFoundError);
    await expect(client().messages.create({ ...base, model: 'claude-sonnet-4-5' })).rejects.toBeInstanceOf(NotFoundError);
    now = Date.parse('2026-11-01T00:00:00Z');
    await expect(client().messages.create({ ...base, model: 'claude-sonnet-4-5', max_tokens: 100 })).resolves.toMatchObject({ type: 'message' });
    // The Models API keeps the retired model as a record.
    now = Date.parse('2026-12-03T12:00:00Z');
    expect(await client().models.retrieve('claude-sonnet-4-5-20250929')).toMatchObject({ lifecycle: 'retired', max_tokens: 64_000 });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('claude-sonnet-4-5'));
    warn.mockRestore();
  });
});

describe('the cache key (prompt-caching page; structured-outputs page)', () => {
  const prefix = 'n'.repeat(4000); // 1000 tokens: above Sonnet 5.5's 512, below Sonnet 4.6's 1024
  const req = (extra: Partial<MessageCreateParamsNonStreaming> = {}, tail = 'Q'): MessageCreateParamsNonStreaming => ({
    ...base,
    max_tokens: 2000,
    system: [{ type: 'text', text: prefix, cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: tail }],
    ...extra,
  });

  it('caches 512+ token prefixes on the 5.5 models and not under 1024 on Sonnet 4.6', async () => {
    server.setScript({ text: 'ok' });
    expect((await client().messages.create(req())).usage.cache_creation_input_tokens).toBe(1000);
    expect((await client().messages.create(req({ model: 'claude-sonnet-4-6' }))).usage.cache_creation_input_tokens).toBe(0);
  });

  it('a call with output_config.format does not read a prefix written without one, and the other way round', async () => {
    server.setScript({ text: '{}' });
    const format = { format: { type: 'json_schema' as const, schema: { type: 'object', properties: {}, additionalProperties: false } } };
    await client().messages.create(req());
    const withFormat = await client().messages.create(req({ output_config: format }));
    expect(withFormat.usage.cache_read_input_tokens).toBe(0);
    expect(withFormat.usage.cache_creation_input_tokens).toBe(1000);
    expect((await client().messages.create(req({}, 'R'))).usage.cache_read_input_tokens).toBe(1000);
  });

  it('effort and thinking changes invalidate message blocks only: a system prefix survives them', async () => {
    server.setScript({ text: 'ok' });
    await client().messages.create(req({ output_config: { effort: 'medium' } }));
    expect((await client().messages.create(req({ output_config: { effort: 'high' } }, 'R'))).usage.cache_read_input_tokens).toBe(1000);
    const inMessages = (effort: 'medium' | 'high', tail: string): MessageCreateParamsNonStreaming => ({
      ...base,
      output_config: { effort },
      messages: [{ role: 'user', content: [{ type: 'text', text: prefix, cache_control: { type: 'ephemeral' } }, { type: 'text', text: tail }] }],
    });
    await client().messages.create(inMessages('medium', 'a'));
    expect((await client().messages.create(inMessages('medium', 'b'))).usage.cache_read_input_tokens).toBeGreaterThan(0);
    expect((await client().messages.create(inMessages('high', 'c'))).usage.cache_read_input_tokens).toBe(0);
  });
});

describe('money errors (platform.claude.com/docs/en/api/errors)', () => {
  it('402 billing_error', async () => {
    server.setScript({ fault: { kind: 'billing' } });
    const e = (await client().messages.create(base).catch((x: unknown) => x)) as APIError;
    expect(e.status).toBe(402);
    expect(e.type).toBe('billing_error');
    expect(e.requestID).toMatch(/^req_/);
  });

  it('a tier spend limit is a 429 with its error code and no retry-after; a limit you set is a 400', async () => {
    server.setScript({ fault: { kind: 'spend-limit' } });
    const tier = (await client().messages.create(base).catch((x: unknown) => x)) as APIError;
    expect(tier.status).toBe(429);
    expect(tier.errorCode).toBe('enforced_spend_limit_reached');
    expect(tier.constructor.name).toBe('EnforcedSpendLimitReachedError');
    expect(tier.headers?.get('retry-after')).toBeNull();
    server.setScript({ fault: { kind: 'spend-limit', limit: 'own' } });
    const own = (await client().messages.create(base).catch((x: unknown) => x)) as APIError;
    expect(own.status).toBe(400);
    expect(own.message).toMatch(/spend limit/);
  });
});
