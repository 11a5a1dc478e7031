import { PlanFrontmatterSchema } from '../../contracts/plan-frontmatter';
import { fail, pass, type ReadinessCheck } from '../context';

/** How many schema issues are reported (the rest are left for the next check). */
const MAX_ISSUES = 3;

/** The frontmatter has exactly the output format's keys and values (PlanFrontmatterSchema). */
export const frontmatter: ReadinessCheck = {
  id: 'frontmatter',
  check: (ctx) => {
    if (ctx.frontmatterError) {
      return fail('frontmatter', ctx.frontmatterError.line, [
        `The frontmatter does not parse (line ${ctx.frontmatterError.line}): ${ctx.frontmatterError.detail}`,
      ]);
    }
    if (!ctx.frontmatter) return fail('frontmatter', null, ['The note has no frontmatter.']);
    const parsed = PlanFrontmatterSchema.safeParse(ctx.frontmatter);
    if (parsed.success) return pass('frontmatter', 1);
    const reasons = parsed.error.issues.slice(0, MAX_ISSUES).map((i) => {
      const key = i.path.map(String).join('.') || '(frontmatter)';
      return `Frontmatter key \`${key}\`: ${i.message}.`;
    });
    return fail('frontmatter', 1, reasons);
  },
};
