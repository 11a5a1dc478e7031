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
    ['the last BMP character', '\uffff'],
    ['a mix', 'Ünïcödé 🎉 ok'],
  ])('%s: the size Node writes', (_name, s) => {
    expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
  });
});
