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
    const client = createAnthropicClient({ apiKey: 'sk-ant-test', baseURL: server.url, browser: true, fetch: requestUrlFetch() });
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
