/**
 * A deterministic outline from the WBS and the meso plan, used by the offline provider and as the
 * fallback when a model's outline does not validate.
 */
import type { Outline, OutlineModule } from '../contracts/outline';
import type { MesoSectionRef, WorkstreamScope } from '../contracts/scope';
import type { Wbs, WbsTask } from '../contracts/wbs';
import { normaliseHeadingForLink } from '../vault/wikilinks';

/**
 * The name a meso heading gives its subject: the heading without its section number and
 * workstream ids, e.g. "4.1 W2: Invoice Service" → "Invoice Service".
 */
export function mesoHeadingName(heading: string): string {
  return heading
    .replace(/^\s*\d+(?:\.\d+)*\.?\s*/, '')
    .replace(/\bW\d+\b/g, ' ')
    .replace(/[:|#^%[\]\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s\-–—·,;]+|[\s\-–—·,;]+$/g, '')
    .trim();
}

const fold = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** True when `title` contains `name` as whole words, ignoring case and punctuation. */
function mentions(title: string, name: string): boolean {
  const t = ` ${fold(title)} `;
  const n = fold(name);
  return n.length >= 3 && t.includes(` ${n} `);
}

/**
 * When the notes describe components (the micro plan's §4, the meso plan's §2), the modules are
 * those the scope found, with the tasks that touch them. Otherwise modules group the tasks whose titles name the same meso heading of the workstream (the most
 * specific heading wins: the longest name, then the deepest, then the first in the meso plan).
 * A task that names none is a module of its own, named after the task and traced to the
 * workstream's main meso heading. Modules come in the order of their first task in the WBS.
 * Endpoints come from the scope; entities and environment variables are left for a model.
 */
export function deriveOutline(scope: WorkstreamScope, _wbs: Wbs): Outline {
  if (scope.modules && scope.modules.length > 0) return { ...fromScopeModules(scope), ...outlineEndpoints(scope) };
  const ws = scope.workstream;
  const candidates = scope.mesoSections
    .filter((s) => s.reason === 'names-workstream')
    .map((s) => ({ ref: s, name: mesoHeadingName(s.heading) }))
    .filter((c) => c.name.length >= 3);
  const main = mainHeading(scope.mesoSections);

  const groups = new Map<string, { name: string; ref: MesoSectionRef | null; tasks: WbsTask[] }>();
  for (const task of ws.tasks) {
    const matches = candidates
      .filter((c) => mentions(task.title, c.name))
      .sort((a, b) => b.name.length - a.name.length || b.ref.level - a.ref.level || a.ref.line - b.ref.line);
    const best = matches[0];
    const key = best ? `h:${best.ref.line}` : `t:${task.id}`;
    const group = groups.get(key) ?? { name: best ? best.name : task.title.trim() || task.id, ref: best ? best.ref : null, tasks: [] };
    group.tasks.push(task);
    groups.set(key, group);
  }

  const used = new Map<string, number>();
  const modules: OutlineModule[] = [...groups.values()].map((g) => {
    const count = (used.get(g.name.toLowerCase()) ?? 0) + 1;
    used.set(g.name.toLowerCase(), count);
    const name = count === 1 ? g.name : `${g.name} (${g.tasks[0]!.id})`;
    const traced = g.ref ?? main;
    const ids = g.tasks.map((t) => t.id);
    return {
      name,
      taskIds: ids,
      mesoHeadings: traced ? [traced.heading] : [],
      summary: `Delivers ${joinIds(ids)} of ${ws.id}${g.ref ? `, as the meso-level plan describes under "${g.ref.heading}"` : ''}.`,
    };
  });
  // A workstream without tasks still gets one module, so section 2 is never empty (the schema needs one).
  if (modules.length === 0) {
    modules.push({ name: ws.name || ws.id, taskIds: [], mesoHeadings: main ? [main.heading] : [], summary: `The whole of ${ws.id}.` });
  }

  return { modules, ...outlineEndpoints(scope) };
}

/**
 * The modules the scope read from the notes' components (micro §4, meso §2), each traced to the
 * meso sections it implements and, when it has none of its own, to the workstream's main heading.
 */
function fromScopeModules(scope: WorkstreamScope): { modules: OutlineModule[] } {
  const main = mainHeading(scope.mesoSections);
  return {
    modules: scope.modules!.map((m) => {
      const traced = m.mesoSections.map((s) => s.heading);
      if (main && !traced.includes(main.heading)) traced.push(main.heading);
      return { name: m.name, taskIds: [...m.taskIds], mesoHeadings: traced, summary: m.summary };
    }),
  };
}

/** The scope's endpoints, once each, and the parts of the outline a model fills in. */
function outlineEndpoints(scope: WorkstreamScope): Omit<Outline, 'modules'> {
  const seen = new Set<string>();
  const endpoints: Outline['endpoints'] = [];
  for (const e of scope.endpoints) {
    const key = `${e.method.toUpperCase()} ${e.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    endpoints.push({ method: e.method.toUpperCase(), path: e.path, summary: `Named in ${e.source}.` });
  }
  return { endpoints, entities: [], envVars: [], escalation: null };
}

/** The workstream's own heading in the meso plan: the shallowest that names it, first on ties. */
function mainHeading(sections: MesoSectionRef[]): MesoSectionRef | null {
  const named = sections.filter((s) => s.reason === 'names-workstream');
  if (named.length === 0) return null;
  return [...named].sort((a, b) => a.level - b.level || a.line - b.line)[0]!;
}

function joinIds(ids: string[]): string {
  if (ids.length <= 1) return ids.join('');
  return `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
}

/**
 * Meaning checks on an outline (its shape is the schema's job): every WBS task of the workstream
 * sits in exactly one module, every module covers a task, no module names a task the workstream lacks, module names are
 * distinct, every traced heading exists in the meso plan (compared as links compare headings),
 * and every endpoint of the scope is listed. Returns one plain sentence per problem; empty when
 * the outline is sound.
 */
export function validateOutline(outline: Outline, scope: WorkstreamScope, mesoHeadings: string[]): string[] {
  const problems: string[] = [];
  const ws = scope.workstream;
  const known = new Set(ws.tasks.map((t) => t.id));
  const placed = new Map<string, string[]>();
  const names = new Set<string>();
  const headings = new Set(mesoHeadings.map(normaliseHeadingForLink));

  for (const m of outline.modules) {
    const lower = m.name.trim().toLowerCase();
    if (names.has(lower)) problems.push(`Two modules are named "${m.name}".`);
    names.add(lower);
    // A module without a task is work nobody asked for (and every module is a paid call).
    if (m.taskIds.length === 0 && ws.tasks.length > 0) problems.push(`Module "${m.name}" covers no WBS task.`);
    for (const id of m.taskIds) {
      if (!known.has(id)) problems.push(`Module "${m.name}" names ${id}, which is not a task of ${ws.id} in the WBS.`);
      else placed.set(id, [...(placed.get(id) ?? []), m.name]);
    }
    for (const h of m.mesoHeadings) {
      if (!headings.has(normaliseHeadingForLink(h))) {
        problems.push(`Module "${m.name}" traces to "${h}", which is not a heading of the meso-level plan.`);
      }
    }
  }
  for (const t of ws.tasks) {
    const where = placed.get(t.id) ?? [];
    if (where.length === 0) problems.push(`Task ${t.id} (${t.title}) is in no module.`);
    else if (where.length > 1) problems.push(`Task ${t.id} is in more than one module: ${where.map((n) => `"${n}"`).join(', ')}.`);
  }
  const listed = new Set(outline.endpoints.map((e) => `${e.method.toUpperCase()} ${stripQuery(e.path)}`));
  for (const e of scope.endpoints) {
    const key = `${e.method.toUpperCase()} ${stripQuery(e.path)}`;
    if (!listed.has(key)) problems.push(`Endpoint ${key} (named in ${e.source}) is missing from the outline.`);
  }
  return problems;
}

export function stripQuery(path: string): string {
  const q = path.search(/[?#]/);
  return q >= 0 ? path.slice(0, q) : path;
}
