import { hasTable, prose, tables } from '../content';
import { fail, pass, type ReadinessCheck } from '../context';
import { TODO_CELL } from '../placeholders';

/** True when the text states that there are no environment variables (or simply "None."). */
export function saysNoVariables(text: string): boolean {
  return prose(text)
    .split(/[.!?]\s+|\n/)
    .some((s) => /^\s*(?:[-*+]\s+)?none\.?\s*$/i.test(s) || (/\bvariables?\b/i.test(s) && /\b(?:no|none|not\s+(?:need|use|read|require))\b/i.test(s)));
}

/**
 * True when a data row describes its variable: every cell after the first (the name) is written,
 * none is `TODO` or empty, and not all are `-` (a `-` default beside real cells is fine); a row of only a name is not.
 */
export function isFilledRow(row: string[]): boolean {
  const rest = row.slice(1);
  return rest.every((c) => c !== '' && c.toUpperCase() !== TODO_CELL) && rest.some((c) => !/^[-–—]$/.test(c));
}

/**
 * Section 5 (its 5.1 when present) has a table of variables with at least one row filled in
 * (see isFilledRow), or says there are none. A table whose rows are all placeholders, such as the
 * names an offline draft lists with `TODO` cells, does not count.
 */
export const envVars: ReadinessCheck = {
  id: 'env-vars',
  check: (ctx) => {
    const five = ctx.section('5');
    if (!five) return fail('env-vars', null, ['Section 5 (Configuration and Secrets) is missing.']);
    const target = ctx.section('5.1') ?? five;
    const text = ctx.textOf(target);
    const where = target === five ? 'Section 5' : 'Section 5.1 (Environment Variables)';
    if (tables(text).some((t) => t.rows.some(isFilledRow))) return pass('env-vars', target.line);
    if (hasTable(text)) {
      return fail('env-vars', target.line, [
        `${where} has a table of environment variables, but it still has placeholders: no row has its cells after the name filled in (not ${TODO_CELL}, not empty, not "-" throughout).`,
      ]);
    }
    if (saysNoVariables(text)) return pass('env-vars', target.line);
    return fail('env-vars', target.line, [`${where} has no table of environment variables and does not say there are none.`]);
  },
};
