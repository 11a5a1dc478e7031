/**
 * The Message Batches API (batch-processing page, platform.claude.com/docs/en/build-with-claude/batch-processing;
 * SDK 1.14 `resources/messages/batches.ts`): requests sent together, processed asynchronously at half the
 * price, results fetched once the whole batch has ended, in no particular order (matched by `custom_id`).
 *
 * Here: create a batch, wait for it (polling with a growing interval; the caller's signal stops the
 * waiting, never the batch: it keeps running and is paid for, so it is picked up again on resume), read
 * its results, cancel it. Every failure comes back as an `AnthropicFailure`, as for streamed calls.
 */
import type { Message } from '@anthropic-ai/sdk/resources/messages/messages';
import type { MessageBatch } from '@anthropic-ai/sdk/resources/messages/batches';
import { err, ok, type Result } from '../../result';
import type { AnthropicClient } from './client';
import { translateError, type AnthropicFailure } from './errors';
import type { RequestParams } from './requests';
import { sleep, type Timers } from './stream-call';

/** `custom_id`s are 1–64 characters of letters, digits, `-` and `_` (create page). */
export const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;

export interface BatchRequest {
  customId: string;
  params: RequestParams;
}

/** How one request of a batch ended (results page). */
export type BatchItemResult =
  | { type: 'succeeded'; message: Message }
  | { type: 'errored'; errorType: string; message: string }
  | { type: 'canceled' }
  | { type: 'expired' };

export interface BatchProgress {
  id: string;
  status: MessageBatch['processing_status'];
  /** Requests in the batch; `processing` stays at all of them until it ends (retrieve page). */
  counts: MessageBatch['request_counts'];
}

interface CallContext {
  client: AnthropicClient;
  apiKey?: string;
  model?: string;
}

/** `batchId`: the call was about that batch (retrieve, results, cancel), so a 404 means the batch is unknown. */
function fail(e: unknown, c: CallContext, batchId?: string): AnthropicFailure {
  return translateError(e, { model: c.model, apiKey: c.apiKey, baseURL: c.client.baseURL, ...(batchId !== undefined ? { batchId } : {}) });
}

/** Sends the requests as one batch; its id. */
export async function createBatch(c: CallContext, requests: readonly BatchRequest[], signal?: AbortSignal): Promise<Result<string, AnthropicFailure>> {
  const bad = requests.find((r) => !CUSTOM_ID.test(r.customId));
  if (bad) throw new Error(`createBatch: custom_id "${bad.customId}" is not 1–64 letters, digits, - or _`);
  try {
    const batch = await c.client.messages.batches.create({ requests: requests.map((r) => ({ custom_id: r.customId, params: r.params })) }, signal ? { signal } : undefined);
    return ok(batch.id);
  } catch (e) {
    return err(fail(e, c));
  }
}

export async function retrieveBatch(c: CallContext, id: string, signal?: AbortSignal): Promise<Result<BatchProgress, AnthropicFailure>> {
  try {
    const b = await c.client.messages.batches.retrieve(id, {}, signal ? { signal } : undefined);
    return ok({ id: b.id, status: b.processing_status, counts: b.request_counts });
  } catch (e) {
    return err(fail(e, c, id));
  }
}

export interface WaitOptions {
  timers: Timers;
  signal: AbortSignal;
  /** First wait between two polls, ms; it grows by half each time up to `maxPollMs`. @default 5 000 */
  pollMs?: number;
  /** @default 60 000 */
  maxPollMs?: number;
  /** Called after every poll. */
  onProgress?: (p: BatchProgress) => void;
  /**
   * The batch was just created: wait `pollMs` before the first look (it cannot have ended yet). A batch
   * taken up again is looked at at once: it may have ended long ago.
   */
  justCreated?: boolean;
}

/**
 * Polls until the batch has ended. Most batches end within the hour, some take up to 24 hours
 * (batch-processing page), so the interval grows. A cancelled signal stops the waiting (failure
 * `cancelled`) and leaves the batch running.
 */
export async function waitForBatch(c: CallContext, id: string, o: WaitOptions): Promise<Result<BatchProgress, AnthropicFailure>> {
  let delay = o.pollMs ?? 5_000;
  const max = o.maxPollMs ?? 60_000;
  if (o.justCreated) await sleep(o.timers, delay, o.signal);
  for (;;) {
    if (o.signal.aborted) return err({ kind: 'cancelled', message: 'Waiting for the batch was stopped; the batch keeps running.' });
    const got = await retrieveBatch(c, id, o.signal);
    if (!got.ok) return got;
    o.onProgress?.(got.value);
    if (got.value.status === 'ended') return got;
    await sleep(o.timers, delay, o.signal);
    delay = Math.min(max, Math.round(delay * 1.5));
  }
}

/** Every request's result, by `custom_id`. The batch must have ended. */
export async function batchResults(c: CallContext, id: string, signal?: AbortSignal): Promise<Result<Map<string, BatchItemResult>, AnthropicFailure>> {
  const out = new Map<string, BatchItemResult>();
  // The SDK never takes its abort listener off the signal of a results download (its JSONL decoder does not
  // release it, as its other responses do: @anthropic-ai/sdk 1.14, internal/decoders/jsonl.ts), so a run's
  // signal would gain one per batch and Node would warn of a leak at the 11th. The SDK gets a signal of this
  // download only, which the run's aborts, and this listener goes when the download ends.
  const own = new AbortController();
  const forward = (): void => own.abort();
  if (signal?.aborted) own.abort();
  signal?.addEventListener('abort', forward, { once: true });
  try {
    const decoder = await c.client.messages.batches.results(id, {}, signal ? { signal: own.signal } : undefined);
    for await (const line of decoder) {
      const r = line.result;
      if (r.type === 'succeeded') out.set(line.custom_id, { type: 'succeeded', message: r.message });
      else if (r.type === 'errored') out.set(line.custom_id, { type: 'errored', errorType: r.error.error.type, message: r.error.error.message });
      else out.set(line.custom_id, { type: r.type });
    }
    return ok(out);
  } catch (e) {
    return err(fail(e, c, id));
  } finally {
    signal?.removeEventListener('abort', forward);
  }
}

/** Asks the API to cancel the batch; requests already processed keep their results (cancel page). */
export async function cancelBatch(c: CallContext, id: string): Promise<Result<BatchProgress, AnthropicFailure>> {
  try {
    const b = await c.client.messages.batches.cancel(id);
    return ok({ id: b.id, status: b.processing_status, counts: b.request_counts });
  } catch (e) {
    return err(fail(e, c, id));
  }
}

/** The text of an answer (its text blocks, in order; thinking blocks carry none with `display: 'omitted'`). */
export function messageText(message: Message): string {
  return message.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
}

/**
 * Error types worth sending again in a later batch (errors page: overloaded, API and timeout errors,
 * rate limits), and a request that expired before it was processed. Anything else (an invalid
 * request, a refused key, billing) would fail again.
 */
export function isRetryableResult(r: BatchItemResult): boolean {
  if (r.type === 'expired') return true;
  if (r.type !== 'errored') return false;
  return ['overloaded_error', 'api_error', 'timeout_error', 'rate_limit_error'].includes(r.errorType);
}

/** One sentence on a request that did not succeed. */
export function describeResult(r: Exclude<BatchItemResult, { type: 'succeeded' }>): string {
  switch (r.type) {
    case 'errored':
      return `the request failed in the batch (${r.errorType}: ${r.message.replace(/\.$/, '')})`;
    case 'canceled':
      return 'the batch was cancelled before this request was processed';
    case 'expired':
      return 'the batch expired (24 hours) before this request was processed';
  }
}
