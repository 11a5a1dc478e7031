import { findHeading, hasBlockId, resolveWikilink } from '../../../src/core/vault/resolve-wikilink';
import { parseWikilinks } from '../../../src/core/vault/wikilinks';
import { tempVault, type TempVault } from '../../support/temp-vault';

const PLAN = [
  '# Plan',
  '## Phase 1: Setup',
  '### Tasks',
  'Do it. ^task-1',
  '## Phase 2',
  '### Tasks',
  '^lonely',
  '```',
  'in code ^hidden',
  '## Fake heading',
  '```',
].join('\n');

let tv: TempVault;
beforeEach(() => {
  tv = tempVault({
    'plans/Plan.md': PLAN,
    'plans/Source.md': '# Local\n## Sub\n',
    'other/Plan.md': '# Other plan\n',
    'Home.md': '[[Plan#Phase 1: Setup]]',
  });
});
afterEach(() => tv.cleanup());

describe('resolveWikilink', () => {
  it('resolves a note by basename, preferring the source folder', async () => {
    expect(await resolveWikilink(tv.vault, '[[Plan]]', 'plans/Source.md')).toEqual({ ok: true, path: 'plans/Plan.md', heading: null });
    expect(await resolveWikilink(tv.vault, '[[Plan]]', 'other/x.md')).toEqual({ ok: true, path: 'other/Plan.md', heading: null });
  });

  it('accepts a parsed link, an embed, an alias and the bare inside of a link', async () => {
    const [parsed] = parseWikilinks('![[plans/Plan.md|shown]]');
    expect(await resolveWikilink(tv.vault, parsed!, 'Home.md')).toMatchObject({ ok: true, path: 'plans/Plan.md' });
    expect(await resolveWikilink(tv.vault, 'plans/plan', 'Home.md')).toMatchObject({ ok: true, path: 'plans/Plan.md' });
  });

  it('resolves a heading against the real headings, ignoring case and link-unsafe characters', async () => {
    const r = await resolveWikilink(tv.vault, '[[plans/Plan#phase 1 setup]]', 'Home.md');
    expect(r).toEqual({ ok: true, path: 'plans/Plan.md', heading: { text: 'Phase 1: Setup', level: 2, line: 2 } });
  });

  it('resolves a nested heading only under its parent', async () => {
    expect(await resolveWikilink(tv.vault, '[[plans/Plan#Phase 2#Tasks]]', 'Home.md')).toMatchObject({
      ok: true,
      heading: { text: 'Tasks', line: 6 },
    });
    expect(await resolveWikilink(tv.vault, '[[plans/Plan#Phase 1: Setup#Tasks]]', 'Home.md')).toMatchObject({
      ok: true,
      heading: { line: 3 },
    });
    expect(await resolveWikilink(tv.vault, '[[plans/Plan#Tasks#Phase 2]]', 'Home.md')).toEqual({
      ok: false,
      reason: 'no-heading',
      path: 'plans/Plan.md',
    });
  });

  it('fails with no-heading for a heading the note lacks or has only inside code', async () => {
    expect(await resolveWikilink(tv.vault, '[[plans/Plan#Phase 3]]', 'Home.md')).toEqual({ ok: false, reason: 'no-heading', path: 'plans/Plan.md' });
    expect(await resolveWikilink(tv.vault, '[[plans/Plan#Fake heading]]', 'Home.md')).toMatchObject({ ok: false, reason: 'no-heading' });
  });

  it('resolves [[#Heading]] within the source note', async () => {
    expect(await resolveWikilink(tv.vault, '[[#Sub]]', 'plans/Source.md')).toEqual({
      ok: true,
      path: 'plans/Source.md',
      heading: { text: 'Sub', level: 2, line: 2 },
    });
    expect(await resolveWikilink(tv.vault, '[[#Nope]]', 'plans/Source.md')).toMatchObject({ ok: false, reason: 'no-heading' });
  });

  it('resolves block ids at a line end or alone, not inside code', async () => {
    expect(await resolveWikilink(tv.vault, '[[plans/Plan#^task-1]]', 'Home.md')).toEqual({ ok: true, path: 'plans/Plan.md', heading: null });
    expect(await resolveWikilink(tv.vault, '[[plans/Plan#^LONELY]]', 'Home.md')).toMatchObject({ ok: true });
    expect(await resolveWikilink(tv.vault, '[[plans/Plan#^hidden]]', 'Home.md')).toEqual({ ok: false, reason: 'no-block', path: 'plans/Plan.md' });
    expect(await resolveWikilink(tv.vault, '[[plans/Plan#^nope]]', 'Home.md')).toMatchObject({ ok: false, reason: 'no-block' });
  });

  it('fails with no-note for unknown notes and for text that is no link', async () => {
    expect(await resolveWikilink(tv.vault, '[[Missing#Plan]]', 'Home.md')).toEqual({ ok: false, reason: 'no-note' });
    expect(await resolveWikilink(tv.vault, '[[]]', 'Home.md')).toEqual({ ok: false, reason: 'no-note' });
    expect(await resolveWikilink(tv.vault, '[[#H]]', 'Gone.md')).toEqual({ ok: false, reason: 'no-note' });
  });
});

describe('findHeading', () => {
  const headings = [
    { text: 'A', level: 1, line: 1 },
    { text: 'B', level: 2, line: 2 },
    { text: 'C', level: 1, line: 3 },
    { text: 'B', level: 2, line: 4 },
  ];
  it('takes the first match, or the match inside the named parent', () => {
    expect(findHeading(headings, 'B')?.line).toBe(2);
    expect(findHeading(headings, 'C#B')?.line).toBe(4);
    expect(findHeading(headings, 'A#C')).toBeNull();
    expect(findHeading(headings, '#')).toBeNull();
  });
});

describe('hasBlockId', () => {
  it('needs a space before the caret and a valid id', () => {
    expect(hasBlockId('text ^ab-1', 'ab-1')).toBe(true);
    expect(hasBlockId('text^ab', 'ab')).toBe(false);
    expect(hasBlockId('text ^a_b', 'a_b')).toBe(false);
    expect(hasBlockId('text ^ab  \r', 'ab')).toBe(true);
  });
});
