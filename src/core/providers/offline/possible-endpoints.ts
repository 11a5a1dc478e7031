/**
 * Paths that may be HTTP endpoints although no method is written with them, e.g. "the
 * `/api/reports/occupancy` endpoint". The scope recognises endpoints only as `METHOD /path`, so
 * these would pass unnoticed; the offline draft lists them in a `[!todo]` callout in section 3 for
 * a person to settle.
 */
import type { PlanInput } from '../../contracts/plan-input';
import { mesoSectionLines, mesoSource, quotableLines } from './meso-excerpt';

export interface PossibleEndpoint {
  path: string;
  /** A task id, or the meso heading the path was found under. */
  source: string;
}

/** A path that looks like an API route: `/api/…` or `/v1/…`, not inside a URL or a longer path. */
const API_PATH = /(^|[^\p{L}\p{N}_/.:~-])(\/(?:api|v\d+)(?![\p{L}\p{N}_-])(?:\/[^\s`'"()[\]<>,;|]*)?)/giu;
/** The words that say a path is served. */
const SERVED = /\b(?:endpoints?|routes?|apis?)\b/i;
const METHOD_BEFORE = /\b(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)[ \t]+$/;

const normalise = (path: string): string =>
  path
    .replace(/[?#].*$/, '')
    .replace(/[.:!*]+$/, '')
    .replace(/(.)\/+$/, '$1')
    .toLowerCase();

/** The sentences of a line: split after `.`, `!` or `?` followed by a space. */
const sentences = (line: string): string[] => line.replace(/([.!?])\s+/g, '$1\n').split('\n');

/**
 * Every API-looking path written in the same sentence as "endpoint", "route" or "API" (the path's
 * own words aside), without an HTTP method right before it, that is not already an endpoint of the
 * scope. Looked for in the workstream's task titles, then (when the meso text was passed in) in the
 * meso sections that name the workstream or are contracts it provides, code blocks aside. Once
 * each, in order of first appearance.
 */
export function findPossibleEndpoints(input: PlanInput): PossibleEndpoint[] {
  const { scope } = input;
  const known = new Set(scope.endpoints.map((e) => normalise(e.path)));
  const out: PossibleEndpoint[] = [];
  const scan = (text: string, source: string): void => {
    for (const sentence of sentences(text)) {
      if (!SERVED.test(sentence.replace(API_PATH, '$1 '))) continue;
      for (const m of sentence.matchAll(API_PATH)) {
        if (METHOD_BEFORE.test(sentence.slice(0, m.index + m[1]!.length))) continue;
        const path = m[2]!.replace(/[.:!*]+$/, '');
        const key = normalise(path);
        if (known.has(key)) continue;
        known.add(key);
        out.push({ path, source });
      }
    }
  };
  for (const t of scope.workstream.tasks) scan(t.title, t.id);
  const src = mesoSource(input);
  if (src) {
    const provided = new Set(scope.provides.map((c) => c.heading));
    for (const s of scope.mesoSections.filter((x) => x.reason === 'names-workstream' || provided.has(x.heading))) {
      for (const line of quotableLines(mesoSectionLines(src, s.heading, s.line) ?? [])) scan(line, s.heading);
    }
  }
  return out;
}

/** The `[!todo]` callout listing the possible endpoints; null when there is none. */
export function possibleEndpointsCallout(input: PlanInput): string | null {
  const found = findPossibleEndpoints(input);
  if (found.length === 0) return null;
  const id = input.scope.workstream.id;
  return [
    '> [!todo] Possible endpoints without a method',
    `> These paths are named as an endpoint, route or API, but no HTTP method is written with them. For each one ${id} exposes, add a \`### 3.N METHOD /path\` subsection; then remove this callout.`,
    ...found.map((e) => `> - \`${e.path}\` (${e.source})`),
  ].join('\n');
}
