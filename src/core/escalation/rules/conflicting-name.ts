import type { Escalation } from '../../contracts/escalation';
import type { MesoMention } from '../../contracts/wbs';
import { foldName } from '../../scope/workstream-name';
import { matchWords } from '../../scope/component-match';
import { findWorkstreams } from '../../wbs/parse-wbs';
import { scanWorkstreamTokens } from '../../wbs/workstream-id';
import type { EscalationContext, EscalationMeso } from '../context';
import { enclosingHeadings } from '../heading-chain';
import { escalationFor, mesoEvidence, quoted, sectionLinkAt, wbsEvidence } from '../evidence';

export const RULE = 'conflicting-name';

/**
 * Words that say what kind of thing or what to do, not which: sharing one of them says nothing.
 * (Words of one or two letters never count, see `agree`.)
 */
const FILLER = new Set([
  'and', 'the', 'for', 'with',
  'implement', 'implementation', 'update', 'add', 'create', 'build', 'setup', 'set', 'decide', 'make', 'fix', 'new', 'initial', 'final',
  'module', 'service', 'component', 'system', 'layer', 'workstream', 'epic', 'phase', 'part', 'core', 'basic', 'support',
]);

/**
 * Two names agree when, folded (case, `&`/`and`, punctuation and spacing aside), one contains the
 * other (`Inspection API` vs `API`), or when they share a word that names the subject ("Remove 3D
 * code/assets/dependencies" and "Repository Cleanup and Dependency Removal" are one workstream
 * described twice; "Tests" and "Documentation Updates" are not).
 */
function agree(a: string, b: string): boolean {
  const x = ` ${foldName(a)} `;
  const y = ` ${foldName(b)} `;
  if (x.includes(y) || y.includes(x)) return true;
  const words = (s: string): Set<string> => new Set(matchWords(s).filter((w) => w.length > 2 && !FILLER.has(w)));
  const wa = words(a);
  return [...words(b)].some((w) => wa.has(w));
}

/**
 * Does this mention state the workstream's name, rather than a topic within it? `### W2 Data model`
 * under `## W2: Inspection API` is a topic: a mention counts only when no enclosing heading already
 * names the id, and the line sets the name apart from the id (`W2: Name`, `W2 — Name`, `W2 (Name)`,
 * `Name (W2)`, `Name [W2]`, as `parseMesoMentions` reads them).
 */
function statesName(meso: EscalationMeso, m: MesoMention): boolean {
  if (enclosingHeadings(meso.headings, m.line, true).some((h) => scanWorkstreamTokens(h.text).some((t) => t.id === m.id))) return false;
  const line = meso.text.split('\n')[m.line - 1] ?? '';
  return scanWorkstreamTokens(line).some(
    (t) =>
      t.id === m.id &&
      t.task === null &&
      (/^\s*(?:\*\*|__)?\s*(?:[:—–(]|-\s)/.test(line.slice(t.end)) || /[([]\s*$/.test(line.slice(0, t.index))),
  );
}

/**
 * Escalates when the meso plan names the planned workstream differently from the WBS (the overall
 * micro-level plan): neither name contains the other, ignoring case, `&`/`and`, punctuation and
 * spacing, and they share no word that names a subject (see `agree`). One
 * escalation per distinct conflicting meso name, at its first mention. Only mentions that state a
 * name count (see `statesName`), so topic headings such as `### W2 Data model` never conflict.
 */
export function conflictingName(ctx: EscalationContext): Escalation[] {
  const id = ctx.workstreamId;
  const meso = ctx.meso;
  if (meso === null) return [];
  const wbsNames = findWorkstreams(ctx.wbs, id).filter((w) => foldName(w.name) !== '');
  if (wbsNames.length === 0) return [];
  const wbsDef = wbsNames[0]!;

  const reported = new Set<string>();
  const out: Escalation[] = [];
  for (const m of ctx.mesoMentions) {
    if (m.id !== id || !m.name || foldName(m.name) === '' || !statesName(meso, m)) continue;
    const n = foldName(m.name);
    if (reported.has(n) || wbsNames.some((w) => agree(w.name, m.name!))) continue;
    reported.add(n);
    out.push(
      escalationFor(ctx, RULE, {
        blocker: `The meso plan calls ${id} ${quoted(m.name)} but the WBS calls it ${quoted(wbsDef.name)}, so it is unclear whether they describe the same workstream.`,
        mesoSection: sectionLinkAt(ctx, meso, m.line),
        evidence: [
          mesoEvidence(meso, m.line, `meso plan: ${id} is ${quoted(m.name)}`),
          wbsEvidence(ctx, wbsDef.line, `WBS: ${id} is ${quoted(wbsDef.name)}`),
        ],
        questions: [
          `Is ${id} ${quoted(wbsDef.name)} or ${quoted(m.name)}?`,
          `If these are two different workstreams, which id should the other one have?`,
        ],
        recommendation: `Use one name for ${id} in both notes (rename the meso heading or the WBS entry), or renumber one of them if they are different workstreams, then plan again.`,
        file: meso.path,
        line: m.line,
      }),
    );
  }
  return out;
}
