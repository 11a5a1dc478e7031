/**
 * The SDK client for a planning run. The key comes from Obsidian's secret storage and the base URL
 * from the settings, never from `process.env`. Two transports:
 *
 * - the platform `fetch` (default): the only way to stream a response body live and to cancel it
 *   with an AbortSignal; `requestUrl` buffers the whole response and takes no signal;
 * - with `useObsidianNetwork`, a `fetch` over `requestUrl`, for organisations that refuse browser
 *   calls (CORS): no CORS limits, but each call's text arrives in one piece when the call ends, a
 *   call cannot be stopped once sent, and a timeout has to cover a whole generation.
 */
import { requestUrl, type App, type RequestUrlResponse } from 'obsidian';
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

/** How long a finished `requestUrl` answer nobody took yet is kept for a retry of the same request, ms. */
export const UNCLAIMED_ANSWER_MS = 60_000;

/** The SDK's `x-stainless-*` bookkeeping differs between its retries of one request; it is not part of what is asked. */
function requestKey(method: string, url: string, headers: Record<string, string>, body: string | undefined): string {
  const kept = Object.entries(headers)
    .filter(([name]) => !name.toLowerCase().startsWith('x-stainless-'))
    .sort(([a], [b]) => a.localeCompare(b));
  return `${method} ${url}\n${JSON.stringify(kept)}\n${body ?? ''}`;
}

/**
 * A `fetch` over Obsidian's `requestUrl`: buffered (the body is complete before the SDK sees it), so
 * the SDK's timeout, meant for the response headers, covers the whole generation here, and
 * `requestUrl` takes no signal, so nothing can stop a request once sent (obsidian.d.ts,
 * `RequestUrlParam` has no signal). When the SDK gives up waiting (its timeout, or Cancel) the
 * request goes on: a retry of the same request then waits for that answer instead of sending it a
 * second time (and paying for it twice). An answer nobody claims is dropped after a minute.
 */
export function requestUrlFetch(options: { later?: (fn: () => void, ms: number) => void } = {}): typeof fetch {
  const later = options.later ?? ((fn: () => void, ms: number): void => void window.setTimeout(fn, ms));
  const inFlight = new Map<string, Promise<RequestUrlResponse>>();
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
    const method = init?.method ?? 'GET';
    const key = requestKey(method, url, headers, body);
    let pending = inFlight.get(key);
    if (!pending) {
      const sent = requestUrl({ url, method, headers, body, throw: false });
      pending = sent;
      inFlight.set(key, sent);
      const forget = (): void => {
        later(() => {
          if (inFlight.get(key) === sent) inFlight.delete(key);
        }, UNCLAIMED_ANSWER_MS);
      };
      sent.then(forget, forget);
    }
    const res = await untilAborted(pending, init?.signal);
    if (inFlight.get(key) === pending) inFlight.delete(key);
    const nullBody = res.status === 204 || res.status === 304;
    return new Response(nullBody ? null : res.arrayBuffer, { status: res.status, headers: res.headers });
  };
}

/** The answer, or an AbortError as soon as the signal aborts (the request itself goes on). */
function untilAborted<T>(pending: Promise<T>, signal: AbortSignal | null | undefined): Promise<T> {
  if (!signal) return pending;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new DOMException('The request was aborted.', 'AbortError'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
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
    // Over requestUrl the SDK's timeout bounds the whole call (see requestUrlFetch); each call's own
    // bound, from its room, is set per request by the pipeline.
    ...(buffered ? { timeoutMs: settings.firstTextTimeoutSeconds * 1000 } : {}),
  });
  return { client, apiKey, buffered };
}
