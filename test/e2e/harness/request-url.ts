/**
 * `requestUrl`: in the app it goes through Electron's network stack, outside the page, so CORS does
 * not apply and the body arrives complete. Here the page server makes the call from Node
 * (`POST /__request-url`) and hands back the whole answer: the same two properties.
 */
export interface RequestUrlParam {
  url: string;
  method?: string;
  contentType?: string;
  body?: string | ArrayBuffer;
  headers?: Record<string, string>;
  throw?: boolean;
}

export interface RequestUrlResponse {
  status: number;
  headers: Record<string, string>;
  arrayBuffer: ArrayBuffer;
  json: any;
  text: string;
}

export async function requestUrl(request: RequestUrlParam | string): Promise<RequestUrlResponse> {
  const req = typeof request === 'string' ? { url: request } : request;
  const headers = { ...(req.headers ?? {}) };
  if (req.contentType) headers['content-type'] = req.contentType;
  const body = typeof req.body === 'string' || req.body === undefined ? req.body : new TextDecoder().decode(req.body);
  const res = await window.fetch('/__request-url', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: req.url, method: req.method ?? 'GET', headers, body }),
  });
  if (!res.ok) throw new Error(`net::ERR_FAILED (${await res.text()})`);
  const r = (await res.json()) as { status: number; headers: Record<string, string>; text: string };
  const buffer = new TextEncoder().encode(r.text).buffer as ArrayBuffer;
  const out: RequestUrlResponse = {
    status: r.status,
    headers: r.headers,
    text: r.text,
    arrayBuffer: buffer,
    get json() {
      return JSON.parse(r.text);
    },
  };
  if (req.throw !== false && r.status >= 400) throw Object.assign(new Error(`Request failed, status ${r.status}`), { status: r.status, headers: r.headers, text: r.text });
  return out;
}

export async function request(req: RequestUrlParam | string): Promise<string> {
  return (await requestUrl(req)).text;
}
