import Anthropic, {
  AnthropicError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  InternalServerError,
  OverloadedError,
} from '@anthropic-ai/sdk';
import { failFirst, startAnthropicServer, type AnthropicServer } from './index';

let server: AnthropicServer;
beforeAll(async () => {
  server = await startAnthropicServer({ settleMs: 10 });
});
afterEach(() => server.reset());
afterAll(() => server.close());

const client = (opts: Partial<ConstructorParameters<typeof Anthropic>[0]> = {}): Anthropic =>
  new Anthropic({ apiKey: 'test-key', baseURL: server.url, maxRetries: 2, ...opts });

const params = { model: 'claude-sonnet-4-6', max_tokens: 1000, messages: [{ role: 'user' as const, content: 'Hi' }] };
const TEXT = 'one two three four five six seven eight';

/** Runs a stream to completion and reports what the app saw. */
async function run(c: Anthropic, signal?: AbortSignal) {
  const stream = c.messages.stream(params, signal ? { signal } : {});
  const texts: string[] = [];
  const events: string[] = [];
  stream.on('text', (d) => texts.push(d));
  stream.on('error', () => events.push('error'));
  stream.on('end', () => events.push('end'));
  const outcome = await stream.finalMessage().then(
    (message) => ({ message, error: undefined }),
    (error: unknown) => ({ message: undefined, error }),
  );
  return { ...outcome, texts, events };
}

describe('anthropic-server faults', () => {
  it('429, 429, then success: retried after retry-after-ms with retry counts 0, 1, 2', async () => {
    server.setScript({ text: TEXT });
    server.enqueue(...failFirst(2, { kind: 'rate-limit', retryAfterSeconds: 30, retryAfterMs: 15 }));
    const { message } = await run(client());
    expect(message?.content[0]).toEqual(expect.objectContaining({ text: TEXT }));
    const reqs = server.messageRequests();
    expect(reqs.map((r) => r.attempt)).toEqual([0, 1, 2]);
    expect(reqs.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(reqs.map((r) => r.fault)).toEqual(['rate-limit', 'rate-limit', undefined]);
    expect(reqs[1]!.receivedAt - reqs[0]!.receivedAt).toBeGreaterThanOrEqual(12);
    expect(reqs[2]!.receivedAt - reqs[0]!.receivedAt).toBeLessThan(2000); // retry-after-ms beat retry-after: 30
  });

  it('529 on every attempt gives OverloadedError after maxRetries + 1 attempts', async () => {
    server.setScript({ fault: { kind: 'overloaded', retryAfterMs: 1 } });
    const { error } = await run(client({ maxRetries: 3 }));
    expect(error).toBeInstanceOf(OverloadedError);
    expect((error as APIError).status).toBe(529);
    expect((error as APIError).type).toBe('overloaded_error');
    expect(server.messageRequests().map((r) => r.attempt)).toEqual([0, 1, 2, 3]);
  });

  it('500 on every attempt gives InternalServerError with the request id', async () => {
    server.setScript({ fault: { kind: 'server-error', retryAfterMs: 1 } });
    const { error } = await run(client({ maxRetries: 1 }));
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as APIError).requestID).toBe(server.requests[1]!.requestId);
    expect(server.messageRequests()).toHaveLength(2);
  });

  it('a 400 http-error is not retried', async () => {
    server.setScript({ fault: { kind: 'http-error', status: 400, type: 'invalid_request_error', message: 'nope' } });
    const { error } = await run(client());
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(server.messageRequests()).toHaveLength(1);
  });

  it('a reset before headers is an APIConnectionError and is retried', async () => {
    server.setScript({ text: TEXT });
    server.enqueue({ fault: { kind: 'reset-before-headers' } });
    const ok = await run(client());
    expect(ok.message?.content[0]).toEqual(expect.objectContaining({ text: TEXT }));
    expect(server.messageRequests().map((r) => r.attempt)).toEqual([0, 1]);

    server.reset();
    server.setScript({ fault: { kind: 'reset-before-headers' } });
    const failed = await run(client({ maxRetries: 0 }));
    expect(failed.error).toBeInstanceOf(APIConnectionError);
  });

  it('a reset mid-stream after k deltas fails with "terminated" and is not retried', async () => {
    server.setScript({ text: TEXT, chunkChars: 4, fault: { kind: 'reset-mid-stream', afterDeltas: 3 } });
    const { error, texts, events } = await run(client());
    expect(error).toBeInstanceOf(AnthropicError);
    expect(error).not.toBeInstanceOf(APIError);
    expect(String((error as Error).message)).toMatch(/terminated/);
    expect(texts.join('')).toBe(TEXT.slice(0, 12));
    expect(events).toEqual(['error', 'end']);
    expect(server.messageRequests()).toHaveLength(1);
  });

  it('event: error mid-stream is an APIError without status, type overloaded_error, not retried', async () => {
    server.setScript({ text: TEXT, chunkChars: 4, fault: { kind: 'error-event', afterDeltas: 2 } });
    const { error, texts } = await run(client());
    expect(error).toBeInstanceOf(APIError);
    expect(error).not.toBeInstanceOf(OverloadedError);
    expect((error as APIError).status).toBeUndefined();
    expect((error as APIError).type).toBe('overloaded_error');
    expect(texts).toHaveLength(2);
    expect(server.messageRequests()).toHaveLength(1);
  });

  it('a stream ending without message_stop emits no error, only end, and finalMessage rejects', async () => {
    server.setScript({ text: TEXT, fault: { kind: 'truncate', withMessageDelta: true } });
    const { error, texts, events } = await run(client());
    expect(texts.join('')).toBe(TEXT);
    expect(events).toEqual(['end']);
    expect(String((error as Error).message)).toMatch(/stream ended without producing a Message/);
  });

  it('a stall after headers (pings only) outlives the SDK timeout and ends with an app-side abort', async () => {
    server.setScript({ text: TEXT, fault: { kind: 'stall-after-headers', afterDeltas: 1, pingEveryMs: 25 } });
    const controller = new AbortController();
    // The SDK drops pings before the app sees events, so they are counted on the wire. The app aborts
    // once the stall has outlived the SDK's 250 ms timeout by the server's own clock: after 14 pings sent
    // at least 25 ms apart (the first comes with the message's opening events). The timeout is wide so
    // that a loaded machine still delivers the headers within it (at 40 ms it once timed out before them).
    let pings = 0;
    const counting: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const decoder = new TextDecoder();
      const body = res.body!.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, out) {
            pings += decoder.decode(chunk, { stream: true }).split('event: ping').length - 1;
            if (pings >= 14) queueMicrotask(() => controller.abort());
            out.enqueue(chunk);
          },
        }),
      );
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    };
    const { error, texts, events } = await run(client({ timeout: 250, fetch: counting }), controller.signal);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(pings).toBeGreaterThanOrEqual(14);
    expect(texts).toHaveLength(1);
    expect(events).toContain('end');
    expect(server.messageRequests()).toHaveLength(1);
  });

  it('a stall before headers times out each attempt: APIConnectionTimeoutError after retries', async () => {
    server.setScript({ fault: { kind: 'stall-before-headers' } });
    const { error } = await run(client({ timeout: 40, maxRetries: 1 }));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(server.messageRequests().map((r) => r.attempt)).toEqual([0, 1]);
  });

  it('malformed JSON in a data line fails the stream with a SyntaxError cause', async () => {
    server.setScript({ text: TEXT, fault: { kind: 'malformed-json', afterDeltas: 1 } });
    const logged = jest.fn();
    const logger = { error: logged, warn: jest.fn(), info: jest.fn(), debug: jest.fn() };
    const { error, texts } = await run(client({ logger }));
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/Could not parse message into JSON/), expect.anything());
    expect(error).toBeInstanceOf(AnthropicError);
    const cause = (error as { cause?: unknown }).cause;
    expect(cause).toEqual(expect.objectContaining({ name: 'SyntaxError' }));
    expect(texts).toHaveLength(1);
  });

  it('a queued fault applies only to the next request', async () => {
    server.setScript({ text: TEXT });
    server.enqueue({ fault: { kind: 'http-error', status: 403, type: 'permission_error' } });
    const first = await run(client());
    const second = await run(client());
    expect(first.error).toBeInstanceOf(Anthropic.PermissionDeniedError);
    expect(second.message?.content[0]).toEqual(expect.objectContaining({ text: TEXT }));
  });

  it('a non-streaming create cut mid-body fails and is not retried', async () => {
    server.setScript({ text: TEXT, fault: { kind: 'reset-mid-stream', afterDeltas: 0 } });
    await expect(client().messages.create(params)).rejects.toThrow(/terminated/);
    expect(server.messageRequests()).toHaveLength(1);
  });
});
