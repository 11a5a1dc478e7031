import { unresolvedDecision } from '../../../../src/core/escalation/rules/unresolved-decision';
import { MesoPlanBuilder } from '../../../support/builders/MesoPlanBuilder';
import { lineOf, WbsBuilder } from '../../../support/builders/WbsBuilder';
import { readSections } from '../../../../src/core/markdown/note-sections';
import { contextFrom, MESO_LINK, MESO_PATH, WBS_PATH } from '../context-from-markdown';

const check = (meso: string) => unresolvedDecision(contextFrom({ meso }));

describe('unresolved-decision', () => {
  it('escalates when a section about the workstream says TBD', () => {
    const meso = new MesoPlanBuilder().withLines('W2 Data model', 'Photo retention period: TBD.').build();
    const [e, ...rest] = check(meso);
    expect(rest).toEqual([]);
    const line = lineOf(meso, 'Photo retention period');
    expect(e).toMatchObject({ rule: 'unresolved-decision', file: MESO_PATH, line });
    expect(e!.mesoSection).toBe(`[[${MESO_LINK}#W2 Data model]]`);
    expect(e!.evidence).toEqual([`${MESO_PATH} line ${line}: "Photo retention period: TBD." (marked TBD)`]);
    expect(e!.blocker).toBe('The meso plan leaves a decision open in "W2 Data model" that W2 depends on, so its plan would have to guess.');
    expect(e!.questions).toEqual([`What was decided for "Photo retention period: TBD." (line ${line}, marked TBD)?`]);
  });

  it('escalates when a lower-case todo sits under a sub-heading of the workstream\'s section', () => {
    const meso = new MesoPlanBuilder()
      .withSection(3, 'Photo storage', ['Bucket layout: todo'], 'W3: Sync Worker')
      .build();
    const [e] = check(meso);
    expect(e!.mesoSection).toBe(`[[${MESO_LINK}#Photo storage]]`);
    expect(e!.evidence[0]).toContain('(marked TODO)');
  });

  it('escalates when a line elsewhere names the workstream and carries ?? or [NEEDS DECISION]', () => {
    const meso = new MesoPlanBuilder()
      .withLines('System overview', 'Does W2 own thumbnails??', 'Inspection API auth scheme [needs decision]')
      .build();
    const [e, ...rest] = check(meso);
    expect(rest).toEqual([]);
    expect(e!.mesoSection).toBe(`[[${MESO_LINK}#System overview]]`);
    expect(e!.evidence.map((s) => s.replace(/^.*\((.*)\)$/, '$1'))).toEqual(['marked ??', 'marked [NEEDS DECISION]']);
    expect(e!.blocker).toContain('leaves 2 decisions open');
  });

  it('escalates when an open question names the workstream and is not resolved', () => {
    const meso = new MesoPlanBuilder()
      .withOpenQuestions(
        '- Resolved: Should the worker read the database directly? No.',
        '- Should W2 paginate with cursors or offsets?',
        '- Is W3 polling every minute enough?',
      )
      .build();
    const [e, ...rest] = check(meso);
    expect(rest).toEqual([]);
    const line = lineOf(meso, 'Should W2 paginate');
    expect(e!.line).toBe(line);
    expect(e!.mesoSection).toBe(`[[${MESO_LINK}#Open Questions]]`);
    expect(e!.evidence).toEqual([`${MESO_PATH} line ${line}: "- Should W2 paginate with cursors or offsets?" (an open question not marked resolved)`]);
    expect(e!.questions).toEqual(['Should W2 paginate with cursors or offsets?']);
  });

  it('escalates when an item under the workstream\'s own "Open issues" heading does not repeat its id', () => {
    const meso = new MesoPlanBuilder()
      .withSection(3, 'Open issues', ['1. [ ] Which photo formats are accepted', '   (JPEG only, or HEIC too)'], 'W3: Sync Worker')
      .build();
    const [e] = check(meso);
    expect(e!.mesoSection).toBe(`[[${MESO_LINK}#Open issues]]`);
    expect(e!.questions).toEqual(['What is the decision on: Which photo formats are accepted (JPEG only, or HEIC too)?']);
  });

  it('escalates when an open question says it is not resolved yet', () => {
    const meso = new MesoPlanBuilder().withOpenQuestions('- W2 retention: not yet resolved with legal.').build();
    expect(check(meso)).toHaveLength(1);
  });

  it('escalates once per section, listing every open point in it', () => {
    const meso = new MesoPlanBuilder()
      .withLines('W2 Data model', 'IDs: TBD', 'Soft delete: TBD')
      .withLines('W2 Endpoints and versioning', 'Rate limits: TODO')
      .build();
    const found = check(meso);
    expect(found.map((e) => e.evidence.length)).toEqual([2, 1]);
  });

  it.each([
    ['resolved', '- Resolved: W2 uses cursor pagination.'],
    ['confirmed', '- W2 pagination style (confirmed: cursors)'],
    ['non-blocking', '- W2 thumbnail sizes — non-blocking, decide during build'],
    ['ticked', '- [x] Should W2 paginate with cursors?'],
    ['struck through', '- ~~Should W2 paginate with cursors?~~'],
  ])('stays quiet when the open question is %s', (_label, item) => {
    expect(check(new MesoPlanBuilder().withOpenQuestions(item).build())).toEqual([]);
  });

  it.each([
    ['None', '- None.'],
    ['None in bold', '- **None**'],
    ['N/A', '- N/A'],
    ['Nothing open', '- Nothing open.'],
    ['No open questions', '- No open questions!'],
    ['None with why', '- None — traffic is classified as Low.'],
    ['None critical', '- None critical.'],
  ])('stays quiet when the open questions section under the workstream says %s', (_label, item) => {
    const meso = new MesoPlanBuilder().withSection(3, 'Open questions', [item], 'W3: Sync Worker').build();
    expect(check(meso)).toEqual([]);
  });

  it.each([
    ['Nothing as a word of a question', '- Nothingness aside, which W2 store keeps photos?'],
  ])('escalates %s', (_label, item) => {
    const meso = new MesoPlanBuilder().withSection(3, 'Open questions', [item], 'W3: Sync Worker').build();
    expect(check(meso)).toHaveLength(1);
  });

  it('stays quiet when the marker is inside code', () => {
    const meso = new MesoPlanBuilder()
      .withLines('W2 Data model', 'Use the `TBD` sentinel for unknown ratings.', '```ts', '// TODO: W2 handler', 'a ?? b', '```')
      .build();
    expect(check(meso)).toEqual([]);
  });

  it('stays quiet when the open point concerns another workstream', () => {
    const meso = new MesoPlanBuilder()
      .withLines('W3: Sync Worker', 'Polling interval: TBD')
      .withLines('System overview', 'W20 hosting: TBD')
      .withOpenQuestions('- Should W3 batch exports?')
      .build();
    expect(check(meso)).toEqual([]);
  });

  it('stays quiet when TBD or TODO is only part of a longer word', () => {
    const meso = new MesoPlanBuilder().withLines('W2 Data model', 'See the TODOs board and TBDx notes.').build();
    expect(check(meso)).toEqual([]);
  });

  it('stays quiet when there is no meso plan', () => {
    expect(unresolvedDecision(contextFrom({ meso: null }))).toEqual([]);
  });
});

describe('unresolved-decision with markers that are settled or not markers', () => {
  it('stays quiet when the sentence says the marker is settled, or TODO is a noun, or ?? is answered', () => {
    const meso = new MesoPlanBuilder()
      .withLines(
        'W2 Data model',
        'Numbering is no longer TBD: decided INV-YYYY-NNNN.',
        'See the TODO list app for chores.',
        'Webhook signature validated?? yes',
        'Closing [NEEDS DECISION] marker removed after review.',
      )
      .build();
    expect(unresolvedDecision(contextFrom({ meso }))).toEqual([]);
  });

  it('escalates on the real cases next to settled ones', () => {
    const meso = new MesoPlanBuilder()
      .withLines('W2 Data model', 'Numbering is no longer TBD: decided INV-YYYY-NNNN.', 'Retention period: TBD', 'Which broker??')
      .build();
    const [e, ...rest] = unresolvedDecision(contextFrom({ meso }));
    expect(rest).toEqual([]);
    expect(e!.evidence.map((x) => x.replace(/^.*\((.*)\)$/, '$1'))).toEqual(['marked TBD', 'marked ??']);
  });
});

describe('unresolved-decision, decision tables', () => {
  const { detectEscalations } = require('../../../../src/core/escalation/detect-escalations') as typeof import('../../../../src/core/escalation/detect-escalations');
  const { parseWbs } = require('../../../../src/core/wbs/parse-wbs') as typeof import('../../../../src/core/wbs/parse-wbs');
  const { parseHeadings } = require('../../../../src/core/markdown/headings') as typeof import('../../../../src/core/markdown/headings');
  const wbs = parseWbs('## W3: Serving\n\n- W3.1 Dashboards (2d)\n');
  const meso = (status: string): string =>
    `# Architecture\n\n## W3: Serving\n\nDashboards for the marts.\n\n## Open Decisions\n\n| # | Decision | Affects | Status |\n|---|---|---|---|\n| D1 | Warehouse engine: DuckDB | W1 | Decided |\n| D4 | Dashboard tool: Superset or Metabase | W3 | ${status} |\n`;
  const run = (status: string) => {
    const text = meso(status);
    return detectEscalations({ workstreamId: 'W3', wbs, mesoMentions: [], meso: { path: 'm.md', text, headings: parseHeadings(text) }, mesoLinkTarget: 'm' }).filter((e) => e.rule === 'unresolved-decision');
  };

  it.each(['Open', 'Undecided', 'Pending'])('escalates when the row for the workstream is %s', (status) => {
    const found = run(status);
    expect(found).toHaveLength(1);
    expect(found[0]!.questions.join(' ')).toContain('Dashboard tool: Superset or Metabase');
    expect(found[0]!.questions.join(' ')).not.toContain('|');
  });

  it('stays quiet when the row is decided, and never takes the header row for a decision', () => {
    expect(run('Decided')).toHaveLength(0);
  });
});

/** W4 of the upstream-convention cases: two tasks, after W3. */
const paymentsWbs = () =>
  new WbsBuilder()
    .withWorkstream('W4', 'Payments and Billing', {
      tasks: [
        { id: 'W4.1', title: 'Billing adapter for hosted checkout' },
        { id: 'W4.2', title: 'Webhook receiver' },
      ],
      dependsOn: ['W3'],
    })
    .build();

/** A meso plan with W4's section, these open questions, and more sections. */
function paymentsMesoWith(open: string[], ...sections: Array<[string, string[]]>) {
  const b = new MesoPlanBuilder().withSection(2, 'W4: Payments & Billing', ['Hosted checkout, webhooks.']).withBody('Open Questions', ...open);
  for (const [h, lines] of sections) b.withSection(2, h, lines);
  return b.build();
}

describe('unresolved-decision, upstream conventions', () => {
  const wbs = paymentsWbs();
  const mesoWith = paymentsMesoWith;
  const run = (meso: string, id: string) => unresolvedDecision(contextFrom({ wbs, meso, workstreamId: id }));

  it('one blocker gives one escalation, citing every line that restates it', () => {
    const meso = mesoWith(
      ['1. **Payment provider** (BLOCKS: billing adapter, webhook receiver)'],
      ['5. Integration Points', ['- Payment provider: TBD (W4 billing adapter)']],
      ['10. Readiness', ['- W4 waits for the payment provider decision [NEEDS DECISION]']],
    );
    const found = run(meso, 'W4');
    expect(found).toHaveLength(1);
    const [e] = found;
    expect(e!.line).toBe(lineOf(meso, '**Payment provider**'));
    expect(e!.evidence).toHaveLength(3);
    expect(e!.evidence[1]).toContain(`line ${lineOf(meso, 'Payment provider: TBD')}`);
    expect(e!.evidence[2]).toContain(`line ${lineOf(meso, 'W4 waits for')}`);
    expect(e!.blocker).toContain('"Payment provider" is still open');
    expect(e!.blocker).toContain('"billing adapter, webhook receiver"');
  });

  it('a question with a proposed assumption escalates only the workstream its validation names', () => {
    const meso = mesoWith([
      '1. **Payment provider** (BLOCKS: billing adapter, W3 deposits)',
      '   - **Proposed Assumption**: hosted checkout',
      '   - **Validation**: confirm with finance before Epic 4',
    ]);
    expect(run(meso, 'W3')).toEqual([]);
    const [e, ...rest] = run(meso, 'W4');
    expect(rest).toEqual([]);
    expect(e!.blocker).toContain('validate it first');
    expect(e!.evidence.join('\n')).toContain(`line ${lineOf(meso, '**Validation**')}`);
    expect(e!.questions[1]).toContain('hosted checkout');
  });

  it.each([
    ['deferred', ['1. **Payment provider**: which PSP?', '   - **Blocks**: W4 billing adapter', '   - **Recommendation**: Defer to post-MVP']],
    ['not blocking', ['1. **Payment provider** (NOT BLOCKING: W4 starts with invoices)']],
    ['resolved', ['1. **Payment provider** (BLOCKS: W4) — **Status**: Resolved (Stripe)']],
    ['"Blocks: No MVP decision … Defer"', ['1. **Payment provider**: card payments at launch?', '   - **Blocks**: No MVP decision needed for W4. Defer to post-MVP']],
  ])('a %s question never escalates, nor do the lines that restate it', (_label, open) => {
    const meso = mesoWith(open, ['5. Integration Points', ['- Payment provider: TBD for W4']]);
    expect(run(meso, 'W4')).toEqual([]);
  });

  it('a risk table in a "Risks, Assumptions, and Open Questions" section is risks, not questions', () => {
    const meso = new MesoPlanBuilder()
      .withSection(2, 'W4: Payments & Billing', ['Hosted checkout.'])
      .withSection(2, '8. Risks, Assumptions, and Open Questions', ['| Risk | Likelihood | Impact | Mitigation |', '|---|---|---|---|', '| Payment provider decision slips | High | W4 late | hosted checkout first |'])
      .build();
    expect(run(meso, 'W4')).toEqual([]);
  });

  it('"nothing in W1–W3 depends on it" escalates none of them, while the range W2–W3 names W2 and W3', () => {
    const meso = mesoWith(['1. **Refund window** (BLOCKS: W4 refunds; nothing in W1–W3 depends on it)', '2. **Hold length** (BLOCKS: W2–W3 booking holds)']);
    expect(run(meso, 'W1')).toEqual([]);
    expect(run(meso, 'W2').map((e) => e.line)).toEqual([lineOf(meso, 'Hold length')]);
    expect(run(meso, 'W3').map((e) => e.line)).toEqual([lineOf(meso, 'Hold length')]);
    expect(run(meso, 'W4').map((e) => e.line)).toEqual([lineOf(meso, 'Refund window')]);
  });

  it('reads the open questions of the overall micro-level plan too, citing its section', () => {
    const micro = `${wbs}\n## Open Questions and Blocked Decisions\n\n- **Webhook secret rotation** (BLOCKS: webhook receiver)\n`;
    const found = unresolvedDecision(contextFrom({ wbs: micro, meso: new MesoPlanBuilder().withSection(2, 'W4: Payments', ['x']).build(), workstreamId: 'W4' }));
    expect(found).toHaveLength(1);
    expect(found[0]!.file).toBe('research/project-planning/micro-level-plan.md');
    expect(found[0]!.mesoSection).toContain('None in the meso plan');
  });
});

describe('unresolved-decision, the requests as the user reads them', () => {
  const wbs = paymentsWbs();
  const mesoWith = paymentsMesoWith;
  const base = { rule: 'unresolved-decision', workstreamId: 'W4', workstreamName: 'Payments and Billing' };
  const settle = (id: string, path: string) =>
    `Record the decision on "Payment provider" in ${path} (mark the question Resolved with its answer); or, if ${id} can go ahead meanwhile, write a **Proposed Assumption** with a **Validation** step that does not have to happen before ${id}, or mark it NOT BLOCKING or deferred; then plan again.`;

  it('a question that blocks what the workstream owns: what it blocks, where it is restated, how to settle it', () => {
    const meso = mesoWith(['1. **Payment provider** (BLOCKS: billing adapter, webhook receiver)'], ['5. Integration Points', ['- Payment provider: TBD (W4 billing adapter)']]);
    const line = lineOf(meso, '**Payment provider**');
    const restated = lineOf(meso, 'Payment provider: TBD');
    expect(unresolvedDecision(contextFrom({ wbs, meso, workstreamId: 'W4' }))).toStrictEqual([
      {
        ...base,
        blocker: `"Payment provider" is still open, and what ${MESO_PATH} says it blocks ("billing adapter, webhook receiver") is W4's, so its plan would have to guess.`,
        mesoSection: `[[${MESO_LINK}#Open Questions]]`,
        evidence: [
          `${MESO_PATH} line ${line}: "1. **Payment provider** (BLOCKS: billing adapter, webhook receiver)" (an open question not marked resolved)`,
          `${MESO_PATH} line ${restated}: "- Payment provider: TBD (W4 billing adapter)" (restates it, marked TBD)`,
        ],
        questions: ['What is decided for "Payment provider"?'],
        recommendation: settle('W4', MESO_PATH),
        file: MESO_PATH,
        line,
      },
    ]);
  });

  it('a question whose assumption is to be validated first: the assumption, the validation, and how to go ahead', () => {
    const meso = mesoWith([
      '1. **Payment provider** (BLOCKS: billing adapter, W3 deposits)',
      '   - **Proposed Assumption**: hosted checkout',
      '   - **Validation**: confirm with finance before Epic 4',
    ]);
    const line = lineOf(meso, '**Payment provider**');
    const assumption = lineOf(meso, '**Proposed Assumption**');
    const validation = lineOf(meso, '**Validation**');
    expect(unresolvedDecision(contextFrom({ wbs, meso, workstreamId: 'W4' }))).toStrictEqual([
      {
        ...base,
        blocker: `"Payment provider" is still open: ${MESO_PATH} proposes the assumption "hosted checkout" but says to validate it first ("confirm with finance before Epic 4"), which names W4.`,
        mesoSection: `[[${MESO_LINK}#Open Questions]]`,
        evidence: [
          `${MESO_PATH} line ${line}: "1. **Payment provider** (BLOCKS: billing adapter, W3 deposits)" (an open question not marked resolved)`,
          `${MESO_PATH} line ${assumption}: "- **Proposed Assumption**: hosted checkout" (the proposed assumption)`,
          `${MESO_PATH} line ${validation}: "- **Validation**: confirm with finance before Epic 4" (its assumption is to be validated before W4)`,
        ],
        questions: ['What is decided for "Payment provider"?', 'Has the assumption "hosted checkout" been validated (confirm with finance before Epic 4)?'],
        recommendation: `Validate the assumption as ${MESO_PATH} line ${validation} says, then mark the question Resolved with the outcome (or move the validation after W4), and plan again.`,
        file: MESO_PATH,
        line,
      },
    ]);
  });

  it('a plain question of the overall micro-level plan: its note, section and line', () => {
    const micro = `${new WbsBuilder().build()}\n## Open Questions\n\n- Should W2 paginate with cursors?\n`;
    const line = lineOf(micro, 'Should W2 paginate');
    expect(unresolvedDecision(contextFrom({ wbs: micro }))).toStrictEqual([
      {
        rule: 'unresolved-decision',
        workstreamId: 'W2',
        workstreamName: 'Inspection API',
        blocker: 'The overall micro-level plan leaves "Should W2 paginate with cursors" open, and it concerns W2, so its plan would have to guess.',
        mesoSection: `None in the meso plan: the question is in ${WBS_PATH}, "Open Questions" (line ${lineOf(micro, '## Open Questions')}).`,
        evidence: [`${WBS_PATH} line ${line}: "- Should W2 paginate with cursors?" (an open question not marked resolved)`],
        questions: ['Should W2 paginate with cursors?'],
        recommendation: `Record the decision on "Should W2 paginate with cursors" in ${WBS_PATH} (mark the question Resolved with its answer); or, if W2 can go ahead meanwhile, write a **Proposed Assumption** with a **Validation** step that does not have to happen before W2, or mark it NOT BLOCKING or deferred; then plan again.`,
        file: WBS_PATH,
        line,
      },
    ]);
  });

  it('a question under a plain "Open questions:" line links the note, the title and its line', () => {
    const meso = new MesoPlanBuilder().withLines('System overview', '', 'Open questions:', '- Should W2 paginate with cursors?').build();
    const [e, ...rest] = check(meso);
    expect(rest).toEqual([]);
    expect(e!.blocker).toBe('The meso plan leaves "Should W2 paginate with cursors" open, and it concerns W2, so its plan would have to guess.');
    expect(e!.mesoSection).toBe(`[[${MESO_LINK}]] "Open questions" (line ${lineOf(meso, 'Open questions:')})`);
  });

  it('a marker before the first heading: the opening of the note', () => {
    expect(check('W2 keys: TBD\n\n# Plan\n\n## W2: Inspection API\n\nText.\n')).toStrictEqual([
      {
        rule: 'unresolved-decision',
        workstreamId: 'W2',
        workstreamName: 'Inspection API',
        blocker: 'The meso plan leaves a decision open in the opening of the meso plan that W2 depends on, so its plan would have to guess.',
        mesoSection: `[[${MESO_LINK}]] (before the first heading)`,
        evidence: [`${MESO_PATH} line 1: "W2 keys: TBD" (marked TBD)`],
        questions: ['What was decided for "W2 keys: TBD" (line 1, marked TBD)?'],
        recommendation:
          'Record the decision in the opening of the meso plan of research/project-planning/meso-level-plan.md: replace each marker with what was decided, or mark the open question "Resolved:" with its answer (or "non-blocking" if W2 can proceed without it), then plan again.',
        file: MESO_PATH,
        line: 1,
      },
    ]);
  });

  it('several markers in one section: "decisions", plural', () => {
    const meso = new MesoPlanBuilder().withLines('W2 Data model', 'IDs: TBD', 'Soft delete: TODO').build();
    const [e] = check(meso);
    expect(e!.blocker).toBe('The meso plan leaves 2 decisions open in "W2 Data model" that W2 depends on, so its plan would have to guess.');
    expect(e!.recommendation).toMatch(/^Record the decisions in "W2 Data model" of /);
    expect(e!.line).toBe(lineOf(meso, 'IDs: TBD'));
  });
});

describe('unresolved-decision, edges of questions and markers', () => {
  const issues = (item: string) => new MesoPlanBuilder().withSection(3, 'Open issues', [item], 'W3: Sync Worker').build();

  it.each([
    ['* Retention period for photos.', 'What is the decision on: Retention period for photos?'],
    ['- [ ] Photo formats:', 'What is the decision on: Photo formats?'],
    ['2) Thumbnail sizes;', 'What is the decision on: Thumbnail sizes?'],
    ['- Which store keeps photos?', 'Which store keeps photos?'],
    ['12) Thumbnail sizes;', 'What is the decision on: Thumbnail sizes?'],
    ['- Retention period for photos...', 'What is the decision on: Retention period for photos?'],
    ['-  Photo formats', 'What is the decision on: Photo formats?'],
    ['- [ ]Photo formats:', 'What is the decision on: Photo formats?'],
    ['- [ ]  Photo formats:', 'What is the decision on: Photo formats?'],
  ])('asks the item %p as %p', (item, question) => {
    expect(check(issues(item)).map((e) => e.questions)).toEqual([[question]]);
  });

  it('cites a decision-table row by its cells', () => {
    const meso = new MesoPlanBuilder().withSection(2, 'Open Decisions', ['| # | Decision | Affects | Status |', '|---|---|---|---|', '| D4 | Photo store: S3 or GCS | W2 | Open |']).build();
    const [e] = check(meso);
    const line = lineOf(meso, '| D4 |');
    expect(e!.evidence).toEqual([`${MESO_PATH} line ${line}: "D4 — Photo store: S3 or GCS — W2 — Open" (an open question not marked resolved)`]);
    expect(e!.questions).toEqual(['What is the decision on: D4 — Photo store: S3 or GCS — W2 — Open?']);
  });

  it('ignores markers in the frontmatter', () => {
    expect(check('---\nowner: W2 TBD\n---\n# Plan\n\n## W2: Inspection API\n\nText.\n')).toEqual([]);
  });

  it('reads no marker of its own on the lines of a question', () => {
    const meso = new MesoPlanBuilder().withOpenQuestions('- Should W2 keys be UUIDs? TBD').build();
    expect(check(meso).map((e) => e.evidence)).toEqual([[`${MESO_PATH} line ${lineOf(meso, 'UUIDs? TBD')}: "- Should W2 keys be UUIDs? TBD" (an open question not marked resolved)`]]);
  });

  it('cites a question’s line once when its assumption and validation are on it too', () => {
    const meso = new MesoPlanBuilder().withOpenQuestions('1. **Key format** (BLOCKS: W2 ids) — Proposed Assumption: UUIDv7; Validation: confirm with DBA before W2').build();
    const [e, ...rest] = check(meso);
    expect(rest).toEqual([]);
    expect(e!.evidence).toHaveLength(1);
    expect(e!.questions).toEqual(['What is decided for "Key format"?', 'Has the assumption "UUIDv7" been validated (confirm with DBA before W2)?']);
  });

  it('lists its requests by line, the meso plan’s before the overall micro-level plan’s', () => {
    const meso = new MesoPlanBuilder().withLines('W2 Data model', 'Keys: TBD').withOpenQuestions('- Should W2 paginate with cursors?').withLines('W1: Platform Foundation', 'W2 auth: TBD').build();
    expect(check(meso).map((e) => e.line)).toEqual([lineOf(meso, 'W2 auth: TBD'), lineOf(meso, 'Keys: TBD'), lineOf(meso, 'Should W2 paginate')]);
    const micro = `${new WbsBuilder().build()}\n## Open Questions\n\n- Should W2 paginate with cursors?\n`;
    const both = unresolvedDecision(contextFrom({ wbs: micro, meso: new MesoPlanBuilder().withLines('W2 Data model', 'Keys: TBD').build() }));
    expect(both.map((e) => e.file)).toEqual([MESO_PATH, WBS_PATH]);
    const microFirst = unresolvedDecision(contextFrom({ wbs: micro, meso: new MesoPlanBuilder().withLines('W2 Data model', ...Array.from({ length: 40 }, () => 'Filler.'), 'Keys: TBD').build() }));
    expect(microFirst.map((e) => e.file)).toEqual([MESO_PATH, WBS_PATH]);
  });

  it('takes a topic of four letters for restated', () => {
    const meso = new MesoPlanBuilder().withOpenQuestions('1. **Auth** (BLOCKS: W2 endpoints)').withLines('W1: Platform Foundation', 'Auth: TBD for W2').build();
    expect(check(meso).map((e) => [e.line, e.evidence.length])).toEqual([[lineOf(meso, '**Auth**'), 2]]);
  });

  it('takes a topic of fewer than four letters for no restatement', () => {
    const meso = new MesoPlanBuilder().withOpenQuestions('1. **API** (BLOCKS: W2 endpoints)').withLines('W1: Platform Foundation', 'API: TBD for W2').build();
    expect(check(meso).map((e) => [e.line, e.evidence.length])).toEqual([
      [lineOf(meso, 'API: TBD for W2'), 1],
      [lineOf(meso, '**API**'), 1],
    ]);
  });

  it('takes a topic for restated only as whole words', () => {
    const meso = new MesoPlanBuilder()
      .withOpenQuestions('1. **Payment provider** (BLOCKS: W2 billing)')
      .withLines('W1: Platform Foundation', 'Payment providers: TBD for W2', 'W2 payment provider: TBD')
      .build();
    const found = check(meso);
    expect(found.map((e) => e.line)).toEqual([lineOf(meso, 'Payment providers: TBD'), lineOf(meso, '**Payment provider**')]);
    expect(found[1]!.evidence[1]).toBe(`${MESO_PATH} line ${lineOf(meso, 'W2 payment provider: TBD')}: "W2 payment provider: TBD" (restates it, marked TBD)`);
  });
});

describe('unresolved-decision, how each request is worded and where it points', () => {
  const questionsOf = (...items: string[]) => check(new MesoPlanBuilder().withOpenQuestions(...items).build()).map((e) => e.questions);

  it.each([
    ['its own words up to the "?", without the asides in parentheses', '1. **Payment provider**: which PSP do we use (Stripe or Adyen)? (BLOCKS: W2 billing)', 'Payment provider: which PSP do we use?'],
    ['its own words after a leading aside', '- (BLOCKS: W2 ids) Which key format?', 'Which key format?'],
    ['the topic when its own words are too short to ask anything', '1. **DB?** (BLOCKS: W2 storage)', 'What is decided for "DB"?'],
    ['the topic when its own words ask nothing', '1. **Auth** (BLOCKS: W2 endpoints) JWT | sessions', 'What is decided for "Auth"?'],
  ])('asks a question that says what it blocks with %s', (_label, item, question) => {
    expect(questionsOf(item)).toEqual([[question]]);
  });

  it('quotes a line with a pipe in its text as written: only a line that starts with one is a table row', () => {
    const meso = new MesoPlanBuilder().withOpenQuestions('1. **Auth** (BLOCKS: W2 endpoints) JWT | sessions').build();
    expect(check(meso).map((e) => e.evidence)).toEqual([[`${MESO_PATH} line ${lineOf(meso, '**Auth**')}: "1. **Auth** (BLOCKS: W2 endpoints) JWT | sessions" (an open question not marked resolved)`]]);
  });

  it('cites a table row by its cells without the empty ones, keeping dashes inside a cell', () => {
    const meso = new MesoPlanBuilder().withSection(2, 'Open Decisions', ['| # | Decision | Affects | Status |', '|---|---|---|---|', '| D4 | Photo store - S3 or GCS |  | W2 open |']).build();
    const [e, ...rest] = check(meso);
    expect(rest).toEqual([]);
    expect(e!.evidence).toEqual([`${MESO_PATH} line ${lineOf(meso, '| D4 |')}: "D4 — Photo store - S3 or GCS — W2 open" (an open question not marked resolved)`]);
    expect(e!.questions).toEqual(['What is the decision on: D4 — Photo store - S3 or GCS — W2 open?']);
  });

  it('asks a question written as a heading without its heading marks', () => {
    const meso = new MesoPlanBuilder().withBody('Open Questions').withSection(3, 'Caching strategy for W2', ['Redis or in-process.']).build();
    const [e, ...rest] = check(meso);
    expect(rest).toEqual([]);
    expect(e!.questions).toEqual(['What is the decision on: Caching strategy for W2 Redis or in-process?']);
    expect(e!.mesoSection).toBe(`[[${MESO_LINK}#Caching strategy for W2]]`);
  });

  it('judges a question written as a heading by the headings above it, never by the question before it', () => {
    const meso = new MesoPlanBuilder()
      .withBody('Open Questions')
      .withSection(3, 'W2 pagination: cursors or offsets?', ['Cursors are simpler.'])
      .withSection(3, 'Caching strategy?', ['Redis or in-process?'])
      .build();
    expect(check(meso).map((e) => e.line)).toEqual([lineOf(meso, '### W2 pagination')]);
  });

  it('judges a question written as a heading by its words, as it judges a list item: a name known only from the meso plan ties neither', () => {
    const wbs = '## W1: Platform Foundation\n\n- W1.1 Repo (1d)\n\n## W2\n\n- W2.1 Export (1d)\n';
    const named = () => new MesoPlanBuilder().withHeading('W2: Inspection API', 'W2: Field Reports');
    const asHeading = named().withBody('Open Questions').withSection(3, 'Field Reports paging', ['Cursors or offsets?']).build();
    const asItem = named().withOpenQuestions('- Field Reports paging: cursors or offsets?').build();
    expect(unresolvedDecision(contextFrom({ wbs, meso: asHeading }))).toEqual([]);
    expect(unresolvedDecision(contextFrom({ wbs, meso: asItem }))).toEqual([]);
  });

  it('cites each line that says what it blocks, and lists every statement', () => {
    const meso = new MesoPlanBuilder().withOpenQuestions('1. **Payment provider**: which PSP?', '   - **Blocks**: W2 billing, W2 refunds', '   - **Blocks**: W2 invoices').build();
    const [e, ...rest] = check(meso);
    expect(rest).toEqual([]);
    expect(e!.blocker).toBe(`"Payment provider" is still open, and what ${MESO_PATH} says it blocks ("W2 billing, W2 refunds", "W2 invoices") is W2's, so its plan would have to guess.`);
    expect(e!.evidence).toEqual([
      `${MESO_PATH} line ${lineOf(meso, '**Payment provider**')}: "1. **Payment provider**: which PSP?" (an open question not marked resolved)`,
      `${MESO_PATH} line ${lineOf(meso, 'W2 billing, W2 refunds')}: "- **Blocks**: W2 billing, W2 refunds" (what it blocks)`,
      `${MESO_PATH} line ${lineOf(meso, 'W2 invoices')}: "- **Blocks**: W2 invoices" (what it blocks)`,
    ]);
    expect(e!.questions).toEqual(['Payment provider: which PSP?']);
  });

  it('keeps two questions without a topic apart', () => {
    const meso = new MesoPlanBuilder().withSection(2, 'Open Decisions', ['| # | Decision | Affects | Status |', '|---|---|---|---|', '| D4 |  | W2 | Open |', '| D5 |  | W2 | Open |']).build();
    expect(check(meso).map((e) => e.line)).toEqual([lineOf(meso, '| D4 |'), lineOf(meso, '| D5 |')]);
  });

  it('escalates a marker that restates a question about another workstream only', () => {
    const meso = new MesoPlanBuilder().withOpenQuestions('1. **Polling interval** (BLOCKS: W3 sync)').withLines('W1: Platform Foundation', 'W2 polling interval: TBD').build();
    expect(check(meso).map((e) => e.evidence)).toEqual([[`${MESO_PATH} line ${lineOf(meso, 'W2 polling interval')}: "W2 polling interval: TBD" (marked TBD)`]]);
  });

  it.each([
    ['a note without headings', 'Intro.\nW2 keys: TBD\n', 2],
    ['a note without headings or a final line break', 'Intro.\nW2 keys: TBD', 2],
    ['the line just before the first heading', 'W2 keys: TBD\n# Plan\n', 1],
  ])('reads the opening of %s up to its last line', (_label, meso, line) => {
    expect(check(meso).map((e) => [e.mesoSection, e.line])).toEqual([[`[[${MESO_LINK}]] (before the first heading)`, line]]);
  });

  it('reads a line right after the first heading as that heading’s, not the opening’s', () => {
    expect(check('# Plan\nW2 keys: TBD\n').map((e) => [e.mesoSection, e.line])).toEqual([[`[[${MESO_LINK}#Plan]]`, 2]]);
  });

  it('reads the last line of a note without a final line break', () => {
    expect(check('# Plan\n\n## W2: Inspection API\n\nKeys: TBD').map((e) => e.line)).toEqual([5]);
  });

  it('cites a numbered section line of the meso plan by its number and title', () => {
    const meso = '# Plan\n\n1. Overview\n\nText.\n\n2. Scope\n\nThe API.\n\n3. Open Questions\n\n- Should W2 paginate with cursors?\n';
    const ctx = contextFrom({ meso });
    ctx.meso!.headings = readSections(meso);
    expect(unresolvedDecision(ctx).map((e) => [e.mesoSection, e.line])).toEqual([[`[[${MESO_LINK}]] §3 Open Questions`, lineOf(meso, 'Should W2')]]);
  });

  it('cites a numbered section of the overall micro-level plan by its number and title', () => {
    const micro = `${new WbsBuilder().build()}\n## 7. Open Questions\n\n- Should W2 paginate with cursors?\n`;
    expect(unresolvedDecision(contextFrom({ wbs: micro })).map((e) => e.mesoSection)).toEqual([
      `None in the meso plan: the question is in ${WBS_PATH}, §7 Open Questions (line ${lineOf(micro, '## 7. Open Questions')}).`,
    ]);
  });

  const micro = `${new WbsBuilder().build()}\n## Open Questions\n\n- Should W2 paginate with cursors?\n`;

  it('takes the same question in both notes for one blocker, citing the other note', () => {
    const meso = new MesoPlanBuilder().withOpenQuestions('- Should W2 paginate with cursors?').build();
    const found = unresolvedDecision(contextFrom({ wbs: micro, meso }));
    expect(found.map((e) => [e.file, e.line, e.evidence])).toEqual([
      [
        MESO_PATH,
        lineOf(meso, 'Should W2 paginate'),
        [
          `${MESO_PATH} line ${lineOf(meso, 'Should W2 paginate')}: "- Should W2 paginate with cursors?" (an open question not marked resolved)`,
          `${WBS_PATH} line ${lineOf(micro, 'Should W2 paginate')}: "- Should W2 paginate with cursors?" (the same question)`,
        ],
      ],
    ]);
  });

  it('lists two blockers of the two notes by note, the meso plan’s first', () => {
    const meso = new MesoPlanBuilder().withOpenQuestions('- Should W2 cache photos?').build();
    expect(unresolvedDecision(contextFrom({ wbs: micro, meso })).map((e) => e.file)).toEqual([MESO_PATH, WBS_PATH]);
  });

  it('reads a note that is both the meso plan and the overall micro-level plan once', () => {
    const meso = new MesoPlanBuilder().withOpenQuestions('- Should W2 paginate with cursors?').build();
    const ctx = contextFrom({ meso });
    ctx.wbsSource = { path: MESO_PATH, text: meso };
    expect(unresolvedDecision(ctx).map((e) => e.evidence.length)).toEqual([1]);
  });
});
