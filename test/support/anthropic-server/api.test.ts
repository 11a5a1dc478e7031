import Anthropic from '@anthropic-ai/sdk';
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import { z } from 'zod';
import { CORS_BLOCKED, CORS_HEADER_MISSING, SERVER_MODELS, startAnthropicServer, type AnthropicServer } from './index';

let server: AnthropicServer;
beforeAll(async () => {
  server = await startAnthropicServer();
});
afterEach(() => {
  server.reset();
  server.configure({ corsMode: 'allow', jsonOutput: undefined });
});
afterAll(() => server.close());

const client = (opts: Partial<ConstructorParameters<typeof Anthropic>[0]> = {}): Anthropic =>
  new Anthropic({ apiKey: 'test-key', baseURL: server.url, maxRetries: 0, ...opts });

const params = { model: 'claude-sonnet-4-6', max_tokens: 1000, messages: [{ role: 'user' as const, content: 'Hi' }] };
const API_HEADERS = { 'content-type': 'application/json', 'anthropic-version': '2026-10-21' };

function post(path: string, body: unknown, headers: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
}

describe('anthropic-server request validation', () => {
  it('answers 401 authentication_error without credentials and accepts x-api-key', async () => {
    const missing = await post('/v1/messages', params, API_HEADERS);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual(expect.objectContaining({ type: 'error', error: expect.objectContaining({ type: 'authentication_error' }) }));
    const withKey = await post('/v1/messages', params, { ...API_HEADERS, 'x-api-key': 'k' });
    expect(withKey.status).toBe(200);
  });

  it('requires anthropic-version', async () => {
    const res = await post('/v1/messages', params, { 'content-type': 'application/json', 'x-api-key': 'k' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/anthropic-version/);
  });

  it('rejects temperature under 2026-10-21 (what the SDK sends) but not under 2023-06-01', async () => {
    const body = { ...params, temperature: 0.5 } as unknown as MessageCreateParamsNonStreaming;
    await expect(client().messages.create(body)).rejects.toMatchObject({ status: 400, type: 'invalid_request_error', message: expect.stringMatching(/temperature: Extra inputs are not permitted/) });
    const old = await post('/v1/messages', body, { ...API_HEADERS, 'anthropic-version': '2023-06-01', 'x-api-key': 'k' });
    expect(old.status).toBe(200);
    expect(server.requests[0]!.headers['anthropic-version']).toBe('2026-10-21');
  });

  it.each([
    ['empty messages', { ...params, messages: [] }, /messages/],
    ['non-integer max_tokens', { ...params, max_tokens: 1.5 }, /max_tokens/],
    ['missing model', { ...params, model: undefined }, /model/],
    ['system of non-text blocks', { ...params, system: [{ type: 'image' }] }, /system/],
  ])('rejects a body with %s', async (_name, body, pattern) => {
    const res = await post('/v1/messages', body, { ...API_HEADERS, 'x-api-key': 'k' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(pattern);
  });

  it('rejects a fifth cache_control breakpoint with 400', async () => {
    const block = (text: string) => ({ type: 'text' as const, text, cache_control: { type: 'ephemeral' as const } });
    const four = { ...params, system: [block('a'), block('b'), block('c')], messages: [{ role: 'user' as const, content: [block('d')] }] };
    await expect(client().messages.create(four)).resolves.toBeDefined();
    const five = { ...four, system: [...four.system, block('e')] };
    await expect(client().messages.create(five)).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/maximum of 4 blocks with cache_control/) });
  });
});

describe('anthropic-server count_tokens and models', () => {
  it('counts input tokens as ceil(chars / 4) over system, messages and tools', async () => {
    const { input_tokens } = await client().messages.countTokens({
      model: 'claude-sonnet-4-6',
      system: 'x'.repeat(40),
      messages: [{ role: 'user', content: 'y'.repeat(21) }],
    });
    expect(input_tokens).toBe(16);
    const withTools = await client().messages.countTokens({
      model: 'claude-sonnet-4-6',
      system: 'x'.repeat(40),
      messages: [{ role: 'user', content: 'y'.repeat(21) }],
      tools: [{ name: 'lookup', input_schema: { type: 'object' } }],
    });
    expect(withTools.input_tokens).toBeGreaterThan(16);
    expect(server.requests[0]!.route).toBe('/v1/messages/count_tokens');
  });

  it('serves a models list the SDK paginates', async () => {
    const ids: string[] = [];
    for await (const model of client().models.list({ limit: 2 })) ids.push(model.id);
    expect(ids).toEqual(SERVER_MODELS.map((m) => m.id));
    expect(server.requests.filter((r) => r.route === '/v1/models')).toHaveLength(Math.ceil(SERVER_MODELS.length / 2));
    const one = await client().models.retrieve('claude-sonnet-4-6');
    expect(one).toEqual(expect.objectContaining({ type: 'model', display_name: 'Claude Sonnet 4.6' }));
  });
});

describe('anthropic-server CORS', () => {
  it('answers a preflight with 204, ACAO * and the requested headers echoed', async () => {
    const requested = 'authorization, anthropic-version, content-type, x-stainless-retry-count';
    const res = await fetch(`${server.url}/v1/messages`, {
      method: 'OPTIONS',
      headers: { origin: 'app://obsidian.md', 'access-control-request-method': 'POST', 'access-control-request-headers': requested },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toBe(requested);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-max-age')).toBe('600');
  });

  it('adds ACAO and expose-headers only with anthropic-dangerous-direct-browser-access', async () => {
    const browser = await client({ dangerouslyAllowBrowser: true }).messages.create(params).withResponse();
    expect(browser.response.headers.get('access-control-allow-origin')).toBe('*');
    expect(browser.response.headers.get('access-control-expose-headers')).toBe('*');
    expect(server.requests[0]!.headers['anthropic-dangerous-direct-browser-access']).toBe('true');
    const plain = await client().messages.create(params).withResponse();
    expect(plain.response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('rejects an Origin request without the browser header: 401 and no ACAO', async () => {
    const res = await post('/v1/messages', params, { ...API_HEADERS, 'x-api-key': 'k', origin: 'app://obsidian.md' });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await res.json()) as { error: { message: string } }).error).toEqual({ type: 'authentication_error', message: CORS_HEADER_MISSING });
  });

  it('blocks browser requests in block-browser mode', async () => {
    server.configure({ corsMode: 'block-browser' });
    await expect(client({ dangerouslyAllowBrowser: true }).messages.create(params)).rejects.toMatchObject({ status: 401, type: 'authentication_error', message: expect.stringContaining(CORS_BLOCKED) });
    await expect(client().messages.create(params)).resolves.toBeDefined();
  });
});

describe('anthropic-server structured output', () => {
  const Answer = z.object({ answer: z.number(), note: z.string() });

  it('returns the test-supplied JSON and the SDK fills parsed_output (stream and parse)', async () => {
    server.configure({ jsonOutput: { answer: 4, note: 'two plus two' } });
    const stream = client().messages.stream({ ...params, output_config: { format: zodOutputFormat(Answer) } });
    const streamed = await stream.finalMessage();
    expect(streamed.parsed_output).toEqual({ answer: 4, note: 'two plus two' });
    const parsed = await client().messages.parse({ ...params, output_config: { format: zodOutputFormat(Answer) } });
    expect(parsed.parsed_output).toEqual({ answer: 4, note: 'two plus two' });
    const sent = server.requests[0]!.body as { output_config: { format: { type: string; schema: { required: string[] } } } };
    expect(sent.output_config.format.type).toBe('json_schema');
    expect(sent.output_config.format.schema.required).toEqual(['answer', 'note']);
  });

  it('builds a schema-valid example when the test supplies no JSON', async () => {
    const parsed = await client().messages.parse({ ...params, output_config: { format: zodOutputFormat(Answer) } });
    expect(parsed.parsed_output).toEqual({ answer: 0, note: 'mock' });
  });

  it('makes the SDK reject JSON that fails the schema', async () => {
    server.configure({ jsonOutput: { answer: 'four' } });
    await expect(client().messages.parse({ ...params, output_config: { format: zodOutputFormat(Answer) } })).rejects.toThrow(/Failed to parse structured output/);
  });
});
