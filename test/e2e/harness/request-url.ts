/**
 * `requestUrl`: in the app it goes through Electron's network stack, outside the page, so CORS does
 * not apply and the body arrives complete. Here the page server makes the call from Node
 * (`POST /__request-url`) and hands back the whole answer: the same two properties. Building the
 * answer (JSON, errors for status >= 400) is the jest double's.
 */
import { requestParam, response, textRequest, type RequestUrlParam, type RequestUrlResponse } from '../../__mocks__/obsidian-double/network';

export type { RequestUrlParam, RequestUrlResponse };

export async function requestUrl(request: RequestUrlParam | string): Promise<RequestUrlResponse> {
  const req = requestParam(request);
  const headers = { ...(req.headers ?? {}) };
  if (req.contentType) headers['content-type'] = req.contentType;
  const body = typeof req.body === 'string' || req.body === undefined ? req.body : new TextDecoder().decode(req.body);
  const res = await window.fetch('/__request-url', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: req.url, method: req.method ?? 'GET', headers, body }),
  });
  if (!res.ok) throw new Error(`net::ERR_FAILED (${await res.text()})`);
  return response(req, (await res.json()) as { status: number; headers: Record<string, string>; text: string });
}

export const request = textRequest(requestUrl);
