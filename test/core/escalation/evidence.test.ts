import {
  headingAt,
  mesoEvidence,
  mesoTarget,
  plannedWorkstreamName,
  quoteLine,
  quoted,
  sectionLinkAt,
  wbsAt,
  wbsEvidence,
  wbsPlace,
} from '../../../src/core/escalation/evidence';
import { MesoPlanBuilder } from '../../support/builders/MesoPlanBuilder';
import { lineOf, WbsBuilder } from '../../support/builders/WbsBuilder';
import { contextFrom, MESO_LINK, MESO_PATH, WBS_PATH } from './context-from-markdown';

describe('quoteLine', () => {
  const long = `Retention: ${'x'.repeat(200)}`;
  it.each([
    ['the line, trimmed', 'a\n   Keys: TBD  \nc', 2, 'Keys: TBD'],
    ['without the carriage return of a CRLF note', 'a\r\nKeys: TBD\r\nc', 2, 'Keys: TBD'],
    ['null for a blank line', 'a\n   \nc', 2, null],
    ['null past the end of the note', 'a\nb', 3, null],
    ['160 characters at most, the last one an ellipsis', long, 1, `${long.slice(0, 159)}…`],
    ['a line of exactly 160 characters whole', 'y'.repeat(160), 1, 'y'.repeat(160)],
  ])('gives %s', (_label, text, line, expected) => {
    expect(quoteLine(text, line)).toBe(expected);
  });
});

describe('quoted', () => {
  it.each([
    ['Inspection API', '"Inspection API"'],
    ['"Send invoice" endpoint', '“"Send invoice" endpoint”'],
    ['it’s “curly”', '"it’s “curly”"'],
  ])('quotes %p as %p', (text, expected) => {
    expect(quoted(text)).toBe(expected);
  });
});

describe('plannedWorkstreamName', () => {
  it('takes the WBS name, trimmed', () => {
    expect(plannedWorkstreamName(contextFrom())).toBe('Inspection API');
  });

  it('falls back to the meso plan’s name when the WBS gives none', () => {
    const wbs = ['## W2', '- W2.1 Endpoints', ''].join('\n');
    const meso = new MesoPlanBuilder().withHeading('W2: Inspection API', 'W2:  Field Reports ').build();
    expect(plannedWorkstreamName(contextFrom({ wbs, meso }))).toBe('Field Reports');
  });

  it('skips a nameless definition for a named one of the same id', () => {
    const wbs = ['## W2', '- W2.1 Endpoints', '', '## W2: Field Reports', '- W2.2 Export', ''].join('\n');
    expect(plannedWorkstreamName(contextFrom({ wbs }))).toBe('Field Reports');
  });

  it('is empty when neither note names the workstream', () => {
    const wbs = ['## W2', '- W2.1 Endpoints', ''].join('\n');
    expect(plannedWorkstreamName(contextFrom({ wbs, meso: null }))).toBe('');
  });

  it('skips names that are only spaces, and trims the one it takes (contexts built by any caller)', () => {
    const base = contextFrom({ meso: null });
    const ws = base.wbs.workstreams.find((w) => w.id === 'W2')!;
    const mention = (name?: string) => ({ id: 'W2', line: 1, ...(name === undefined ? {} : { name }) });
    const ctx = (wbsNames: string[], mentions: Array<{ id: string; line: number; name?: string }>) => ({
      ...base,
      wbs: { workstreams: wbsNames.map((name) => ({ ...ws, name })) },
      mesoMentions: mentions,
    });
    expect(plannedWorkstreamName(ctx(['  ', ' Inspection API '], []))).toBe('Inspection API');
    expect(plannedWorkstreamName(ctx(['  '], [mention(), mention('   '), mention(' Field Reports ')]))).toBe('Field Reports');
    expect(plannedWorkstreamName(ctx([' '], [mention()]))).toBe('');
    expect(plannedWorkstreamName(ctx([], [mention(' \t ')]))).toBe('');
  });

  it('never takes another workstream’s name', () => {
    const ctx = contextFrom({ workstreamId: 'W7', meso: null });
    expect(plannedWorkstreamName(ctx)).toBe('');
  });
});

describe('WBS evidence', () => {
  const wbs = new WbsBuilder().build();
  const line = lineOf(wbs, '### W2: Inspection API');

  it('names the file and quotes the line when the WBS text is known', () => {
    const ctx = contextFrom({ wbs });
    expect(wbsEvidence(ctx, line, 'W2 is defined here')).toBe(`${WBS_PATH} line ${line}: "### W2: Inspection API" (W2 is defined here)`);
    expect(wbsPlace(ctx)).toBe(`the WBS in ${WBS_PATH}`);
    expect(wbsAt(ctx, line)).toEqual({ file: WBS_PATH, line });
  });

  it('names the file alone when the cited line is blank', () => {
    const ctx = contextFrom({ wbs });
    const blank = wbs.split('\n').indexOf('') + 1;
    expect(wbsEvidence(ctx, blank, 'here')).toBe(`${WBS_PATH} line ${blank}: here`);
  });

  it('says "the overall micro-level plan" and sets no file when the WBS text is not given', () => {
    const ctx = contextFrom({ wbs, withWbsSource: false });
    expect(wbsEvidence(ctx, line, 'W2 is defined here')).toBe(`overall micro-level plan, line ${line}: W2 is defined here`);
    expect(wbsPlace(ctx)).toBe('the WBS of the overall micro-level plan');
    expect(wbsAt(ctx, line)).toEqual({ line });
    expect(Object.keys(wbsAt(ctx, line))).toEqual(['line']);
  });
});

describe('meso evidence and links', () => {
  const meso = ['Lead text before any heading.', '', '# Plan', 'Intro.', '## W2: Inspection API', 'Keys: TBD', ''].join('\n');

  it('quotes the meso line, with what it shows in brackets when given', () => {
    const ctx = contextFrom({ meso });
    expect(mesoEvidence(ctx.meso!, 6, 'marked TBD')).toBe(`${MESO_PATH} line 6: "Keys: TBD" (marked TBD)`);
    expect(mesoEvidence(ctx.meso!, 6)).toBe(`${MESO_PATH} line 6: "Keys: TBD"`);
  });

  it('names the line alone when it is blank', () => {
    const ctx = contextFrom({ meso });
    expect(mesoEvidence(ctx.meso!, 2, 'here')).toBe(`${MESO_PATH} line 2 (here)`);
    expect(mesoEvidence(ctx.meso!, 2)).toBe(`${MESO_PATH} line 2`);
  });

  it('links to the innermost heading at or above a line, else to the note', () => {
    const ctx = contextFrom({ meso });
    expect(sectionLinkAt(ctx, ctx.meso!, 6)).toBe(`[[${MESO_LINK}#W2 Inspection API]]`);
    expect(sectionLinkAt(ctx, ctx.meso!, 5)).toBe(`[[${MESO_LINK}#W2 Inspection API]]`);
    expect(sectionLinkAt(ctx, ctx.meso!, 4)).toBe(`[[${MESO_LINK}#Plan]]`);
    expect(sectionLinkAt(ctx, ctx.meso!, 1)).toBe(`[[${MESO_LINK}]]`);
  });

  it('links by the note’s path without `.md` when no link target was chosen', () => {
    const ctx = { ...contextFrom({ meso }), mesoLinkTarget: null };
    const note = { ...ctx.meso!, path: 'Planning/Meso plan.MD' };
    expect(mesoTarget(ctx, note)).toBe('Planning/Meso plan');
    expect(mesoTarget(ctx, { ...note, path: 'Old.md notes/Meso plan.md' })).toBe('Old.md notes/Meso plan');
    expect(sectionLinkAt(ctx, note, 1)).toBe('[[Planning/Meso plan]]');
  });

  it('finds the heading at or above a line in a list sorted by line', () => {
    const headings = [
      { text: 'A', level: 1, line: 3 },
      { text: 'B', level: 2, line: 5 },
      { text: 'C', level: 1, line: 9 },
    ];
    expect([1, 3, 4, 5, 8, 9, 20].map((n) => headingAt(headings, n)?.text ?? null)).toEqual([null, 'A', 'A', 'B', 'B', 'C', 'C']);
  });
});
