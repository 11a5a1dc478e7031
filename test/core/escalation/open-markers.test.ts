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
