import { digest, normaliseForDigest } from '../../../src/core/inputs/digest';
import { digestInputs, sectionByKey, sectionKey, type InputSources } from '../../../src/core/inputs/digest-inputs';
import { compareInputs } from '../../../src/core/inputs/compare-inputs';
import { citedSections } from '../../../src/core/inputs/cited-sections';
import { comparePlans, describePlanChanges } from '../../../src/core/inputs/compare-plans';
import { readInputRecord } from '../../../src/core/inputs/input-record';
import { readSections } from '../../../src/core/markdown/note-sections';
import { parseWbs } from '../../../src/core/wbs/parse-wbs';

// A meso plan written as most upstream notes are: plain numbered lines, no `#` headings.
const MESO = [
  'Meso-Level Architecture Plan',
  '',
  '1. Architecture Overview and Rationale',
  'Two services behind one gateway.',
  '2. System Decomposition',
  '2.1 Components',
  '- Catalog: items and stock.',
  '2.2 W2 Booking Engine',
  'Holds, confirmations and the booking state machine.',
  '2.3 W3 Payments',
  'Card payments through the provider.',
  '3. Data and Interface Design',
  '3.1 W1 → W2 Catalog reads',
  'GET /items returns the items.',
  '3.2 W2 → W3 Payment requests',
  'POST /payments starts a payment.',
].join('\n');

const MICRO = [
  '## Work Breakdown Structure',
  '### W1: Catalog',
  '- **W1.1** Item store — 1d',
  'Depends on: none',
  '### W2: Booking Engine',
  '- **W2.1** Hold a berth — 2d',
  '- **W2.2** Confirm a booking — 1d',
  'Depends on: W1',
  '### W3: Payments',
  '- **W3.1** Payment adapter — 2d',
  'Depends on: W2',
].join('\n');

function sources(meso: string, micro: string, id: string, wanted: (h: { text: string }) => boolean, extra: Partial<InputSources> = {}): InputSources {
  const sections = readSections(meso);
  return {
    wbs: parseWbs(micro),
    workstreamId: id,
    meso: { text: meso, sections },
    sections: sections.filter(wanted),
    upstream: {},
    instructions: null,
    ...extra,
  };
}

const w2Sections = (h: { text: string }): boolean => /W2/.test(h.text);

describe('digest', () => {
  it('is a 16-hex fingerprint that ignores line endings, trailing spaces and blank lines, not words', () => {
    expect(digest('a\nb')).toMatch(/^[0-9a-f]{16}$/);
    expect(digest('a\nb')).toBe(digest('a  \r\n\r\n\nb\n'));
    expect(normaliseForDigest('\n\na \n\n\nb\n')).toBe('a\nb');
    expect(digest('a\nb')).not.toBe(digest('a\nc'));
    // SHA-256 of "abc" starts ba7816bf8f01cfea: the digest is the standard one, not a home-made hash.
    expect(digest('abc')).toBe('ba7816bf8f01cfea');
  });
});

describe('sectionKey', () => {
  it('is the heading as written; a repeated heading gets its place', () => {
    const hs = [
      { text: 'Overview', level: 2, line: 3 },
      { text: 'W2', level: 2, line: 5 },
      { text: 'Overview', level: 3, line: 8 },
    ];
    expect(hs.map((h) => sectionKey(h, hs))).toEqual(['Overview', 'W2', 'Overview (2)']);
    expect(sectionByKey('Overview (2)', hs)?.line).toBe(8);
    expect(sectionByKey('Gone', hs)).toBeNull();
  });
});

describe('digestInputs and compareInputs on numbered sections', () => {
  const base = digestInputs(sources(MESO, MICRO, 'W2', w2Sections, { upstream: { W1: '---\nstatus: draft\n---\n# W1 plan\n' }, instructions: 'Plan well.' }));

  it('records each unit under a readable key', () => {
    expect(Object.keys(base.meso)).toEqual(['2.2 W2 Booking Engine', '3.1 W1 → W2 Catalog reads', '3.2 W2 → W3 Payment requests']);
    expect(Object.keys(base.workstreams)).toEqual(['W2', 'W1']);
    expect(base.workstreams['W2']!.tasks).toEqual({ 'W2.1': expect.any(String), 'W2.2': expect.any(String) });
    expect(Object.keys(base.workstreams['W1']!.tasks)).toEqual(['W1.1']);
    expect(base.upstream['W1']).toMatch(/^[0-9a-f]{16}$/);
    expect(base.instructions).toMatch(/^[0-9a-f]{16}$/);
  });

  it("charges an edit to the section it is in: W2's section yes, the sibling W3 section and 2.1 no", () => {
    const own = MESO.replace('the booking state machine', 'the booking state machine, with expiry');
    expect(compareInputs(base, digestInputs(sources(own, MICRO, 'W2', w2Sections, { upstream: { W1: '# W1 plan' }, instructions: 'Plan well.' })), 'W2')).toEqual([
      { kind: 'meso-section', name: '2.2 W2 Booking Engine', change: 'changed', message: 'meso section "2.2 W2 Booking Engine" changed' },
    ]);
    const other = MESO.replace('Card payments through the provider.', 'Card and wallet payments.').replace('- Catalog: items and stock.', '- Catalog: items.');
    expect(compareInputs(base, digestInputs(sources(other, MICRO, 'W2', w2Sections, { upstream: { W1: '# W1 plan' }, instructions: 'Plan well.' })), 'W2')).toEqual([]);
  });

  it('a plan’s frontmatter is not content: only its body counts as the upstream plan', () => {
    const again = digestInputs(sources(MESO, MICRO, 'W2', w2Sections, { upstream: { W1: '---\nstatus: ready_for_decomposition\nplanner: {}\n---\n# W1 plan\n' }, instructions: 'Plan well.' }));
    expect(compareInputs(base, again, 'W2')).toEqual([]);
  });

  it('a renamed section is gone; a new section about the workstream is added', () => {
    const renamed = MESO.replace('2.2 W2 Booking Engine', '2.2 W2 Bookings');
    const changes = compareInputs(base, digestInputs(sources(renamed, MICRO, 'W2', w2Sections, { upstream: { W1: '# W1 plan' }, instructions: 'Plan well.' })), 'W2');
    expect(changes.map((c) => `${c.name}: ${c.change}`)).toEqual(['2.2 W2 Bookings: added', '2.2 W2 Booking Engine: removed'].reverse());
    expect(changes[1]!.message).toBe('meso section "2.2 W2 Bookings" is new and concerns W2');
  });

  it('a new dependency is one change, not one per task of it; a lost one too', () => {
    const micro = MICRO.replace('Depends on: W1', 'Depends on: W1, W3');
    const changes = compareInputs(base, digestInputs(sources(MESO, micro, 'W2', w2Sections, { upstream: { W1: '# W1 plan', W3: null }, instructions: 'Plan well.' })), 'W2');
    expect(changes.map((c) => c.message)).toEqual(["W2's name or dependencies changed in the WBS", 'W2 now depends on W3']);
    const lost = MICRO.replace('Depends on: W1', 'Depends on: none');
    const gone = compareInputs(base, digestInputs(sources(MESO, lost, 'W2', w2Sections, { upstream: { W1: '# W1 plan' }, instructions: 'Plan well.' })), 'W2');
    expect(gone.map((c) => c.message)).toEqual(["W2's name or dependencies changed in the WBS", 'W2 no longer depends on W1']);
  });

  it('the instructions count only when both sides know them', () => {
    const other = digestInputs(sources(MESO, MICRO, 'W2', w2Sections, { upstream: { W1: '# W1 plan' }, instructions: 'Plan differently.' }));
    expect(compareInputs(base, other, 'W2').map((c) => c.kind)).toEqual(['instructions']);
    const unknown = digestInputs(sources(MESO, MICRO, 'W2', w2Sections, { upstream: { W1: '# W1 plan' }, instructions: null }));
    expect(compareInputs(base, unknown, 'W2')).toEqual([]);
  });

  it('reads the record back from frontmatter, and nothing from a planner key of another shape', () => {
    expect(readInputRecord({ planner: { version: 1, provider: 'offline', inputs: base } })).toEqual(base);
    expect(readInputRecord({ planner: { version: 1, inputs: { version: 2 } } })).toBeNull();
    expect(readInputRecord({ planner: 'x' })).toBeNull();
    expect(readInputRecord(null)).toBeNull();
  });
});

describe('citedSections', () => {
  it('finds heading links and § citations into the meso plan, each once, and nothing in other notes', () => {
    const sections = readSections(MESO);
    const plan = [
      '---',
      'source_plan: "[[meso-level-plan#2.1 Components]]"',
      '---',
      'Traces to [[meso-level-plan]] §2.1 Components and [[meso-level-plan]] §3.2 W2 → W3 Payment requests.',
      'Again [[research/project-planning/meso-level-plan]] §2.1 Components; see also [[PRD]] §2.3 Payments.',
    ].join('\n');
    expect(citedSections(plan, 'research/project-planning/meso-level-plan.md', sections).map((h) => h.text)).toEqual(['2.1 Components', '3.2 W2 → W3 Payment requests']);
  });
});

describe('comparePlans', () => {
  it('names the sections that changed, were added or removed, by heading', () => {
    const old = '---\ncreated: "2026-01-01"\n---\n# Plan\n## 1. Intro\nA\n## 2. Modules\n### 2.1 Store\nB\n## 3. Old\nC\n';
    const now = '---\ncreated: "2026-02-02"\n---\n# Plan\n## 1. Intro\nA\n\n## 2. Modules\n### 2.1 Store\nB changed\n## 4. New\nD\n';
    const c = comparePlans(old, now);
    expect(c).toEqual({ changed: ['2.1 Store'], added: ['4. New'], removed: ['3. Old'], unchanged: 3 });
    expect(describePlanChanges(c)).toBe('Against the previous plan: 1 section changed (2.1 Store), 1 added (4. New), 1 removed (3. Old); 3 unchanged.');
    expect(describePlanChanges(comparePlans(old, old))).toBe('Against the previous plan: no section changed (5 the same).');
  });
});
