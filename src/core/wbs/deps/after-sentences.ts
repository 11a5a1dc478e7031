/**
 * Dependencies stated in a sentence rather than a chain, as "Parallelization" paragraphs and
 * sequencing notes write them: `E4 starts after E3 minimal; E6 after E5`, `E3 and E4 can start
 * together once E2 is done`, `Telemetry (Epic 6) can proceed after rendering core interfaces are
 * defined`, `Epic 4 can run in parallel with Epic 2-3 after Epic 1`.
 *
 * The waiting side must name its epics by label (`Epic 6`, `E4`, `W2`): a sentence that names its
 * subject only in words is too loose to turn into a dependency. The side waited for may be labels or
 * a name that picks out exactly one workstream. What something runs "in parallel with" is not a
 * dependency, and a clause with a negation (`E3 does not wait for E2`) says nothing.
 */
import type { WorkstreamResolver } from '../dependency-refs';
import { scanEpicRefs } from '../epic-label';
import type { DependencyEdge } from './edges';

/** The word that turns "X … Y" into "X waits for Y". */
const AFTER = /\b(?:after|once|following|depends\s+on|depend\s+on|requires|require|is\s+blocked\s+by|are\s+blocked\s+by|waits?\s+for|needs)\b/i;
/** What follows it in the subject is a companion, not a prerequisite. */
const COMPANION = /\b(?:(?:in\s+)?parallel\s+(?:with|to)|alongside|together\s+with|concurrently\s+with|at\s+the\s+same\s+time\s+as|with)\b/i;
const NEGATION = /\b(?:not|no|never|without|cannot|can't|don't|doesn't|needn't)\b|n't\b/i;
/** `Task 2.8 can start once Task 2.5 …`: task-level order, read by the task readers. */
const TASK_SUBJECT = /\btasks?\s+\d/i;
/** The state words after the thing waited for: `is done`, `are defined`, `complete`, `minimal`. */
const STATE = /\s+(?:(?:is|are|has\s+been|have\s+been|gets?|get)\s+)?(?:done|ready|complete|completed|finished|defined|built|frozen|merged|shipped|available|stable|in\s+place|landed|minimal)\b.*$/i;

/** Edges stated by "after"-sentences on lines `start`…`end` (1-based) of `lines`; `masked` has code blanked. */
export function afterSentenceEdges(
  lines: readonly string[],
  masked: readonly string[],
  range: { start: number; end: number },
  r: WorkstreamResolver,
  source: DependencyEdge['source'] = 'sequence',
  headingLines: ReadonlySet<number> = new Set(),
): DependencyEdge[] {
  const out: DependencyEdge[] = [];
  for (let i = range.start - 1; i < range.end && i < lines.length; i++) {
    const m = masked[i] ?? '';
    // Headings name things; table rows are read as tables; arrows are chains (sequence-lines).
    if (!AFTER.test(m) || headingLines.has(i + 1) || /^\s*\|/.test(m) || /→|⟶|->|=>/.test(m)) continue;
    const line = (lines[i] ?? '').replace(/^\s*(?:>\s*)*(?:[-*+]\s+|\d{1,2}[.)]\s+)?/, '').replace(/\*\*|__|`/g, '');
    for (const clause of line.split(/;\s*|\.\s+(?=[A-Z])|\.\s*$/)) out.push(...clauseEdges(clause, i + 1, r, source));
  }
  return out;
}

/** The edges of one clause: every epic its subject names waits for every epic its object names. */
export function clauseEdges(clause: string, line: number, r: WorkstreamResolver, source: DependencyEdge['source']): DependencyEdge[] {
  const at = AFTER.exec(clause);
  if (!at || NEGATION.test(clause)) return [];
  let subject = clause.slice(0, at.index);
  const companion = COMPANION.exec(subject);
  if (companion) subject = subject.slice(0, companion.index);
  if (TASK_SUBJECT.test(subject)) return [];
  const waiting = labelled(subject, r);
  if (waiting.length === 0) return [];
  const objectText = clause.slice(at.index + at[0].length);
  const firstRef = scanEpicRefs(subject)[0];
  // `- Epic 3: Import after sync` defines an epic: its name is not a sentence to read words from.
  const defines = firstRef !== undefined && firstRef.index === subject.search(/\S/) && /^\s*[:—–]/.test(subject.slice(firstRef.end));
  let awaited = labelled(objectText, r);
  if (awaited.length === 0 && !defines) awaited = named(objectText, r);
  const out: DependencyEdge[] = [];
  for (const b of waiting) for (const a of awaited) if (a.id !== b.id) out.push({ from: a.id, to: b.id, line, source, by: [a, b] });
  return out;
}

type End = DependencyEdge['by'][number];

/** The workstreams `text` names by label or number, each with its number when that is unambiguous. */
function labelled(text: string, r: WorkstreamResolver): End[] {
  const refs = scanEpicRefs(text);
  const ids = r.workstreamsIn(text);
  return ids.map((id, k) => ({ id, by: 'number' as const, ...(refs.length === ids.length ? { number: refs[k]!.key.n } : {}) }));
}

/** The one workstream a phrase names in words (`rendering core interfaces are defined` → Rendering core). */
function named(text: string, r: WorkstreamResolver): End[] {
  const phrase = text.replace(STATE, '').replace(/\([^)]*\)/g, ' ').trim();
  if (phrase === '') return [];
  const id = r.byName(phrase) ?? r.namedWithin(phrase);
  return id ? [{ id, by: 'name' }] : [];
}
