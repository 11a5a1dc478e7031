import { parseHeadings } from '../../../src/core/markdown/headings';
import { readSections } from '../../../src/core/markdown/note-sections';
import { computeScope } from '../../../src/core/scope/compute-scope';
import { parseWbs } from '../../../src/core/wbs/parse-wbs';
import { readWbsFixture } from '../wbs/fixture';

const WBS = [
  '## W1: Foundation', //                                      1
  '- W1.1 Repository — 1d', //                                 2
  '## W2: Inspection API', //                                  3
  'Depends on: W1', //                                         4
  '- W2.1 Serve `GET /api/inspections?page=1` — 2d', //        5
  '- W2.2 Accept `POST /api/inspections` — 1d', //             6
  '## W3: Reports', //                                         7
  'Depends on: W2, W1', //                                     8
  '## W4: Admin', //                                           9
  'Depends on: W2', //                                        10
  '## W2: Inspection API again', //                           11
  '- W2.9 Ignored duplicate `GET /dup`', //                   12
  '## W5: Lonely', //                                         13
].join('\n');

const MESO = [
  '# Meso plan', //                                            1
  '## W2: Inspection API', //                                  2
  'Owns inspections.', //                                      3
  '## Contracts', //                                           4
  '### W1 → W2: Auth tokens', //                               5
  'W1 provides `POST /auth/token`.', //                        6
  '### W2 -> W3: Inspection feed', //                          7
  'W2 serves `GET /api/inspections` and `GET /api/feed?since=x`.', // 8
  '#### Paging', //                                            9
  'Use `GET /api/feed/page`.', //                             10
  '### W2 to W4', //                                          11
  '`DELETE /api/inspections/{id}`', //                        12
  '## The inspection API data model', //                      13
  '## W20: Search', //                                        14
  '## Notes [draft]: #1', //                                  15
].join('\n');

const scopeOf = (id: string, meso = MESO) =>
  computeScope({
    wbs: parseWbs(WBS),
    workstreamId: id,
    meso: { path: 'research/project-planning/meso-level-plan.md', text: meso, headings: parseHeadings(meso) },
    mesoLinkTarget: 'meso-level-plan',
  });

describe('computeScope', () => {
  describe('when every field has content', () => {
    const scope = scopeOf('w02');

    it('uses the first definition of a duplicated id', () => {
      expect(scope.workstream).toMatchObject({ id: 'W2', name: 'Inspection API', line: 3 });
    });

    it('takes upstream from dependsOn and downstream from the reverse edges, in WBS order', () => {
      expect(scope.upstream).toEqual(['W1']);
      expect(scope.downstream).toEqual(['W3', 'W4']);
    });

    it('lists meso headings naming the workstream and contracts with it, with links that resolve', () => {
      expect(scope.mesoSections).toEqual([
        { heading: 'W2: Inspection API', level: 2, line: 2, link: '[[meso-level-plan#W2 Inspection API]]', reason: 'names-workstream' },
        { heading: 'W1 → W2: Auth tokens', level: 3, line: 5, link: '[[meso-level-plan#W1 → W2 Auth tokens]]', reason: 'contract' },
        { heading: 'W2 -> W3: Inspection feed', level: 3, line: 7, link: '[[meso-level-plan#W2 -> W3 Inspection feed]]', reason: 'contract' },
        { heading: 'W2 to W4', level: 3, line: 11, link: '[[meso-level-plan#W2 to W4]]', reason: 'contract' },
        { heading: 'The inspection API data model', level: 2, line: 13, link: '[[meso-level-plan#The inspection API data model]]', reason: 'names-workstream' },
      ]);
    });

    it('splits contracts into provides (from) and consumes (to)', () => {
      expect(scope.provides.map((c) => [c.from, c.to, c.line])).toEqual([
        ['W2', 'W3', 7],
        ['W2', 'W4', 11],
      ]);
      expect(scope.consumes).toEqual([
        { from: 'W1', to: 'W2', heading: 'W1 → W2: Auth tokens', line: 5, link: '[[meso-level-plan#W1 → W2 Auth tokens]]' },
      ]);
    });

    it('collects endpoints from its tasks and the contracts it provides, once each, with their source', () => {
      expect(scope.endpoints).toEqual([
        { method: 'GET', path: '/api/inspections', source: 'W2.1' },
        { method: 'POST', path: '/api/inspections', source: 'W2.2' },
        { method: 'GET', path: '/api/feed', source: 'W2 -> W3: Inspection feed' },
        { method: 'GET', path: '/api/feed/page', source: 'W2 -> W3: Inspection feed' },
        { method: 'DELETE', path: '/api/inspections/{id}', source: 'W2 to W4' },
      ]);
    });

    it('does not take endpoints from contracts it consumes, nor from a duplicate definition', () => {
      const paths = scope.endpoints.map((e) => e.path);
      expect(paths).not.toContain('/auth/token');
      expect(paths).not.toContain('/dup');
    });

    it('carries the meso path and link target', () => {
      expect(scope.mesoPath).toBe('research/project-planning/meso-level-plan.md');
      expect(scope.mesoLinkTarget).toBe('meso-level-plan');
    });

    it('gives links whose subpath matches a real heading of the meso plan', () => {
      const headings = parseHeadings(MESO).map((h) => h.text.replace(/[#|^:%[\]\\]/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase());
      for (const s of scope.mesoSections) {
        const sub = /#(.*)\]\]$/.exec(s.link)![1]!.toLowerCase();
        expect(headings).toContain(sub);
      }
    });
  });

  describe('when every field is empty', () => {
    const scope = scopeOf('W5', '# Meso plan\n\n## W20: Search\n\nNothing about W5 in a paragraph.\n');

    it('gives empty lists', () => {
      expect(scope.upstream).toEqual([]);
      expect(scope.downstream).toEqual([]);
      expect(scope.mesoSections).toEqual([]);
      expect(scope.provides).toEqual([]);
      expect(scope.consumes).toEqual([]);
      expect(scope.endpoints).toEqual([]);
    });
  });

  it('gives W1 only its own contract, and the workstreams that depend on it', () => {
    const scope = scopeOf('W1');
    expect(scope.mesoSections.map((s) => s.line)).toEqual([5]);
    expect(scope.downstream).toEqual(['W2', 'W3']);
  });

  it('throws for an id that is not in the WBS (callers pick from the WBS)', () => {
    expect(() => scopeOf('W42')).toThrow(/W42/);
    expect(() => scopeOf('nonsense')).toThrow();
  });
});

describe('computeScope of a WBS with WS-01 style ids', () => {
  const meso = '# Meso plan\n\n## WS-02 Sync API\n\nServes `GET /v1/stations`.\n';
  const scope = computeScope({
    wbs: parseWbs(readWbsFixture('ws-prefixed-ids')),
    workstreamId: 'WS-02',
    meso: { path: 'Tidewater/Meso.md', text: meso, headings: parseHeadings(meso) },
    mesoLinkTarget: 'Meso',
  });

  it('finds the workstream with its tasks, its upstream and downstream', () => {
    expect(scope.workstream.tasks.map((t) => t.id)).toEqual(['WS-02.1', 'WS-02.2', 'WS-02.3', 'WS-02.4', 'WS-02.5']);
    expect(scope.upstream).toEqual([]);
    expect(scope.downstream).toEqual(['W1', 'W3', 'W4', 'W5']);
  });

  it('reads endpoints from the task titles and from the meso section that names WS-02', () => {
    expect(scope.endpoints.map((e) => [e.method, e.path, e.source])).toEqual([
      ['DELETE', '/v1/me', 'WS-02.4'],
      ['GET', '/v1/stations', 'WS-02 Sync API'],
    ]);
  });
});

describe('computeScope, contract headings that name the workstreams', () => {
  it('reads `Transformation → Serving` as W2 → W3', () => {
    const { parseWbs } = require('../../../src/core/wbs/parse-wbs') as typeof import('../../../src/core/wbs/parse-wbs');
    const { parseHeadings } = require('../../../src/core/markdown/headings') as typeof import('../../../src/core/markdown/headings');
    const { computeScope, idsForNames } = require('../../../src/core/scope/compute-scope') as typeof import('../../../src/core/scope/compute-scope');
    const wbs = parseWbs('## W2: Transformation\n\n- W2.1 Models (2d)\n\n## W3: Serving\n\nDepends on: W2\n\n- W3.1 Dashboards (2d)\n');
    const text = '# Meso\n\n## W2: Transformation\n\nMarts.\n\n## Contracts\n\n### Transformation → Serving\n\nThe marts schema.\n';
    const scope = computeScope({ wbs, workstreamId: 'W3', meso: { path: 'm.md', text, headings: parseHeadings(text) }, mesoLinkTarget: 'm' });
    expect(scope.consumes.map((c) => [c.from, c.to, c.heading])).toEqual([['W2', 'W3', 'Transformation → Serving']]);
    expect(idsForNames('Serving caches are warm', wbs)).toBe('Serving caches are warm');
  });
});

describe('computeScope with a meso plan numbered by plain lines', () => {
  const meso = [
    '1. Architecture Overview', //                               1
    '2. System Decomposition', //                                2
    '2.1 W2 Inspection API', //                                  3
    'Serves `GET /api/inspections`.', //                         4
    '2.2 W3 Reports', //                                         5
    '10. Readiness for Micro-Level Planning', //                 6
  ].join('\n');

  it('traces to a numbered section by citing it, and reads its endpoints', () => {
    const scope = computeScope({ wbs: parseWbs(WBS), workstreamId: 'W2', meso: { path: 'P/meso-level-plan.md', text: meso, headings: readSections(meso) }, mesoLinkTarget: 'meso-level-plan' });
    expect(scope.mesoSections.map((s) => [s.heading, s.line, s.link])).toEqual([['2.1 W2 Inspection API', 3, '[[meso-level-plan]] §2.1 W2 Inspection API']]);
    expect(scope.endpoints.map((e) => `${e.method} ${e.path}`)).toContain('GET /api/inspections');
  });
});
