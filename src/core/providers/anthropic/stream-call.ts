/**
 * One model call, streamed, with the retries the SDK does not do. The SDK retries failures before the
 * response headers (429 with retry-after, 529, 5xx, connection errors); after the headers it retries
 * nothing. This module restarts a call FROM ITS START when it fails mid-stream (connection reset,
 * `event: error`, end without `message_stop`, no byte for `idleTimeoutMs`) or when the SDK's own
 * retries of an API error ran out, at most `maxRetries` times. It never resumes by sending the partial
 * text back as a prefill. A call that ends at `max_tokens` or in a refusal is finished, not failed.
 */
import type { Message, MessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages';
import type { Middleware } from '@anthropic-ai/sdk/core/middleware';
import type { AnthropicClient } from './client';
import { failure, isPipelineRetryable, STALLED, translateError, type AnthropicFailure } from './errors';
import type { RequestParams } from './requests';
import type { Timers } from '../../generation/timers';

export type { Timers };

export interface StreamCallDeps {
  client: AnthropicClient;
  timers: Timers;
  /** Abandon a stream after this long without a byte (pings count), ms. @default 60 000 */
  idleTimeoutMs?: number;
  /** Pipeline retries after the first attempt. @default 3 */
  maxRetries?: number;
  /** Wait before pipeline retry n (the last value repeats), ms. @default [1000, 2000, 4000] */
  retryDelaysMs?: readonly number[];
  /** Redacted from every message. */
  apiKey?: string;
}

export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
export const DEFAULT_PIPELINE_RETRIES = 3;
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1000, 2000, 4000];

export type CallOutcome = 'complete' | 'truncated' | 'refused';

/** What a streamed call yields: text, or notice that the text so far is void and the call starts over. */
export type StreamItem = { type: 'text'; text: string } | { type: 'restart'; attempt: number; failure: AnthropicFailure };

export interface CallResult {
  outcome: CallOutcome;
  message: Message;
}

export function outcomeOf(message: Message): CallOutcome {
  if (message.stop_reason === 'max_tokens' || message.stop_reason === 'model_context_window_exceeded') return 'truncated';
  if (message.stop_reason === 'refusal') return 'refused';
  return 'complete';
}

const CANCELLED: AnthropicFailure = { kind: 'cancelled', message: 'The call was cancelled.' };

/** Resolves after `ms`, or at once when the signal aborts. */
export function sleep(timers: Timers, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const done = (): void => {
      timers.clearTimer(handle);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const handle = timers.setTimer(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Per-request middleware that reports every chunk of the response body (pings included). */
function observeBytes(onBytes: () => void): Middleware {
  return async (request, next) => {
    const response = await next(request);
    const body = response.body;
    if (!response.ok || !body) return response;
    const reader = body.getReader();
    const observed = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else {
          onBytes();
          controller.enqueue(value);
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    return new Response(observed, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** One attempt: yields text deltas, returns the final message, throws an `AnthropicFailure`. */
async function* attempt(deps: StreamCallDeps, params: RequestParams, signal: AbortSignal): AsyncGenerator<string, Message> {
  if (signal.aborted) throw failure(CANCELLED);
  const idleMs = deps.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  let stalled = false;
  let timer: unknown;
  let armed = false;
  const arm = (): void => {
    if (timer !== undefined) deps.timers.clearTimer(timer);
    timer = deps.timers.setTimer(() => {
      stalled = true;
      controller.abort();
    }, idleMs);
  };
  const touch = (): void => {
    if (armed) arm();
  };
  const stream = deps.client.messages.stream(params, { signal: controller.signal, middleware: [observeBytes(touch)] });
  // The watchdog starts with the headers: before them the SDK's own timeout and retries apply.
  stream.on('connect', () => {
    armed = true;
    arm();
  });
  const final = stream.finalMessage();
  final.catch(() => undefined);
  try {
    for await (const event of stream as AsyncIterable<MessageStreamEvent>) {
      touch();
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') yield event.delta.text;
    }
    return await final;
  } catch (e) {
    if (stalled) throw failure(STALLED(Math.round(idleMs / 1000)));
    if (signal.aborted) throw failure(CANCELLED);
    throw failure(translateError(e, { model: params.model, apiKey: deps.apiKey, baseURL: deps.client.baseURL }));
  } finally {
    if (timer !== undefined) deps.timers.clearTimer(timer);
    signal.removeEventListener('abort', onAbort);
    if (!stream.ended) controller.abort();
  }
}

/**
 * Streams a call to its end, restarting it from the start after a retryable failure. Yields text and,
 * before each restart, a `restart` item: the consumer must drop the text of the failed attempt.
 * Throws an `AnthropicFailure` (kind `cancelled` when the signal aborts) once retries are spent.
 */
export async function* streamCall(deps: StreamCallDeps, params: RequestParams, signal: AbortSignal): AsyncGenerator<StreamItem, CallResult> {
  const maxRetries = deps.maxRetries ?? DEFAULT_PIPELINE_RETRIES;
  const delays = deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  for (let n = 0; ; n++) {
    const it = attempt(deps, params, signal);
    try {
      let step = await it.next();
      while (!step.done) {
        yield { type: 'text', text: step.value };
        step = await it.next();
      }
      return { outcome: outcomeOf(step.value), message: step.value };
    } catch (e) {
      const f = translateError(e, { model: params.model, apiKey: deps.apiKey, baseURL: deps.client.baseURL });
      if (signal.aborted) throw failure(CANCELLED);
      if (!isPipelineRetryable(f.kind) || n >= maxRetries) throw failure(f);
      yield { type: 'restart', attempt: n + 1, failure: f };
      await sleep(deps.timers, delays[Math.min(n, delays.length - 1)] ?? 0, signal);
      if (signal.aborted) throw failure(CANCELLED);
    } finally {
      // Closes the attempt (aborting its HTTP stream) when our consumer stops early.
      await it.return(undefined as unknown as Message);
    }
  }
}
