/**
 * Reading a batch's results with the run's signal, through the unmodified SDK over HTTP to the local
 * server: the run's signal keeps no listener per download (the SDK leaves one on the signal it is given
 * for a results file, and Node warns of a leak at the 11th), and it still stops a download.
 */
import { getEventListeners } from 'node:events';
import { batchResults, createAnthropicClient, createBatch, retrieveBatch } from '../../../../src/core/providers/anthropic';
import { startAnthropicServer, type AnthropicServer } from '../../../support/anthropic-server';

const KEY = 'sk-ant-test-batches';
const MODEL = 'claude-sonnet-4-6';

let server: AnthropicServer;
beforeAll(async () => {
  server = await startAnthropicServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

const context = () => ({ client: createAnthropicClient({ apiKey: KEY, baseURL: server.url }), apiKey: KEY, model: MODEL });
const request = (customId: string) => ({ customId, params: { model: MODEL, max_tokens: 100, messages: [{ role: 'user' as const, content: `Question ${customId}` }] } });

/** A batch of two requests, ended (the local server processes a batch as it is looked at). */
async function endedBatch(): Promise<string> {
  const c = context();
  const id = await createBatch(c, [request('a'), request('b')]);
  if (!id.ok) throw new Error(id.error.message);
  for (let i = 0; i < 5; i++) {
    const got = await retrieveBatch(c, id.value);
    if (got.ok && got.value.status === 'ended') return id.value;
  }
  throw new Error('the batch did not end');
}

describe('batchResults', () => {
  it('reads every result, and leaves no listener on the run\'s signal however many times it reads', async () => {
    const id = await endedBatch();
    const run = new AbortController();
    const c = context();
    for (let i = 0; i < 12; i++) {
      const r = await batchResults(c, id, run.signal);
      expect(r.ok && [...r.value.keys()].sort()).toEqual(['a', 'b']);
    }
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
  });

  it('a run stopped before the download says so, and reads nothing', async () => {
    const id = await endedBatch();
    const run = new AbortController();
    run.abort();
    const r = await batchResults(context(), id, run.signal);
    expect(r).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
  });
});
