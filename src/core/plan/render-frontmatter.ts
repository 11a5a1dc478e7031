import type { PlanFrontmatter } from '../contracts/plan-frontmatter';

/**
 * Characters JSON.stringify leaves raw that YAML may not hold raw in a double-quoted scalar
 * (DEL, C1 controls, the Unicode line/paragraph separators which YAML 1.1 treats as breaks,
 * and the byte-order mark). Their `\uXXXX` escapes mean the same in JSON and in YAML.
 */
const YAML_UNSAFE = /[\u007f-\u009f\u2028\u2029\ufeff]/g;

function escapeUnsafe(json: string): string {
  return json.replace(YAML_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A string as a YAML double-quoted scalar. A JSON string literal is a valid YAML double-quoted
 * scalar once the characters above are escaped too.
 */
export function yamlQuote(value: string): string {
  return escapeUnsafe(JSON.stringify(value));
}

/** A value as one line of JSON, which YAML reads as a flow collection. */
export function yamlFlowJson(value: unknown): string {
  return escapeUnsafe(JSON.stringify(value) ?? 'null');
}

/**
 * The plan note's frontmatter block, `---` fences included and a trailing newline, with the
 * keys in the output format's order. `planner`, when present, is written as one line of JSON.
 */
export function renderPlanFrontmatter(fm: PlanFrontmatter): string {
  const tags = fm.tags.map((t) => (/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(t) ? t : yamlQuote(t))).join(', ');
  const lines = [
    '---',
    `tags: [${tags}]`,
    `project: ${yamlQuote(fm.project)}`,
    `workstream_id: ${yamlQuote(fm.workstream_id)}`,
    `workstream_name: ${yamlQuote(fm.workstream_name)}`,
    `source_plan: ${yamlQuote(fm.source_plan)}`,
    `created: ${yamlQuote(fm.created)}`,
    `status: ${yamlQuote(fm.status)}`,
  ];
  if (fm.planner !== undefined) lines.push(`planner: ${yamlFlowJson(fm.planner)}`);
  lines.push('---');
  return lines.join('\n') + '\n';
}
