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
  details?: Record<string, unknown>;
}

/** Body of every JSON error: `{type:'error', error:{type, message, details?}, request_id}` (errors page, error shapes). */
export function errorBody(type: string, message: string, requestId: string, details?: Record<string, unknown>): string {
  return JSON.stringify({ type: 'error', error: { type, message, ...(details ? { details } : {}) }, request_id: requestId });
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
      return { status: fault.status, headers, type: fault.type, message: fault.message ?? `Mock ${fault.type}`, ...(fault.details ? { details: fault.details } : {}) };
    }
    case 'billing':
      // errors page: 402 billing_error.
      return { status: 402, headers: {}, type: 'billing_error', message: 'Your credit balance is too low to access the Claude API. Go to Plans & Billing to upgrade or purchase credits.' };
    case 'spend-limit':
      // errors page: a tier's monthly cap is a 429 with no retry-after; a limit you set is a 400.
      if (fault.limit === 'own') return { status: 400, headers: {}, type: 'invalid_request_error', message: 'You have reached your specified workspace API spend limit. You will regain access on 2027-01-01 at 00:00 UTC.' };
      if (fault.limit === 'contract') return { status: 429, headers: {}, type: 'rate_limit_error', message: 'Your organization has reached the spend limit of its contract.', details: { error_code: 'contract_spend_limit_reached' } };
      return { status: 429, headers: {}, type: 'rate_limit_error', message: "Your organization has reached its usage tier's monthly spend limit.", details: { error_code: 'enforced_spend_limit_reached' } };
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
