/**
 * Shared types of the local Anthropic Messages API server used by tests and benchmarks.
 * Wire shapes follow SDK 1.14.0 / API version 2026-10-21 (see /work/shared/research/anthropic.md §3, §10).
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Stop reasons the server can emit. `max_tokens` is chosen by the server itself when the script is too long. */
export type StopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded';

/**
 * One injectable failure. Delays are in milliseconds; "after k deltas" counts `content_block_delta` events
 * already written (0 = right after the `ping` that follows the first `content_block_start`).
 */
export type Fault =
  /** 429 `rate_limit_error` with `retry-after` (seconds) and, when given, `retry-after-ms`. Retried by the SDK. */
  | { kind: 'rate-limit'; retryAfterSeconds?: number; retryAfterMs?: number }
  /** 529 `overloaded_error`; optional retry headers. Retried, then `OverloadedError`. */
  | { kind: 'overloaded'; retryAfterSeconds?: number; retryAfterMs?: number }
  /** 500 `api_error` (or another 5xx status). Retried, then `InternalServerError` & co. */
  | { kind: 'server-error'; status?: number; retryAfterMs?: number }
  /** Any JSON error status/type, e.g. 400/413/403; `shouldRetry` sets `x-should-retry`; `details` goes into `error.details`. */
  | { kind: 'http-error'; status: number; type: string; message?: string; shouldRetry?: boolean; retryAfterMs?: number; details?: Record<string, unknown> }
  /** 402 `billing_error` (errors page: "There's an issue with your billing or payment information"). */
  | { kind: 'billing' }
  /**
   * A spend limit (errors page): `tier` is the 429 of a usage tier's monthly cap (`enforced_spend_limit_reached`,
   * no `retry-after`), `contract` the 429 `contract_spend_limit_reached`, `own` the 400 for a limit the
   * organization set itself.
   */
  | { kind: 'spend-limit'; limit?: 'tier' | 'contract' | 'own' }
  /** Destroy the socket on arrival, before any header: SDK sees `APIConnectionError` and retries. */
  | { kind: 'reset-before-headers' }
  /** After `afterDeltas` deltas, `socket.resetAndDestroy()` (TCP RST): SDK `AnthropicError('terminated')`, not retried. */
  | { kind: 'reset-mid-stream'; afterDeltas: number }
  /** After `afterDeltas` deltas, send `event: error` (default `overloaded_error`) and end the response cleanly. */
  | { kind: 'error-event'; afterDeltas: number; errorType?: string; message?: string }
  /** After `afterDeltas` deltas (default: all), end cleanly (FIN) without `message_stop`; optionally send `message_delta` first. */
  | { kind: 'truncate'; afterDeltas?: number; withMessageDelta?: boolean }
  /** Send headers (and events up to `afterDeltas`, default 0), then nothing but optional pings every `pingEveryMs`. */
  | { kind: 'stall-after-headers'; afterDeltas?: number; pingEveryMs?: number }
  /** Accept the request and never answer (until the client gives up or the server closes). */
  | { kind: 'stall-before-headers' }
  /** After `afterDeltas` deltas, write one named event whose `data:` line is not valid JSON, then continue. */
  | { kind: 'malformed-json'; afterDeltas: number };

/** A tool_use block to emit after the text block (stop reason becomes `tool_use` unless overridden). */
export interface ToolUseScript {
  name: string;
  input: unknown;
  /** @default `toolu_mock_<n>` */
  id?: string;
}

/** What the server answers to one `POST /v1/messages` request. Every field is optional. */
export interface ResponseScript {
  /** Assistant text (one text block). Truncated with stop reason `max_tokens` when longer than `max_tokens` tokens. */
  text?: string;
  /** Optional tool_use block emitted after the text (with `input_json_delta` chunks and a leading `""`). */
  toolUse?: ToolUseScript;
  /** Stop reason for a complete answer. @default `end_turn` (`tool_use` when `toolUse` is set) */
  stopReason?: StopReason;
  /** Value of `stop_sequence` when `stopReason` is `stop_sequence`. */
  stopSequence?: string;
  /** Characters per `text_delta` / `input_json_delta` chunk. @default 8 (≈ 2 tokens) */
  chunkChars?: number;
  /** Output speed; deltas are spaced `chunkTokens / tokensPerSecond` seconds apart. @default unlimited (no delay) */
  tokensPerSecond?: number;
  /** Delay before the response headers, in ms. @default 0 */
  headersDelayMs?: number;
  /** Delay between the headers/`ping` and the first delta, in ms. @default 0 */
  firstDeltaDelayMs?: number;
  /** The failure to inject into this response. */
  fault?: Fault;
  /**
   * Thinking tokens before the text, on a request that thinks (adaptive thinking on, by the request or the
   * model's default). Overrides the server's `thinking.tokens`. They are billed as output and count
   * against `max_tokens` (thinking page).
   */
  thinkingTokens?: number;
  /** Serve these exact bytes as the SSE body (replay a transcript); everything else but the fault is ignored. */
  transcript?: string | Uint8Array;
  /** Use CRLF instead of LF for SSE framing. @default false */
  crlf?: boolean;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /**
   * Inside a Message Batch: end this request `expired` or `canceled` instead of answering it (a `fault` that is an
   * HTTP error makes it `errored` with that error; other faults are wire faults and make it `errored` api_error).
   */
  batchOutcome?: 'expired' | 'canceled';
}

/** The request as the responder sees it. */
export interface MockRequest {
  /** Parsed JSON body of the request (already validated for shape). */
  body: MessagesBody;
  headers: IncomingHttpHeaders;
  /** Scenario from a path prefix `/s/<scenario>/v1/...`, or the `x-mock-scenario` header; `undefined` if none. */
  scenario: string | undefined;
  /** Value of `x-stainless-retry-count` (0 on the first attempt). */
  attempt: number;
  /** 0-based index of this request among all requests the server received since start/reset. */
  index: number;
}

/** Chooses the script for a request. May be async. */
export type Responder = (request: MockRequest) => ResponseScript | Promise<ResponseScript>;

/** The subset of the Messages request body the server looks at (the rest is kept as-is). */
export interface MessagesBody {
  model: string;
  max_tokens: number;
  messages: Array<{ role: string; content: unknown }>;
  system?: string | Array<Record<string, unknown>>;
  tools?: Array<Record<string, unknown>>;
  stream?: boolean;
  cache_control?: CacheControl;
  output_config?: { format?: { type?: string; schema?: unknown }; effort?: string };
  thinking?: { type?: string; display?: string; budget_tokens?: number };
  tool_choice?: { type?: string; name?: string };
  [key: string]: unknown;
}

export interface CacheControl {
  type: 'ephemeral';
  ttl?: '5m' | '1h';
}

/** Usage as the API reports it at message level. */
export interface Usage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  output_tokens: number;
  /** The thinking part of `output_tokens` (SDK 1.14 `OutputTokensDetails`). */
  output_tokens_details?: { thinking_tokens: number };
  service_tier?: string;
}

/** One entry of the request log. */
export interface RecordedRequest {
  /** 0-based arrival order since start/reset. */
  index: number;
  method: string;
  /** Full path as received, including any `/s/<scenario>` prefix and query string. */
  path: string;
  /** Path with the scenario prefix and query removed, e.g. `/v1/messages`. */
  route: string;
  scenario: string | undefined;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or `undefined` when absent or not JSON. */
  body: unknown;
  /** Wall-clock arrival time, `Date.now()` in ms. */
  receivedAt: number;
  /** `x-stainless-retry-count` as a number (0 when absent). */
  attempt: number;
  /** HTTP status sent (`undefined` while pending or when the socket was reset before headers). */
  status?: number;
  /** Kind of the fault injected into this request, if any. */
  fault?: Fault['kind'];
  /** `request-id` header sent back. */
  requestId: string;
  /** The usage the answer reports (what the API bills), once planned; absent for error answers. */
  usage?: Usage;
}
