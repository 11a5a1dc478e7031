import { stripQuery } from '../../plan/derive-outline';
import { hasLabel, prose } from '../content';
import { fail, label, pass, type ReadinessCheck } from '../context';
import { findPlaceholders } from '../placeholders';

/** The labels every endpoint subsection needs, in the words the checker looks for. */
export const ENDPOINT_LABELS = ['Request', 'Response', 'Status codes', 'Authentication'] as const;

const ENDPOINT_TITLE = /^`?([A-Za-z]+)\s+(\/\S*?)`?(?:\s|$)/;
const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/**
 * True when a sentence of the text says that the workstream has no endpoints: the renderer's
 * (`noEndpointsSentence`, "No endpoint … was found …"), the one older notes carry ("W2 exposes no
 * HTTP endpoints: …") or the author's own. Placeholders and code do not count.
 */
export function saysNoEndpoints(text: string): boolean {
  return prose(text)
    .split(/[.!?]\s+|\n/)
    .some((s) => /\bendpoints?\b/i.test(s) && /\b(?:no|none|not\s+(?:expose|provide|define|have))\b/i.test(s));
}

const normalisePath = (p: string): string => stripQuery(p).replace(/(.)\/+$/, '$1');

/**
 * Section 3 has one subsection per endpoint, headed `METHOD /path`, each stating request,
 * response, status codes and authentication; or it says there are no endpoints. Every endpoint
 * of the scope (query string ignored) has its subsection, and section 3's own text holds no
 * `[!todo]` placeholder (the offline draft lists paths it could not tell were endpoints in one).
 */
export const apiContracts: ReadinessCheck = {
  id: 'api-contracts',
  check: (ctx) => {
    const three = ctx.section('3');
    if (!three) return fail('api-contracts', null, ['Section 3 (API Contracts) is missing.']);
    const reasons: string[] = [];
    let line: number | null = null;
    const found = new Set<string>();
    const subs = three.children;
    for (const sub of subs) {
      const m = ENDPOINT_TITLE.exec(sub.title);
      if (!m || !HTTP_METHODS.has(m[1]!.toUpperCase())) {
        reasons.push(`Section ${label(sub)} is not headed by an endpoint's METHOD /path.`);
        line ??= sub.line;
        continue;
      }
      found.add(`${m[1]!.toUpperCase()} ${normalisePath(m[2]!)}`);
      const text = ctx.textOf(sub);
      const missing = ENDPOINT_LABELS.filter((l) => !hasLabel(text, l));
      if (missing.length > 0) {
        reasons.push(`Section ${label(sub)} does not state: ${missing.map((l) => l.toLowerCase()).join(', ')}.`);
        line ??= sub.line;
      }
    }
    const todo = findPlaceholders(ctx.text).find((p) => p.kind === 'todo-callout' && three.bodyStart <= p.line && p.line <= three.bodyEnd);
    if (todo) {
      reasons.push(`Section 3 (API Contracts) still holds a [!todo] placeholder (line ${todo.line}); settle what it asks before the contracts count as specified.`);
      line ??= todo.line;
    }
    const expected = ctx.scope?.endpoints ?? [];
    if (subs.length === 0 && !saysNoEndpoints(three.body)) {
      reasons.push('Section 3 has no endpoint subsections and does not say that the workstream exposes no endpoints.');
      line ??= three.line;
    }
    const seen = new Set<string>();
    for (const e of expected) {
      const key = `${e.method.toUpperCase()} ${normalisePath(e.path)}`;
      if (found.has(key) || seen.has(key)) continue;
      seen.add(key);
      reasons.push(`Section 3 has no subsection for ${key} (named in ${e.source}).`);
      line ??= three.line;
    }
    return reasons.length === 0 ? pass('api-contracts', three.line) : fail('api-contracts', line, reasons);
  },
};
