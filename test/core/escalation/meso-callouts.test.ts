import type { Escalation } from '../../../src/core/contracts/escalation';
import {
  escalationKey,
  insertMesoCallouts,
  maskMesoCallouts,
  mesoHeadingLine,
  removeMesoCallouts,
} from '../../../src/core/escalation/meso-callouts';
import { parseEscalationCallouts } from '../../../src/core/escalation/parse-escalation';

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
