import fc from 'fast-check';
import { containsFolded, foldName, nameSource, sameName } from '../../../src/core/scope/workstream-name';
import { namesWorkstream } from '../../../src/core/scope/names-workstream';
import { idsForNames } from '../../../src/core/scope/compute-scope';
import { parseWbs } from '../../../src/core/wbs/parse-wbs';

describe('workstream names', () => {
  it.each([
    ['Notifications & Steward Console', 'Notifications and Steward Console'],
    ['notifications-and-steward console', 'Notifications and Steward Console'],
    ['Notifications  &  Steward   Console.', 'notifications and steward console'],
    ['Auth/Identity', 'auth identity'],
    ['R&D Tools', 'R and D tools'],
  ])('%p is the same name as %p', (a, b) => {
    expect(sameName(a, b)).toBe(true);
  });

  it.each([
    ['Notifications', 'Notifications and Steward Console'],
    ['Billing', 'Billings'],
    ['', ''],
  ])('%p is not the same name as %p', (a, b) => {
    expect(sameName(a, b)).toBe(false);
  });

  it('keeps a plus inside a word as punctuation, not as "and"', () => {
    expect(foldName('C++ Bindings')).toBe('c bindings');
    expect(foldName('Search + Ranking')).toBe('search and ranking');
  });

  it('finds a name inside text as whole words only', () => {
    expect(containsFolded('W5 covers the Notifications & Steward Console.', 'Notifications and Steward Console')).toBe(true);
    expect(containsFolded('Renotifications and Steward Consoles', 'Notifications and Steward Console')).toBe(false);
  });

  it('builds a pattern that finds the name however "and" and punctuation are written', () => {
    const re = new RegExp(nameSource('Notifications and Steward Console')!, 'iu');
    expect(re.test('Notifications & Steward Console')).toBe(true);
    expect(re.test('notifications-and-steward console')).toBe(true);
    expect(re.test('Notifications&Steward-Console')).toBe(true);
    expect(re.test('NotificationsSteward Console')).toBe(false);
    expect(nameSource('***')).toBeNull();
  });

  it('namesWorkstream accepts the name with & for and', () => {
    expect(namesWorkstream('## Notifications & Steward Console', 'W5', 'Notifications and Steward Console')).toBe(true);
    expect(namesWorkstream('## Notifications and Steward Console', 'W5', 'Notifications & Steward Console')).toBe(true);
    expect(namesWorkstream('## Notifications', 'W5', 'Notifications & Steward Console')).toBe(false);
  });

  it('a contract heading naming workstreams with & reads as their ids', () => {
    const wbs = parseWbs(['## W4: Billing', '- W4.1 Invoices', '## W5: Notifications and Steward Console', '- W5.1 Mails'].join('\n'));
    expect(idsForNames('Billing → Notifications & Steward Console', wbs)).toBe('W4 → W5');
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        sameName(a, b);
        containsFolded(a, b);
        const src = nameSource(a);
        if (src !== null) new RegExp(src, 'iu').test(b);
      }),
    );
  });
});
