/**
 * Request checks that catch client bugs (research §10.2): auth, `anthropic-version`, removed sampling parameters
 * under 2026-10-21, body shape, and the 4-breakpoint cache limit.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { countCacheMarkers } from './tokens';
import type { MessagesBody } from './types';

/** The API version SDK 1.x sends, under which sampling parameters are removed. */
export const API_VERSION_2026 = '2026-10-21';
/** Maximum number of `cache_control` markers per request. */
export const MAX_CACHE_BREAKPOINTS = 4;

export type Check<T> = { ok: true; value: T } | { ok: false; status: number; type: string; message: string };

const invalid = (message: string): Check<never> => ({ ok: false, status: 400, type: 'invalid_request_error', message });

/** 401 unless `authorization: Bearer <key>` or `x-api-key` is present. */
export function checkAuth(headers: IncomingHttpHeaders): Check<string> {
  const bearer = /^Bearer\s+(\S+)/i.exec(String(headers.authorization ?? ''));
  const key = bearer?.[1] ?? (typeof headers['x-api-key'] === 'string' ? headers['x-api-key'] : undefined);
  if (!key) return { ok: false, status: 401, type: 'authentication_error', message: 'x-api-key header is required' };
  return { ok: true, value: key };
}

/** 400 unless `anthropic-version` is present. */
export function checkVersion(headers: IncomingHttpHeaders): Check<string> {
  const version = headers['anthropic-version'];
  if (typeof version !== 'string' || version === '') return invalid('anthropic-version: header is required');
  return { ok: true, value: version };
}

function isTextBlock(block: unknown): boolean {
  return typeof block === 'object' && block !== null && (block as { type?: unknown }).type === 'text' && typeof (block as { text?: unknown }).text === 'string';
}

/**
 * Validates a Messages body. `forCount` relaxes `max_tokens` (count_tokens does not take it).
 */
export function checkBody(raw: unknown, version: string, forCount = false): Check<MessagesBody> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return invalid('body: Input should be an object');
  const body = raw as Record<string, unknown>;
  if (version === API_VERSION_2026) {
    for (const field of ['temperature', 'top_p', 'top_k']) {
      if (field in body) return invalid(`${field}: Extra inputs are not permitted`);
    }
  }
  if (typeof body.model !== 'string' || body.model === '') return invalid('model: Field required');
  if (!forCount && (!Number.isInteger(body.max_tokens) || (body.max_tokens as number) < 0)) {
    return invalid('max_tokens: Input should be a valid integer greater than or equal to 0');
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) return invalid('messages: at least one message is required');
  for (const [i, m] of (body.messages as unknown[]).entries()) {
    const msg = m as { role?: unknown; content?: unknown } | null;
    if (!msg || (msg.role !== 'user' && msg.role !== 'assistant')) return invalid(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    if (typeof msg.content !== 'string' && !Array.isArray(msg.content)) return invalid(`messages.${i}.content: Input should be a string or a list of blocks`);
  }
  if (body.system !== undefined && typeof body.system !== 'string' && !(Array.isArray(body.system) && body.system.every(isTextBlock))) {
    return invalid('system: Input should be a valid string or a list of text blocks');
  }
  if (body.stream !== undefined && typeof body.stream !== 'boolean') return invalid('stream: Input should be a valid boolean');
  if (body.tools !== undefined && !Array.isArray(body.tools)) return invalid('tools: Input should be a valid list');
  const typed = body as MessagesBody;
  const markers = countCacheMarkers(typed);
  if (markers > MAX_CACHE_BREAKPOINTS) {
    return invalid(`A maximum of ${MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found ${markers}.`);
  }
  return { ok: true, value: typed };
}
