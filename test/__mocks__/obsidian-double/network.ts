/**
 * `requestUrl` goes through a seam: `setRequestUrlHandler` installs a per-test answer; without one,
 * a call fails loudly so no test reaches the network. `requestLog` keeps every request.
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

type Handler = (req: RequestUrlParam) => Promise<Partial<RequestUrlResponse> & { status: number }> | (Partial<RequestUrlResponse> & { status: number });

let handler: Handler | null = null;
export const requestLog: RequestUrlParam[] = [];

export function setRequestUrlHandler(h: Handler | null): void {
  handler = h;
  requestLog.length = 0;
}

export async function requestUrl(request: RequestUrlParam | string): Promise<RequestUrlResponse> {
  const req = requestParam(request);
  requestLog.push(req);
  if (!handler) throw new Error(`requestUrl(${req.url}) called with no handler: use setRequestUrlHandler`);
  return response(req, await handler(req));
}

export const request = textRequest(requestUrl);

/** `requestUrl`'s argument as an object (a bare string is the URL). Shared with the browser harness. */
export function requestParam(request: RequestUrlParam | string): RequestUrlParam {
  return typeof request === 'string' ? { url: request } : request;
}

/**
 * The app's answer to `req` from a status and a body (text or JSON): `json` parsed when read, and an
 * error carrying status, headers and text for a status of 400 or more unless `throw: false`.
 */
export function response(req: RequestUrlParam, r: Partial<RequestUrlResponse> & { status: number }): RequestUrlResponse {
  const text = r.text ?? (r.json !== undefined ? JSON.stringify(r.json) : '');
  const res: RequestUrlResponse = {
    status: r.status,
    headers: r.headers ?? {},
    text,
    arrayBuffer: r.arrayBuffer ?? (new TextEncoder().encode(text).buffer as ArrayBuffer),
    get json() {
      return r.json !== undefined ? r.json : JSON.parse(text);
    },
  };
  if (req.throw !== false && res.status >= 400) {
    throw Object.assign(new Error(`Request failed, status ${res.status}`), { status: res.status, headers: res.headers, text });
  }
  return res;
}

/** `request`: `requestUrl`'s text. */
export function textRequest(requestUrl: (req: RequestUrlParam | string) => Promise<RequestUrlResponse>): (req: RequestUrlParam | string) => Promise<string> {
  return async (req) => (await requestUrl(req)).text;
}

/** Desktop on Linux by default; tests may flip fields (and restore them). */
export const Platform = {
  isDesktop: true,
  isMobile: false,
  isDesktopApp: true,
  isMobileApp: false,
  isIosApp: false,
  isAndroidApp: false,
  isPhone: false,
  isTablet: false,
  isMacOS: false,
  isWin: false,
  isLinux: true,
  isSafari: false,
  resourcePathPrefix: 'app://local/',
};
