import Anthropic from '@anthropic-ai/sdk';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replayTranscript, startAnthropicServer, type AnthropicServer } from './index';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'sse');
const fixture = (name: string): string => readFileSync(join(FIXTURES, `${name}.sse`), 'utf8');

let server: AnthropicServer;
beforeAll(async () => {
  server = await startAnthropicServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

const client = (opts: Partial<ConstructorParameters<typeof Anthropic>[0]> = {}): Anthropic =>
  new Anthropic({ apiKey: 'test-key', baseURL: server.url, maxRetries: 0, ...opts });

const params = { model: 'claude-sonnet-4-6', max_tokens: 1000, messages: [{ role: 'user' as const, content: 'Hi' }] };

/** Raw SSE body of a streaming request, read with plain fetch. */
async function rawStream(body: object): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(`${server.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer k', 'anthropic-version': '2026-10-21' },
    body: JSON.stringify({ ...body, stream: true }),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('anthropic-server streaming', () => {
  it('streams events in the API order and the SDK accumulates text, usage and request id', async () => {
    const text = '## Plan\n\nStep one, then step two.';
    server.setScript({ text, chunkChars: 5 });
    const seen: string[] = [];
    const deltas: string[] = [];
    const stream = client().messages.stream(params);
    stream.on('streamEvent', (ev) => seen.push(ev.type));
    stream.on('text', (delta) => deltas.push(delta));
    const wireDeltas: unknown[] = [];
    stream.on('streamEvent', (ev) => {
      if (ev.type === 'message_delta') wireDeltas.push(ev.usage);
    });
    const message = await stream.finalMessage();

    expect(seen[0]).toBe('message_start');
    expect(seen[1]).toBe('content_block_start');
    expect(seen.slice(2, -3).every((t) => t === 'content_block_delta')).toBe(true);
    expect(seen.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    expect(deltas.join('')).toBe(text);
    expect(deltas.length).toBe(Math.ceil(text.length / 5));
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text })]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toEqual(expect.objectContaining(wireDeltas[0] as object));
    expect(message.usage.output_tokens).toBe(Math.ceil(text.length / 4));
    expect(stream.request_id).toBe(server.requests[0]!.requestId);
    expect(server.requests[0]!.headers['x-stainless-helper-method']).toBe('stream');
    expect(server.requests[0]!.headers.authorization).toBe('Bearer test-key');
  });

  it('sends SSE headers and a ping after the first content_block_start', async () => {
    server.setScript({ text: 'abc' });
    const { status, headers, text } = await rawStream(params);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(headers.get('request-id')).toMatch(/^req_mock_/);
    const names = [...text.matchAll(/^event: (\S+)$/gm)].map((m) => m[1]);
    expect(names).toEqual(['message_start', 'content_block_start', 'ping', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    const datas = [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!) as { type: string });
    expect(datas.map((d) => d.type)).toEqual(names);
  });

  it('generates exactly the hello-world transcript', async () => {
    server.setScript({ text: 'Hello, world', chunkChars: 7 });
    const { text } = await rawStream(params);
    expect(text).toBe(fixture('hello-world'));
  });

  it('generates exactly the tool-use transcript, with a leading empty input_json_delta', async () => {
    server.setScript({ toolUse: { name: 'get_weather', input: { city: 'Paris' } }, chunkChars: 8 });
    const { text } = await rawStream(params);
    expect(text).toBe(fixture('tool-use'));
  });

  it('replays a transcript file byte for byte and the SDK yields its text', async () => {
    server.setScript(replayTranscript(join(FIXTURES, 'hello-world.sse')));
    const stream = client().messages.stream({ ...params, model: 'claude-sonnet-5-5' });
    const message = await stream.finalMessage();
    expect(await stream.finalText()).toBe('Hello, world');
    expect(message.id).toBe('msg_mock_0001');
    expect(message.usage.output_tokens).toBe(3);
  });

  it('streams tool input through inputJson and ends with stop_reason tool_use', async () => {
    server.setScript({ text: 'Let me check.', toolUse: { name: 'get_weather', input: { city: 'Paris', days: 3 } }, chunkChars: 4 });
    const partials: string[] = [];
    const stream = client().messages.stream({ ...params, tools: [{ name: 'get_weather', input_schema: { type: 'object' } }] });
    stream.on('inputJson', (partial) => partials.push(partial));
    const message = await stream.finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content[1]).toEqual(expect.objectContaining({ type: 'tool_use', name: 'get_weather', input: { city: 'Paris', days: 3 } }));
    expect(partials.join('')).toBe(JSON.stringify({ city: 'Paris', days: 3 }));
  });

  it('truncates at max_tokens and says so', async () => {
    server.setScript({ text: 'x'.repeat(100) });
    const message = await client().messages.stream({ ...params, max_tokens: 10 }).finalMessage();
    expect(message.stop_reason).toBe('max_tokens');
    expect(message.content[0]).toEqual(expect.objectContaining({ text: 'x'.repeat(40) }));
    expect(message.usage.output_tokens).toBe(10);
  });

  it('reports a scripted refusal', async () => {
    server.setScript({ text: 'I cannot help with that.', stopReason: 'refusal' });
    const message = await client().messages.stream(params).finalMessage();
    expect(message.stop_reason).toBe('refusal');
  });

  it('answers a non-streaming create with a JSON Message', async () => {
    server.setScript({ text: 'Plain answer.' });
    const { data, response, request_id } = await client().messages.create(params).withResponse();
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(data.content).toEqual([{ type: 'text', text: 'Plain answer.' }]);
    expect(data.stop_reason).toBe('end_turn');
    expect(data.usage).toEqual(expect.objectContaining({ input_tokens: 1, output_tokens: 4, cache_read_input_tokens: 0 }));
    expect(request_id).toBe(server.requests[0]!.requestId);
  });

  it('echoes deterministic Markdown of the configured length by default', async () => {
    server.configure({ echoLength: 120 });
    const a = await client().messages.create({ ...params, messages: [{ role: 'user', content: 'Plan W3' }] });
    const b = await client().messages.create({ ...params, messages: [{ role: 'user', content: 'Plan W3' }] });
    const text = (a.content[0] as { text: string }).text;
    expect(text).toHaveLength(120);
    expect(text).toContain('Plan W3');
    expect(b.content).toEqual(a.content);
    server.configure({ echoLength: 400 });
  });

  it('delivers slow tokens at the scripted speed', async () => {
    server.setScript({ text: 'a'.repeat(40), chunkChars: 8, tokensPerSecond: 100 }); // 5 deltas × 2 tokens → 20 ms apart
    const times: number[] = [];
    const stream = client().messages.stream(params);
    stream.on('text', () => times.push(Date.now()));
    await stream.finalMessage();
    expect(times).toHaveLength(5);
    expect(times[4]! - times[0]!).toBeGreaterThanOrEqual(70);
  });

  it('selects a scenario by base-URL path prefix and records it', async () => {
    server.setScenario('short', { text: 'scenario text' });
    const message = await client({ baseURL: server.scenarioUrl('short') }).messages.stream(params).finalMessage();
    expect(message.content[0]).toEqual(expect.objectContaining({ text: 'scenario text' }));
    expect(server.requests[0]).toEqual(expect.objectContaining({ scenario: 'short', route: '/v1/messages', path: '/s/short/v1/messages' }));
  });

  it('selects a scenario by x-mock-scenario header', async () => {
    server.setScenario('by-header', { text: 'from header' });
    const c = client({ defaultHeaders: { 'x-mock-scenario': 'by-header' } });
    expect(await c.messages.stream(params).finalText()).toBe('from header');
    expect(server.requests[0]!.scenario).toBe('by-header');
  });

  it('frames events with CRLF when asked and the SDK still parses them', async () => {
    server.setScript({ text: 'crlf text', crlf: true });
    const { text } = await rawStream(params);
    expect(text).toContain('event: message_start\r\ndata: ');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(await client().messages.stream(params).finalText()).toBe('crlf text');
  });
});
