import { envVarNames, excerptBlockquote, mesoSectionLines, quotableLines, shorten, type MesoSource } from '../../../../src/core/providers/offline/meso-excerpt';
import type { MesoSectionRef } from '../../../../src/core/contracts/scope';
import { parseHeadings } from '../../../../src/core/markdown/headings';

const source = (text: string): MesoSource => ({ lines: text.split('\n'), headings: parseHeadings(text) });
const ref = (heading: string, line: number, reason: MesoSectionRef['reason'] = 'names-workstream'): MesoSectionRef => ({ heading, level: 2, line, link: `[[m#${heading}]]`, reason });

const TWICE = ['## W2 Gateway', 'First one.', '## W3 Other', 'Other.', '## W2 Gateway', 'Second one.', '### W2 Gateway retries', 'Nested.', '## After', 'Not in it.'].join('\n');

describe('mesoSectionLines', () => {
  it('takes the heading on the given line among headings that read the same', () => {
    expect(mesoSectionLines(source(TWICE), 'W2 Gateway', 5)).toEqual(['Second one.', '### W2 Gateway retries', 'Nested.']);
  });

  it('takes the first such heading when the line does not match, and null when none reads the same', () => {
    expect(mesoSectionLines(source(TWICE), 'W2 Gateway', 99)).toEqual(['First one.']);
    expect(mesoSectionLines(source(TWICE), 'W2 Nowhere', 1)).toBeNull();
  });
});

describe('quotableLines', () => {
  it('keeps a fence that never closes from swallowing anything after the excerpt', () => {
    expect(quotableLines(['Text.', '```ts', 'const X_Y = 1;'])).toEqual(['Text.', '(code block)']);
  });

  it('drops an unclosed comment, rules, block ids and setext underlines', () => {
    expect(quotableLines(['Kept ^block-1', '***', 'Title', '=====', 'Shown %% hidden', 'still hidden'])).toEqual(['Kept', 'Title', 'Shown']);
  });

  it('turns headings, nested callouts and embeds into plain quotable text', () => {
    expect(quotableLines(['#### 4.1.1 Limits ##', '> > [!WARNING]- Careful', '![[diagram.png]] and [[Note#Part^x|alias]]'])).toEqual([
      '**4.1.1 Limits**',
      'Warning: Careful',
      'diagram.png and alias',
    ]);
  });
});

describe('excerptBlockquote', () => {
  it('quotes at most six lines, cutting long ones at a word, and marks the cut', () => {
    const long = `${'word '.repeat(60)}end`;
    const quote = excerptBlockquote(['1', '2', '3', '4', '5', long, '7'], '  ')!.split('\n');
    expect(quote).toHaveLength(7);
    expect(quote[5]!.length).toBeLessThanOrEqual(2 + 2 + 200 + 2);
    expect(quote[5]).toMatch(/^ {2}> word word .* …$/);
    expect(quote[6]).toBe('  > …');
  });

  it('cuts after the last sentence that ends within the limit, so a fact is not cut in half', () => {
    const line = `The reminder job counts what it sent in ${'the `reminders` table, '.repeat(5)}as \`warnings_sent\`. Served at \`GET /api/reports/occupancy\` for the dashboard, which polls it every minute.`;
    expect(line.indexOf('Served')).toBeLessThan(200);
    expect(line.length).toBeGreaterThan(200);
    const quote = excerptBlockquote([line])!;
    expect(quote).toMatch(/as `warnings_sent`\. …$/);
    expect(quote).not.toContain('Served at');
  });

  it('is null for a section with nothing quotable', () => {
    expect(excerptBlockquote(['', '<!-- x -->', '---'])).toBeNull();
  });
});

describe('shorten', () => {
  it('leaves a line within the limit as it is', () => {
    expect(shorten('Short. Line.', 20)).toBe('Short. Line.');
  });

  it('never cuts inside a code span: a space in one is not a place to cut', () => {
    const line = `Reads ${'x'.repeat(20)} from \`SELECT id FROM invoices WHERE status = 'open'\` nightly`;
    expect(shorten(line, 50)).toBe(`Reads ${'x'.repeat(20)} from …`);
  });

  it('moves a cut with no space before it out of the code span that holds it', () => {
    expect(shorten(`ab\`${'c'.repeat(30)}\` tail`, 20)).toBe('ab …');
  });

  it('takes a period inside code for no sentence end', () => {
    expect(shorten('Set `a. b` and then the rest of the long sentence', 30)).toBe('Set `a. b` and then the rest …');
  });
});

describe('envVarNames', () => {
  const text = ['## W2 Billing', 'Uses `STRIPE_API_KEY`, HTTP_200, ISO_8601 and STRIPE_API_KEY again.', '```', 'BILLING_DB_URL=x', '```', '## W1 → W2 Accounts', 'ACCOUNTS_ONLY_KEY', '## W2 Later', 'LATE_FLAG_ON'].join('\n');

  it('lists UPPER_SNAKE names with two lettered parts from the sections naming the workstream, once, in meso order', () => {
    const sections = [ref('W2 Later', 8), ref('W2 Billing', 1), ref('W1 → W2 Accounts', 6, 'contract')];
    expect(envVarNames(source(text), sections)).toEqual(['STRIPE_API_KEY', 'BILLING_DB_URL', 'LATE_FLAG_ON']);
  });
});
