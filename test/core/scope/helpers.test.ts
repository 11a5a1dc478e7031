import fc from 'fast-check';
import { parseHeadings } from '../../../src/core/markdown/headings';
import { parseContractHeading } from '../../../src/core/wbs/contract-heading';
import { findEndpoints } from '../../../src/core/scope/endpoints';
import { namesWorkstream } from '../../../src/core/scope/names-workstream';
import { sectionText, splitSections } from '../../../src/core/scope/sections';

describe('namesWorkstream', () => {
  it.each([
    ['## W2: Inspection API', true],
    ['## Notes on W2', true],
    ['W2.1 covers paging', true],
    ['W2-T3 too', true],
    ['Workstream 2 overview', true],
    ['w02 in lower case', true],
    ['## W20: Search', false],
    ['AW2 is a part number', false],
    ['Nothing here', false],
  ])('%p → %p (by id)', (text, expected) => {
    expect(namesWorkstream(text, 'W2', '')).toBe(expected);
  });

  it.each([
    ['### The inspection api layer', true],
    ['### Inspection   API', true],
    ['### Inspection APIs', false],
    ['### Reinspection API', false],
  ])('%p → %p (by name)', (text, expected) => {
    expect(namesWorkstream(text, 'W2', 'Inspection API')).toBe(expected);
  });

  it('matches names that begin or end with punctuation', () => {
    expect(namesWorkstream('About C++ bindings', 'W9', 'C++')).toBe(true);
  });
});

describe('parseContractHeading', () => {
  it.each([
    ['W1 → W2', { from: 'W1', to: 'W2', what: '' }],
    ['W1 -> W2: Auth tokens', { from: 'W1', to: 'W2', what: 'Auth tokens' }],
    ['W1 to W2 — Session events', { from: 'W1', to: 'W2', what: 'Session events' }],
    ['4.1 W02 → Workstream 3 (Reports feed)', { from: 'W2', to: 'W3', what: 'Reports feed' }],
    ['Contract: W2 ⟶ W3', { from: 'W2', to: 'W3', what: '' }],
    ['**W1 → W2**: tokens', { from: 'W1', to: 'W2', what: 'tokens' }],
  ])('%p', (text, expected) => {
    expect(parseContractHeading(text)).toEqual(expected);
  });

  it.each(['W2: Inspection API', 'W1 → W2 → W3', 'W1 and W2', 'W2.1 → W3', 'Notes', 'W1 → W2x'])('gives null for %p', (text) => {
    expect(parseContractHeading(text)).toBeNull();
  });
});

describe('splitSections', () => {
  const text = '# Top\nintro\n## A\na1\n### A.1\ndeep\n## B\nb1\nb2';
  const sections = splitSections(text, parseHeadings(text));

  it('cuts at the next heading of any level', () => {
    expect(sections.map((s) => [s.heading.text, s.startLine, s.endLine, s.body])).toEqual([
      ['Top', 1, 2, 'intro'],
      ['A', 3, 4, 'a1'],
      ['A.1', 5, 6, 'deep'],
      ['B', 7, 9, 'b1\nb2'],
    ]);
  });

  it('gives nothing for a note without headings', () => {
    expect(splitSections('just text', [])).toEqual([]);
  });

  it('sectionText includes sub-sections up to the next heading of the same level', () => {
    const headings = parseHeadings(text);
    expect(sectionText(text, headings, headings[1]!)).toBe('## A\na1\n### A.1\ndeep');
    expect(sectionText(text, headings, headings[1]!, (h) => h.text === 'A.1')).toBe('## A\na1');
  });
});

describe('findEndpoints', () => {
  it('finds METHOD /path in prose, code spans and parentheses, once each', () => {
    const text = 'Call `GET /api/items?page=2` then (POST /api/items). Also PUT /a/{id}, DELETE /a/{id}; GET /api/items again.';
    expect(findEndpoints(text)).toEqual([
      { method: 'GET', path: '/api/items' },
      { method: 'POST', path: '/api/items' },
      { method: 'PUT', path: '/a/{id}' },
      { method: 'DELETE', path: '/a/{id}' },
    ]);
  });

  it('knows PATCH, HEAD and OPTIONS, and ignores lower case and glued words', () => {
    expect(findEndpoints('PATCH /p HEAD /h OPTIONS /o get /x FORGET /y GET nothing')).toEqual([
      { method: 'PATCH', path: '/p' },
      { method: 'HEAD', path: '/h' },
      { method: 'OPTIONS', path: '/o' },
    ]);
  });

  it('reads several methods before one path as one endpoint each', () => {
    expect(findEndpoints('`GET/PATCH /v1/me`, GET, PUT /v1/a and DELETE|HEAD /v1/b, GET & POST /v1/c')).toEqual([
      { method: 'GET', path: '/v1/me' },
      { method: 'PATCH', path: '/v1/me' },
      { method: 'GET', path: '/v1/a' },
      { method: 'PUT', path: '/v1/a' },
      { method: 'DELETE', path: '/v1/b' },
      { method: 'HEAD', path: '/v1/b' },
      { method: 'GET', path: '/v1/c' },
      { method: 'POST', path: '/v1/c' },
    ]);
  });

  it('gives nothing without endpoints', () => {
    expect(findEndpoints('No endpoints here.')).toEqual([]);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('GET', 'POST', ' ', '/', '?', '`', ')', '.', 'a', '\n') }), (s) => {
        for (const e of findEndpoints(s)) expect(e.path.startsWith('/')).toBe(true);
      }),
      { numRuns: 500 },
    );
    fc.assert(fc.property(fc.string(), (s) => expect(Array.isArray(findEndpoints(s))).toBe(true)));
  });
});

describe('namesWorkstream, one-word names', () => {
  it('takes a one-word name only as written, so an ordinary word does not name the workstream', () => {
    expect(namesWorkstream('After a load, refresh serving caches.', 'W3', 'Serving')).toBe(false);
    expect(namesWorkstream('Serving reads the marts.', 'W3', 'Serving')).toBe(true);
  });

  it('matches longer names in any case', () => {
    expect(namesWorkstream('the inspection api answers', 'W2', 'Inspection API')).toBe(true);
  });
});
