import { readSections } from '../../../../src/core/markdown/note-sections';
import { judgeQuestion, phraseOwned } from '../../../../src/core/scope/questions/judge';
import { readOpenQuestions } from '../../../../src/core/scope/questions/read-questions';
import { questionSubject } from '../../../../src/core/scope/questions/subject';
import { parseWbs } from '../../../../src/core/wbs/parse-wbs';

const WBS = parseWbs(
  [
    '### W1: Platform Foundation',
    '- W1.1 Repo scaffold and CI',
    '### W2: Berth Catalog',
    '- W2.1 Berth data model',
    '### W3: Booking Engine',
    '- W3.1 Booking holds and expiry',
    '### W4: Payments and Billing',
    '- W4.1 Billing adapter for hosted checkout',
    '- W4.2 Webhook receiver',
    '### W5: Notifications & Steward Console',
    '- W5.1 Analytics events',
  ].join('\n'),
);

function judge(item: string[], id: string) {
  const text = ['Open Questions and Blocked Decisions', ...item].join('\n');
  const [q] = readOpenQuestions({ path: 'm.md', text, headings: readSections(text) });
  return judgeQuestion(q!, questionSubject(WBS, id));
}
const kinds = (item: string[]) => ['W1', 'W2', 'W3', 'W4', 'W5'].map((id) => judge(item, id).kind);

describe('judgeQuestion', () => {
  it('a question blocks the workstream that owns what it blocks, and no other', () => {
    expect(kinds(['- **Refund window** (BLOCKS: webhook receiver)'])).toEqual(['none', 'none', 'none', 'blocks', 'none']);
  });

  it('a range names every workstream in it', () => {
    expect(kinds(['- **Hold length** (BLOCKS: W2–W3 holds)'])).toEqual(['none', 'blocks', 'blocks', 'none', 'none']);
  });

  it('"nothing in W1–W3 depends on it" names none of them', () => {
    expect(kinds(['- **Refund window** (BLOCKS: W4 refunds; nothing in W1–W3 depends on it)'])).toEqual(['none', 'none', 'none', 'blocks', 'none']);
  });

  it.each([
    ['- None of the W2 berth types is known to us: which ones do we list?', ['none', 'blocks', 'none', 'none', 'none']],
    ['- Neither W3 hold length is agreed — 15 or 30 minutes?', ['none', 'none', 'blocks', 'none', 'none']],
    ['- Nothing in W1–W3 depends on the refund window: how long is it for W4?', ['none', 'none', 'none', 'blocks', 'none']],
    ['- None of W4 and W5 need the export format: which one does W1 write?', ['blocks', 'none', 'none', 'none', 'none']],
  ])('in a question\'s own words "none of" negates a workstream only in a statement about depending: %p', (item, expected) => {
    expect(kinds([item])).toEqual(expected);
  });

  it('a name written with & or "and" is the workstream', () => {
    expect(kinds(['- **Console roles** (BLOCKS: Notifications and Steward Console)'])).toEqual(['none', 'none', 'none', 'none', 'blocks']);
  });

  it('a deferred or not-blocking question never blocks, and is noted where it concerns the workstream', () => {
    expect(kinds(['- **Analytics** — **Blocks**: W5 analytics events — **Recommendation**: Defer to post-MVP'])).toEqual(['none', 'none', 'none', 'none', 'noted']);
    expect(kinds(['- **Edge cache TTL** for W1 (NOT BLOCKING: defaults are fine)'])).toEqual(['noted', 'none', 'none', 'none', 'none']);
  });

  it('a resolved question never blocks', () => {
    expect(kinds(['- Resolved: W4 uses Stripe.'])).toEqual(['none', 'none', 'none', 'none', 'none']);
  });

  it('a proposed assumption blocks only the workstream its validation names; the others it concerns plan on it', () => {
    const item = ['1. **Payment provider** (BLOCKS: billing adapter, W3 deposits)', '   - **Proposed Assumption**: hosted checkout', '   - **Validation**: confirm with finance before Epic 4'];
    expect(kinds(item)).toEqual(['none', 'none', 'assumption', 'blocks', 'none']);
    expect(judge(item, 'W4')).toMatchObject({ kind: 'blocks', via: 'validation', because: [{ line: 4 }] });
  });

  it('an assumption about nothing in particular is carried by every workstream', () => {
    expect(kinds(['- **Time zones** — **Proposed Assumption**: store UTC — **Validation**: design review'])).toEqual(Array(5).fill('assumption'));
  });

  it('a question without "blocks" blocks the workstreams its text names', () => {
    expect(kinds(['- Should W2 paginate with cursors?'])).toEqual(['none', 'blocks', 'none', 'none', 'none']);
  });

  it('one-word phrases are matched only as a whole owned phrase', () => {
    expect(phraseOwned('deployment', ['Deployment pipeline and hosting'])).toBe(false);
    expect(phraseOwned('billing adapters', ['Billing adapter for hosted checkout'])).toBe(true);
    expect(phraseOwned('the webhook receiver', ['Webhook receiver'])).toBe(true);
  });
});
