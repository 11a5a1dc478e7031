import { requestLog, setRequestUrlHandler } from '../../__mocks__/obsidian';
import { startAnthropicServer, type AnthropicServer } from '../../support/anthropic-server';
import { BROWSER_ACCESS_HEADER, requestUrlFetch } from '../../../src/obsidian/planning/network';
import { createAnthropicClient } from '../../../src/core/providers/anthropic';

/** Stands in for Obsidian's network layer: the request leaves from Node, with no Origin, as in the app. */
function forwardThroughNode(): void {
  setRequestUrlHandler(async (req) => {
    const res = await fetch(req.url, { method: req.method ?? 'GET', headers: req.headers, body: typeof req.body === 'string' ? req.body : undefined });
    const text = await res.text();
    return { status: res.status, text, headers: Object.fromEntries(res.headers.entries()) };
  });
}

describe('"Use Obsidian network": a fetch over requestUrl', () => {
  let server: AnthropicServer;
  beforeAll(async () => {
    server = await startAnthropicServer({ corsMode: 'block-browser' });
  });
  afterAll(async () => {
    setRequestUrlHandler(null);
    await server.close();
  });

  it('gets through for an organisation that blocks browser calls: no browser-access header, the text arrives whole', async () => {
    forwardThroughNode();
    server.setScript({ text: 'Hello from the API.' });
    const client = createAnthropicClient({ apiKey: 'sk-ant-test', baseURL: server.url, browser: true, fetch: requestUrlFetch({ later: (fn, ms) => void setTimeout(fn, ms).unref() }) });
    const deltas: string[] = [];
    const stream = client.messages.stream({ model: 'claude-sonnet-5-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
    stream.on('text', (d) => deltas.push(d));
    const message = await stream.finalMessage();
    expect(message.stop_reason).toBe('end_turn');
    expect(deltas.join('')).toBe('Hello from the API.');
    expect(requestLog).toHaveLength(1);
    expect(Object.keys(requestLog[0]!.headers ?? {}).map((h) => h.toLowerCase())).not.toContain(BROWSER_ACCESS_HEADER);
    expect(server.messageRequests()[0]!.headers[BROWSER_ACCESS_HEADER]).toBeUndefined();
  });

  it('the platform fetch with the browser header is what that organisation refuses', async () => {
    const client = createAnthropicClient({ apiKey: 'sk-ant-test', baseURL: server.url, browser: true, maxRetries: 3 });
    await expect(client.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status: 401 });
  });
});

describe('"Use Obsidian network": a timeout covers a whole call, and a completed answer is never fetched twice', () => {
  let server: AnthropicServer;
  beforeAll(async () => {
    server = await startAnthropicServer();
  });
  afterEach(() => {
    setRequestUrlHandler(null);
    server.reset();
  });
  afterAll(async () => server.close());

  /** Obsidian's network layer: the whole answer, after the whole generation (here `delayMs`). */
  function slowForward(delayMs: number): void {
    setRequestUrlHandler(async (req) => {
      const res = await fetch(req.url, { method: req.method ?? 'GET', headers: req.headers, body: typeof req.body === 'string' ? req.body : undefined });
      const text = await res.text();
      await new Promise((r) => setTimeout(r, delayMs));
      return { status: res.status, text, headers: Object.fromEntries(res.headers.entries()) };
    });
  }
  const nodeTimers = { later: (fn: () => void, ms: number) => void setTimeout(fn, ms).unref() };

  it('the SDK gives up waiting (its timeout) and retries: the retry gets the first request\'s answer; one request is sent and billed', async () => {
    slowForward(400);
    server.setScript({ text: 'The whole section, at last.' });
    const client = createAnthropicClient({ apiKey: 'sk-ant-test', baseURL: server.url, browser: true, fetch: requestUrlFetch(nodeTimers), timeoutMs: 150 });
    const message = await client.messages.stream({ model: 'claude-sonnet-5-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
    expect(message.content.find((b) => b.type === 'text')).toMatchObject({ text: 'The whole section, at last.' });
    expect(server.messageRequests()).toHaveLength(1);
  });

  it('a new request (another body) is sent as usual', async () => {
    slowForward(0);
    server.setScript({ text: 'ok' });
    const f = requestUrlFetch(nodeTimers);
    const client = createAnthropicClient({ apiKey: 'sk-ant-test', baseURL: server.url, browser: true, fetch: f });
    await client.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 100, messages: [{ role: 'user', content: 'one' }] });
    await client.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 100, messages: [{ role: 'user', content: 'two' }] });
    await client.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 100, messages: [{ role: 'user', content: 'one' }] });
    expect(server.messageRequests()).toHaveLength(3);
  });
});
