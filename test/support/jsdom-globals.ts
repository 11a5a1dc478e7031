/**
 * jsdom lacks TextEncoder/TextDecoder and structuredClone, which the obsidian double uses: take
 * Node's. Tests under `@jest-environment jsdom` import this first, before anything loads `obsidian`.
 */
import { TextDecoder, TextEncoder } from 'node:util';
import { deserialize, serialize } from 'node:v8';

if (typeof globalThis.TextEncoder === 'undefined') Object.assign(globalThis, { TextEncoder, TextDecoder });
if (typeof globalThis.structuredClone === 'undefined') {
  Object.assign(globalThis, { structuredClone: <T>(v: T): T => deserialize(serialize(v)) as T });
}

export {};
