/**
 * The exact Messages API requests of one plan. Cache layout:
 *   system   = [instructions, planning notes ◆1]
 *   messages = [user: [assignment + outline ◆2, this call's instruction]]
 * ◆1 is written by the outline call and read by every section call; ◆2 (sections only) is shared by
 * the section calls. Two breakpoints of the four allowed. No temperature/top_p/top_k: API 2026-10-21
 * rejects them.
 */
import type { MessageCreateParamsNonStreaming, TextBlockParam } from '@anthropic-ai/sdk/resources/messages/messages';
// The SDK's own strict-schema transform; its `helpers/zod` wrapper is not used because it imports
// classic zod (about 450 KB in main.js) where the project's schemas are zod/mini.
import { transformJSONSchema } from '@anthropic-ai/sdk/lib/transform-json-schema';
import * as z from 'zod/mini';
import { OutlineSchema, type Outline } from '../../contracts/outline';
import type { PlanUnit } from '../../generation/units';
import type { PlannerContext } from './context';

export type RequestParams = MessageCreateParamsNonStreaming;

export interface RequestSettings {
  model: string;
  /** `settings.maxTokensPerSection`, used for every call. */
  maxTokens: number;
  /** `settings.caching`; off means no `cache_control` anywhere. */
  caching: boolean;
}

/** One model call's part of the plan (the generation runner's unit). */
export type SectionUnit = Pick<PlanUnit, 'key' | 'top' | 'parts' | 'label'>;

const EPHEMERAL = { type: 'ephemeral' as const };

function block(text: string, cached: boolean): TextBlockParam {
  return cached ? { type: 'text', text, cache_control: EPHEMERAL } : { type: 'text', text };
}

/** `[instructions, notes ◆1]`; when there are no notes the breakpoint moves to the instructions. */
function systemBlocks(ctx: PlannerContext, caching: boolean): TextBlockParam[] {
  if (ctx.notesBlock.trim() === '') return [block(ctx.instructions, caching)];
  return [block(ctx.instructions, false), block(ctx.notesBlock, caching)];
}

let outlineSchema: Record<string, unknown> | undefined;
/** The JSON schema of `OutlineSchema`, derived as the SDK's `zodOutputFormat` derives it (computed once). */
export function outlineJsonSchema(): Record<string, unknown> {
  outlineSchema ??= transformJSONSchema(z.toJSONSchema(OutlineSchema, { reused: 'ref' })) as Record<string, unknown>;
  return outlineSchema;
}

/** The outline as the section calls read it. */
export function renderOutline(outline: Outline): string {
  const out: string[] = ['### Outline of the plan', '', 'Modules of section 2, in order:'];
  outline.modules.forEach((m, i) => {
    out.push(`${i + 1}. **${m.name}**: ${m.summary} Tasks: ${m.taskIds.join(', ') || 'none'}. Traces to: ${m.mesoHeadings.map((h) => `"${h}"`).join(', ') || 'none'}.`);
  });
  out.push('', 'Endpoints:', ...(outline.endpoints.length ? outline.endpoints.map((e) => `- ${e.method.toUpperCase()} ${e.path}: ${e.summary}`) : ['- none']));
  out.push('', 'Entities:', ...(outline.entities.length ? outline.entities.map((e) => `- ${e.name}: ${e.summary}`) : ['- none named yet']));
  out.push('', 'Environment variables:', ...(outline.envVars.length ? outline.envVars.map((v) => `- ${v.name} (${v.required ? 'required' : 'optional'}): ${v.summary}`) : ['- none named yet']));
  return out.join('\n');
}

const OUTLINE_INSTRUCTION = [
  'Before the plan is written, give its outline as JSON matching the schema.',
  'Group the WBS tasks of this workstream into modules: every task id in exactly one module, no id that is not a task of this workstream.',
  'For each module give a name, the task ids it covers, the meso-level headings it traces to (exact heading text) and a one-sentence summary.',
  'List the endpoints (method and path; include every endpoint of the scope), the entities and the environment variables the plan will specify.',
  'Set escalation to null, unless the inputs meet a rule for escalation: then fill it in and keep the rest minimal.',
].join(' ');

/**
 * The outline call. `retry` carries the problems of the previous answer (one retry at most).
 * Structured output: `output_config.format` is the plain `{type, schema}` (see `outlineJsonSchema`), so
 * the SDK does not parse; `outline-call.ts` parses and validates, and a bad answer is retried as such.
 */
export function outlineRequest(ctx: PlannerContext, s: RequestSettings, retry?: { problems: readonly string[] }): RequestParams {
  const instruction = retry
    ? `${OUTLINE_INSTRUCTION}\n\nYour previous outline was rejected for these reasons; answer again with all of them fixed:\n${retry.problems.map((p) => `- ${p}`).join('\n')}`
    : OUTLINE_INSTRUCTION;
  return {
    model: s.model,
    max_tokens: s.maxTokens,
    system: systemBlocks(ctx, s.caching),
    messages: [{ role: 'user', content: [block(ctx.assignment, false), block(instruction, false)] }],
    output_config: { format: { type: 'json_schema', schema: outlineJsonSchema() } },
  };
}

/** What the model is asked to write for one unit. */
export function sectionInstruction(unit: SectionUnit): string {
  const lines: string[] = [];
  lines.push(unit.top ? `Write the section that goes under the heading \`${unit.top.heading.trim()}\` (${unit.label}); that heading is already written.` : `Write ${unit.label}.`);
  const own = unit.parts.filter((p) => p.owner === 'model');
  if (own.length > 0) {
    lines.push('Cover these parts in this order, each under its heading written exactly as given:');
    for (const p of own) lines.push(`- \`${p.heading.trim()}\`${p.hint ? `: ${p.hint}` : ''}`);
  }
  const core = unit.parts.filter((p) => p.owner === 'core');
  if (core.length > 0) lines.push(`Skip ${core.map((p) => `\`${p.heading.trim()}\``).join(', ')}: the tool writes ${core.length === 1 ? 'it' : 'them'}.`);
  lines.push('Follow the outline above. Answer with the Markdown only: no preamble, no closing remarks.');
  return lines.join('\n');
}

/** One section call. */
export function sectionRequest(ctx: PlannerContext, s: RequestSettings, outline: Outline, unit: SectionUnit): RequestParams {
  return {
    model: s.model,
    max_tokens: s.maxTokens,
    system: systemBlocks(ctx, s.caching),
    messages: [{ role: 'user', content: [block(`${ctx.assignment}\n\n${renderOutline(outline)}`, s.caching), block(sectionInstruction(unit), false)] }],
  };
}

/** Number of `cache_control` markers in a request (the API allows four). */
export function countBreakpoints(params: RequestParams): number {
  const sys = Array.isArray(params.system) ? params.system : [];
  const msgBlocks = params.messages.flatMap((m) => (Array.isArray(m.content) ? m.content : []));
  return [...sys, ...msgBlocks].filter((b) => (b as { cache_control?: unknown }).cache_control).length;
}
