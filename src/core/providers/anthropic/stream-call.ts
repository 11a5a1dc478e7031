/**
 * One model call, streamed, with the retries the SDK does not do. The SDK retries failures before the
 * response headers (429 with retry-after, 529, 5xx, connection errors); after the headers it retries
 * nothing. This module restarts a call FROM ITS START when it fails mid-stream (connection reset,
 * `event: error`, end without `message_stop`, a stall) or when the SDK's own retries of an API error
 * ran out, at most `maxRetries` times. It never resumes by sending the partial text back as a prefill
 * (the 5.x models reject a prefill with a 400).
 *
 * Two waits, measured from the response headers:
 * - until the first text: Claude may think for minutes first, with nothing to show but pings (and,
 *   with `display: 'omitted'`, an empty thinking block), so only `firstTextTimeoutMs` applies;
 * - once text flows: no byte at all (pings count) for `idleTimeoutMs` abandons the stream.
 *
 * A call that stops at `max_tokens` is asked again with twice the room, up to the model's limit
 * (thinking counts against `max_tokens`); past that, or when the plan's budget would not cover the
 * retry, it is finished as 'truncated'. A refusal is finished, not failed. Every attempt's usage is
 * reported, the abandoned ones too: they are billed.
 */
import type { Message, MessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages';
import type { Middleware } from '@anthropic-ai/sdk/core/middleware';
import type { AnthropicClient } from './client';
import { failure, isPipelineRetryable, STALLED, translateError, type AnthropicFailure } from './errors';
import type { RequestParams } from './requests';
import type { Timers } from '../../generation/timers';

export type { Timers };

/** Decides whether an attempt may start; the plan's cost budget implements it. */
export interface AttemptBudget {
  /** A ticket for the attempt, or null when a retry would pass the budget (a first attempt is always admitted). */
  begin(params: RequestParams, retry: boolean): unknown;
  end(ticket: unknown): void;
}

export interface StreamCallDeps {
  client: AnthropicClient;
  timers: Timers;
  /** Abandon a stream whose text has started after this long without a byte (pings count), ms. @default 60 000 */
  idleTimeoutMs?: number;
  /** Abandon a stream that has sent no text this long after its headers (thinking, pings only), ms. @default 600 000 */
  firstTextTimeoutMs?: number;
  /** Pipeline retries after the first attempt. @default 3 */
  maxRetries?: number;
  /** Wait before pipeline retry n (the last value repeats), ms. @default [1000, 2000, 4000] */
  retryDelaysMs?: readonly number[];
  /** The model's largest `max_tokens`: a call stopped at its `max_tokens` below this is asked again with more room. */
  outputLimit?: number;
  /** Admits or refuses each attempt. */
  budget?: AttemptBudget;
  /**
   * The transport buffers whole responses (Obsidian's `requestUrl`): the SDK's timeout then covers
   * the whole call, so each call gets one long enough for its room (the SDK's own estimate, an hour
   * per 128K tokens) and never less than `firstTextTimeoutMs`.
   */
  wholeCallTimeout?: boolean;
  /** Redacted from every message. */
  apiKey?: string;
}

export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
export const DEFAULT_FIRST_TEXT_TIMEOUT_MS = 600_000;
export const DEFAULT_PIPELINE_RETRIES = 3;
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1000, 2000, 4000];

export type CallOutcome = 'complete' | 'truncated' | 'refused';

/** Usage of one attempt; `partial` when it broke off before its final usage arrived. */
export interface AttemptUsage {
  usage: Message['usage'];
  params: RequestParams;
  partial: boolean;
}

/**
 * What a streamed call yields: text; notice that the text so far is void and the call starts over;
 * or the usage of an attempt that just ended (also the last one's, before the call returns).
 */
export type StreamItem =
  | { type: 'text'; text: string }
  | { type: 'restart'; attempt: number; failure: AnthropicFailure }
  | ({ type: 'usage' } & AttemptUsage);

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

const NO_FIRST_TEXT = (seconds: number): AnthropicFailure => ({
  kind: 'stalled',
  message: `The API sent no text for ${seconds} seconds after it started answering, so the call was abandoned.`,
});

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

/** Thrown out of an attempt: the failure, and what the attempt is known to have used. */
class AttemptFailed extends Error {
  constructor(
    readonly reason: unknown,
    readonly usage: Message['usage'] | null,
  ) {
    super('attempt failed');
  }
}

/** One attempt: yields text deltas, returns the final message, throws `AttemptFailed`. */
async function* attempt(deps: StreamCallDeps, params: RequestParams, signal: AbortSignal): AsyncGenerator<string, Message> {
  if (signal.aborted) throw new AttemptFailed(failure(CANCELLED), null);
  const idleMs = deps.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const firstTextMs = deps.firstTextTimeoutMs ?? DEFAULT_FIRST_TEXT_TIMEOUT_MS;
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  let stalled: AnthropicFailure | null = null;
  let timer: unknown;
  let phase: 'headers' | 'thinking' | 'text' = 'headers';
  let textChars = 0;
  const arm = (ms: number, why: AnthropicFailure): void => {
    if (timer !== undefined) deps.timers.clearTimer(timer);
    timer = deps.timers.setTimer(() => {
      stalled = why;
      controller.abort();
    }, ms);
  };
  // Bytes only feed the idle watchdog once text flows: a thinking stream may carry nothing but pings.
  const touch = (): void => {
    if (phase === 'text') arm(idleMs, STALLED(Math.round(idleMs / 1000)));
  };
  const timeout = deps.wholeCallTimeout ? { timeout: Math.max(firstTextMs, Math.ceil((3_600_000 * params.max_tokens) / 128_000)) } : {};
  const stream = deps.client.messages.stream(params, { signal: controller.signal, middleware: [observeBytes(touch)], ...timeout });
  // The watchdogs start with the headers: before them the SDK's own timeout and retries apply.
  stream.on('connect', () => {
    phase = 'thinking';
    arm(firstTextMs, NO_FIRST_TEXT(Math.round(firstTextMs / 1000)));
  });
  const final = stream.finalMessage();
  final.catch(() => undefined);
  try {
    for await (const event of stream as AsyncIterable<MessageStreamEvent>) {
      // Thinking blocks (and their signatures) are never text for the note.
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
        if (phase !== 'text') phase = 'text';
        touch();
        textChars += event.delta.text.length;
        yield event.delta.text;
      } else touch();
    }
    return await final;
  } catch (e) {
    const seen = stream.currentMessage?.usage ?? null;
    const usage = seen ? { ...seen, output_tokens: Math.max(seen.output_tokens ?? 0, Math.ceil(textChars / 4)) } : null;
    if (stalled) throw new AttemptFailed(failure(stalled), usage);
    if (signal.aborted) throw new AttemptFailed(failure(CANCELLED), usage);
    throw new AttemptFailed(failure(translateError(e, { model: params.model, apiKey: deps.apiKey, baseURL: deps.client.baseURL, requestId: stream.request_id })), usage);
  } finally {
    if (timer !== undefined) deps.timers.clearTimer(timer);
    signal.removeEventListener('abort', onAbort);
    if (!stream.ended) controller.abort();
  }
}

/**
 * Streams a call to its end, restarting it from the start after a retryable failure or a stop at
 * `max_tokens` with room left. Yields text, each attempt's usage and, before each restart, a
 * `restart` item: the consumer must drop the text of the failed attempt. Throws an
 * `AnthropicFailure` (kind `cancelled` when the signal aborts) once retries are spent.
 */
export async function* streamCall(deps: StreamCallDeps, first: RequestParams, signal: AbortSignal): AsyncGenerator<StreamItem, CallResult> {
  const maxRetries = deps.maxRetries ?? DEFAULT_PIPELINE_RETRIES;
  const delays = deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  let params = first;
  let failures = 0;
  for (let n = 0; ; n++) {
    const ticket = deps.budget ? deps.budget.begin(params, n > 0) : true;
    if (ticket === null) throw failure({ kind: 'cost-limit', message: 'The call was not tried again: another attempt could cost more than the estimate\'s "at most".' });
    const it = attempt(deps, params, signal);
    let result: CallResult | null = null;
    let failed: AnthropicFailure | null = null;
    try {
      let step = await it.next();
      while (!step.done) {
        yield { type: 'text', text: step.value };
        step = await it.next();
      }
      yield { type: 'usage', usage: step.value.usage, params, partial: false };
      result = { outcome: outcomeOf(step.value), message: step.value };
    } catch (e) {
      if (!(e instanceof AttemptFailed)) throw e;
      if (e.usage) yield { type: 'usage', usage: e.usage, params, partial: true };
      failed = translateError(e.reason, { model: params.model, apiKey: deps.apiKey, baseURL: deps.client.baseURL });
    } finally {
      // Closes the attempt (aborting its HTTP stream) when our consumer stops early.
      await it.return(undefined as unknown as Message);
      if (deps.budget) deps.budget.end(ticket);
    }
    if (result) {
      const room = moreRoom(deps, params, result.message);
      if (room === null || signal.aborted) return result;
      if (deps.budget) {
        // Ask the budget before telling the consumer to drop the text it has.
        const probe = deps.budget.begin({ ...params, max_tokens: room }, true);
        if (probe === null) return result;
        deps.budget.end(probe);
      }
      yield { type: 'restart', attempt: n + 1, failure: { kind: 'truncated', message: `Claude stopped at its output limit of ${params.max_tokens} tokens (thinking included); asking again with room for ${room}.` } };
      params = { ...params, max_tokens: room };
      continue;
    }
    const f = failed!;
    if (signal.aborted) throw failure(CANCELLED);
    if (!isPipelineRetryable(f.kind) || failures >= maxRetries) throw failure(f);
    failures++;
    yield { type: 'restart', attempt: n + 1, failure: f };
    await sleep(deps.timers, delays[Math.min(failures - 1, delays.length - 1)] ?? 0, signal);
    if (signal.aborted) throw failure(CANCELLED);
  }
}

/** The `max_tokens` of a retry with more room, or null when the call stopped for another reason or has no room left. */
function moreRoom(deps: StreamCallDeps, params: RequestParams, message: Message): number | null {
  if (message.stop_reason !== 'max_tokens' || deps.outputLimit === undefined) return null;
  if (params.max_tokens >= deps.outputLimit) return null;
  return Math.min(deps.outputLimit, params.max_tokens * 2);
}
