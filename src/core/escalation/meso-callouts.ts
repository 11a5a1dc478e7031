/**
 * Escalation callouts inside the meso-level plan (the optional `calloutsInMesoPlan` setting): each
 * blocker goes under the meso heading at fault, between two HTML comments that name it, so it can
 * be found and taken out again. Inserting and removing touch only those blocks: inserting the same
 * escalations twice changes nothing, and removing every block gives back the original text byte
 * for byte.
 *
 * A block, inserted right after the heading line (after earlier blocks under the same heading):
 *
 *     (blank line)
 *     <!-- wp:escalation W2 unresolved-decision 1a2b3c4d -->
 *     > [!escalation] Escalation Request — W2: Inspection API
 *     > - **Agent:** …
 *     <!-- /wp:escalation -->
 *
 * The closing comment keeps the following text out of the quote (an HTML comment line ends a
 * blockquote's lazy continuation) and marks the block's end even after the user edits the callout.
 */
import type { Escalation } from '../contracts/escalation';
import { parseHeadings } from '../markdown/headings';
import { parseWikilink } from '../vault/wikilinks';
import type { VaultPort } from '../vault/vault-port';
import { renderEscalationCallout } from './render-escalation';
import { normaliseHeadingForLink } from '../vault/wikilinks';
import { delegateVault } from '../vault/delegate';

const OPEN = /^<!-- wp:escalation (W\d+) (\S+) ([0-9a-f]{8}) -->\r?$/;
const CLOSE = /^<!-- \/wp:escalation -->\r?$/;
const CLOSE_LINE = '<!-- /wp:escalation -->';

/**
 * A short, stable key of what the escalation says (FNV-1a over rule, blocker and section), so two
 * escalations from one rule (say, two undefined dependencies) get two blocks.
 */
export function escalationKey(e: Escalation): string {
  let h = 0x811c9dc5;
  const s = `${e.rule}\u0000${e.blocker}\u0000${e.mesoSection}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function openLine(e: Escalation): string {
  return `<!-- wp:escalation ${e.workstreamId} ${e.rule} ${escalationKey(e)} -->`;
}

interface Block {
  workstreamId: string;
  rule: string;
  key: string;
  /** 0-based indexes: the blank line before the opening comment, and the closing comment. */
  from: number;
  to: number;
}

/** A blank line as an insert writes it, in an LF or a CRLF note. */
const isBlank = (line: string | undefined): boolean => line === '' || line === '\r';

/** The inserted blocks of the text (only complete ones: blank line, opening and closing comment). */
function findBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  lines.forEach((line, i) => {
    const m = OPEN.exec(line);
    if (!m || !isBlank(lines[i - 1])) return;
    // The block ends at the next closing comment, unless an opening one comes first (a broken block).
    const j = lines.findIndex((l, k) => k > i && (CLOSE.test(l) || OPEN.test(l)));
    if (!CLOSE.test(lines[j] ?? '')) return;
    blocks.push({ workstreamId: m[1]!, rule: m[2]!, key: m[3]!, from: i - 1, to: j });
  });
  return blocks;
}

/**
 * The heading the escalation points at, as a 1-based line: the heading named by the wikilink's
 * subpath in `mesoSection` (the innermost part of `A#B`), else, when `file` is the meso plan
 * (`mesoPath`), the heading above `line`. Null when the escalation names no meso heading (e.g.
 * "None: the gap is in the WBS", or a missing meso plan): such blockers stay in the escalation note only.
 */
export function mesoHeadingLine(mesoText: string, e: Escalation, mesoPath?: string): number | null {
  const headings = parseHeadings(mesoText);
  const link = /\[\[[^\]\n]*\]\]/.exec(e.mesoSection);
  const parsed = link ? parseWikilink(link[0]) : null;
  const wanted = parsed?.subpath && !parsed.isBlock ? parsed.subpath.split('#').filter(Boolean).pop() : undefined;
  if (wanted !== undefined) {
    const h = headings.find((x) => norm(x.text) === norm(wanted));
    if (h) return h.line;
  }
  if (mesoPath !== undefined && e.file === mesoPath) {
    const above = headings.filter((h) => h.line <= (e.line ?? 0));
    const h = above[above.length - 1];
    if (h) return h.line;
  }
  return null;
}

/** Obsidian matches heading links loosely: case, spacing and the characters links cannot hold. */
const norm = normaliseHeadingForLink;

/**
 * Puts each escalation under its meso heading, unless a block with the same workstream, rule and
 * key is already in the text. Escalations with no heading (see `mesoHeadingLine`) are left out.
 * Line endings follow the note's (CRLF when it has any).
 */
export function insertMesoCallouts(mesoText: string, escalations: readonly Escalation[], mesoPath?: string): string {
  const crlf = mesoText.includes('\r\n');
  const lines = mesoText.split('\n');
  const eol = (l: string): string => (crlf ? `${l}\r` : l);
  const existing = findBlocks(lines);
  const present = new Set(existing.map((b) => `${b.workstreamId} ${b.rule} ${b.key}`));
  const planned: Array<{ heading: number; e: Escalation }> = [];
  for (const e of escalations) {
    const id = `${e.workstreamId} ${e.rule} ${escalationKey(e)}`;
    if (present.has(id)) continue;
    const heading = mesoHeadingLine(mesoText, e, mesoPath);
    if (heading === null) continue;
    present.add(id);
    planned.push({ heading: heading - 1, e });
  }
  // Insert from the bottom up so earlier headings keep their indexes; under one heading, in order.
  const byHeading = new Map<number, Escalation[]>();
  for (const p of planned) byHeading.set(p.heading, [...(byHeading.get(p.heading) ?? []), p.e]);
  for (const heading of [...byHeading.keys()].sort((a, b) => b - a)) {
    // After the heading and after the blocks already right under it.
    let at = heading + 1;
    for (const b of existing) if (b.from === at) at = b.to + 1;
    const added = byHeading
      .get(heading)!
      .flatMap((e) => ['', openLine(e), ...renderEscalationCallout(e).split('\n'), CLOSE_LINE].map(eol));
    lines.splice(at, 0, ...added);
  }
  return fixLastLine(lines, mesoText).join('\n');
}

/**
 * When the heading was the last line and had no line ending, the inserted lines come after it: in a
 * CRLF note, give the heading its `\r` and take it off the last inserted line, so the note still ends
 * as it did (`removeMesoCallouts` undoes it).
 */
function fixLastLine(lines: string[], original: string): string[] {
  const last = lines.length - 1;
  if (lines[last]!.endsWith('\r') && !original.endsWith('\r')) {
    lines[last] = lines[last]!.slice(0, -1);
    const originalLast = original.split('\n').length - 1;
    lines[originalLast] = `${lines[originalLast]!}\r`;
  }
  return lines;
}

/**
 * Takes out the blocks of `workstreamId` that no escalation in `keep` matches (same rule and key);
 * blocks of other workstreams stay. With `keep` empty, every block of the workstream goes.
 */
export function removeMesoCallouts(mesoText: string, workstreamId: string, keep: readonly Escalation[]): string {
  const lines = mesoText.split('\n');
  const kept = new Set(keep.map((e) => `${e.rule} ${escalationKey(e)}`));
  const gone = findBlocks(lines).filter((b) => b.workstreamId === workstreamId && !kept.has(`${b.rule} ${b.key}`));
  for (const b of [...gone].reverse()) {
    // A block on the note's last line: the line before it gets back the ending the note ends with
    // (undoes `fixLastLine`).
    if (b.to === lines.length - 1 && b.from > 0) {
      const before = lines[b.from - 1]!;
      lines[b.from - 1] = (before.endsWith('\r') ? before.slice(0, -1) : before) + (lines[b.to]!.endsWith('\r') ? '\r' : '');
    }
    lines.splice(b.from, b.to - b.from + 1);
  }
  return lines.join('\n');
}

/**
 * The text with every inserted block turned into empty lines (line numbers and line endings kept),
 * so the planner's checks do not read our own callouts as meso-plan content: a quoted "TBD" in a
 * callout's evidence must not keep the blocker alive.
 */
export function maskMesoCallouts(text: string): string {
  const lines = text.split('\n');
  for (const b of findBlocks(lines)) for (let i = b.from; i <= b.to; i++) lines[i] = lines[i]!.endsWith('\r') ? '\r' : '';
  return lines.join('\n');
}

/** A `VaultPort` that reads every note through `maskMesoCallouts`; everything else goes to `vault`. */
export function withMesoCalloutsMasked(vault: VaultPort): VaultPort {
  return delegateVault(vault, {
    read: async (p) => {
      const r = await vault.read(p);
      return r.ok ? { ok: true, value: maskMesoCallouts(r.value) } : r;
    },
  });
}
