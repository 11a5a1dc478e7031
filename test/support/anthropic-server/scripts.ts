/**
 * Ready-made responders: the default deterministic echo (Markdown, or JSON for structured-output requests) and a
 * transcript replayer that serves an `.sse` file byte for byte.
 */
import { readFileSync } from 'node:fs';
import type { MockRequest, Responder, ResponseScript } from './types';

export interface EchoResponderOptions {
  /** Length of the Markdown answer in characters. @default 400 */
  length?: number;
  /**
   * Answer for requests with `output_config.format.type === 'json_schema'`: a value (serialised with
   * `JSON.stringify`), a ready JSON string, or a function of the request. @default an example built from the schema
   */
  json?: unknown | ((request: MockRequest) => unknown);
  /** Extra script fields merged into every answer (speed, chunk size, …). */
  base?: ResponseScript;
}

/** Text of the last user message (string content or its text blocks). */
export function lastUserText(request: MockRequest): string {
  const last = [...request.body.messages].reverse().find((m) => m.role === 'user');
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  if (!Array.isArray(last.content)) return '';
  return last.content
    .map((b) => (typeof b === 'object' && b !== null && typeof (b as { text?: unknown }).text === 'string' ? (b as { text: string }).text : ''))
    .join(' ');
}

/** Deterministic Markdown of exactly `length` characters derived from the prompt. */
export function echoMarkdown(prompt: string, length: number): string {
  const topic = prompt.replace(/\s+/g, ' ').trim().slice(0, 60) || 'empty prompt';
  let text = `## Echo\n\nPrompt: ${topic}\n\n`;
  for (let line = 1; text.length < length; line += 1) text += `- Point ${line}: about ${topic.slice(0, 20)}.\n`;
  return text.slice(0, length);
}

/** A minimal instance of a JSON schema (objects, arrays, strings, numbers, booleans, enums, anyOf). */
export function exampleForSchema(schema: unknown): unknown {
  const s = (schema ?? {}) as Record<string, unknown>;
  if (Array.isArray(s.enum)) return s.enum[0];
  if ('const' in s) return s.const;
  if (Array.isArray(s.anyOf)) return exampleForSchema(s.anyOf[0]);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, exampleForSchema(v)]));
    }
    case 'array':
      return [];
    case 'string':
      return 'mock';
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/** The default responder: echo Markdown, or JSON when the request asks for a `json_schema` output format. */
export function echoResponder(options: EchoResponderOptions = {}): Responder {
  return (request) => {
    const format = request.body.output_config?.format;
    if (format?.type === 'json_schema') {
      const value = typeof options.json === 'function' ? (options.json as (r: MockRequest) => unknown)(request) : options.json;
      const json = value === undefined ? exampleForSchema(format.schema) : value;
      return { ...options.base, text: typeof json === 'string' ? json : JSON.stringify(json) };
    }
    return { ...options.base, text: echoMarkdown(lastUserText(request), options.length ?? 400) };
  };
}

/** A responder that serves the file at `path` verbatim as the SSE body (read once, on creation). */
export function replayTranscript(path: string, extra: Omit<ResponseScript, 'transcript'> = {}): Responder {
  const bytes = readFileSync(path);
  return () => ({ ...extra, transcript: bytes });
}
