import fc from 'fast-check';
import { readSections } from '../../../../src/core/markdown/note-sections';
import { readOpenQuestions } from '../../../../src/core/scope/questions/read-questions';

const read = (lines: string[]) => {
  const text = lines.join('\n');
  return readOpenQuestions({ path: 'p.md', text, headings: readSections(text) });
};
const lineOf = (lines: string[], needle: string): number => lines.findIndex((l) => l.includes(needle)) + 1;

describe('readOpenQuestions: the upstream conventions', () => {
  const plainStyle = [
    'Open Questions and Blocked Decisions',
    '1. **Payment provider** (BLOCKS: billing adapter, webhook receiver)',
    '   - **Proposed Assumption**: hosted checkout',
    '   - **Validation**: confirm with finance before Epic 4',
    '2. **Edge cache TTL** (NOT BLOCKING: defaults are fine)',
    '',
    '1. Architecture Overview and Rationale',
    '- A modular monolith.',
    '2. System Decomposition',
    '- Catalog, booking, billing.',
    '3. Data and Interface Design',
    '- Booking owns one payment.',
  ];

  it('reads (BLOCKS: …) with a proposed assumption and its validation, each fact on its own line', () => {
    const [q] = read(plainStyle);
    expect(q).toMatchObject({
      topic: 'Payment provider',
      line: 2,
      blocks: [{ text: 'billing adapter, webhook receiver', line: 2 }],
      assumption: { text: 'hosted checkout', line: 3 },
      validation: { text: 'confirm with finance before Epic 4', line: 4 },
      resolved: null,
      deferred: null,
      notBlocking: null,
      region: { title: 'Open Questions and Blocked Decisions', kind: 'line', line: 1 },
    });
  });

  it('reads (NOT BLOCKING: …)', () => {
    const q = read(plainStyle)[1]!;
    expect(q.topic).toBe('Edge cache TTL');
    expect(q.notBlocking).toEqual({ text: 'defaults are fine', line: 5 });
  });

  it('ends the block at the first numbered section title, so the architecture is not a question', () => {
    expect(read(plainStyle).map((q) => q.topic)).toEqual(['Payment provider', 'Edge cache TTL']);
  });

  const boldStyle = [
    '# Plan',
    '## Open Questions and Blocked Decisions',
    '1. **Analytics platform**: Which analytics service, if any?',
    '   - **Blocks**: W5 analytics events, privacy policy',
    '   - **Recommendation**: Defer to post-MVP; ship without analytics',
    '2. **Payments in MVP**: Do we take card payments at launch?',
    '   - **Blocks**: No MVP decision needed. Defer to post-MVP',
    '3. **Custom domain**: Own domain or the host\'s subdomain?',
    '   - **Blocks**: DNS setup',
    '   - **Recommendation**: Proceed with the host subdomain',
    '4. **Resolved**: booking ids are ULIDs.',
    '5. **Berth classes** — **Status**: Decided (length bands)',
    '## 1. Architecture Overview',
  ];

  it('reads **Blocks**: and a **Recommendation**: Defer … as deferred', () => {
    const [q] = read(boldStyle);
    expect(q!.blocks).toEqual([{ text: 'W5 analytics events, privacy policy', line: lineOf(boldStyle, 'W5 analytics') }]);
    expect(q!.deferred?.line).toBe(lineOf(boldStyle, 'Defer to post-MVP; ship'));
  });

  it('reads **Blocks**: No MVP decision … Defer to post-MVP as neither blocking nor open', () => {
    const q = read(boldStyle)[1]!;
    expect(q.blocks).toEqual([]);
    expect(q.notBlocking).not.toBeNull();
    expect(q.deferred).not.toBeNull();
  });

  it('reads a recommendation to go ahead as the assumption meanwhile', () => {
    expect(read(boldStyle)[2]!.assumption).toEqual({ text: 'Proceed with the host subdomain', line: lineOf(boldStyle, 'Proceed with') });
  });

  it('reads Resolved and **Status**: Decided as settled', () => {
    const qs = read(boldStyle);
    expect(qs[3]!.resolved).not.toBeNull();
    expect(qs[4]!.resolved).not.toBeNull();
  });

  it('reads inline "Blocks:" and "Assumption:" labels inside the item text', () => {
    const lines = [
      'Open Questions and Blocked Decisions',
      '- Presets: Canonical names; global or per dataset. Blocks: preset resolver logic and tooltips.',
      '6) Browser support: minimum versions TBD. Assumption: evergreen browsers, Safari 16+.',
    ];
    const [a, b] = read(lines);
    expect(a!.blocks).toEqual([{ text: 'preset resolver logic and tooltips', line: 2 }]);
    expect(a!.topic).toBe('Presets');
    expect(b!.assumption).toEqual({ text: 'evergreen browsers, Safari 16+', line: 3 });
  });

  it('keeps risks out: a risk table, "Risks:" items and a "- Risks" group', () => {
    const lines = [
      '## 8. Risks, Assumptions, and Open Questions',
      '- Risks',
      '  - Charting library too large. Mitigation: lazy-load it.',
      '- Risks: the payment provider decision slips.',
      '- Open Questions: see "Open Questions and Blocked Decisions".',
      '',
      '| Risk | Likelihood | Impact | Mitigation |',
      '|---|---|---|---|',
      '| Payment provider decision slips | High | W4 late | hosted checkout first |',
      '',
      '- Which region hosts the database?',
    ];
    const qs = read(lines);
    expect(qs.map((q) => q.topic)).toEqual(['Which region hosts the database']);
  });

  it('lists assumptions of an "Assumptions" group as assumptions, not questions', () => {
    const lines = [
      'Open Questions and Blocked Decisions',
      'Requirements',
      '1) Baselines: final list of baselines.',
      'Assumptions (provisional) and validation',
      '- A1: Baselines exclude federated variants. Validate in design review.',
      'Risks',
      '10) Bundle budget risk from the charting library.',
      '',
      '1. Technology Stack and Version Pins',
      '- Node 20.',
      '2. Repository Structure and Conventions',
      '3. Build, Dependency, and Environment Setup',
    ];
    const qs = read(lines);
    expect(qs.map((q) => [q.topic, q.standaloneAssumption])).toEqual([
      ['Baselines', false],
      ['A1', true],
    ]);
    expect(qs[1]!.assumption).toEqual({ text: 'Baselines exclude federated variants', line: 5 });
    expect(qs[1]!.validation).toEqual({ text: 'Validate in design review', line: 5 });
  });

  it('reads a sub-heading under "Open questions" as one question with its fact lines', () => {
    const lines = ['## Open Questions', '### Payment provider', '**Blocks**: W4 billing adapter', '**Proposed Assumption**: hosted checkout', '## Next'];
    const [q] = read(lines);
    expect(q).toMatchObject({ topic: 'Payment provider', blocks: [{ text: 'W4 billing adapter', line: 3 }], assumption: { line: 4 } });
  });

  it('reads a decisions table by its header', () => {
    const lines = ['## Open Decisions', '| Question | Blocks | Status | Proposed assumption |', '|---|---|---|---|', '| Payment provider | W4 | Open | hosted checkout |', '| Id format | W3 | Resolved | |'];
    const [a, b] = read(lines);
    expect(a).toMatchObject({ topic: 'Payment provider', blocks: [{ text: 'W4' }], assumption: { text: 'hosted checkout' }, resolved: null });
    expect(b!.resolved).not.toBeNull();
  });

  it('does not take a confirmed validation for a resolved question', () => {
    const lines = ['Open Questions and Blocked Decisions', '1. **Video URL** (BLOCKS: CSP config)', '   - **Proposed Assumption**: YouTube embed', '   - **Validation**: test in staging after the URL is confirmed'];
    expect(read(lines)[0]!.resolved).toBeNull();
  });

  it('never throws on arbitrary text', () => {
    const atoms = fc.constantFrom('Open Questions', '## Open questions', '8. Risks, Assumptions, and Open Questions', '- **Blocks**: W2', '(BLOCKS: a, b)', '| Risk | x |', '|---|---|', '- Risks', '  - x', '1) y?', '', '**Proposed Assumption**:', '### Sub', 'Requirements');
    fc.assert(
      fc.property(fc.array(fc.oneof(atoms, fc.string()), { maxLength: 30 }), (lines) => {
        read(lines);
      }),
    );
  });
});
