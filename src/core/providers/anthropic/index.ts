/** The anthropic provider: the only folder that imports `@anthropic-ai/sdk`. */
export { createAnthropicClient, listModels, retrieveModel, normaliseBaseUrl, DEFAULT_BASE_URL, MIN_MAX_RETRIES, type AnthropicClient, type ClientOptions } from './client';
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
export { outlineRequest, sectionRequest, sectionInstruction, renderOutline, countBreakpoints, countParams, callConfig, OUTLINE_JSON_SCHEMA, OUTLINE_INSTRUCTION_START, type CallKind, type RequestParams, type RequestSettings, type SectionUnit } from './requests';
export { describeRequests, planRequests, type RequestsDescription, type DescribeOptions } from './describe';
export { estimateRequests, measureByCharacters, measureByCounting, TYPICAL_TEXT_TOKENS, TYPICAL_THINKING_TOKENS, type CostEstimate, type PlannedRequest, type MeasuredRequest, type TokenCounter, type TokenSource } from './estimate';
export { requestOutline, checkOutlineAnswer, escalationFromOutline, jsonPart, type OutlineCallInput, type OutlineOutcome } from './outline-call';
export { createSectionGenerator, type GenerateSection, type SectionGeneratorDeps, type SectionReporter } from './section-call';
export { streamCall, sleep, outcomeOf, DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_FIRST_TEXT_TIMEOUT_MS, DEFAULT_PIPELINE_RETRIES, DEFAULT_RETRY_DELAYS_MS, type AttemptBudget, type CallOutcome, type StreamCallDeps, type StreamItem, type Timers } from './stream-call';
export { translateError, redact, isAnthropicFailure, isPipelineRetryable, noRetryOnSpendLimit, SPEND_LIMIT_CODES, CORS_BLOCKED_MESSAGE, FAILURE_KINDS, type AnthropicFailure, type AnthropicFailureKind } from './errors';
export {
  DEFAULT_PRICES,
  PRICES_AS_OF,
  priceFor,
  priceSource,
  priceFromOverride,
  bandFor,
  unknownPriceMessage,
  CACHE_READ_MULTIPLIER,
  CACHE_WRITE_5M_MULTIPLIER,
  CACHE_WRITE_1H_MULTIPLIER,
  BATCH_DISCOUNT,
  type ModelPrice,
  type PriceBand,
  type PriceEntry,
  type PriceOverride,
} from './pricing';
export { callUsage, totalUsage, costOf, tokensOf, promptTokens, type BillingMode, type CallUsage, type TokenUsage, type UsageTotals } from './usage';
export { createBatch, retrieveBatch, waitForBatch, batchResults, cancelBatch, messageText, isRetryableResult, describeResult, CUSTOM_ID, type BatchRequest, type BatchItemResult, type BatchProgress, type WaitOptions } from './batches';
export { MODEL_PROFILES, EFFORTS, knownProfile, profileFromModelInfo, fallbackProfile, initialMaxTokens, effortFor, DEFAULT_OUTPUT_ROOM, type Effort, type ModelProfile } from './models';
export { CostBudget, worstAttemptCost, worstInputTokens } from './budget';
