import { PLAN_STATUSES, PlanFrontmatterSchema } from '../../contracts/plan-frontmatter';
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
function expectedId(ctx: CheckContext): string {
  const own = ctx.frontmatter?.['workstream_id'];
  if (typeof own === 'string' && WORKSTREAM_ID.test(own)) return own;
  return ctx.scope?.workstream.id ?? 'W<n>';
}

/** One plain sentence per key, completed by "; found <value>." */
function rule(ctx: CheckContext, key: string): string {
  switch (key) {
    case 'tags':
      return `tags must be [workstream-plan, micro-level, ${expectedId(ctx)}]`;
    case 'project':
      return 'project must be a quoted wikilink to the project note, such as "[[01-Projects/Name]]"';
    case 'workstream_id':
      return `workstream_id must be a workstream id such as ${ctx.scope?.workstream.id ?? 'W2'}`;
    case 'workstream_name':
      return `workstream_name must be the workstream's name${ctx.scope?.workstream.name ? ` ("${ctx.scope.workstream.name}")` : ''}`;
    case 'source_plan':
      return 'source_plan must be a quoted wikilink to the meso-level plan, such as "[[meso-level-plan]]"';
    case 'created':
      return 'created must be a date written YYYY-MM-DD';
    case 'status':
      return `status must be one of ${PLAN_STATUSES.join(', ')}`;
    case 'planner':
      return "planner must be a map of the planner's state (or be left out)";
    default:
      return `${key} has a value the plan's frontmatter does not allow`;
  }
}

/** The line of `key:` in the frontmatter block; 1 (the opening fence) when the key is absent. */
function keyLine(text: string, key: string): number {
  const lines = text.split('\n');
  if (key === '' || lines[0]?.trim() !== '---') return 1;
  for (let i = 1; i < lines.length && lines[i]!.trim() !== '---'; i++) {
    if (lines[i]!.startsWith(`${key}:`)) return i + 1;
  }
  return 1;
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
      k === '' ? 'The frontmatter must be a map of keys such as tags, workstream_id and status.' : `${rule(ctx, k)}; found ${describeValue(fm[k])}.`,
    );
    return fail('frontmatter', keyLine(ctx.text, keys[0] ?? ''), reasons);
  },
};
