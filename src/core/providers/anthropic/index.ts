/** The anthropic provider: the only folder that imports `@anthropic-ai/sdk`. */
export { createAnthropicClient, listModels, DEFAULT_BASE_URL, MIN_MAX_RETRIES, type AnthropicClient, type ClientOptions } from './client';
export {
  buildContext,
  estimateTokens,
  stripPlannerKeys,
  splitTemplate,
  fillTemplate,
  renderScope,
  type ContextInput,
  type ContextTooLarge,
  type PlannerContext,
  type SentNote,
  type UpstreamPlan,
} from './context';
export { outlineRequest, sectionRequest, sectionInstruction, renderOutline, countBreakpoints, type RequestParams, type RequestSettings, type SectionUnit } from './requests';
export { describeRequests, planRequests, type RequestsDescription } from './describe';
export { estimateRequests, TYPICAL_OUTPUT_TOKENS, type CostEstimate, type PlannedRequest } from './estimate';
export { requestOutline, checkOutlineAnswer, escalationFromOutline, type OutlineCallInput, type OutlineOutcome } from './outline-call';
export { createSectionGenerator, type GenerateSection, type SectionGeneratorDeps, type SectionReporter } from './section-call';
export { streamCall, sleep, DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_PIPELINE_RETRIES, DEFAULT_RETRY_DELAYS_MS, type CallOutcome, type StreamCallDeps, type Timers } from './stream-call';
export { translateError, redact, isAnthropicFailure, isPipelineRetryable, CORS_BLOCKED_MESSAGE, FAILURE_KINDS, type AnthropicFailure, type AnthropicFailureKind } from './errors';
export { DEFAULT_PRICES, priceFor, CACHE_READ_MULTIPLIER, CACHE_WRITE_MULTIPLIER, type ModelPrice } from './pricing';
export { callUsage, totalUsage, costOf, type CallUsage, type UsageTotals } from './usage';
