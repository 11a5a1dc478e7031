/**
 * The named entries of a section of a planning note, where the upstream prompts put the facts a
 * workstream plan needs: the components of the micro plan's "4. Detailed Module/Component
 * Specifications" and the meso plan's "2. System Decomposition", the interfaces of "3. Data and
 * Interface Design", the integration points of "5. Integration Points". Authors write an entry as a
 * sub-section (`### 4.2 Catalog Module`, `2.1 Components`, `#### **A. Core Module**`) or as a list
 * item (`- **Catalog module**: …`, `- App Shell: …`, `- UI Shell` with nested lines).
 */
import type { NoteHeading } from '../contracts/note-meta';
import type { SectionHead } from '../markdown/note-sections';

export interface SectionEntry {
  /** The entry's name, cleaned: `Catalog Module`, `App Shell`, `Core Infrastructure Module`. */
  name: string;
  /** The section head it is under: its own sub-section, or the section holding the list. */
  head: NoteHeading;
  /** 1-based line of its name. */
  line: number;
  /** Its text: the name line and every line that belongs to it (nested lines, its sub-section). */
  text: string;
}

/** A section head's words without its number, emphasis or trailing colon. */
export function headTitle(h: NoteHeading): string {
  const s = h as Partial<SectionHead>;
  return clean(s.title ?? h.text.replace(/^\d+(?:\.\d+)*\.?\s+/, ''));
}

function clean(s: string): string {
  return s
    .replace(/\*\*|__/g, '')
    .replace(/`/g, '')
    .trim()
    .replace(/[:：]\s*$/, '')
    .trim();
}

/** The first head whose title matches, shallowest first, then first in the note. */
export function findHead(heads: readonly NoteHeading[], title: RegExp): NoteHeading | null {
  const found = heads.filter((h) => title.test(headTitle(h)));
  if (found.length === 0) return null;
  return [...found].sort((a, b) => a.level - b.level || a.line - b.line)[0]!;
}

/** The 1-based last line of the section under `head`: before the next head at its level or above. */
export function sectionEnd(heads: readonly NoteHeading[], head: NoteHeading, lineCount: number): number {
  const next = [...heads].sort((a, b) => a.line - b.line).find((h) => h.line > head.line && h.level <= head.level);
  return next ? next.line - 1 : lineCount;
}

/** Titles that hold entries rather than name one: "Components", "High-Level Components", "Modules/Components", "Key Services". */
const CONTAINER = /^(?:(?:high[- ]level|key|main|core|major|internal|external)\s+)?(?:modules?|components?|services?|systems?|interfaces?|apis?|integrations?|external\s+systems?)(?:\s*(?:\/|and|&)\s*(?:modules?|components?|services?))?(?:\s+\([^)]*\))?$/i;
/** Titles that are about the entries, not one of them: communication, diagrams, flows, rationale. */
const NOT_AN_ENTRY =
  /^(?:communication\b.*|c4\b.*|(?:diagrams?|views?|mermaid|data\s+flows?|sequences?|interactions?|overview|notes?|rationale|alternatives?(?:\s+considered)?|summary|responsibilities|inputs?(?:\s*\/\s*outputs?)?|outputs?|versioning|authn(?:\/z)?|auth\/?z|errors?(?:\s+handling)?|rate\s+limits?|fallback(?:\s+strateg(?:y|ies))?|protocols?|data\s+mapping\b.*|storage\b.*|lifecycle\b.*|(?:core\s+)?schemas?\b.*|domain\s+model\b.*|key\s+(?:entities|sequences)\b.*)(?:\s*\([^)]*\))?)$/i;

const LIST_ITEM = /^(\s*)(?:[-*+]|\d+[.)]|[a-z][.)])\s+(.*)$/;

/** `**Name**: rest`, `Name: rest`, `**Name** — rest`, `Name` alone; null when the item is a sentence. */
function itemName(content: string): { name: string; rest: string } | null {
  const t = content.trim();
  const bold = /^(?:\*\*|__)(.+?)(?:\*\*|__)\s*(?:[:—–-]\s*)?(.*)$/.exec(t);
  const plain = bold ? null : /^([^:]{1,80}?)\s*(?::\s+|:$|\s[—–]\s)(.*)$/.exec(t);
  const whole = !bold && !plain && !/[.;!?]$/.test(t) ? [t, t, ''] : null;
  const m = bold ?? plain ?? whole;
  if (!m) return null;
  const name = cleanName(m[1]!);
  if (name === '' || name.split(/\s+/).length > 7 || name.length > 60 || /[.;!?]$/.test(name)) return null;
  return { name, rest: (m[2] ?? '').trim() };
}

/** `A. Core Infrastructure Module` → `Core Infrastructure Module`; `App Shell (core)` → `App Shell`. */
export function cleanName(s: string): string {
  return clean(s)
    .replace(/^(?:[A-Z]|\d+(?:\.\d+)*|[a-z])[.)]\s+/, '')
    .replace(/\s*\([^)]*\)\s*$/, '')
    .replace(/[:：]\s*$/, '')
    .trim();
}

/**
 * The entries of the section under `head`: its sub-sections (descending through container titles
 * such as "2.1 Components"), or, when it has none, its list items (descending through container
 * items such as "- Modules/Components"). Entries about the section rather than in it
 * ("Communication Styles", "C4 Views") are left out. Never throws.
 */
export function sectionEntries(text: string, heads: readonly NoteHeading[], head: NoteHeading): SectionEntry[] {
  // Code spans stay (identifiers such as `holdBerth` live there); fenced blocks (diagrams, listings) go.
  const lines = withoutFences(text);
  const sorted = [...heads].sort((a, b) => a.line - b.line);
  const end = sectionEnd(sorted, head, lines.length);
  const inside = sorted.filter((h) => h.line > head.line && h.line <= end);
  if (inside.length > 0) {
    const top = Math.min(...inside.map((h) => h.level));
    const out: SectionEntry[] = [];
    // Lines before the first sub-section may list entries too ("2. System Decomposition" then "- App Shell: …").
    const firstSub = inside[0]!.line;
    if (firstSub > head.line + 1) out.push(...listEntries(lines, head, head.line + 1, firstSub - 1));
    for (const h of inside.filter((x) => x.level === top)) {
      const title = headTitle(h);
      if (NOT_AN_ENTRY.test(title)) continue;
      if (CONTAINER.test(title)) {
        out.push(...sectionEntries(text, heads, h));
        continue;
      }
      const hEnd = sectionEnd(sorted, h, lines.length);
      out.push({ name: cleanName(title), head: h, line: h.line, text: lines.slice(h.line - 1, hEnd).join('\n') });
    }
    return out;
  }
  return listEntries(lines, head, head.line + 1, end);
}

/** Words that make a name a component's own ("Explorer Module", "Data Layer"), not a group of them. */
const KIND_WORD = /\b(?:module|service|component|layer|worker|controller|renderer|engine|adapter|gateway|api|cli|store|repository|panel|view|client|server|pipeline|generator|estimator|coordinator)s?\b/i;

/**
 * Is the label-only item on line `n` a group of entries ("- Tools/Offline" with "- Converter CLI: …"
 * under it) rather than one entry with its details ("- UI Shell" with "- Responsibilities: …")?
 * A name with a kind word is an entry; otherwise, a group when its nested items are named entries.
 */
function groupsEntries(lines: string[], n: number, to: number, lead: number, name: string): boolean {
  if (KIND_WORD.test(name)) return false;
  let named = 0;
  let details = 0;
  for (let k = n + 1; k <= to; k++) {
    const line = lines[k - 1] ?? '';
    if (line.trim() === '') continue;
    const m = LIST_ITEM.exec(line);
    const indent = line.length - line.trimStart().length;
    if (indent <= lead) break;
    if (!m) continue;
    const item = itemName(m[2]!);
    if (!item) continue;
    if (NOT_AN_ENTRY.test(item.name)) details++;
    else named++;
  }
  return named > 0 && named > details;
}

/** List-item entries between two lines (1-based, inclusive), under `head`. */
function listEntries(lines: string[], head: NoteHeading, from: number, to: number): SectionEntry[] {
  const out: SectionEntry[] = [];
  let indent: number | null = null;
  let current: SectionEntry | null = null;
  let skipGroup = false;
  /** Inside a container item ("- Modules/Components"): its indent; its nested items are the entries. */
  let container: number | null = null;
  for (let n = from; n <= to; n++) {
    const line = lines[n - 1] ?? '';
    if (line.trim() === '') continue;
    const m = LIST_ITEM.exec(line);
    const lead = line.length - line.trimStart().length;
    if (!m) {
      if (current && indent !== null && lead > indent) {
        current.text += `\n${line}`;
        continue;
      }
      // A plain line sorts what follows: "Communication" starts a part that holds no entries.
      current = null;
      indent = null;
      container = null;
      skipGroup = NOT_AN_ENTRY.test(clean(line));
      continue;
    }
    if (container !== null && lead <= container) container = null;
    if (current && indent !== null && lead > indent) {
      current.text += `\n${line}`;
      continue;
    }
    if (skipGroup) continue;
    const named = itemName(m[2]!);
    if (named && named.rest === '' && (CONTAINER.test(named.name) || groupsEntries(lines, n, to, lead, named.name))) {
      container = lead;
      current = null;
      indent = null;
      continue;
    }
    if (indent !== null && lead > indent && container === null) continue;
    indent = lead;
    current = null;
    if (!named || NOT_AN_ENTRY.test(named.name)) continue;
    current = { name: named.name, head, line: n, text: line };
    out.push(current);
  }
  return out;
}

/** The note's lines with the lines of fenced code blocks (fences included) blanked. */
export function withoutFences(text: string): string[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  let fence: string | null = null;
  return lines.map((l) => {
    const m = /^\s{0,3}(`{3,}|~{3,})/.exec(l);
    if (fence === null && m) {
      fence = m[1]!;
      return '';
    }
    if (fence !== null) {
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length) fence = null;
      return '';
    }
    return l;
  });
}
