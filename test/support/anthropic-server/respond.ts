/**
 * Writes answers on the wire: JSON bodies, and SSE streams with timing and mid-stream faults.
 * Streams send headers at once (`flushHeaders`), disable Nagle (`setNoDelay`) and write one event per `write()`.
 */
import type { ServerResponse } from 'node:http';
import { flushed, type Timers } from './lifecycle';
import { encodeEvent, errorEventData, type SseEvent } from './sse';
import { tokensForChars } from './tokens';
import type { Fault, ResponseScript } from './types';

/** Sends a JSON body with `content-type: application/json`. */
export function sendJson(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

/** Opens an SSE response: 200, event-stream content type, headers flushed immediately. */
export function openStream(res: ServerResponse, headers: Record<string, string>): void {
  res.socket?.setNoDelay(true);
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...headers,
  });
  res.flushHeaders();
}

export interface StreamContext {
  res: ServerResponse;
  timers: Timers;
  script: ResponseScript;
  /** Pause before a reset so the client has read what was sent (a RST discards unread data on Linux), ms. */
  settleMs: number;
  /** Thinking speed (tokens per second; unset: no pause) and the ping interval while thinking, ms. */
  thinkingSpeed?: { tokensPerSecond?: number; pingEveryMs: number };
}

/**
 * The time a model spends thinking, with nothing to show but `ping` events (streaming page: pings may come at any
 * point; with `display: "omitted"` the thinking block stays empty until its signature). Resolves false if the
 * client went away.
 */
async function think(ctx: StreamContext, tokens: number): Promise<boolean> {
  const tps = ctx.thinkingSpeed?.tokensPerSecond;
  if (!tps) return true;
  let left = (tokens / tps) * 1000;
  const every = Math.max(1, ctx.thinkingSpeed?.pingEveryMs ?? 10_000);
  while (left > 0) {
    const step = Math.min(every, left);
    if (!(await ctx.timers.wait(step, ctx.res))) return false;
    left -= step;
    if (left > 0) ctx.res.write(encodeEvent({ event: 'ping', data: { type: 'ping' } }, ctx.script.crlf));
  }
  return true;
}

/** Index of the event before which a positional fault fires: the (k+1)-th delta, else `message_delta`. */
function triggerIndex(events: SseEvent[], afterDeltas: number): number {
  let seen = 0;
  for (let i = 0; i < events.length; i += 1) {
    const ev = events[i]!;
    if (ev.isDelta) {
      if (seen === afterDeltas) return i;
      seen += 1;
    }
    if (ev.event === 'message_delta') return i;
  }
  return events.length;
}

function positionOf(fault: Fault | undefined, events: SseEvent[]): number | undefined {
  if (!fault) return undefined;
  switch (fault.kind) {
    case 'reset-mid-stream':
    case 'error-event':
    case 'malformed-json':
      return triggerIndex(events, fault.afterDeltas);
    case 'truncate':
      return triggerIndex(events, fault.afterDeltas ?? Number.POSITIVE_INFINITY);
    case 'stall-after-headers':
      return fault.afterDeltas === undefined ? 0 : triggerIndex(events, fault.afterDeltas);
    default:
      return undefined;
  }
}

function deltaDelayMs(ev: SseEvent, script: ResponseScript): number {
  if (!script.tokensPerSecond || !ev.isDelta) return 0;
  const delta = (ev.data as { delta: { text?: string; partial_json?: string } }).delta;
  const chars = (delta.text ?? delta.partial_json ?? '').length;
  return (tokensForChars(chars) / script.tokensPerSecond) * 1000;
}

/** Runs the fault at its position. Returns `true` when the stream must continue normally afterwards. */
async function runFault(ctx: StreamContext, fault: Fault, events: SseEvent[], at: number): Promise<boolean> {
  const { res, timers, script } = ctx;
  const write = (ev: SseEvent): boolean => res.write(encodeEvent(ev, script.crlf));
  switch (fault.kind) {
    case 'malformed-json':
      write({ event: 'content_block_delta', data: null, raw: '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"oops"' });
      return true;
    case 'error-event':
      write({ event: 'error', data: errorEventData(fault.errorType ?? 'overloaded_error', fault.message ?? 'Overloaded') });
      res.end();
      return false;
    case 'truncate':
      if (fault.withMessageDelta && events[at]?.event === 'message_delta') write(events[at]!);
      res.end();
      return false;
    case 'reset-mid-stream':
      await flushed(res);
      await timers.wait(ctx.settleMs, res);
      res.socket?.resetAndDestroy();
      return false;
    case 'stall-after-headers':
      while (!res.destroyed && !timers.isClosed) {
        const elapsed = await timers.wait(fault.pingEveryMs ?? Number.POSITIVE_INFINITY, res);
        if (!elapsed) break;
        write({ event: 'ping', data: { type: 'ping' } });
      }
      return false;
    default:
      return true;
  }
}

/** Writes the events of a planned stream, honouring speed, first-delta delay and the script's fault. */
export async function writeStream(ctx: StreamContext, events: SseEvent[]): Promise<void> {
  const { res, timers, script } = ctx;
  const faultAt = positionOf(script.fault, events);
  let firstDelta = true;
  for (let i = 0; i <= events.length; i += 1) {
    if (res.destroyed || timers.isClosed) return;
    if (i === faultAt && script.fault) {
      if (!(await runFault(ctx, script.fault, events, i))) return;
    }
    const ev = events[i];
    if (!ev) break;
    if (ev.thinkingPause !== undefined) {
      if (!(await think(ctx, ev.thinkingPause))) return;
      continue;
    }
    if (ev.isDelta && firstDelta) {
      firstDelta = false;
      if (script.firstDeltaDelayMs && !(await timers.wait(script.firstDeltaDelayMs, res))) return;
    }
    const delay = deltaDelayMs(ev, script);
    if (delay > 0 && !(await timers.wait(delay, res))) return;
    res.write(encodeEvent(ev, script.crlf));
  }
  res.end();
}

/**
 * Non-streaming answers under a stream-only fault: a reset or truncation cuts the JSON body half-way, malformed JSON
 * sends a broken body, a stall sends headers only, an `error-event` becomes a 529.
 */
export async function writeJsonWithFault(ctx: StreamContext, body: string, headers: Record<string, string>): Promise<void> {
  const { res, timers, script } = ctx;
  const fault = script.fault;
  const jsonHeaders = { 'content-type': 'application/json', ...headers };
  switch (fault?.kind) {
    case 'reset-mid-stream':
    case 'truncate':
      res.writeHead(200, { ...jsonHeaders, 'content-length': String(Buffer.byteLength(body)) });
      res.write(body.slice(0, Math.floor(body.length / 2)));
      await flushed(res);
      await timers.wait(ctx.settleMs, res);
      if (fault.kind === 'truncate') res.socket?.destroySoon();
      else res.socket?.resetAndDestroy();
      return;
    case 'malformed-json':
      sendJson(res, 200, body.slice(0, -1), headers);
      return;
    case 'stall-after-headers':
      res.writeHead(200, jsonHeaders);
      res.flushHeaders();
      await timers.wait(Number.POSITIVE_INFINITY, res);
      return;
    case 'error-event':
      sendJson(res, 529, JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }), headers);
      return;
    default:
      sendJson(res, 200, body, headers);
  }
}
