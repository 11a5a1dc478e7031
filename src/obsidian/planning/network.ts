/**
 * The SDK client for a planning run. The key comes from Obsidian's secret storage and the base URL
 * from the settings, never from `process.env`. Two transports:
 *
 * - the platform `fetch` (default): the only way to stream a response body live and to cancel it
 *   with an AbortSignal; `requestUrl` buffers the whole response and takes no signal;
 * - with `useObsidianNetwork`, a `fetch` over `requestUrl`, for organisations that refuse browser
 *   calls (CORS): no CORS limits, but each call's text arrives in one piece when the call ends.
 */
import { requestUrl, type App } from 'obsidian';
import type { Settings } from '../../core/contracts/settings';
import { createAnthropicClient, type AnthropicClient } from '../../core/providers/anthropic';
import { getApiKey } from '../settings/plugin-settings';

export interface PlanningClient {
  client: AnthropicClient;
  apiKey: string;
  /** True over `requestUrl`: no live streaming. */
  buffered: boolean;
}

/**
 * The platform fetch. The review's lint warns on `fetch` (it asks for `requestUrl`); that warning is
 * expected here: `requestUrl` cannot stream the answer and ignores AbortSignal, so live writing into
 * the note and "Cancel planning" both need `fetch`.
 */
export function platformFetch(): typeof fetch {
  return window.fetch.bind(window);
}

/** The header the SDK adds in a browser (`dangerouslyAllowBrowser`). */
export const BROWSER_ACCESS_HEADER = 'anthropic-dangerous-direct-browser-access';

/** A `fetch` over Obsidian's `requestUrl`: buffered (the body is complete before the SDK sees it), not abortable in flight. */
export function requestUrlFetch(): typeof fetch {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (init?.signal?.aborted) throw new DOMException('The request was aborted.', 'AbortError');
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => {
      headers[name] = value;
    });
    // This request does not come from a browser page (Obsidian's network layer makes it, without an
    // Origin): the SDK's browser-access header would only invite a refusal from organisations that
    // block browser calls, which is exactly why the user chose this transport.
    delete headers[BROWSER_ACCESS_HEADER];
    const body = typeof init?.body === 'string' ? init.body : undefined;
    const res = await requestUrl({ url, method: init?.method ?? 'GET', headers, body, throw: false });
    if (init?.signal?.aborted) throw new DOMException('The request was aborted.', 'AbortError');
    const nullBody = res.status === 204 || res.status === 304;
    return new Response(nullBody ? null : res.arrayBuffer, { status: res.status, headers: res.headers });
  };
}

/** The client, or null when no key is stored. `fetchImpl` replaces the platform fetch (tests). */
export function buildPlanningClient(app: App, settings: Settings, fetchImpl?: typeof fetch): PlanningClient | null {
  const apiKey = getApiKey(app, settings);
  if (apiKey === null) return null;
  const buffered = settings.useObsidianNetwork;
  const client = createAnthropicClient({
    apiKey,
    baseURL: settings.baseURL,
    browser: true,
    fetch: buffered ? requestUrlFetch() : (fetchImpl ?? platformFetch()),
  });
  return { client, apiKey, buffered };
}
