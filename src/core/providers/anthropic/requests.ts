/**
 * The exact Messages API requests of one plan. Cache layout:
 *   system   = [instructions, planning notes ◆1]
 *   messages = [user: [assignment (+ outline ◆2 on section calls), this call's instruction]]
 * ◆1 is written by the outline call and read by every section call: both carry no
 * `output_config.format`, because "changing the output_config.format parameter will invalidate any
 * prompt cache" (structured-outputs page), so the outline's shape is asked for in its instruction and
 * checked here with zod instead. Effort and thinking settings only invalidate message blocks
 * (prompt-caching page, "what invalidates the cache"), so the outline may think at another effort
 * than the sections and still share ◆1. ◆2 (sections only) is shared by the section calls.
 *
 * Thinking: adaptive thinking with `display: 'omitted'` on models that have it (thinking page); its
 * tokens are billed as output and count against `max_tokens`, so every call gets room for them.
 * No temperature/top_p/top_k and no assistant prefill: the 5.x models reject both with a 400.
 */
import type { MessageCountTokensParams, MessageCreateParamsNonStreaming, TextBlockParam } from '@anthropic-ai/sdk/resources/messages/messages';
import type { Outline } from '../../contracts/outline';
import type { PlanUnit } from '../../generation/units';
import type { PlannerContext } from './context';
import { effortFor, initialMaxTokens, type Effort, type ModelProfile } from './models';

export type RequestParams = MessageCreateParamsNonStreaming;

/** Which kind of call a request is: they differ in effort (and the outline in its instruction). */
export type CallKind = 'outline' | 'section';

export interface RequestSettings {
  model: string;
  /** What the model accepts (output limit, thinking, effort levels). */
  profile: ModelProfile;
  /** `settings.maxOutputTokens`: `max_tokens` of a first attempt; 0 means the default room. */
  maxOutputTokens: number;
  /** `settings.caching`; off means no `cache_control` anywhere. */
  caching: boolean;
  /** Effort wanted per kind of call (`settings.outlineEffort`, `settings.effort`). */
  effort: Record<CallKind, Effort>;
  /**
   * Lifetime of the cache entries the breakpoints write. `1h` for Message Batches: a batch can take
   * longer than five minutes, and the batch-processing page advises the 1-hour cache for prefixes its
   * requests share. @default '5m'
   */
  cacheTtl?: '5m' | '1h';
}

/** One model call's part of the plan (the generation runner's unit). */
export type SectionUnit = Pick<PlanUnit, 'key' | 'top' | 'parts' | 'label'>;

const EPHEMERAL = { type: 'ephemeral' as const };
const EPHEMERAL_1H = { type: 'ephemeral' as const, ttl: '1h' as const };

/** `cached`: false, or the TTL of the breakpoint on this block. */
function block(text: string, cached: false | '5m' | '1h'): TextBlockParam {
  if (!cached) return { type: 'text', text };
  return { type: 'text', text, cache_control: cached === '1h' ? EPHEMERAL_1H : EPHEMERAL };
}

/** Where the breakpoints go: nowhere without caching, else with the settings' TTL. */
function breakpoint(s: RequestSettings): false | '5m' | '1h' {
  return s.caching ? (s.cacheTtl ?? '5m') : false;
}

/** `[instructions, notes ◆1]`; when there are no notes the breakpoint moves to the instructions. */
function systemBlocks(ctx: PlannerContext, s: RequestSettings): TextBlockParam[] {
  if (ctx.notesBlock.trim() === '') return [block(ctx.instructions, breakpoint(s))];
  return [block(ctx.instructions, false), block(ctx.notesBlock, breakpoint(s))];
}

/** `max_tokens`, `thinking` and `output_config.effort` of one kind of call on the configured model. */
export function callConfig(s: RequestSettings, kind: CallKind): Pick<RequestParams, 'max_tokens' | 'thinking' | 'output_config'> {
  const effort = effortFor(s.profile, s.effort[kind]);
  return {
    max_tokens: initialMaxTokens(s.profile, s.maxOutputTokens),
    ...(s.profile.thinking === 'adaptive' ? { thinking: { type: 'adaptive' as const, display: 'omitted' as const } } : {}),
    ...(effort ? { output_config: { effort } } : {}),
  };
}

/**
 * The JSON Schema of `OutlineSchema` (contracts/outline.ts), written out so the plugin bundle needs
 * no schema converter; a test checks it against `z.toJSONSchema(OutlineSchema)`.
 */
export const OUTLINE_JSON_SCHEMA = {
  type: 'object',
  properties: {
    modules: {
      minItems: 1,
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', minLength: 1 },
          taskIds: { type: 'array', items: { type: 'string' } },
          mesoHeadings: { type: 'array', items: { type: 'string' } },
          summary: { type: 'string' },
        },
        required: ['name', 'taskIds', 'mesoHeadings', 'summary'],
        additionalProperties: false,
      },
    },
    endpoints: {
      type: 'array',
      items: {
        type: 'object',
        properties: { method: { type: 'string' }, path: { type: 'string' }, summary: { type: 'string' } },
        required: ['method', 'path', 'summary'],
        additionalProperties: false,
      },
    },
    entities: {
      type: 'array',
      items: { type: 'object', properties: { name: { type: 'string' }, summary: { type: 'string' } }, required: ['name', 'summary'], additionalProperties: false },
    },
    envVars: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, required: { type: 'boolean' }, summary: { type: 'string' } },
        required: ['name', 'required', 'summary'],
        additionalProperties: false,
      },
    },
    escalation: {
      anyOf: [
        {
          type: 'object',
          properties: {
            blocker: { type: 'string' },
            mesoSection: { type: 'string' },
            evidence: { type: 'array', items: { type: 'string' } },
            questions: { type: 'array', items: { type: 'string' } },
            recommendation: { type: 'string' },
          },
          required: ['blocker', 'mesoSection', 'evidence', 'questions', 'recommendation'],
          additionalProperties: false,
        },
        { type: 'null' },
      ],
    },
  },
  required: ['modules', 'endpoints', 'entities', 'envVars', 'escalation'],
  additionalProperties: false,
} as const;

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

/** How the outline instruction starts (the local server's planner responder recognises the call by it). */
export const OUTLINE_INSTRUCTION_START = 'Before the plan is written, give its outline as one JSON object.';

const OUTLINE_INSTRUCTION = [
  OUTLINE_INSTRUCTION_START,
  'Group the WBS tasks of this workstream into modules: every task id in exactly one module, every module covering at least one task, no id that is not a task of this workstream.',
  'For each module give a name, the task ids it covers, the meso-level headings it traces to (exact heading text) and a one-sentence summary.',
  'List the endpoints (method and path; include every endpoint of the scope), the entities and the environment variables the plan will specify.',
  'Set escalation to null, unless the inputs meet a rule for escalation: then fill it in and keep the rest minimal.',
  'Answer with the JSON object only: no prose and no code fence. It must match this JSON Schema:',
].join(' ');

/**
 * The outline call. `retry` carries the problems of the previous answer (one retry at most). No
 * `output_config.format` (see the file comment): `outline-call.ts` parses and validates the answer.
 */
export function outlineRequest(ctx: PlannerContext, s: RequestSettings, retry?: { problems: readonly string[] }): RequestParams {
  const ask = `${OUTLINE_INSTRUCTION}\n${JSON.stringify(OUTLINE_JSON_SCHEMA)}`;
  const instruction = retry ? `${ask}\n\nYour previous outline was rejected for these reasons; answer again with all of them fixed:\n${retry.problems.map((p) => `- ${p}`).join('\n')}` : ask;
  return {
    model: s.model,
    ...callConfig(s, 'outline'),
    system: systemBlocks(ctx, s),
    messages: [{ role: 'user', content: [block(ctx.assignment, false), block(instruction, false)] }],
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
    ...callConfig(s, 'section'),
    system: systemBlocks(ctx, s),
    messages: [{ role: 'user', content: [block(`${ctx.assignment}\n\n${renderOutline(outline)}`, breakpoint(s)), block(sectionInstruction(unit), false)] }],
  };
}

/** The same request as `messages.countTokens` takes it (no `max_tokens`, no `stream`). */
export function countParams(params: RequestParams): MessageCountTokensParams {
  const { model, system, messages, thinking, output_config } = params;
  return { model, messages, ...(system !== undefined ? { system } : {}), ...(thinking ? { thinking } : {}), ...(output_config ? { output_config } : {}) };
}

/** Number of `cache_control` markers in a request (the API allows four). */
export function countBreakpoints(params: RequestParams): number {
  const sys = Array.isArray(params.system) ? params.system : [];
  const msgBlocks = params.messages.flatMap((m) => (Array.isArray(m.content) ? m.content : []));
  return [...sys, ...msgBlocks].filter((b) => (b as { cache_control?: unknown }).cache_control).length;
}
