/**
 * CORS as api.anthropic.com answers it (research §9, §10.6): a permissive preflight that echoes the requested
 * headers; ACAO on actual responses only with `anthropic-dangerous-direct-browser-access: true`; a 401 for browser
 * requests without that header; and an optional "organisation blocks browsers" mode.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** How the server treats browser (CORS) requests. */
export type CorsMode = 'allow' | 'block-browser';

export const CORS_HEADER_MISSING = "CORS requests must set 'anthropic-dangerous-direct-browser-access' header";
export const CORS_BLOCKED = 'CORS requests are not allowed for this Organization because of its settings.';

/** Answers an `OPTIONS` preflight with 204. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const requested = req.headers['access-control-request-headers'];
  res.writeHead(204, {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
    ...(requested ? { 'access-control-allow-headers': String(requested) } : {}),
    'access-control-max-age': '600',
    'access-control-allow-private-network': 'true',
  });
  res.end();
}

/** True when the SDK's browser flag header is present. */
export function isDirectBrowserAccess(req: IncomingMessage): boolean {
  return String(req.headers['anthropic-dangerous-direct-browser-access'] ?? '').toLowerCase() === 'true';
}

/** Response headers to add to an actual (non-preflight) response. */
export function corsResponseHeaders(req: IncomingMessage): Record<string, string> {
  return isDirectBrowserAccess(req) ? { 'access-control-allow-origin': '*', 'access-control-expose-headers': '*' } : {};
}

/**
 * The CORS rejection message for this request, or `undefined` when it may proceed.
 * `block-browser` rejects any request with an `Origin` or the browser flag header.
 */
export function corsRejection(req: IncomingMessage, mode: CorsMode): string | undefined {
  const fromBrowser = req.headers.origin !== undefined || isDirectBrowserAccess(req);
  if (mode === 'block-browser' && fromBrowser) return CORS_BLOCKED;
  if (req.headers.origin !== undefined && !isDirectBrowserAccess(req)) return CORS_HEADER_MISSING;
  return undefined;
}
