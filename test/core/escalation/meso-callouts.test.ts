import type { Escalation } from '../../../src/core/contracts/escalation';
import {
  escalationKey,
  insertMesoCallouts,
  maskMesoCallouts,
  mesoHeadingLine,
  removeMesoCallouts,
  withMesoCalloutsMasked,
} from '../../../src/core/escalation/meso-callouts';
import { parseEscalationCallouts } from '../../../src/core/escalation/parse-escalation';
import { tempVault, type TempVault } from '../../support/temp-vault';

const MESO = [
  '---',
  'tags: [meso-level-plan]',
  '---',
  '# Meso-level plan',
  '',
  '## W1: Platform',
  'Shared services.',
  '',
  '## W2: Inspection API',
  'The photo retention period is TBD.',
  '',
  '### W2 Data model',
  'Tables.',
  '',
  '```md',
  '## W2: Inspection API',
  '```',
  '',
].join('\n');

function esc(over: Partial<Escalation> = {}): Escalation {
  return {
    rule: 'unresolved-decision',
    workstreamId: 'W2',
    workstreamName: 'Inspection API',
    blocker: 'The photo retention period is not decided.',
    mesoSection: '[[meso-level-plan#W2: Inspection API]]',
    evidence: ['meso-level-plan line 10: "The photo retention period is TBD."'],
    questions: ['How long are photos kept?'],
    recommendation: 'Decide the retention period in the meso plan.',
    ...over,
  };
}

describe('meso-callouts', () => {
  it('puts the callout right under the heading the escalation links to, between markers', () => {
    const out = insertMesoCallouts(MESO, [esc()]);
    const lines = out.split('\n');
    const heading = lines.indexOf('## W2: Inspection API');
    expect(lines[heading + 1]).toBe('');
    expect(lines[heading + 2]).toBe(`<!-- wp:escalation W2 unresolved-decision ${escalationKey(esc())} -->`);
    expect(lines[heading + 3]).toBe('> [!escalation] Escalation Request — W2: Inspection API');
    const callouts = parseEscalationCallouts(out);
    expect(callouts).toHaveLength(1);
    expect(callouts[0]!.blocker).toBe('The photo retention period is not decided.');
    const close = lines.indexOf('<!-- /wp:escalation -->');
    expect(lines[close + 1]).toBe('The photo retention period is TBD.');
  });

  it('changes nothing when the same escalations are inserted again', () => {
    const once = insertMesoCallouts(MESO, [esc(), esc({ rule: 'conflicting-name', blocker: 'Two names.' })]);
    expect(insertMesoCallouts(once, [esc(), esc({ rule: 'conflicting-name', blocker: 'Two names.' })])).toBe(once);
    expect(parseEscalationCallouts(once)).toHaveLength(2);
  });

  it('gives two escalations of one rule two blocks, in the given order', () => {
    const a = esc({ blocker: 'First.' });
    const b = esc({ blocker: 'Second.' });
    const out = insertMesoCallouts(MESO, [a, b]);
    expect(parseEscalationCallouts(out).map((c) => c.blocker)).toEqual(['First.', 'Second.']);
    // A later insert of a third one goes after the existing blocks.
    const c = esc({ blocker: 'Third.' });
    expect(parseEscalationCallouts(insertMesoCallouts(out, [c])).map((x) => x.blocker)).toEqual(['First.', 'Second.', 'Third.']);
  });

  it('restores the original text byte for byte when every block is removed', () => {
    const escalations = [
      esc(),
      esc({ blocker: 'Data model gap.', mesoSection: '[[meso-level-plan#W2: Inspection API#W2 Data model]]' }),
      esc({ workstreamId: 'W1', workstreamName: 'Platform', mesoSection: '[[meso-level-plan#W1: Platform]]' }),
    ];
    const out = insertMesoCallouts(MESO, escalations);
    expect(parseEscalationCallouts(out)).toHaveLength(3);
    const noW2 = removeMesoCallouts(out, 'W2', []);
    expect(parseEscalationCallouts(noW2).map((c) => c.workstreamId)).toEqual(['W1']);
    expect(removeMesoCallouts(noW2, 'W1', [])).toBe(MESO);
  });

  it('removes only the blocks no longer blocking', () => {
    const still = esc({ blocker: 'Still open.' });
    const fixed = esc({ blocker: 'Fixed now.' });
    const out = insertMesoCallouts(MESO, [still, fixed]);
    const after = removeMesoCallouts(out, 'W2', [still]);
    expect(parseEscalationCallouts(after).map((c) => c.blocker)).toEqual(['Still open.']);
    expect(removeMesoCallouts(after, 'W2', [still])).toBe(after);
    expect(removeMesoCallouts(after, 'W2', [])).toBe(MESO);
  });

  it('keeps CRLF line endings and restores them exactly, also when the heading is the last line', () => {
    const crlf = 'intro\r\n## W2: Inspection API\r\nbody\r\n';
    const out = insertMesoCallouts(crlf, [esc()]);
    expect(out.split('\n').slice(0, -1).every((l) => l.endsWith('\r'))).toBe(true);
    expect(removeMesoCallouts(out, 'W2', [])).toBe(crlf);
    const lastLine = 'intro\r\n## W2: Inspection API';
    const out2 = insertMesoCallouts(lastLine, [esc()]);
    expect(out2).not.toMatch(/[^\r]\n/);
    expect(removeMesoCallouts(out2, 'W2', [])).toBe(lastLine);
    const lfLast = 'intro\n## W2: Inspection API';
    expect(removeMesoCallouts(insertMesoCallouts(lfLast, [esc()]), 'W2', [])).toBe(lfLast);
  });

  it('leaves out escalations that name no meso heading, and ignores headings inside code', () => {
    const none = esc({ rule: 'no-tasks', mesoSection: 'None: the gap is in the WBS of the overall micro-level plan, not in the meso plan.' });
    expect(mesoHeadingLine(MESO, none)).toBeNull();
    expect(insertMesoCallouts(MESO, [none])).toBe(MESO);
    expect(mesoHeadingLine(MESO, esc())).toBe(9);
  });

  it('finds the heading from file and line when the section is no heading link', () => {
    const e = esc({ mesoSection: 'the W2 section', file: 'meso.md', line: 13 });
    expect(mesoHeadingLine(MESO, e, 'meso.md')).toBe(12);
    expect(mesoHeadingLine(MESO, e, 'other.md')).toBeNull();
  });

  it('leaves a block the user broke (no closing comment) alone', () => {
    const out = insertMesoCallouts(MESO, [esc()]).replace('<!-- /wp:escalation -->', '');
    expect(removeMesoCallouts(out, 'W2', [])).toBe(out);
  });

  it('masks inserted blocks as empty lines, keeping line numbers, so checks do not read them', () => {
    const out = insertMesoCallouts(MESO, [esc()]);
    const masked = maskMesoCallouts(out);
    expect(masked.split('\n')).toHaveLength(out.split('\n').length);
    expect(parseEscalationCallouts(masked)).toHaveLength(0);
    expect(masked.replace(/\n{2,}/g, '\n')).toBe(MESO.replace(/\n{2,}/g, '\n'));
    expect(maskMesoCallouts(MESO)).toBe(MESO);
  });
});

describe('meso-callouts, edge cases', () => {
  const blockAfter = (text: string, heading: string): string[] => {
    const lines = text.split('\n');
    const at = lines.indexOf(heading);
    return lines.slice(at + 1, at + 3);
  };

  it('keeps a key of eight hex digits when the hash starts with a zero, so that block is found again', () => {
    const e = esc({ blocker: 'Blocker 13.' });
    expect(escalationKey(e)).toBe('0af3c1de');
    const out = insertMesoCallouts(MESO, [e]);
    expect(out).toContain('<!-- wp:escalation W2 unresolved-decision 0af3c1de -->');
    expect(insertMesoCallouts(out, [e])).toBe(out);
    expect(removeMesoCallouts(out, 'W2', [e])).toBe(out);
    expect(removeMesoCallouts(out, 'W2', [])).toBe(MESO);
  });

  it('gives escalations that differ only in their meso section two blocks', () => {
    const a = esc();
    const b = esc({ mesoSection: '[[meso-level-plan#W2 Data model]]' });
    expect(escalationKey(a)).not.toBe(escalationKey(b));
    expect(parseEscalationCallouts(insertMesoCallouts(MESO, [a, b]))).toHaveLength(2);
  });

  it('inserts an escalation given twice in one call once', () => {
    expect(parseEscalationCallouts(insertMesoCallouts(MESO, [esc(), esc()]))).toHaveLength(1);
  });

  it('puts each block right under its own heading when several headings get one', () => {
    const w1 = esc({ workstreamId: 'W1', workstreamName: 'Platform', mesoSection: '[[meso-level-plan#W1: Platform]]' });
    const data = esc({ blocker: 'Data model gap.', mesoSection: '[[meso-level-plan#W2 Data model]]' });
    const out = insertMesoCallouts(MESO, [w1, esc(), data]);
    expect(blockAfter(out, '## W1: Platform')).toEqual(['', `<!-- wp:escalation W1 unresolved-decision ${escalationKey(w1)} -->`]);
    expect(blockAfter(out, '## W2: Inspection API')).toEqual(['', `<!-- wp:escalation W2 unresolved-decision ${escalationKey(esc())} -->`]);
    expect(blockAfter(out, '### W2 Data model')).toEqual(['', `<!-- wp:escalation W2 unresolved-decision ${escalationKey(data)} -->`]);
  });

  it('handles workstream ids of two digits, apart from the one-digit id they start with', () => {
    const meso = ['# Plan', '', '## W1: Platform', 'Text.', '', '## W12: Reports', 'Text.', ''].join('\n');
    const w12 = esc({ workstreamId: 'W12', workstreamName: 'Reports', mesoSection: '[[meso-level-plan#W12: Reports]]' });
    const w1 = esc({ workstreamId: 'W1', workstreamName: 'Platform', mesoSection: '[[meso-level-plan#W1: Platform]]' });
    const out = insertMesoCallouts(meso, [w1, w12]);
    expect(out).toContain(`<!-- wp:escalation W12 unresolved-decision ${escalationKey(w12)} -->`);
    expect(insertMesoCallouts(out, [w12])).toBe(out);
    const noW1 = removeMesoCallouts(out, 'W1', []);
    expect(parseEscalationCallouts(noW1).map((c) => c.workstreamId)).toEqual(['W12']);
    expect(removeMesoCallouts(noW1, 'W12', [])).toBe(meso);
  });

  it('does not take comments the user wrote differently, or without the blank line before them, for blocks', () => {
    const key = escalationKey(esc());
    const close = '<!-- /wp:escalation -->';
    const notOurs = [
      // No blank line before the opening comment (here it is the note's first line).
      [`<!-- wp:escalation W2 unresolved-decision ${key} -->`, '> [!escalation] x', close, '## W2: Inspection API', ''],
      ['## W2: Inspection API', `<!-- wp:escalation W2 unresolved-decision ${key} -->`, close, ''],
      // Text around the comments, a key that is not eight hex digits, a rule with a space.
      ['## W2: Inspection API', '', `Note: <!-- wp:escalation W2 unresolved-decision ${key} -->`, close, ''],
      ['## W2: Inspection API', '', `<!-- wp:escalation W2 unresolved-decision ${key} --> and more`, close, ''],
      ['## W2: Inspection API', '', `<!-- wp:escalation W2 unresolved-decision ${key} -->`, `${close} and more`, ''],
      ['## W2: Inspection API', '', `<!-- wp:escalation W2 unresolved-decision ${key} -->`, `Note: ${close}`, ''],
      ['## W2: Inspection API', '', `<!-- wp:escalation W2 unresolved-decision ${key.slice(1)} -->`, close, ''],
      ['## W2: Inspection API', '', `<!-- wp:escalation W2 unresolved-decision ${key.toUpperCase()}A -->`, close, ''],
      ['## W2: Inspection API', '', `<!-- wp:escalation W2 unresolved decision ${key} -->`, close, ''],
      ['## W2: Inspection API', '', `<!-- wp:escalation Wx unresolved-decision ${key} -->`, close, ''],
    ].map((l) => l.join('\n'));
    for (const text of notOurs) {
      expect(removeMesoCallouts(text, 'W2', [])).toBe(text);
      expect(maskMesoCallouts(text)).toBe(text);
    }
  });

  it('skips a broken block and still finds the complete one after it', () => {
    const once = insertMesoCallouts(MESO, [esc()]);
    const broken = once.replace('<!-- /wp:escalation -->', 'The user deleted the closing comment.');
    const both = insertMesoCallouts(broken, [esc({ blocker: 'Second.', mesoSection: '[[meso-level-plan#W2 Data model]]' })]);
    expect(parseEscalationCallouts(both).map((c) => c.blocker)).toContain('Second.');
    expect(removeMesoCallouts(both, 'W2', [])).toBe(broken);
  });

  it('reads CRLF blocks too, and masks them keeping each line ending', () => {
    const crlf = 'intro\r\n## W2: Inspection API\r\nbody\r\n';
    const out = insertMesoCallouts(crlf, [esc()]);
    expect(insertMesoCallouts(out, [esc()])).toBe(out);
    const masked = maskMesoCallouts(out);
    expect(masked.split('\n')).toHaveLength(out.split('\n').length);
    expect(masked).toBe(out.split('\n').map((l) => (l === '## W2: Inspection API\r' || l === 'intro\r' || l === 'body\r' || l === '' ? l : '\r')).join('\n'));
  });

  it.each([
    ['a link in other case and spacing', { mesoSection: '[[meso-level-plan#w2   inspection api]]' }, 9],
    ['a link with a stray # at its end', { mesoSection: '[[meso-level-plan#W2: Inspection API#W2 Data model#]]' }, 12],
    ['a link of # alone', { mesoSection: '[[meso-level-plan##]]' }, null],
    ['a link with an alias, inside prose', { mesoSection: 'See [[meso-level-plan#W2 Data model|the data model]] for it.' }, 12],
    ['the first of two links', { mesoSection: '[[meso-level-plan#W2 Data model]] and [[meso-level-plan#W1: Platform]]' }, 12],
    ['a link to a heading that is not there', { mesoSection: '[[meso-level-plan#W9 Nothing]]' }, null],
    ['a block link', { mesoSection: '[[meso-level-plan#^abc123]]' }, null],
    ['a link to the note alone', { mesoSection: '[[meso-level-plan]]' }, null],
    ['a line on the heading itself, in the meso plan', { mesoSection: 'x', file: 'meso.md', line: 9 }, 9],
    ['a line before every heading', { mesoSection: 'x', file: 'meso.md', line: 2 }, null],
    ['a line of an escalation that names no file', { mesoSection: 'x', line: 13 }, null],
    ['a missing heading, with the line it is on', { mesoSection: '[[meso-level-plan#W9 Nothing]]', file: 'meso.md', line: 10 }, 9],
  ])('points at the heading line for %s', (_label, over, expected) => {
    expect(mesoHeadingLine(MESO, esc(over as Partial<Escalation>), 'meso.md')).toBe(expected);
  });

  it('finds no heading from a line when no meso path is given', () => {
    expect(mesoHeadingLine(MESO, esc({ mesoSection: 'x', line: 13 }))).toBeNull();
    expect(mesoHeadingLine(MESO, esc({ mesoSection: 'x', file: 'meso.md', line: 13 }))).toBeNull();
  });
});

describe('withMesoCalloutsMasked', () => {
  let vault: TempVault | null = null;
  afterEach(() => vault?.cleanup());

  it('reads notes with the blocks masked, passes everything else and read errors through', async () => {
    const out = insertMesoCallouts(MESO, [esc()]);
    vault = tempVault({ 'meso.md': out });
    const masked = withMesoCalloutsMasked(vault.vault);
    expect(await masked.read('meso.md')).toEqual({ ok: true, value: maskMesoCallouts(out) });
    expect(await masked.exists('meso.md')).toBe(true);
    const missing = await masked.read('gone.md');
    expect(missing).toEqual(await vault.vault.read('gone.md'));
    expect(missing.ok).toBe(false);
  });
});

describe('meso-callouts, line endings and positions', () => {
  it.each([
    ['a CRLF note whose last line ends in a lone CR', 'intro\r\n## W2: Inspection API\r\nbody\r'],
    ['a CRLF note whose heading is last and ends in a lone CR', 'intro\r\n## W2: Inspection API\r'],
    ['a CRLF note whose heading is last, with no ending', 'intro\r\n## W2: Inspection API'],
    ['a CRLF note with a final line ending', 'intro\r\n## W2: Inspection API\r\nbody\r\n'],
    ['an LF note whose heading is last', 'intro\n## W2: Inspection API'],
    ['an LF note whose last line ends in a CR', 'intro\n## W2: Inspection API\nbody\r'],
    ['a note of LF lines with one CRLF line after the heading', 'intro\n## W2: Inspection API\nbody\r\nmore\n'],
  ])('gives back %s byte for byte, one block or two at a time', (_label, text) => {
    const a = esc();
    const b = esc({ blocker: 'Second.' });
    const both = insertMesoCallouts(text, [a, b]);
    expect(removeMesoCallouts(both, 'W2', [])).toBe(text);
    expect(removeMesoCallouts(removeMesoCallouts(both, 'W2', [a]), 'W2', [])).toBe(text);
    const stepwise = insertMesoCallouts(insertMesoCallouts(text, [a]), [b]);
    expect(removeMesoCallouts(stepwise, 'W2', [])).toBe(text);
    expect(removeMesoCallouts(text, 'W2', [])).toBe(text);
  });

  it('ends a CRLF note whose heading was last as it ended: the last inserted line has no ending, each other line one CRLF', () => {
    const out = insertMesoCallouts('intro\r\n## W2: Inspection API', [esc()]);
    expect(out.startsWith('intro\r\n## W2: Inspection API\r\n\r\n<!-- wp:escalation W2 ')).toBe(true);
    expect(out.endsWith('\r\n<!-- /wp:escalation -->')).toBe(true);
    expect(out).not.toMatch(/\r\r|[^\r]\n/);
    const lone = insertMesoCallouts('intro\r\n## W2: Inspection API\r', [esc()]);
    expect(lone.endsWith('\r\n<!-- /wp:escalation -->\r')).toBe(true);
    expect(lone).not.toMatch(/\r\r|[^\r]\n/);
  });

  it('puts a later block under its own heading, not after the blocks of an earlier heading', () => {
    const w1 = esc({ workstreamId: 'W1', workstreamName: 'Platform', mesoSection: '[[meso-level-plan#W1: Platform]]' });
    const first = insertMesoCallouts(MESO, [w1]);
    const out = insertMesoCallouts(first, [esc()]);
    const lines = out.split('\n');
    const at = lines.indexOf('## W2: Inspection API');
    expect(lines.slice(at + 1, at + 3)).toEqual(['', `<!-- wp:escalation W2 unresolved-decision ${escalationKey(esc())} -->`]);
    const w1At = lines.indexOf('## W1: Platform');
    expect(lines[w1At + 2]).toBe(`<!-- wp:escalation W1 unresolved-decision ${escalationKey(w1)} -->`);
    expect(lines[lines.indexOf('<!-- /wp:escalation -->') + 1]).toBe('Shared services.');
  });

  it('never takes a line that only ends with the closing comment for the end of a block, so the text after it stays', () => {
    const text = ['intro', '## W2: Inspection API', '', '<!-- wp:escalation W2 no-tasks 0123abcd -->', '> [!warning] Escalation', 'Our note: blocks end with <!-- /wp:escalation -->', 'More of our text.'].join('\n');
    expect(removeMesoCallouts(text, 'W2', [])).toBe(text);
  });

  it('removes a block the user left at the very start of the note, whose heading is gone', () => {
    const block = insertMesoCallouts('## W2: Inspection API', [esc()]).split('\n').slice(1).join('\n');
    expect(block.startsWith('\n<!-- wp:escalation')).toBe(true);
    expect(removeMesoCallouts(block, 'W2', [])).toBe('');
    expect(removeMesoCallouts(`${block}\nText after.`, 'W2', [])).toBe('Text after.');
  });
});
