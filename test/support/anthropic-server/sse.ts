/**
 * Builds the Messages API answer for a script: the final `Message` (non-streaming JSON) and the exact SSE event
 * sequence (message_start, content_block_start, ping, content_block_delta…, content_block_stop, message_delta,
 * message_stop). Every event is named and its `data.type` equals the name, as SDK 1.x requires.
 */
import type { InputUsage } from './caching';
import { tokensForChars } from './tokens';
import type { ResponseScript, StopReason, Usage } from './types';

/** One SSE event. `data` is serialised with `JSON.stringify` unless `raw` is given. */
export interface SseEvent {
  event: string;
  data: unknown;
  /** Pre-serialised data line content (used to inject malformed JSON). */
  raw?: string;
  /** True for text and tool-input `content_block_delta` events (what fault positions count). */
  isDelta?: boolean;
  /** Not sent: the model thinks this many tokens here (the writer waits, sending pings). */
  thinkingPause?: number;
}

/** Serialises one event: `event: <name>\ndata: <json>\n\n` (CRLF when asked). */
export function encodeEvent(ev: SseEvent, crlf = false): string {
  const eol = crlf ? '\r\n' : '\n';
  const data = ev.raw ?? JSON.stringify(ev.data);
  return `event: ${ev.event}${eol}data: ${data}${eol}${eol}`;
}

/** Splits text into chunks of `size` characters (never splitting a UTF-16 surrogate pair). */
export function chunkText(text: string, size: number): string[] {
  const chars = Array.from(text);
  const chunks: string[] = [];
  for (let i = 0; i < chars.length; i += size) chunks.push(chars.slice(i, i + size).join(''));
  return chunks;
}

export interface PlanIds {
  messageId: string;
  toolUseId: string;
}

/** The full answer to one request, before any fault is applied. */
export interface PlannedAnswer {
  /** The complete `Message` object (what a non-streaming call returns). */
  message: Record<string, unknown> & { usage: Usage; stop_reason: StopReason };
  /** The SSE events of the streaming form, in order. */
  events: SseEvent[];
}

/** Thinking on one answer: how many tokens, and whether the summary text is returned. */
export interface ThinkingOnAnswer {
  tokens: number;
  display: 'omitted' | 'summarized';
}

/**
 * Plans the answer: applies `max_tokens` to thinking and text together (thinking counts against it and is
 * billed as output: thinking page), truncating and reporting `max_tokens`; counts text tokens as ceil(chars / 4)
 * of what is emitted; and lays out the events. A thinking block comes first, as the thinking page shows it: empty
 * with `display: "omitted"` (the default on the newest models), with summary text otherwise, closed by a
 * `signature_delta` (streaming page: the signature arrives just before `content_block_stop`).
 */
export function planAnswer(script: ResponseScript, request: { model: string; max_tokens: number }, input: InputUsage, ids: PlanIds, thinking?: ThinkingOnAnswer): PlannedAnswer {
  const chunkChars = Math.max(1, script.chunkChars ?? 8);
  const thinkingTokens = thinking ? Math.min(Math.max(0, thinking.tokens), request.max_tokens) : 0;
  const room = request.max_tokens - thinkingTokens;
  const budgetChars = room * 4;
  let text = script.text ?? '';
  let tool = script.toolUse;
  let stopReason: StopReason = script.stopReason ?? (tool ? 'tool_use' : 'end_turn');
  const toolJson = tool ? JSON.stringify(tool.input ?? {}) : '';

  if (thinking && thinking.tokens >= request.max_tokens && request.max_tokens > 0) {
    text = '';
    tool = undefined;
    stopReason = 'max_tokens';
  } else if (tokensForChars(text.length) > room) {
    text = Array.from(text).slice(0, budgetChars).join('');
    tool = undefined;
    stopReason = 'max_tokens';
  } else if (tool && tokensForChars(text.length) + tokensForChars(toolJson.length) > room) {
    tool = undefined;
    stopReason = 'max_tokens';
  }
  const outputTokens = thinkingTokens + tokensForChars(text.length) + (tool ? tokensForChars(toolJson.length) : 0);

  const usage: Usage = {
    ...input,
    cache_creation: { ...input.cache_creation },
    output_tokens: outputTokens,
    ...(thinking ? { output_tokens_details: { thinking_tokens: thinkingTokens } } : {}),
    service_tier: 'standard',
  };
  const content: Array<Record<string, unknown>> = [];
  const events: SseEvent[] = [];
  const base = {
    id: ids.messageId,
    type: 'message',
    role: 'assistant',
    model: request.model,
  };
  events.push({
    event: 'message_start',
    data: {
      type: 'message_start',
      message: {
        ...base,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        stop_details: null,
        usage: { ...input, cache_creation: { ...input.cache_creation }, output_tokens: 1, service_tier: 'standard' },
      },
    },
  });

  let index = 0;
  let pinged = false;
  const ping = (): void => {
    if (pinged) return;
    pinged = true;
    events.push({ event: 'ping', data: { type: 'ping' } });
  };
  if (thinking && thinkingTokens > 0) {
    const signature = `sig_mock_${ids.messageId}_${thinkingTokens}`;
    // A summary is shorter than the thinking it sums up; omitted, the block stays empty.
    const summary = thinking.display === 'summarized' ? 'Working out what this part has to say. '.repeat(Math.max(1, Math.ceil(thinkingTokens / 40))).slice(0, thinkingTokens) : '';
    content.push({ type: 'thinking', thinking: summary, signature });
    events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } } });
    ping();
    events.push({ event: 'thinking', data: null, thinkingPause: thinkingTokens });
    for (const piece of chunkText(summary, chunkChars)) {
      events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: piece } } });
    }
    events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature } } });
    events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
    index += 1;
  }
  if (text.length > 0 || (!tool && room > 0)) {
    content.push({ type: 'text', text });
    events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { type: 'text', text: '' } } });
    ping();
    for (const piece of chunkText(text, chunkChars)) {
      events.push({ event: 'content_block_delta', isDelta: true, data: { type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } } });
    }
    events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
    index += 1;
  }
  if (tool) {
    const id = tool.id ?? ids.toolUseId;
    content.push({ type: 'tool_use', id, name: tool.name, input: tool.input ?? {} });
    events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { type: 'tool_use', id, name: tool.name, input: {} } } });
    ping();
    for (const piece of ['', ...chunkText(toolJson, chunkChars)]) {
      events.push({ event: 'content_block_delta', isDelta: true, data: { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: piece } } });
    }
    events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  }

  const stopSequence = stopReason === 'stop_sequence' ? (script.stopSequence ?? null) : null;
  events.push({
    event: 'message_delta',
    data: {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: stopSequence, stop_details: null },
      usage: {
        input_tokens: usage.input_tokens,
        cache_creation_input_tokens: usage.cache_creation_input_tokens,
        cache_read_input_tokens: usage.cache_read_input_tokens,
        output_tokens: usage.output_tokens,
        ...(usage.output_tokens_details ? { output_tokens_details: usage.output_tokens_details } : {}),
      },
    },
  });
  events.push({ event: 'message_stop', data: { type: 'message_stop' } });

  const message = {
    ...base,
    content,
    stop_reason: stopReason,
    stop_sequence: stopSequence,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage,
  };
  return { message, events };
}

/** The body of an `event: error` frame. */
export function errorEventData(type: string, message: string): unknown {
  return { type: 'error', error: { type, message } };
}
