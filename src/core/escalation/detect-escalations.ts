import type { Escalation } from '../contracts/escalation';
import type { EscalationContext } from './context';
import { ESCALATION_RULES } from './rules';

/**
 * Runs every escalation rule over the planning inputs, in the fixed order of `ESCALATION_RULES`,
 * and returns all their findings (empty when the inputs are fit to plan from). Pure; runs before
 * any model call, so a blocked workstream costs no tokens.
 */
export function detectEscalations(ctx: EscalationContext): Escalation[] {
  return ESCALATION_RULES.flatMap((rule) => rule.check(ctx));
}
