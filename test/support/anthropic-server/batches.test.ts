import Anthropic from '@anthropic-ai/sdk';
import type { MessageBatchIndividualResponse } from '@anthropic-ai/sdk/resources/messages/batches';
import { startAnthropicServer, type AnthropicServer } from './index';

let server: AnthropicServer;
beforeAll(async () => {
  server = await startAnthropicServer({ minCacheableTokens: 100 });
});
afterEach(() => server.reset());
afterAll(() => server.close());

const client = (): Anthropic => new Anthropic({ apiKey: 'test-key', baseURL: server.url, maxRetries: 0 });
const MODEL = 'claude-sonnet-4-6';
const LONG = 'Shared planning notes. '.repeat(120);

/** A request with a long cached system prefix (the planner's shape) and its own question. */
const request = (id: string, question = `Question ${id}`) => ({
  custom_id: id,
  params: {
    model: MODEL,
    max_tokens: 500,
    system: [{ type: 'text' as const, text: LONG, cache_control: { type: 'ephemeral' as const, ttl: '1h' as const } }],
    messages: [{ role: 'user' as const, content: question }],
  },
});

async function all(batchId: string): Promise<MessageBatchIndividualResponse[]> {
  const out: MessageBatchIndividualResponse[] = [];
  for await (const r of await client().messages.batches.results(batchId)) out.push(r);
  return out;
}

describe('Message Batches on the local server (real SDK over HTTP)', () => {
  it('creates a batch, keeps every request under processing until it ends, then serves JSONL results from an absolute results_url', async () => {
    server.paceBatches({ requestsPerPoll: 1 });
    const c = client();
    const created = await c.messages.batches.create({ requests: [request('a'), request('b'), request('c')] });
    expect(created).toMatchObject({ type: 'message_batch', processing_status: 'in_progress', results_url: null, ended_at: null });
    expect(created.id).toMatch(/^msgbatch_/);
    expect(Date.parse(created.expires_at) - Date.parse(created.created_at)).toBe(24 * 60 * 60 * 1000);
    // retrieve page: requests stay under `processing` until the whole batch has ended.
    const first = await c.messages.batches.retrieve(created.id);
    expect(first.processing_status).toBe('in_progress');
    expect(first.request_counts).toEqual({ processing: 3, succeeded: 0, errored: 0, canceled: 0, expired: 0 });
    // The SDK refuses to fetch results before there is a results_url.
    await expect(c.messages.batches.results(created.id)).rejects.toThrow(/results_url/);
    await c.messages.batches.retrieve(created.id);
    const ended = await c.messages.batches.retrieve(created.id);
    expect(ended.processing_status).toBe('ended');
    expect(ended.request_counts).toEqual({ processing: 0, succeeded: 3, errored: 0, canceled: 0, expired: 0 });
    expect(ended.results_url).toBe(`${server.url}/v1/messages/batches/${created.id}/results`);

    const results = await all(created.id);
    // Not in request order (batch-processing page): match by custom_id.
    expect(results.map((r) => r.custom_id)).toEqual(['c', 'b', 'a']);
    for (const r of results) {
      expect(r.result.type).toBe('succeeded');
      if (r.result.type === 'succeeded') expect(r.result.message.content[0]).toMatchObject({ type: 'text' });
    }
    const resultsRequest = server.requests.find((q) => q.route.endsWith('/results'))!;
    expect(resultsRequest.headers['accept']).toBe('application/binary');
  });

  it('accounts usage as /v1/messages does: the first request writes the shared 1-hour prefix, the others read it', async () => {
    const c = client();
    const b = await c.messages.batches.create({ requests: [request('one'), request('two'), request('three')] });
    await c.messages.batches.retrieve(b.id);
    const byId = new Map((await all(b.id)).map((r) => [r.custom_id, r.result]));
    const usage = (id: string) => {
      const r = byId.get(id)!;
      if (r.type !== 'succeeded') throw new Error(id);
      return r.message.usage;
    };
    expect(usage('one').cache_creation_input_tokens).toBeGreaterThan(100);
    expect(usage('one').cache_creation?.ephemeral_1h_input_tokens).toBe(usage('one').cache_creation_input_tokens);
    expect(usage('two').cache_read_input_tokens).toBe(usage('one').cache_creation_input_tokens);
    expect(usage('three').cache_creation_input_tokens).toBe(0);

    // The same request on /v1/messages now reads the same prefix the batch wrote: one cache for both.
    const direct = await c.messages.create(request('x').params);
    expect(direct.usage.cache_read_input_tokens).toBe(usage('one').cache_creation_input_tokens);
    expect(server.batchRequests().map((r) => [r.customId, r.result])).toEqual([
      ['one', 'succeeded'],
      ['two', 'succeeded'],
      ['three', 'succeeded'],
    ]);
  });

  it('reports errored requests with the error the API would give, and invalid params as errored results, not a 400', async () => {
    server.enqueue({ fault: { kind: 'overloaded' } }, null);
    const c = client();
    const bad = { custom_id: 'bad', params: { ...request('bad').params, max_tokens: 0 } };
    const unknownModel = { custom_id: 'nomodel', params: { ...request('nomodel').params, model: 'claude-nonexistent-1' } };
    const b = await c.messages.batches.create({ requests: [request('busy'), request('fine'), bad, unknownModel] });
    const ended = await c.messages.batches.retrieve(b.id);
    expect(ended.request_counts).toMatchObject({ succeeded: 1, errored: 3 });
    const byId = new Map((await all(b.id)).map((r) => [r.custom_id, r.result]));
    expect(byId.get('busy')).toMatchObject({ type: 'errored', error: { type: 'error', error: { type: 'overloaded_error' } } });
    expect(byId.get('fine')).toMatchObject({ type: 'succeeded' });
    expect(byId.get('bad')).toMatchObject({ type: 'errored', error: { error: { type: 'invalid_request_error', message: expect.stringMatching(/max_tokens/) } } });
    expect(byId.get('nomodel')).toMatchObject({ type: 'errored', error: { error: { type: 'not_found_error' } } });
  });

  it('refuses a malformed batch at once: bad or repeated custom_id, no requests', async () => {
    const c = client();
    await expect(c.messages.batches.create({ requests: [] })).rejects.toMatchObject({ status: 400 });
    await expect(c.messages.batches.create({ requests: [request('has.dot')] })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/custom_id/) });
    await expect(c.messages.batches.create({ requests: [request('same'), request('same')] })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/Duplicate custom_id/) });
    await expect(c.messages.batches.retrieve('msgbatch_nope')).rejects.toMatchObject({ status: 404 });
  });

  it('cancels: canceling first, then ended with the unprocessed requests canceled and the processed ones kept', async () => {
    server.paceBatches({ requestsPerPoll: 1 });
    const c = client();
    const b = await c.messages.batches.create({ requests: [request('p'), request('q'), request('r')] });
    await c.messages.batches.retrieve(b.id); // processes p
    const canceling = await c.messages.batches.cancel(b.id);
    expect(canceling.processing_status).toBe('canceling');
    expect(canceling.cancel_initiated_at).not.toBeNull();
    const ended = await c.messages.batches.retrieve(b.id);
    expect(ended).toMatchObject({ processing_status: 'ended', request_counts: { succeeded: 1, canceled: 2, processing: 0 } });
    const types = Object.fromEntries((await all(b.id)).map((r) => [r.custom_id, r.result.type]));
    expect(types).toEqual({ p: 'succeeded', q: 'canceled', r: 'canceled' });
  });

  it('expires: a batch not processed in time ends with its requests expired; a script can expire one request', async () => {
    const c = client();
    server.paceBatches({ hold: true });
    const held = await c.messages.batches.create({ requests: [request('late1'), request('late2')] });
    expect((await c.messages.batches.retrieve(held.id)).processing_status).toBe('in_progress');
    server.expireBatches();
    expect((await c.messages.batches.retrieve(held.id)).request_counts).toMatchObject({ expired: 2, processing: 0 });

    server.paceBatches({ hold: false });
    server.enqueue({ batchOutcome: 'expired' }, null);
    const b = await c.messages.batches.create({ requests: [request('gone'), request('kept')] });
    await c.messages.batches.retrieve(b.id);
    const types = Object.fromEntries((await all(b.id)).map((r) => [r.custom_id, r.result.type]));
    expect(types).toEqual({ gone: 'expired', kept: 'succeeded' });
  });

  it('points results_url at the scenario prefix the batch was created under', async () => {
    const c = new Anthropic({ apiKey: 'k', baseURL: server.scenarioUrl('plan-all'), maxRetries: 0 });
    const b = await c.messages.batches.create({ requests: [request('s')] });
    const ended = await c.messages.batches.retrieve(b.id);
    expect(ended.results_url).toBe(`${server.scenarioUrl('plan-all')}/v1/messages/batches/${b.id}/results`);
    const out: string[] = [];
    for await (const r of await c.messages.batches.results(b.id)) out.push(r.custom_id);
    expect(out).toEqual(['s']);
  });

  it('answers the next calls of one batch endpoint with HTTP errors, one call each, then as usual', async () => {
    const c = client();
    const b = await c.messages.batches.create({ requests: [request('x')] });
    server.failBatchCalls('cancel', { kind: 'overloaded' }, { kind: 'server-error' });
    // Other endpoints are not touched.
    expect((await c.messages.batches.retrieve(b.id)).id).toBe(b.id);
    await expect(c.messages.batches.cancel(b.id)).rejects.toMatchObject({ status: 529, error: { type: 'error', error: { type: 'overloaded_error' } } });
    await expect(c.messages.batches.cancel(b.id)).rejects.toMatchObject({ status: 500, error: { error: { type: 'api_error' } } });
    expect((await c.messages.batches.cancel(b.id)).id).toBe(b.id);
    expect(server.requests.filter((r) => r.route.endsWith('/cancel')).map((r) => r.fault)).toEqual(['overloaded', 'server-error', undefined]);

    // The SDK retries such an answer: a retried call takes one fault per attempt.
    server.failBatchCalls('create', { kind: 'overloaded', retryAfterMs: 1 });
    const retried = await new Anthropic({ apiKey: 'test-key', baseURL: server.url, maxRetries: 1 }).messages.batches.create({ requests: [request('y')] });
    expect(retried.processing_status).toBe('in_progress');
    server.failBatchCalls('results', { kind: 'http-error', status: 404, type: 'not_found_error' });
    server.reset();
    // reset() forgets the faults not used.
    const again = await c.messages.batches.create({ requests: [request('z')] });
    await c.messages.batches.retrieve(again.id);
    expect((await all(again.id)).map((r) => r.custom_id)).toEqual(['z']);
    expect(() => server.failBatchCalls('retrieve', { kind: 'reset-before-headers' })).toThrow(/not an HTTP error answer/);
  });
});
