import {
  AnthropicError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import { CORS_BLOCKED_MESSAGE, isPipelineRetryable, redact, translateError } from '../../../../src/core/providers/anthropic/errors';
import { API_KEY } from './fixtures';
import { normaliseBaseUrl } from '../../../../src/core/providers/anthropic/client';

const body = (type: string, message: string) => ({ type: 'error', error: { type, message } });
const api = (status: number, type: string, message = 'x') => APIError.generate(status, body(type, message), undefined, new Headers({ 'request-id': 'req_1' }));

describe('translateError', () => {
  it.each([
    [new APIUserAbortError(), 'cancelled'],
    [new APIConnectionTimeoutError(), 'timeout'],
    [new APIConnectionError({ message: 'Connection error.' }), 'unreachable'],
    [api(401, 'authentication_error'), 'auth'],
    [api(403, 'permission_error'), 'permission'],
    [api(429, 'rate_limit_error'), 'rate-limited'],
    [api(529, 'overloaded_error'), 'overloaded'],
    [api(400, 'invalid_request_error'), 'bad-request'],
    [api(413, 'request_too_large'), 'too-large'],
    [api(404, 'not_found_error'), 'model-not-found'],
    [api(500, 'api_error'), 'server'],
    [api(503, 'api_error'), 'server'],
    [new APIError(undefined, body('overloaded_error', 'Overloaded'), undefined, new Headers()), 'overloaded'],
    [new APIError(undefined, body('api_error', 'boom'), undefined, new Headers()), 'stream-broken'],
    [new AnthropicError('stream ended without producing a Message with role=assistant'), 'stream-broken'],
    [Object.assign(new AnthropicError('terminated'), { cause: new TypeError('terminated') }), 'stream-broken'],
    [new Error('weird'), 'unknown'],
    // errors page: 402 billing_error; a spend limit you set is a 400; SDK 1.14 spend-limit codes on 429s.
    [api(402, 'billing_error'), 'billing'],
    [api(400, 'invalid_request_error', 'You have reached your specified workspace API spend limit.'), 'spend-limit'],
    [APIError.generate(429, { type: 'error', error: { type: 'rate_limit_error', message: 'x', details: { error_code: 'enforced_spend_limit_reached' } } }, undefined, new Headers()), 'spend-limit'],
    [APIError.generate(429, { type: 'error', error: { type: 'rate_limit_error', message: 'x', details: { error_code: 'contract_spend_limit_reached' } } }, undefined, new Headers()), 'spend-limit'],
    // iOS WebKit's words for a dropped connection, mid-stream.
    [Object.assign(new AnthropicError('Load failed'), { cause: new TypeError('Load failed') }), 'stream-broken'],
    [new TypeError('The network connection was lost.'), 'stream-broken'],
  ])('%p → %s', (error, kind) => {
    const f = translateError(error, { model: 'claude-sonnet-5-5' });
    expect(f.kind).toBe(kind);
    expect(f.message).toMatch(/^[A-Z].*[.:]/);
  });

  it('names the model for model-not-found and keeps the status and request id', () => {
    const f = translateError(api(404, 'not_found_error'), { model: 'claude-nope' });
    expect(f).toEqual({ kind: 'model-not-found', message: expect.stringContaining('"claude-nope"'), status: 404, requestId: 'req_1' });
  });

  it('recognises the organisation CORS block and says what to do', () => {
    const f = translateError(api(401, 'authentication_error', 'CORS requests are not allowed for this Organization because of its settings'));
    expect(f.kind).toBe('cors-blocked');
    expect(f.message).toBe(`${CORS_BLOCKED_MESSAGE.replace(/\.$/, '')} (request-id req_1).`);
    expect(f.message).toMatch(/admin/);
    expect(f.message).toMatch(/command line/);
  });

  it('never carries the key, even when the API quotes it', () => {
    const f = translateError(api(400, 'invalid_request_error', `key ${API_KEY} is odd`), { apiKey: API_KEY });
    expect(f.message).not.toContain(API_KEY);
    expect(f.message).toContain('[redacted]');
    expect(redact(`a sk-ant-other-KEY123 b`)).toBe('a [redacted] b');
  });

  it('retries mid-stream and transient API failures in the pipeline, never user mistakes or connection errors', () => {
    expect(['rate-limited', 'overloaded', 'server', 'stalled', 'stream-broken'].every((k) => isPipelineRetryable(k as never))).toBe(true);
    expect(['auth', 'bad-request', 'unreachable', 'timeout', 'cancelled', 'cors-blocked', 'model-not-found'].some((k) => isPipelineRetryable(k as never))).toBe(false);
  });
});

describe('the base URL', () => {
  it.each([
    ['', 'https://api.anthropic.com'],
    ['https://proxy.example.com/', 'https://proxy.example.com'],
    ['https://proxy.example.com/v1', 'https://proxy.example.com'],
    ['https://proxy.example.com/v1/', 'https://proxy.example.com'],
    ['https://gw.example.com/anthropic/v1', 'https://gw.example.com/anthropic'],
    ['https://gw.example.com/v10', 'https://gw.example.com/v10'],
  ])('%p is used as %p (the SDK appends /v1/messages itself)', (raw, want) => {
    expect(normaliseBaseUrl(raw)).toBe(want);
  });
});
