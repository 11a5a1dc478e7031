/**
 * jsdom lacks TextEncoder/TextDecoder and structuredClone, which the obsidian double uses: take
 * Node's. Import this before anything that loads `obsidian` (it belongs in
 * test/support/obsidian-dom.ts, which is not this helper's to change).
 */
import { TextDecoder, TextEncoder } from 'node:util';
import { deserialize, serialize } from 'node:v8';

if (typeof globalThis.TextEncoder === 'undefined') Object.assign(globalThis, { TextEncoder, TextDecoder });
if (typeof globalThis.structuredClone === 'undefined') {
  Object.assign(globalThis, { structuredClone: <T>(v: T): T => deserialize(serialize(v)) as T });
}

export {};
