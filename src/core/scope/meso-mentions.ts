import type { MesoMention } from '../contracts/wbs';
import { maskCode } from '../markdown/code-mask';
import { splitFrontmatter } from '../markdown/frontmatter-block';
import { parseHeadings } from '../markdown/headings';
import { cleanName, leadingWorkstream, listItemContent, parseWorkstreamHeading, stripNumbering } from '../wbs/wbs-lines';
import { normaliseWorkstreamId, scanWorkstreamTokens } from '../wbs/workstream-id';
import { parseContractHeadingAll } from '../wbs/contract-heading';

/**
 * Each heading or list item of the meso plan that names a workstream id (`W2`, `Workstream 2`; task
 * ids such as `W2.1` do not count), one mention per distinct id per line, in document order.
 * The id that opens the line carries the name the line gives it (`## W2: Inspection API`,
 * `- **W2 (Inspection API)**`, `### Inspection API (W2)`); contract lines (`W1 → W2: …`) mention
 * both ids without names. Code blocks and comments are ignored. Never throws.
 */
export function parseMesoMentions(text: string): MesoMention[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const masked = maskCode(text).split('\n');
  const headingAt = new Map(parseHeadings(text).map((h) => [h.line, h.text]));
  const out: MesoMention[] = [];
  for (let i = splitFrontmatter(text).bodyStartLine - 1; i < lines.length; i++) {
    const lineNo = i + 1;
    if ((masked[i] ?? '').trim() === '') continue;
    const heading = headingAt.get(lineNo);
    const isItem = heading === undefined && listItemContent(masked[i]!) !== null;
    if (heading === undefined && !isItem) continue;
    // Masking can turn `-`x`` into a list item the original is not.
    const content = heading ?? listItemContent(lines[i]!);
    if (content === null) continue;
    // Ids inside inline code are not mentions: only ids that survive masking count.
    const visible = new Set(scanWorkstreamTokens(masked[i]!).filter((t) => t.task === null).map((t) => t.id));
    out.push(...mentionsIn(content, lineNo, heading !== undefined).filter((m) => visible.has(m.id)));
  }
  return out;
}

function mentionsIn(content: string, line: number, isHeading: boolean): MesoMention[] {
  const pairs = parseContractHeadingAll(content);
  if (pairs.length > 0) {
    const ids: string[] = [];
    for (const c of pairs) for (const x of [c.from, c.to]) if (!ids.includes(x)) ids.push(x);
    return ids.map((id) => ({ id, line }));
  }
  const named = namedAtStart(content, isHeading) ?? namedAtEnd(content);
  const out: MesoMention[] = [];
  if (named) out.push(named.name ? { id: named.id, name: named.name, line } : { id: named.id, line });
  for (const t of scanWorkstreamTokens(content)) {
    if (t.task === null && !out.some((m) => m.id === t.id)) out.push({ id: t.id, line });
  }
  return out;
}

/** `W2: Name`, `Workstream 2 — Name`, `**W2 (Name)** …`, `**W2**: Name — more`. */
function namedAtStart(content: string, isHeading: boolean): { id: string; name: string } | null {
  if (isHeading) {
    const h = parseWorkstreamHeading(content);
    return h ? { id: h.id, name: h.name } : null;
  }
  const t = stripNumbering(content);
  const bold = /^(\*\*|__)(.+?)\1\s*(.*)$/.exec(t);
  if (bold) {
    const inner = leadingWorkstream(bold[2]!);
    if (!inner) return null;
    const name = firstPhrase(inner.rest) || firstPhrase(bold[3]!);
    return { id: inner.id, name };
  }
  const lead = leadingWorkstream(t);
  return lead ? { id: lead.id, name: firstPhrase(lead.rest) } : null;
}

/** `Inspection API (W2)` → W2 named `Inspection API`. */
function namedAtEnd(content: string): { id: string; name: string } | null {
  const m = /^(.*?)\s*[([]\s*([^()[\]]+?)\s*[)\]]\s*(?:\*\*|__)?\s*$/.exec(stripNumbering(content));
  if (!m) return null;
  const id = normaliseWorkstreamId(m[2]!);
  const name = cleanName(m[1]!);
  if (!id || !name || scanWorkstreamTokens(name).length > 0) return null;
  return { id, name };
}

/** The name a list item gives: up to the first ` — `, `: `, `; ` or `. ` after the separator. */
function firstPhrase(rest: string): string {
  const t = cleanName(rest);
  const paren = /^\(([^()]*)\)/.exec(rest.trim());
  if (paren) return cleanName(paren[1]!);
  const cut = t.search(/\s[—–-]\s|[:;]\s|\.\s|\s\(/);
  return cleanName(cut >= 0 ? t.slice(0, cut) : t);
}
