/**
 * The environment variables a workstream reads, from where the upstream micro prompt puts them:
 * its "7. Configuration and Secrets" (a table or a list) and the "environment variable catalog" of
 * its appendices. A table's "Used by" (module, component, service, owner) column says whose a
 * variable is: one of the workstream's modules, or the workstream itself, keeps it; another module
 * drops it; no column keeps every variable, marked as not attributed.
 */
import type { NoteHeading } from '../contracts/note-meta';
import type { ScopeEnvVar } from '../contracts/scope';
import type { Wbs } from '../contracts/wbs';
import { citeSection } from '../vault/cite-section';
import { matchWords } from './component-match';
import { findHead, headTitle, sectionEnd, withoutFences } from './section-entries';
import { namedIds } from './workstream-refs';

/** UPPER_SNAKE_CASE with two or more parts holding a letter (`DATABASE_URL`; not `ISO_8601`). No lookbehind: iOS before 16.4. */
const TOKEN = /(^|[^A-Za-z0-9_])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?![A-Za-z0-9_])/g;

/** Every environment-variable-like name in a line, in order. */
export function envTokens(line: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(line)) !== null) {
    const name = m[2]!;
    if (name.split('_').filter((p) => /[A-Z]/.test(p)).length >= 2 && !out.includes(name)) out.push(name);
  }
  return out;
}

const CONFIG = /\bconfiguration\s+and\s+secrets\b|\benvironment\s+variables?\b|\bconfiguration\b/i;
const APPENDICES = /^appendi(?:x|ces)\b/i;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const SEPARATOR = /^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$/;

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.replace(/`/g, '').replace(/\*\*|__/g, '').trim());
}

interface Found {
  name: string;
  line: number;
  head: NoteHeading;
  cells: Record<'required' | 'default' | 'description' | 'validation' | 'usedBy', string | null>;
}

/** The variables named in lines `from`–`to` (1-based) of the masked note: table rows read by their header, other lines by their names. */
function scan(lines: readonly string[], head: NoteHeading, from: number, to: number, onlyCatalog: boolean): Found[] {
  const out: Found[] = [];
  let header: string[] | null = null;
  let inCatalog = !onlyCatalog;
  for (let n = from; n <= to; n++) {
    const line = lines[n - 1] ?? '';
    if (onlyCatalog) {
      if (/\benv(?:ironment)?\s*var(?:iable)?s?\b/i.test(line)) inCatalog = true;
      else if (line.trim() === '' || /^\s*(?:[A-Z]\)|#{1,6}\s)/.test(line)) inCatalog = false;
      if (!inCatalog) continue;
    }
    if (TABLE_ROW.test(line)) {
      if (SEPARATOR.test(line)) continue;
      if (SEPARATOR.test(lines[n] ?? '')) {
        header = cells(line).map((c) => c.toLowerCase());
        continue;
      }
      const row = cells(line);
      const col = (re: RegExp): string | null => {
        const i = (header ?? []).findIndex((h) => re.test(h));
        const v = i >= 0 ? row[i] : undefined;
        return v !== undefined && v !== '' ? v : null;
      };
      for (const name of envTokens(row[0] ?? '').concat(row[0] && envTokens(row[0]).length > 0 ? [] : envTokens(row.join(' ')))) {
        if (out.some((f) => f.name === name)) continue;
        out.push({
          name,
          line: n,
          head,
          cells: {
            required: col(/\brequired\b|\bmandatory\b|\boptional\b/),
            default: col(/\bdefault\b/),
            description: col(/\bdescription\b|\bpurpose\b|\bmeaning\b|\bwhat\b/),
            validation: col(/\bvalidat|\bformat\b|\bconstraint/),
            usedBy: col(/\bused\s+by\b|\bmodule\b|\bcomponent\b|\bservice\b|\bowner\b|\bconsumer|\bwhere\b|\bread\s+by\b/),
          },
        });
      }
      continue;
    }
    header = null;
    for (const name of envTokens(line)) {
      if (!out.some((f) => f.name === name)) out.push({ name, line: n, head, cells: { required: null, default: null, description: null, validation: null, usedBy: null } });
    }
  }
  return out;
}

/** Does a "Used by" cell name the workstream or one of its modules? `other`: it names something else. */
function owner(usedBy: string, id: string, wbs: Wbs, moduleNames: readonly string[]): 'mine' | 'other' {
  if (namedIds(usedBy, wbs).includes(id)) return 'mine';
  const words = ` ${matchWords(usedBy).join(' ')} `;
  const kind = new Set(['module', 'service', 'component', 'layer']);
  for (const name of moduleNames) {
    const w = matchWords(name).filter((x) => !kind.has(x));
    if (w.length > 0 && words.includes(` ${w.join(' ')} `)) return 'mine';
  }
  return 'other';
}

/**
 * The variables of the micro plan's configuration sections that concern the workstream (see the
 * file comment), each cited by section and line. `heads` are the micro plan's section heads.
 */
export function workstreamEnvVars(
  micro: { text: string; heads: readonly NoteHeading[]; linkTarget: string },
  id: string,
  wbs: Wbs,
  moduleNames: readonly string[],
): ScopeEnvVar[] {
  // Variables are usually written in code spans, so the text is read as written, fenced blocks blanked.
  const lines = withoutFences(micro.text);
  const sorted = [...micro.heads].sort((a, b) => a.line - b.line);
  const found: Found[] = [];
  const config = findHead(sorted, CONFIG);
  if (config) found.push(...scan(lines, config, config.line + 1, sectionEnd(sorted, config, lines.length), false));
  const appendices = sorted.find((h) => APPENDICES.test(headTitle(h)));
  if (appendices) {
    const sub = sorted.filter((h) => h.line > appendices.line && h.line <= sectionEnd(sorted, appendices, lines.length) && /\benv(?:ironment)?\s*var/i.test(headTitle(h)));
    if (sub.length > 0) for (const h of sub) found.push(...scan(lines, h, h.line + 1, sectionEnd(sorted, h, lines.length), false));
    else found.push(...scan(lines, appendices, appendices.line + 1, sectionEnd(sorted, appendices, lines.length), true));
  }
  const out: ScopeEnvVar[] = [];
  for (const f of found) {
    if (out.some((v) => v.name === f.name)) continue;
    const attributed = f.cells.usedBy !== null;
    if (attributed && owner(f.cells.usedBy!, id, wbs, moduleNames) === 'other') continue;
    out.push({ name: f.name, ...f.cells, attributed, line: f.line, source: citeSection(micro.linkTarget, f.head) });
  }
  return out;
}
