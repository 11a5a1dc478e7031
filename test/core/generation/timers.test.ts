import { utf8Length } from '../../../src/core/generation/timers';

describe('utf8Length', () => {
  it.each<[string, string]>([
    ['empty', ''],
    ['ASCII up to DEL', 'a\u007f'],
    ['two bytes from U+0080', '\u0080'],
    ['two bytes up to U+07FF', '\u07ff'],
    ['three bytes from U+0800', '\u0800'],
    ['three bytes just below the surrogates', '\ud7ff'],
    ['a pair from the first high surrogate', '\ud800\udc00'],
    ['a pair from the last high surrogate', '\udbff\udfff'],
    ['a lone high surrogate at the end', 'x\ud800'],
    ['a high surrogate before a letter', '\ud800x'],
    ['a high surrogate before another high one', '\ud800\ud800\udc00'],
    ['a lone low surrogate', '\udc00x'],
    // Only a high surrogate starts a pair: a three-byte character, a low surrogate or U+E000 before a low one does not.
    ['a three-byte character before a low surrogate', '\u0800\udc00'],
    ['a low surrogate before another', '\udc00\udc00'],
    ['U+E000 before a low surrogate', '\ue000\udc00'],
    // A high surrogate before anything but a low one counts alone, and the next character as itself.
    ['a high surrogate before a two-byte character', '\ud800\u00e9'],
    ['the last BMP character', '\uffff'],
    ['a mix', 'Ünïcödé 🎉 ok'],
  ])('%s: the size Node writes', (_name, s) => {
    expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
  });
});
