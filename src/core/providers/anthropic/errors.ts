/**
 * The one place where SDK errors become our failure kinds. Children are tested before parents
 * (`APIConnectionTimeoutError` before `APIConnectionError`, `OverloadedError` before
 * `InternalServerError`, both before `APIError`). Messages are one plain sentence of our own and
 * never carry the API key.
 */
import {
  AnthropicError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ContentTooLargeError,
  NotFoundError,
  OverloadedError,
  PermissionDeniedError,
  RateLimitError,
} from '@anthropic-ai/sdk';

export const FAILURE_KINDS = [
  'cancelled',
  'timeout',
  'unreachable',
  'auth',
  'cors-blocked',
  'permission',
  'rate-limited',
  'overloaded',
  'bad-request',
  'too-large',
  'model-not-found',
  'server',
  'stalled',
  'stream-broken',
  'unknown',
] as const;
export type AnthropicFailureKind = (typeof FAILURE_KINDS)[number];

/** A failed model call, as every other folder sees it. Thrown by `generate` once retries are spent. */
export interface AnthropicFailure {
  kind: AnthropicFailureKind;
  /** One plain sentence for the user. */
  message: string;
  /** HTTP status, when the API answered with one. */
  status?: number;
  /** The API's `request-id`, for support requests. */
  requestId?: string;
}

/**
 * The failure as something `throw` can carry (lint and stack traces want an Error); it is still an
 * `AnthropicFailure`, so callers read `kind` and `message` as usual.
 */
export class AnthropicFailureError extends Error implements AnthropicFailure {
  readonly kind: AnthropicFailureKind;
  readonly status?: number;
  readonly requestId?: string;
  constructor(f: AnthropicFailure) {
    super(f.message);
    this.name = 'AnthropicFailureError';
    this.kind = f.kind;
    if (f.status !== undefined) this.status = f.status;
    if (f.requestId !== undefined) this.requestId = f.requestId;
  }
}

/** Wraps a failure for `throw`. */
export function failure(f: AnthropicFailure): AnthropicFailureError {
  return f instanceof AnthropicFailureError ? f : new AnthropicFailureError(f);
}

/** The pipeline's own failures that carry no SDK error. */
export const STALLED = (seconds: number): AnthropicFailure => ({
  kind: 'stalled',
  message: `The API sent nothing for ${seconds} seconds, so the call was abandoned.`,
});

export const CORS_BLOCKED_MESSAGE =
  'Your Anthropic organisation does not allow calls from a browser app such as Obsidian: ask an admin to allow browser access, turn on "Use Obsidian network" in the settings, or plan from the command line.';

const KEY_LIKE = /sk-ant-[A-Za-z0-9_-]+/g;

/** Removes the key (and anything shaped like an Anthropic key) from a text. */
export function redact(text: string, apiKey?: string): string {
  let out = text;
  if (apiKey && apiKey.length >= 4) out = out.split(apiKey).join('[redacted]');
  return out.replace(KEY_LIKE, '[redacted]');
}

/** The API's own message (`error.message` of the body), if any. */
type ErrorBody = { error?: { message?: unknown; type?: unknown }; message?: unknown } | undefined;

function bodyOf(e: APIError): ErrorBody {
  const b: unknown = e.error;
  return typeof b === 'object' && b !== null ? b : undefined;
}

function apiMessage(e: APIError): string {
  const body = bodyOf(e);
  const m = body?.error?.message ?? body?.message;
  return typeof m === 'string' ? m : '';
}

function isMidStreamOverload(e: APIError): boolean {
  return e.status === undefined && (e.type === 'overloaded_error' || apiType(e) === 'overloaded_error');
}

function apiType(e: APIError): string | undefined {
  const body = bodyOf(e);
  const t = body?.error?.type;
  return typeof t === 'string' ? t : undefined;
}

/** True when the error is the SDK's "the stream ended before message_stop" rejection. */
export function isStreamEndedEarly(e: unknown): boolean {
  return e instanceof AnthropicError && !(e instanceof APIError) && /stream ended without producing|request ended without sending any chunks/i.test(e.message);
}

/** True when the connection dropped after the headers (`terminated`, ECONNRESET and kin). */
export function isMidStreamDrop(e: unknown): boolean {
  if (!(e instanceof Error) || e instanceof APIError) return false;
  const cause = (e as { cause?: unknown }).cause;
  const causeText = cause instanceof Error ? `${cause.message} ${(cause as { code?: unknown }).code === undefined ? '' : String((cause as { code?: unknown }).code)}` : typeof cause === 'string' ? cause : '';
  const text = `${e.message} ${causeText}`;
  return /terminated|ECONNRESET|socket hang up|other side closed|network error|aborted by the server/i.test(text);
}

/**
 * Maps anything a model call can throw to a failure kind.
 * @param apiKey redacted from the API's message when one is quoted.
 */
export function translateError(e: unknown, context: { model?: string; apiKey?: string; baseURL?: string } = {}): AnthropicFailure {
  const f = classify(e, context.model ?? 'the configured model', context.baseURL);
  const message = redact(f.message, context.apiKey);
  const out: AnthropicFailure = { kind: f.kind, message };
  if (e instanceof APIError) {
    if (typeof e.status === 'number') out.status = e.status;
    if (e.requestID) out.requestId = e.requestID;
  }
  return out;
}

function classify(e: unknown, model: string, baseURL?: string): { kind: AnthropicFailureKind; message: string } {
  if (isAnthropicFailure(e)) return e;
  if (e instanceof APIUserAbortError) return { kind: 'cancelled', message: 'The call was cancelled.' };
  if (e instanceof APIConnectionTimeoutError) return { kind: 'timeout', message: 'The API did not answer in time; try again later.' };
  if (e instanceof APIConnectionError) {
    return { kind: 'unreachable', message: `The Anthropic API${baseURL ? ` at ${baseURL}` : ''} could not be reached; check the network connection and the base URL.` };
  }
  if (e instanceof AuthenticationError) {
    if (/CORS requests are not allowed for this Organization/i.test(apiMessage(e))) return { kind: 'cors-blocked', message: CORS_BLOCKED_MESSAGE };
    return { kind: 'auth', message: 'The API key was refused; check the key in the settings.' };
  }
  if (e instanceof PermissionDeniedError) return { kind: 'permission', message: 'The API key may not use this model or feature.' };
  if (e instanceof RateLimitError) return { kind: 'rate-limited', message: 'The API rate limit was reached, even after waiting as the API asked; try again in a minute.' };
  if (e instanceof OverloadedError) return { kind: 'overloaded', message: 'The API is overloaded; try again in a few minutes.' };
  if (e instanceof BadRequestError) {
    const detail = apiMessage(e);
    return { kind: 'bad-request', message: `The API refused the request as malformed${detail ? `: ${detail.replace(/\s+/g, ' ').slice(0, 200)}` : ''}.` };
  }
  if (e instanceof ContentTooLargeError) return { kind: 'too-large', message: 'The request is too large for the API; lower the context budget or trim the planning notes.' };
  if (e instanceof NotFoundError) return { kind: 'model-not-found', message: `The API does not know the model "${model}"; pick another model in the settings.` };
  if (e instanceof APIError) {
    // The SDK's class is generic over `any`; these helpers read only what they check.
    const api = e as APIError<number | undefined, Headers | undefined, object | undefined>;
    if (isMidStreamOverload(api)) return { kind: 'overloaded', message: 'The API became overloaded while writing; try again in a few minutes.' };
    if (e.status === undefined) return { kind: 'stream-broken', message: 'The API reported an error while writing the answer.' };
    if (e.status >= 500) return { kind: 'server', message: `The API failed with a server error (${e.status}); try again later.` };
    return { kind: 'unknown', message: `The API refused the request (status ${e.status}).` };
  }
  if (isStreamEndedEarly(e)) return { kind: 'stream-broken', message: 'The API ended the answer before it was complete.' };
  if (isMidStreamDrop(e)) return { kind: 'stream-broken', message: 'The connection dropped while the answer was being written.' };
  if (e instanceof AnthropicError) return { kind: 'unknown', message: 'The Anthropic client failed unexpectedly.' };
  return { kind: 'unknown', message: 'The model call failed unexpectedly.' };
}

export function isAnthropicFailure(x: unknown): x is AnthropicFailure {
  return (
    typeof x === 'object' &&
    x !== null &&
    // An SDK error is never one of ours, even though it has a message; our thrown form is.
    (!(x instanceof Error) || x instanceof AnthropicFailureError) &&
    typeof (x as AnthropicFailure).message === 'string' &&
    (FAILURE_KINDS as readonly string[]).includes((x as AnthropicFailure).kind)
  );
}

/**
 * Whether the pipeline may try the call again from its start. Connection errors and timeouts were
 * already retried by the SDK; a user's mistake (auth, bad request, unknown model) never heals.
 */
export function isPipelineRetryable(kind: AnthropicFailureKind): boolean {
  return kind === 'rate-limited' || kind === 'overloaded' || kind === 'server' || kind === 'stalled' || kind === 'stream-broken';
}
