/**
 * A faithful local Anthropic Messages API server for tests and benchmarks.
 *
 * ```ts
 * const server = await startAnthropicServer({ echoLength: 200 });
 * const client = new Anthropic({ apiKey: 'test-key', baseURL: server.url, maxRetries: 2 });
 * server.enqueue(...failFirst(2, { kind: 'rate-limit', retryAfterMs: 5 }));   // 429, 429, then the echo
 * server.setScript({ text: 'Hello', tokensPerSecond: 200 });                 // or a function of the request
 * ...
 * await server.close();
 * ```
 *
 * Script choice per `/v1/messages` request: the queue (`enqueue`) first, then the scenario's responder
 * (`setScenario`, selected by a `/s/<scenario>` base-URL prefix or an `x-mock-scenario` header), then the default
 * responder (`setScript`, or the deterministic echo).
 */
export { startAnthropicServer, startAnthropicServer as start } from './server';
export type { AnthropicServer, AnthropicServerOptions } from './server';
export type {
  CacheControl,
  Fault,
  MessagesBody,
  MockRequest,
  RecordedRequest,
  Responder,
  ResponseScript,
  StopReason,
  ToolUseScript,
  Usage,
} from './types';
export { failFirst, errorBody } from './faults';
export { echoResponder, replayTranscript, echoMarkdown, exampleForSchema, lastUserText } from './scripts';
export type { EchoResponderOptions } from './scripts';
export { SERVER_MODELS, findModel, modelInfo, EFFORTS } from './models';
export type { ServerModel, Effort } from './models';
export { CacheSimulator } from './caching';
export type { BatchCall, BatchPacing, BatchRequestRecord, BatchResult } from './batches';
export type { CacheSimulatorOptions, InputUsage } from './caching';
export { countInputTokens, countCacheMarkers, tokensForChars, CHARS_PER_TOKEN } from './tokens';
export { encodeEvent, planAnswer } from './sse';
export type { SseEvent, PlannedAnswer } from './sse';
export { CORS_BLOCKED, CORS_HEADER_MISSING } from './cors';
export type { CorsMode } from './cors';
export { API_VERSION_2026, MAX_CACHE_BREAKPOINTS } from './validate';
export {
  billedInputCost,
  billedInputTokens,
  uncachedInputCost,
  CACHE_READ_MULTIPLIER,
  CACHE_WRITE_1H_MULTIPLIER,
  CACHE_WRITE_5M_MULTIPLIER,
} from './billing';
export type { BillableUsage } from './billing';
