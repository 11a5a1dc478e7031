/**
 * Per-model request checks, each as the docs state it (sources in models.ts): unknown and retired
 * models are 404s; `max_tokens` over the model's limit, sampling parameters, budget thinking,
 * `thinking.disabled` where thinking cannot be turned off, `between_tools` at xhigh/max, an effort the
 * model lacks, forced tool choice and assistant prefill are 400s on the models that reject them.
 */
import type { Check } from './validate';
import type { MessagesBody } from './types';
import { findModel, isRetired, type Effort, type ServerModel } from './models';

const invalid = (message: string): Check<never> => ({ ok: false, status: 400, type: 'invalid_request_error', message });

/** The model a request names, or the 404 the API answers (errors page: not_found_error). */
export function checkModel(models: readonly ServerModel[], id: string, now: number): Check<ServerModel> {
  const model = findModel(models, id);
  if (!model || isRetired(model, now)) return { ok: false, status: 404, type: 'not_found_error', message: `model: ${id}` };
  return { ok: true, value: model };
}

/** What the model does about thinking on this request: how hard it thinks, or not at all. */
export interface ThinkingPlan {
  /** Null: no thinking on this request. */
  effort: Effort | null;
  display: 'omitted' | 'summarized';
}

export function checkAgainstModel(model: ServerModel, body: MessagesBody, forCount = false): Check<ThinkingPlan> {
  if (!forCount && body.max_tokens > model.maxOutputTokens) {
    return invalid(`max_tokens: ${body.max_tokens} > ${model.maxOutputTokens}, which is the maximum allowed number of output tokens for ${model.id}`);
  }
  if (!model.sampling) {
    for (const field of ['temperature', 'top_p', 'top_k']) {
      if (field in body) return invalid(`${field}: is not supported on ${model.id}; remove it (sampling parameters are no longer accepted)`);
    }
  }
  const effort = (body.output_config as { effort?: unknown } | undefined)?.effort;
  if (effort !== undefined && effort !== null) {
    if (!model.efforts.includes(effort as Effort)) return invalid(`output_config.effort: "${String(effort)}" is not supported on ${model.id}`);
  }
  const thinking = body.thinking as { type?: unknown; budget_tokens?: unknown; display?: unknown } | undefined;
  const type = thinking?.type;
  if (type === 'enabled' && !model.thinking.enabled) {
    return invalid('"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.');
  }
  if (type === 'adaptive' && !model.thinking.adaptive) return invalid('adaptive thinking is not supported on this model');
  if (type === 'disabled' && !model.thinking.disabled) {
    return invalid(
      model.thinking.betweenTools
        ? 'thinking.type: "disabled" is not supported on this model; send {"type": "between_tools"} to turn off up-front thinking'
        : 'thinking.type: "disabled" is not supported on this model: thinking is always on',
    );
  }
  if (type === 'between_tools') {
    if (!model.thinking.betweenTools) return invalid('thinking.type: "between_tools" is not supported on this model');
    if (effort === 'xhigh' || effort === 'max') return invalid(`thinking.type: "between_tools" is not available at effort "${effort}"; use adaptive thinking`);
  }
  const choice = (body.tool_choice as { type?: unknown } | undefined)?.type;
  if (!model.forcedToolChoice && (choice === 'tool' || choice === 'any')) {
    return invalid(`tool_choice: forced tool use ("${String(choice)}") is not supported on ${model.id}; use "auto"`);
  }
  const last = body.messages[body.messages.length - 1];
  if (!model.prefill && last?.role === 'assistant') {
    return invalid('This model does not support assistant message prefill. The conversation must end with a user message.');
  }
  const display = thinking?.display === 'summarized' ? 'summarized' : 'omitted';
  const thinks = type === 'adaptive' || type === 'enabled' || (type === undefined && model.thinksByDefault);
  if (!thinks) return { ok: true, value: { effort: null, display } };
  return { ok: true, value: { effort: (effort as Effort | undefined) ?? model.defaultEffort ?? 'high', display } };
}
