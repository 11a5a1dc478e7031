import fc from 'fast-check';
import {
  formatWikilink,
  headingLinkText,
  normaliseHeadingForLink,
  parseWikilink,
  parseWikilinks,
} from '../../../src/core/vault/wikilinks';

describe('parseWikilinks', () => {
  it('reads every form Obsidian writes', () => {
    const text = [
      '[[Note]] and [[folder/Note.md]]',
      '[[Note|Shown]] [[Note#Heading]] [[Note#^block-1]]',
      '![[Embed]] [[Note#A#B|alias]] [[#Local heading]]',
    ].join('\n');
    const links = parseWikilinks(text).map(({ linkpath, subpath, isBlock, alias, embed, line }) => ({
      linkpath, subpath, isBlock, alias, embed, line,
    }));
    expect(links).toEqual([
      { linkpath: 'Note', subpath: null, isBlock: false, alias: null, embed: false, line: 1 },
      { linkpath: 'folder/Note.md', subpath: null, isBlock: false, alias: null, embed: false, line: 1 },
      { linkpath: 'Note', subpath: null, isBlock: false, alias: 'Shown', embed: false, line: 2 },
      { linkpath: 'Note', subpath: 'Heading', isBlock: false, alias: null, embed: false, line: 2 },
      { linkpath: 'Note', subpath: '^block-1', isBlock: true, alias: null, embed: false, line: 2 },
      { linkpath: 'Embed', subpath: null, isBlock: false, alias: null, embed: true, line: 3 },
      { linkpath: 'Note', subpath: 'A#B', isBlock: false, alias: 'alias', embed: false, line: 3 },
      { linkpath: '', subpath: 'Local heading', isBlock: false, alias: null, embed: false, line: 3 },
    ]);
  });

  it('records raw text and offsets that point into the note', () => {
    const text = 'see ![[A|b]] now';
    const [link] = parseWikilinks(text);
    expect(link?.raw).toBe('![[A|b]]');
    expect(text.slice(link!.offset, link!.offset + link!.raw.length)).toBe('![[A|b]]');
  });

  it('reads an escaped alias pipe inside a table', () => {
    expect(parseWikilinks('| [[Note\\|Alias]] |')[0]).toMatchObject({ linkpath: 'Note', alias: 'Alias' });
  });

  it('ignores links in code blocks, code spans and comments', () => {
    const text = [
      '```',
      '[[InFence]]',
      '```',
      '`[[InSpan]]` <!-- [[InComment]] -->',
      '~~~md',
      '[[InTilde]]',
      '~~~',
      '[[Real]]',
    ].join('\n');
    expect(parseWikilinks(text).map((l) => [l.linkpath, l.line])).toEqual([['Real', 8]]);
  });

  it('ignores empty and unclosed links', () => {
    expect(parseWikilinks('[[]] [[#]] [[open and [[ Closed ]]')).toHaveLength(1);
    expect(parseWikilinks('[[open\nnext]]')).toEqual([]);
  });

  it('never throws and returns offsets inside the text on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('[', ']', '!', '|', '#', '^', '`', '\n', 'a', ' ', '\\', '-') }), (s) => {
        for (const l of parseWikilinks(s)) {
          expect(l.offset).toBeGreaterThanOrEqual(0);
          expect(s.slice(l.offset, l.offset + l.raw.length)).toBe(l.raw);
        }
      }),
    );
    fc.assert(fc.property(fc.string(), (s) => Array.isArray(parseWikilinks(s))));
  });
});

describe('parseWikilinks on a large note', () => {
  it('finds every link in a 5 MB note', () => {
    const chunk = 'See [[Note#Heading|alias]] and `[[not a link]]`.\n```\n[[Nor this]]\n```\n';
    const count = Math.ceil((5 * 1024 * 1024) / chunk.length);
    const links = parseWikilinks(chunk.repeat(count));
    expect(links).toHaveLength(count);
    expect(links[count - 1]).toMatchObject({ linkpath: 'Note', line: (count - 1) * 4 + 1 });
  });
});

describe('parseWikilink', () => {
  it('parses one written link and rejects anything else', () => {
    expect(parseWikilink(' [[A#H|x]] ')).toMatchObject({ linkpath: 'A', subpath: 'H', alias: 'x', embed: false });
    expect(parseWikilink('![[A]]')).toMatchObject({ embed: true });
    expect(parseWikilink('A')).toBeNull();
    expect(parseWikilink('[[A]] [[B]]')).toBeNull();
  });
});

describe('formatWikilink and heading text', () => {
  it('formats a link that parses back to the same parts', () => {
    const raw = formatWikilink('Folder/Note', 'Heading', 'Alias');
    expect(raw).toBe('[[Folder/Note#Heading|Alias]]');
    expect(parseWikilink(raw)).toMatchObject({ linkpath: 'Folder/Note', subpath: 'Heading', alias: 'Alias' });
    expect(formatWikilink('N')).toBe('[[N]]');
  });

  it('normalises the characters a link cannot hold', () => {
    expect(normaliseHeadingForLink('Step 1: Set  up [beta]')).toBe('step 1 set up beta');
    expect(headingLinkText('A | B: C')).toBe('A B C');
    expect(normaliseHeadingForLink(headingLinkText('Q&A: 50% #done'))).toBe(normaliseHeadingForLink('Q&A: 50% #done'));
  });
});
