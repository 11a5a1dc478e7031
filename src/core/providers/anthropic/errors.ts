/**
 * The one place where SDK errors become our failure kinds (error types and statuses per the errors
 * page, platform.claude.com/docs/en/api/errors; spend-limit codes per SDK 1.14 `resources/shared.ts`). Children are tested before parents
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
  PaymentRequiredError,
  PermissionDeniedError,
  RateLimitError,
} from '@anthropic-ai/sdk';
import type { Middleware } from '@anthropic-ai/sdk/core/middleware';

export const FAILURE_KINDS = [
  'cancelled',
  'timeout',
  'unreachable',
  'auth',
  'cors-blocked',
  'permission',
  'rate-limited',
  'billing',
  'spend-limit',
  'overloaded',
  'bad-request',
  'too-large',
  'model-not-found',
  /** A Message Batch the API does not know (its 404 is about the batch, not the model). */
  'batch-not-found',
  'server',
  'stalled',
  'stream-broken',
  /** A call stopped at its output limit (only as the reason of a retry with more room). */
  'truncated',
  /** A retry was not made because it could pass the estimate's "at most". */
  'cost-limit',
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
  // iOS WebKit words a dropped connection "Load failed" or "The network connection was lost.".
  return /terminated|ECONNRESET|socket hang up|other side closed|network error|aborted by the server|load failed|network connection was lost/i.test(text);
}

/**
 * Maps anything a model call can throw to a failure kind.
 * @param apiKey redacted from the API's message when one is quoted.
 */
export function translateError(e: unknown, context: { model?: string; apiKey?: string; baseURL?: string; requestId?: string | null; batchId?: string } = {}): AnthropicFailure {
  if (isAnthropicFailure(e)) return e;
  const f = classify(e, context.model ?? 'the configured model', context.baseURL, context.batchId);
  const requestId = (e instanceof APIError ? e.requestID : null) ?? context.requestId ?? undefined;
  // Every API error names its request-id, which is what Anthropic's support asks for.
  const message = redact(requestId ? `${f.message.replace(/\.$/, '')} (request-id ${requestId}).` : f.message, context.apiKey);
  const out: AnthropicFailure = { kind: f.kind, message };
  if (e instanceof APIError && typeof e.status === 'number') out.status = e.status;
  if (requestId) out.requestId = requestId;
  return out;
}

const BILLING = {
  kind: 'billing' as const,
  message:
    'Anthropic refused the call for a billing reason (402 billing_error): add credit or fix the payment details under Settings → Billing in the Claude Console (platform.claude.com), then resume the plan. Retrying does not help.',
};

/** Spend-limit codes (SDK 1.14 `core/error-classes.ts`): 429s the SDK would retry, though waiting does not help. */
export const SPEND_LIMIT_CODES: Readonly<Record<string, string>> = {
  enforced_spend_limit_reached:
    "The organization reached its usage tier's monthly spend limit (429 enforced_spend_limit_reached): calls resume at 00:00 UTC on the first day of next month, or move to a higher tier under Settings → Limits in the Claude Console. Retrying does not help.",
  contract_spend_limit_reached: 'The organization reached the spend limit of its contract (429 contract_spend_limit_reached): ask your Anthropic account team to raise it. Retrying does not help.',
  linked_organization_spend_limit_reached:
    'The organization this key bills to reached its spend limit or lacks credit (402 linked_organization_spend_limit_reached): raise the limit or add credit in that organization\'s Claude Console. Retrying does not help.',
};

/** A 400 for a spend limit the organization set itself (errors page: "usage reaches an organization or workspace spend limit you set"). */
const OWN_SPEND_LIMIT = /spend limit|usage limit/i;

/** Billing and spend-limit failures: their own kinds, never retried, each saying what to do. */
function moneyFailure(e: APIError<number | undefined, Headers | undefined, object | undefined>): { kind: AnthropicFailureKind; message: string } | null {
  const code = e.errorCode ?? '';
  if (code in SPEND_LIMIT_CODES) return { kind: 'spend-limit', message: SPEND_LIMIT_CODES[code]! };
  if (e.status === 402 || apiType(e) === 'billing_error' || e.type === 'billing_error') return BILLING;
  if (e.status === 400 && OWN_SPEND_LIMIT.test(apiMessage(e))) {
    return {
      kind: 'spend-limit',
      message:
        'The organization or workspace reached the spend limit set for it in the Claude Console (400): raise it under Settings → Limits, or wait until it resets, then resume the plan. Retrying does not help.',
    };
  }
  return null;
}

/**
 * Per-request middleware: a spend-limit or billing answer gets `x-should-retry: false`, so the SDK
 * does not retry it (it retries every 429 otherwise; SDK 1.14 `client.ts` shouldRetry obeys that header).
 */
export const noRetryOnSpendLimit: Middleware = async (request, next, ctx) => {
  const response = await next(request);
  if (response.ok || (response.status !== 429 && response.status !== 402)) return response;
  let body: unknown;
  try {
    body = await ctx.parse(response);
  } catch {
    return response;
  }
  const error = (body as { error?: { type?: unknown; details?: { error_code?: unknown } } } | null)?.error;
  const code = error?.details?.error_code;
  if (!(typeof code === 'string' && code in SPEND_LIMIT_CODES) && error?.type !== 'billing_error') return response;
  const headers = new Headers(response.headers);
  headers.set('x-should-retry', 'false');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
};

function classify(e: unknown, model: string, baseURL?: string, batchId?: string): { kind: AnthropicFailureKind; message: string } {
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
  if (e instanceof APIError) {
    const money = moneyFailure(e as APIError<number | undefined, Headers | undefined, object | undefined>);
    if (money) return money;
  }
  if (e instanceof RateLimitError) return { kind: 'rate-limited', message: 'The API rate limit was reached, even after waiting as the API asked; try again in a minute.' };
  if (e instanceof OverloadedError) return { kind: 'overloaded', message: 'The API is overloaded; try again in a few minutes.' };
  if (e instanceof BadRequestError) {
    const detail = apiMessage(e);
    return { kind: 'bad-request', message: `The API refused the request as malformed${detail ? `: ${detail.replace(/\s+/g, ' ').slice(0, 200)}` : ''}.` };
  }
  if (e instanceof ContentTooLargeError) return { kind: 'too-large', message: 'The request is too large for the API; lower the context budget or trim the planning notes.' };
  // On a batch's own endpoints (retrieve, results, cancel) the 404 names the batch (not_found_error, errors page).
  if (e instanceof NotFoundError && batchId !== undefined) {
    return { kind: 'batch-not-found', message: `The API does not know the batch ${batchId}: it was sent with another workspace's API key, or it no longer exists.` };
  }
  if (e instanceof NotFoundError) return { kind: 'model-not-found', message: `The API does not know the model "${model}"; pick another model with --model or in the settings.` };
  if (e instanceof APIError) {
    // The SDK's class is generic over `any`; these helpers read only what they check.
    const api = e as APIError<number | undefined, Headers | undefined, object | undefined>;
    if (isMidStreamOverload(api)) return { kind: 'overloaded', message: 'The API became overloaded while writing; try again in a few minutes.' };
    if (e instanceof PaymentRequiredError) return BILLING;
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
