/** jsdom lacks TextEncoder/TextDecoder, which the double's vault uses; Node's are the same API. Import first. */
import { TextDecoder, TextEncoder } from 'node:util';

Object.assign(globalThis, { TextEncoder: globalThis.TextEncoder ?? TextEncoder, TextDecoder: globalThis.TextDecoder ?? TextDecoder });

export {};
