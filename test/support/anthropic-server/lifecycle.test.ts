import Anthropic from '@anthropic-ai/sdk';
import { startAnthropicServer } from './index';

const params = { model: 'claude-sonnet-4-6', max_tokens: 100, messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('anthropic-server lifecycle', () => {
  it('close() ends stalled requests and streams at once', async () => {
    const server = await startAnthropicServer();
    const client = new Anthropic({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
    server.enqueue({ fault: { kind: 'stall-before-headers' } }, { text: 'abc', fault: { kind: 'stall-after-headers', afterDeltas: 1, pingEveryMs: 5 } });
    const beforeHeaders = client.messages.create(params).then(() => 'resolved', () => 'rejected');
    const stream = client.messages.stream(params);
    const afterHeaders = stream.finalMessage().then(() => 'resolved', () => 'rejected');
    await stream.emitted('text');
    expect(server.messageRequests()).toHaveLength(2);

    // Neither stall ends by itself (no timeout before the headers, pings forever after them): close()
    // returning at all shows it ended both, where a plain http.Server#close would wait on them forever.
    await expect(server.close()).resolves.toBeUndefined();
    expect(await beforeHeaders).toBe('rejected');
    expect(await afterHeaders).toBe('rejected');
  });

  it('listens on 127.0.0.1 with a fresh random port each time', async () => {
    const a = await startAnthropicServer();
    const b = await startAnthropicServer();
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(a.port).not.toBe(b.port);
    await Promise.all([a.close(), b.close()]);
  });

  it('answers unknown routes with a 404 not_found_error and logs them', async () => {
    const server = await startAnthropicServer();
    const res = await fetch(`${server.url}/v1/nope`, { headers: { 'x-api-key': 'k', 'anthropic-version': '2026-10-21' } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe('not_found_error');
    expect(server.requests[0]).toEqual(expect.objectContaining({ method: 'GET', route: '/v1/nope', status: 404 }));
    await server.close();
  });
});
