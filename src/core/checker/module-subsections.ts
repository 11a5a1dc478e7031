/**
 * Shared shape of the items that look into one subsection of every module (`2.N.k`): interfaces,
 * data models, error handling and tests.
 */
import type { ReadinessItem, ReadinessItemId } from '../contracts/readiness';
import { numberedChildren } from '../plan/parse-plan';
import { fail, label, pass, type CheckContext } from './context';

export interface ModuleSubsectionRule {
  id: ReadinessItemId;
  /** Which subsection: 2 for `2.N.2`. */
  index: number;
  /** Its title in the skeleton, for messages when it is missing. */
  title: string;
  /** True when the subsection's text (children included) has what the item asks for. */
  satisfied: (text: string) => boolean;
  /** What is missing, completing "Section 2.1.3 (Data Models) has no …". */
  missing: string;
}

export function checkModuleSubsections(ctx: CheckContext, rule: ModuleSubsectionRule): ReadinessItem {
  const two = ctx.section('2');
  if (!two) return fail(rule.id, null, ['Section 2 (Module and Component Specifications) is missing.']);
  const modules = numberedChildren(two);
  if (modules.length === 0) return fail(rule.id, two.line, ['Section 2 has no module subsections (2.1, 2.2, …).']);
  const reasons: string[] = [];
  let line: number | null = null;
  for (const m of modules) {
    const number = `${m.number}.${rule.index}`;
    const sub = m.children.find((c) => c.number === number);
    if (!sub) {
      reasons.push(`Module ${label(m)} has no section ${number} (${rule.title}).`);
      line ??= m.line;
    } else if (!rule.satisfied(ctx.textOf(sub))) {
      reasons.push(`Section ${number} (${sub.title || rule.title}) has no ${rule.missing}.`);
      line ??= sub.line;
    }
  }
  return reasons.length === 0 ? pass(rule.id, two.line) : fail(rule.id, line, reasons);
}
