export interface Endpoint {
  method: string;
  /** The path without query string, fragment or trailing punctuation. */
  path: string;
}

const METHOD = String.raw`(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)`;
/** One or more methods (`GET`, `GET/PATCH`, `GET, PUT`, `GET|DELETE`, `GET & PATCH`) before a path. */
const ENDPOINT = new RegExp(String.raw`(${METHOD}(?:[ \t]*(?:\/|,|\||&|\band\b|\bor\b)[ \t]*${METHOD})*)[ \t]+(\/[^\s\`)]*)`, 'g');

/**
 * Every `METHOD /path` in `text` (methods in capitals: GET, POST, PUT, PATCH, DELETE, HEAD,
 * OPTIONS), once each, in order of first appearance. Several methods before one path
 * (`GET/PATCH /v1/me`, `GET, PUT /x`) are one endpoint each. The path runs to whitespace, a
 * backtick or a closing parenthesis; its query string and trailing punctuation are dropped. Code is
 * not masked: endpoints are usually written in code spans.
 */
export function findEndpoints(text: string): Endpoint[] {
  const out: Endpoint[] = [];
  const seen = new Set<string>();
  ENDPOINT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ENDPOINT.exec(text)) !== null) {
    const before = text[m.index - 1];
    if (before !== undefined && /[\p{L}\p{N}_]/u.test(before)) continue;
    const path = m[2]!.replace(/[?#].*$/, '').replace(/[.,;:!'"\]>*]+$/, '');
    if (path === '') continue;
    for (const method of m[1]!.match(/GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS/g) ?? []) {
      const key = `${method} ${path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ method, path });
    }
  }
  return out;
}
