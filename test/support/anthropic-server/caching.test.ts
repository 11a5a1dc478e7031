import Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import { billedInputCost, billedInputTokens, CacheSimulator, startAnthropicServer, uncachedInputCost, type AnthropicServer } from './index';

let server: AnthropicServer;
let now = 1_000_000;
beforeAll(async () => {
  server = await startAnthropicServer({ now: () => now, echoLength: 40 });
});
afterEach(() => {
  server.reset();
  server.configure({ minCacheableTokens: 1024 });
});
afterAll(() => server.close());

const client = (): Anthropic => new Anthropic({ apiKey: 'test-key', baseURL: server.url, maxRetries: 0 });

const SYSTEM = 's'.repeat(8000); // 2000 tokens
const TOOL_DESC = 't'.repeat(6000);

function request(question: string, opts: { systemTtl?: '5m' | '1h'; system?: string; toolTtl?: '1h' } = {}): MessageCreateParamsNonStreaming {
  return {
    model: 'claude-sonnet-4-6',
    max_tokens: 100,
    ...(opts.toolTtl
      ? { tools: [{ name: 'lookup', description: TOOL_DESC, input_schema: { type: 'object' as const }, cache_control: { type: 'ephemeral' as const, ttl: opts.toolTtl } }] }
      : {}),
    system: [{ type: 'text', text: opts.system ?? SYSTEM, cache_control: { type: 'ephemeral', ...(opts.systemTtl ? { ttl: opts.systemTtl } : {}) } }],
    messages: [{ role: 'user', content: question }],
  };
}

describe('anthropic-server prompt caching', () => {
  it('writes the prefix on the first call and reads it on the second; input_tokens is the uncached tail', async () => {
    const first = await client().messages.stream({ ...request('What is W3?') }).finalMessage();
    expect(billedInputTokens(first.usage)).toBe(first.usage.input_tokens + 2000 * 1.25); // SDK usage type accepted
    expect(first.usage).toEqual(
      expect.objectContaining({
        cache_creation_input_tokens: 2000,
        cache_read_input_tokens: 0,
        input_tokens: Math.ceil((8000 + 11) / 4) - 2000,
        cache_creation: { ephemeral_5m_input_tokens: 2000, ephemeral_1h_input_tokens: 0 },
      }),
    );
    const second = await client().messages.create(request('And what does W4 depend on?'));
    expect(second.usage).toEqual(expect.objectContaining({ cache_creation_input_tokens: 0, cache_read_input_tokens: 2000, input_tokens: Math.ceil((8000 + 27) / 4) - 2000 }));
  });

  it('reports zeros below the minimum cacheable length', async () => {
    const usage = (await client().messages.create(request('Hi', { system: 'short system prompt' }))).usage;
    const again = (await client().messages.create(request('Hi', { system: 'short system prompt' }))).usage;
    for (const u of [usage, again]) {
      expect(u).toEqual(expect.objectContaining({ cache_creation_input_tokens: 0, cache_read_input_tokens: 0, input_tokens: Math.ceil(21 / 4) }));
    }
  });

  it('honours a configured minimum', async () => {
    server.configure({ minCacheableTokens: 4096 });
    const usage = (await client().messages.create(request('Hi'))).usage;
    expect(usage.cache_creation_input_tokens).toBe(0);
  });

  it('splits writes by TTL, reads the longest live prefix and expires 5m entries on the injected clock', async () => {
    const toolTokens = Math.ceil(JSON.stringify({ name: 'lookup', description: TOOL_DESC, input_schema: { type: 'object' } }).length / 4);
    const first = (await client().messages.create(request('Q1', { toolTtl: '1h' }))).usage;
    const written = first.cache_creation_input_tokens ?? 0;
    expect(first.cache_creation?.ephemeral_1h_input_tokens).toBe(toolTokens);
    expect(first.cache_creation?.ephemeral_5m_input_tokens).toBe(written - toolTokens);
    expect(written).toBeGreaterThan(toolTokens + 1999);

    now += 4 * 60_000; // within 5 minutes: the whole prefix is read, and the hit refreshes it
    const second = (await client().messages.create(request('Q2', { toolTtl: '1h' }))).usage;
    expect(second.cache_read_input_tokens).toBe(written);
    expect(second.cache_creation_input_tokens).toBe(0);

    now += 6 * 60_000; // the 5m system prefix has expired, the 1h tool prefix has not
    const third = (await client().messages.create(request('Q3', { toolTtl: '1h' }))).usage;
    expect(third.cache_read_input_tokens).toBe(toolTokens);
    expect(third.cache_creation_input_tokens).toBe(written - toolTokens);
    expect(third.cache_creation?.ephemeral_5m_input_tokens).toBe(third.cache_creation_input_tokens);
  });

  it('caches per model and forgets everything on reset()', async () => {
    await client().messages.create(request('Q'));
    const otherModel = (await client().messages.create({ ...request('Q'), model: 'claude-haiku-5-5' })).usage;
    expect(otherModel.cache_read_input_tokens).toBe(0);
    server.reset();
    expect(server.cache.size()).toBe(0);
    expect((await client().messages.create(request('Q'))).usage.cache_read_input_tokens).toBe(0);
  });

  it('treats a top-level cache_control as a breakpoint on the last block', () => {
    const sim = new CacheSimulator({ now: () => 0, minCacheableTokens: 10 });
    const body = { model: 'claude-sonnet-5-5', max_tokens: 1, messages: [{ role: 'user', content: 'u'.repeat(100) }], cache_control: { type: 'ephemeral' as const } };
    expect(sim.process(body)).toEqual(expect.objectContaining({ cache_creation_input_tokens: 25, input_tokens: 0 }));
    expect(sim.process(body)).toEqual(expect.objectContaining({ cache_read_input_tokens: 25, input_tokens: 0 }));
  });
});

describe('concurrent requests (prompt-caching page: an entry is available once the first response begins)', () => {
  it('a prefix written moments ago is not read until the writer\'s response has begun; the concurrent request writes it too', () => {
    let t = 0;
    const sim = new CacheSimulator({ now: () => t, minCacheableTokens: 10, visibleAfterMs: 500 });
    const body = (tail: string) => ({ model: 'claude-sonnet-5-5', max_tokens: 1, system: [{ type: 'text', text: 's'.repeat(400), cache_control: { type: 'ephemeral' as const } }], messages: [{ role: 'user', content: tail }] });
    expect(sim.process(body('a')).cache_creation_input_tokens).toBe(100);
    t = 100;
    expect(sim.process(body('b'))).toEqual(expect.objectContaining({ cache_creation_input_tokens: 100, cache_read_input_tokens: 0 }));
    t = 600;
    expect(sim.process(body('c'))).toEqual(expect.objectContaining({ cache_creation_input_tokens: 0, cache_read_input_tokens: 100 }));
  });
});

describe('billing helpers', () => {
  const usage = {
    input_tokens: 1000,
    cache_creation_input_tokens: 3000,
    cache_read_input_tokens: 10_000,
    cache_creation: { ephemeral_5m_input_tokens: 2000, ephemeral_1h_input_tokens: 1000 },
    output_tokens: 500,
  };

  it('weights writes 1.25× (5m) and 2× (1h), reads 0.1×', () => {
    expect(billedInputTokens(usage)).toBe(1000 + 2000 * 1.25 + 1000 * 2 + 10_000 * 0.1);
    expect(billedInputCost(usage, 3)).toBeCloseTo((6500 * 3) / 1e6, 12);
    expect(uncachedInputCost(usage, 3)).toBeCloseTo((14_000 * 3) / 1e6, 12);
  });

  it('counts writes without a TTL split as 5-minute writes', () => {
    expect(billedInputTokens({ input_tokens: 10, cache_creation_input_tokens: 100, cache_read_input_tokens: 0 })).toBe(135);
  });
});
