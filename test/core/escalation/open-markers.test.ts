import { liveMarker } from '../../../src/core/escalation/open-markers';

describe('liveMarker', () => {
  it.each([
    ['Retention period: TBD', 'TBD'],
    ['TODO: choose queue', 'TODO'],
    ['Which broker??', '??'],
    ['[NEEDS DECISION] auth provider', '[NEEDS DECISION]'],
    ['Broker: ?? (ask ops)', '??'],
    ['Which broker?? Kafka or SQS', '??'],
    ['Retention: TBD, to be decided by legal.', 'TBD'],
    ['Numbering was decided. Retention: TBD', 'TBD'],
    ['Keys: todo', 'TODO'],
  ])('keeps %p open', (line, label) => {
    expect(liveMarker(line)).toBe(label);
  });

  it.each([
    'Numbering is no longer TBD: decided INV-YYYY-NNNN.',
    'See the TODO list app for the backlog.',
    'The TODO items live in Jira.',
    'Signature validated?? yes',
    'Closing [NEEDS DECISION] marker removed after the review.',
    'Retention was TBD; now 7 years.',
    'Nothing to see here',
  ])('settles %p', (line) => {
    expect(liveMarker(line)).toBeNull();
  });
});

describe('liveMarker, settled statements from a new user', () => {
  it.each([
    'All operator versions are pinned; nothing in this section is TBD anymore.',
    'There is no TBD left here.',
    'The retention is not TBD: 30 days.',
  ])('ignores %p', (line) => {
    expect(liveMarker(line)).toBeNull();
  });

  it('still catches a live one', () => {
    expect(liveMarker('Retention period: TBD')).not.toBeNull();
  });
});

describe('liveMarker, edge cases of each marker', () => {
  it.each([
    ['[needs decision] auth provider', '[NEEDS DECISION]'],
    ['Auth: [ Needs  Decision ]', '[NEEDS DECISION]'],
    ['TBD', 'TBD'],
    ['Keys:TBD', 'TBD'],
    ['Keys (tbd)', 'TBD'],
    ['todo', 'TODO'],
    ['Which broker??? Kafka or SQS', '??'],
    ['TBD: which broker??', 'TBD'],
    ['Which broker?? TBD', '??'],
    ['Auth [NEEDS DECISION], keys TBD', '[NEEDS DECISION]'],
    ['Keys TODO, retention TBD', 'TODO'],
    ['Keys TBD, retention TODO', 'TBD'],
    ['Retention: TBD. Numbering was decided.', 'TBD'],
    ['Retention: TBD; numbering decided', 'TBD'],
    ['Retention: TBD! Numbering decided.', 'TBD'],
    ['Numbering decided; retention TBD', 'TBD'],
    ['Numbering decided! Retention TBD', 'TBD'],
    ['Numbering decided? Retention TBD', 'TBD'],
    ['Retention: not yet decided, TBD', 'TBD'],
    ['Retention must be resolved: TBD', 'TBD'],
    ['Retention was never settled: TBD', 'TBD'],
    ['TODO listing of owners', 'TODO'],
    ['Broker?? yesterday it was Kafka', '??'],
    ['Broker ?? yes', '??'],
    ['Retention: TBD. TBD was decided later.', 'TBD'],
    ['Numbering decided. TBD', 'TBD'],
    ['Retention not decided: TBD', 'TBD'],
    ['Retention needs to be decided: TBD', 'TBD'],
    ['Photos kept for v2?? years', '??'],
  ])('keeps %p open as %p', (line, label) => {
    expect(liveMarker(line)).toBe(label);
  });

  it.each([
    'xTBD and TBDx',
    '1TBD, TBD1, _TBD, TBD_',
    'éTBD, TBDé, TODOs, aTODO',
    'Which one? No ambiguity here.',
    'Broker?? no',
    'Broker?? -> confirmed',
    'Broker(s)?? n/a',
    'No TODOs remain in this section.',
    'not TODO anymore',
    'TBD removed after review',
    'The TODO apps were compared.',
    'TODO - lists live in Jira.',
    'Broker??? yes',
    'Broker?? Yes',
    'Photos in v2?? ok',
    'The retention is not a TBD anymore.',
    'The retention is not a TBD any more.',
    'Nothing about the retention is TBD.',
    'Numbering is no  longer TBD.',
  ])('finds nothing live in %p', (line) => {
    expect(liveMarker(line)).toBeNull();
  });

  it('gives the same answer for a line whatever was read before it', () => {
    const lines = ['A long line before this one ends with a marker: TBD', 'TBD', 'Which broker??', 'Keys: TODO', 'x ?? y'];
    const once = lines.map((l) => liveMarker(l));
    expect(lines.map((l) => liveMarker(l))).toEqual(once);
    expect([...lines].reverse().map((l) => liveMarker(l))).toEqual([...once].reverse());
    expect(once).toEqual(['TBD', 'TBD', '??', 'TODO', '??']);
  });
});

describe('liveMarker, spacing and word forms of the settled and still-open phrases', () => {
  it.each([
    ['Retention need to be decided: TBD', 'TBD'],
    ['Retention needs  to be decided: TBD', 'TBD'],
    ['Retention has  to be decided: TBD', 'TBD'],
    ['Retention has to  be decided: TBD', 'TBD'],
    ['Retention have  to be decided: TBD', 'TBD'],
    ['Retention yet  to be decided: TBD', 'TBD'],
    ['Retention not  yet decided: TBD', 'TBD'],
    ['Retention: TBD, not settled', 'TBD'],
    ['TODO: pick the item list', 'TODO'],
    ['Owners: TBD list pending', 'TBD'],
    ['Broker?? Kafka, yes', '??'],
    ['?? yes', '??'],
    ['Auth[NEEDS DECISION] ok', '[NEEDS DECISION]'],
    ['Keys: decided.       TBD', 'TBD'],
    ['Retention: TBD, to be  decided by legal', 'TBD'],
    ['Retention: TBD, must be  resolved', 'TBD'],
  ])('keeps %p open as %p', (line, label) => {
    expect(liveMarker(line)).toBe(label);
  });

  it.each([
    'There is no  TBD left.',
    'The retention is not  TBD: 30 days.',
    'TODO app',
    'TODO application',
    'TODO item',
    'Broker??  yes',
    'Broker?? ->  yes',
    'Broker decided?? pending',
    'Key format TBD before v1.2, now decided',
    'Retention: TBD, now decided',
    'Owner: ops. Retention TBD, was decided',
    'Retention was  TBD; now 7 years.',
    'Retention was\tTODO; now 7 years.',
  ])('finds nothing live in %p', (line) => {
    expect(liveMarker(line)).toBeNull();
  });
});
