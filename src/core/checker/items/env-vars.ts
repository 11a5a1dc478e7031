import { hasTable, prose } from '../content';
import { fail, pass, type ReadinessCheck } from '../context';

/** True when the text states that there are no environment variables (or simply "None."). */
export function saysNoVariables(text: string): boolean {
  return prose(text)
    .split(/[.!?]\s+|\n/)
    .some((s) => /^\s*(?:[-*+]\s+)?none\.?\s*$/i.test(s) || (/\bvariables?\b/i.test(s) && /\b(no|none|not\s+(?:need|use|read|require)\s+any)\b/i.test(s)));
}

/** Section 5 (its 5.1 when present) has a table of variables, or says there are none. */
export const envVars: ReadinessCheck = {
  id: 'env-vars',
  check: (ctx) => {
    const five = ctx.section('5');
    if (!five) return fail('env-vars', null, ['Section 5 (Configuration and Secrets) is missing.']);
    const target = ctx.section('5.1') ?? five;
    const text = ctx.textOf(target);
    if (hasTable(text) || saysNoVariables(text)) return pass('env-vars', target.line);
    const where = target === five ? 'Section 5' : 'Section 5.1 (Environment Variables)';
    return fail('env-vars', target.line, [`${where} has no table of environment variables and does not say there are none.`]);
  },
};
