import { PLAN_STATUSES, PlanFrontmatterSchema, type PlanFrontmatter } from '../../contracts/plan-frontmatter';
import { splitFrontmatter } from '../../markdown/frontmatter-block';
import { fail, pass, type CheckContext, type ReadinessCheck } from '../context';

const WORKSTREAM_ID = /^W\d+$/;

/** A frontmatter value as a reader would quote it, short. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'no such key';
  if (value === null || value === '') return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return `[${value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}]`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return 'a map of keys';
}

/** The workstream id the tags should name: the frontmatter's own, else the scope's, else a pattern. */
function expectedId(ctx: CheckContext, fm: Record<string, unknown>): string {
  const own = String(fm['workstream_id']);
  return WORKSTREAM_ID.test(own) ? own : (ctx.scope?.workstream.id ?? 'W<n>');
}

/** One plain sentence per key, completed by "; found <value>." */
const RULES: Record<keyof PlanFrontmatter, (ctx: CheckContext, fm: Record<string, unknown>) => string> = {
  tags: (ctx, fm) => `tags must be [workstream-plan, micro-level, ${expectedId(ctx, fm)}]`,
  project: () => 'project must be a quoted wikilink to the project note, such as "[[01-Projects/Name]]"',
  workstream_id: (ctx) => `workstream_id must be a workstream id such as ${ctx.scope?.workstream.id ?? 'W2'}`,
  workstream_name: (ctx) => `workstream_name must be the workstream's name${ctx.scope?.workstream.name ? ` ("${ctx.scope.workstream.name}")` : ''}`,
  source_plan: () => 'source_plan must be a quoted wikilink to the meso-level plan, such as "[[meso-level-plan]]"',
  created: () => 'created must be a date written YYYY-MM-DD',
  status: () => `status must be one of ${PLAN_STATUSES.join(', ')}`,
  planner: () => "planner must be a map of the planner's state (or be left out)",
};

/** The line of `key:` in the frontmatter block; 1 (the opening fence) when the key is absent. */
function keyLine(text: string, key: string): number {
  const at = splitFrontmatter(text).yaml?.split('\n').findIndex((l) => l.startsWith(`${key}:`)) ?? -1;
  // The block starts on line 2, after the opening fence; an absent key (-1) points at the fence, line 1.
  return at + 2;
}

/**
 * The frontmatter has exactly the output format's keys and values (PlanFrontmatterSchema decides);
 * each key at fault gets one plain sentence saying what it must be and what was found.
 */
export const frontmatter: ReadinessCheck = {
  id: 'frontmatter',
  check: (ctx) => {
    if (ctx.frontmatterError) {
      return fail('frontmatter', ctx.frontmatterError.line, [
        `The frontmatter does not parse (line ${ctx.frontmatterError.line}): ${ctx.frontmatterError.detail}`,
      ]);
    }
    if (!ctx.frontmatter) return fail('frontmatter', null, ['The note has no frontmatter.']);
    const fm = ctx.frontmatter;
    const parsed = PlanFrontmatterSchema.safeParse(fm);
    if (parsed.success) return pass('frontmatter', 1);
    const keys = [...new Set(parsed.error.issues.map((i) => (i.path.length > 0 ? String(i.path[0]) : '')))];
    const reasons = keys.map((k) =>
      k === '' ? 'The frontmatter must be a map of keys such as tags, workstream_id and status.' : `${RULES[k as keyof PlanFrontmatter](ctx, fm)}; found ${describeValue(fm[k])}.`,
    );
    return fail('frontmatter', keyLine(ctx.text, keys[0]!), reasons);
  },
};
