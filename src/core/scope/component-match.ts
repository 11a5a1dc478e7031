/**
 * How strongly a WBS task touches a component the notes describe: by the component's name in the
 * task's title ("Catalog API" → Catalog Module), by an identifier of the component in the title
 * (`holdBerth`, `ManifestService`), by a pair of words they share ("hold expiry", "webhook
 * receiver"), or by several shared words. Pure word arithmetic, deterministic.
 */
import { foldName } from './workstream-name';

/** Words that name the kind of thing, not the thing: "Catalog Module" is the catalog. */
const KIND = new Set(['module', 'service', 'component', 'feature', 'subsystem', 'package']);
/** Words too common in task titles and component descriptions to tell anything apart. */
const COMMON = new Set([
  'the', 'a', 'an', 'and', 'or', 'of', 'for', 'to', 'in', 'on', 'with', 'by', 'from', 'into', 'per', 'its', 'all', 'any', 'each', 'via', 'as', 'at', 'be', 'is', 'are', 'it',
  'implement', 'create', 'add', 'build', 'define', 'write', 'set', 'setup', 'make', 'update', 'wire', 'support', 'handle', 'use',
  'data', 'test', 'tests', 'testing', 'api', 'new', 'basic', 'initial', 'first', 'core', 'main', 'task', 'tasks', 'work', 'stub', 'spec',
  // Generic nouns of task titles: "Vercel config" is not the ConfigService.
  'config', 'configuration', 'setting', 'app', 'application', 'ui', 'page', 'model', 'type', 'file', 'script', 'code', 'tool',
]);

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Words of a text for matching: camelCase split, folded, plural endings dropped. */
export function matchWords(text: string): string[] {
  const split = text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  return foldName(split)
    .split(' ')
    .filter((w) => w !== '')
    .map(stem);
}

/** Identifiers written in a title: code spans, camelCase or PascalCase words, file names. */
function identifiers(title: string): string[] {
  const out = new Set<string>();
  for (const m of title.matchAll(/`([^`]+)`/g)) out.add(m[1]!.trim());
  // File names start lower case: `validate-data.mjs` is one, `Three.js` is a library.
  for (const m of title.matchAll(/\b[a-z]+[A-Z][A-Za-z0-9]*\b|\b[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*\b/g)) out.add(m[0]);
  for (const m of title.matchAll(/(?:^|[^\w.])([a-z][\w-]*\.(?:ts|js|mjs|py|go|dart|json|ya?ml))\b/g)) out.add(m[1]!);
  return [...out].filter((x) => /[A-Za-z]/.test(x) && !/^(?:GET|POST|PUT|PATCH|DELETE)\b/.test(x));
}

function containsSeq(hay: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0 || needle.length > hay.length) return false;
  for (let i = 0; i + needle.length <= hay.length; i++) if (needle.every((w, k) => hay[i + k] === w)) return true;
  return false;
}

/** Below this a task does not touch the component. */
export const TOUCH_THRESHOLD = 8;

/**
 * The score of `title` against a component called `name` described by `text`: 100 when the title
 * holds the name's own words (kind words such as "module" aside), 50 per identifier of the title
 * found in the description, 10 per pair of adjacent significant title words found adjacent in it,
 * 3 per significant word of four letters or more they share (so three such words touch). Words in
 * `widespread` (the stack's names, "Angular", "Three.js", found in most components) count for nothing.
 */
export function touchScore(title: string, name: string, text: string, widespread: ReadonlySet<string> = new Set()): number {
  const tw = matchWords(title);
  const own = matchWords(name).filter((w) => !KIND.has(w));
  const nameWords = own.length > 0 ? own : matchWords(name);
  const described = matchWords(`${name} ${text}`);
  let score = 0;
  if (nameWords.length > 0 && !(nameWords.length === 1 && COMMON.has(nameWords[0]!)) && containsSeq(tw, nameWords)) score += 100;
  const folded = ` ${described.join(' ')} `;
  for (const id of identifiers(title)) {
    const w = matchWords(id);
    // A code span of one plain word (`rendering/`, `data/`) is a folder or a word, not an identifier
    // that names one component: it counts as the other words do.
    if (w.length < 2 && !/[A-Z]/.test(id.slice(1))) continue;
    if (w.length > 0 && folded.includes(` ${w.join(' ')} `)) score += 50;
  }
  const sig = tw.filter((w) => !COMMON.has(w) && !KIND.has(w) && !widespread.has(w) && w.length >= 3);
  for (let i = 0; i + 1 < tw.length; i++) {
    const a = tw[i]!;
    const b = tw[i + 1]!;
    if (COMMON.has(a) || COMMON.has(b) || KIND.has(a) || KIND.has(b) || widespread.has(a) || widespread.has(b)) continue;
    if (folded.includes(` ${a} ${b} `)) score += 10;
  }
  const set = new Set(described);
  for (const w of new Set(sig)) if (w.length >= 4 && set.has(w)) score += 3;
  return score;
}

/**
 * Words that appear in at least half of the entries' descriptions (three entries or more): the
 * project's technologies and vocabulary, which say nothing about which component a task touches.
 */
export function widespreadWords(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  if (texts.length < 3) return out;
  const counts = new Map<string, number>();
  for (const t of texts) for (const w of new Set(matchWords(t))) counts.set(w, (counts.get(w) ?? 0) + 1);
  for (const [w, n] of counts) if (n * 2 >= texts.length) out.add(w);
  return out;
}
