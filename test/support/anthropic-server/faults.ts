/**
 * Fault helpers: the HTTP error answers (429, 529, 5xx, any 4xx) and the queue form
 * "fail the first k attempts with fault X, then succeed".
 */
import type { Fault, ResponseScript } from './types';

/** A JSON error answer: status, headers and the API's error body shape. */
export interface HttpErrorAnswer {
  status: number;
  headers: Record<string, string>;
  type: string;
  message: string;
}

/** Body of every JSON error: `{type:'error', error:{type, message}, request_id}`. */
export function errorBody(type: string, message: string, requestId: string): string {
  return JSON.stringify({ type: 'error', error: { type, message }, request_id: requestId });
}

function retryHeaders(fault: { retryAfterSeconds?: number; retryAfterMs?: number }): Record<string, string> {
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
  if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
  return headers;
}

/** The HTTP error answer for a status-code fault, or `undefined` for wire-level faults. */
export function httpErrorFor(fault: Fault): HttpErrorAnswer | undefined {
  switch (fault.kind) {
    case 'rate-limit':
      return {
        status: 429,
        headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1), ...retryHeaders(fault) },
        type: 'rate_limit_error',
        message: 'Number of request tokens has exceeded your per-minute rate limit.',
      };
    case 'overloaded':
      return { status: 529, headers: retryHeaders(fault), type: 'overloaded_error', message: 'Overloaded' };
    case 'server-error': {
      const status = fault.status ?? 500;
      const type = status === 504 ? 'timeout_error' : 'api_error';
      return { status, headers: retryHeaders(fault), type, message: 'Internal server error' };
    }
    case 'http-error': {
      const headers = retryHeaders(fault);
      if (fault.shouldRetry !== undefined) headers['x-should-retry'] = String(fault.shouldRetry);
      return { status: fault.status, headers, type: fault.type, message: fault.message ?? `Mock ${fault.type}` };
    }
    default:
      return undefined;
  }
}

/**
 * Queue items for `server.enqueue(...)`: `k` scripts carrying `fault`, then `success` (default `{}`: the
 * responder's answer with no fault). E.g. `server.enqueue(...failFirst(2, { kind: 'rate-limit', retryAfterMs: 5 }))`.
 */
export function failFirst(k: number, fault: Fault, success?: ResponseScript): Array<ResponseScript | null> {
  const items: Array<ResponseScript | null> = Array.from({ length: k }, () => ({ fault }));
  items.push(success ?? null);
  return items;
}
