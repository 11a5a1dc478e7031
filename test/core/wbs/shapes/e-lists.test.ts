import { eLists } from '../../../../src/core/wbs/shapes/e-lists';
import { wbsDocument } from '../../../../src/core/wbs/wbs-document';
import { parseWbs } from '../../../../src/core/wbs/parse-wbs';

export const SHORT_IDS = [
  '12. Work Breakdown Structure (WBS)', //                                                  1
  'Epics and sequencing (→ denotes dependency)', //                                         2
  '1) Data Model → 2) Booking API → 3) Calendar UI', //                                     3
  'Key tasks per epic', //                                                                  4
  '- E1 Data Model', //                                                                     5
  '  - Define tables; seed rooms. Entry: room list from facilities; Exit: migrations run.', // 6
  '- E2 Booking API', //                                                                    7
  '  - Create, cancel and list bookings. Exit: contract tests pass.', //                    8
  '- E3 Calendar UI', //                                                                    9
  '  - Week view; drag to book (3h). Exit: bookings show within 1 s.', //                  10
  'Parallelization', //                                                                    11
  '- E2 and E3 can start together once E1 is done.', //                                   12
  '', //                                                                                   13
  '13. Runbooks and Developer Onboarding', //                                              14
].join('\n');

describe('e-lists', () => {
  it('reads short epic ids with ;-separated tasks and Entry/Exit text, not sentences about them', () => {
    const epics = eLists.read(wbsDocument(SHORT_IDS));
    expect(epics.map((e) => [e.label, e.name, e.tasks.map((t) => t.title), e.entry?.text, e.exit])).toEqual([
      ['E1', 'Data Model', ['Define tables', 'seed rooms'], 'room list from facilities', 'migrations run'],
      ['E2', 'Booking API', ['Create, cancel and list bookings'], undefined, 'contract tests pass'],
      ['E3', 'Calendar UI', ['Week view', 'drag to book'], undefined, 'bookings show within 1 s'],
    ]);
    expect(epics[2]!.tasks[1]!.estimate?.raw).toBe('3h');
  });

  it('maps E3 to W3 and reads the numbered chain and the Parallelization sentence as dependencies', () => {
    const wbs = parseWbs(SHORT_IDS);
    expect(wbs.workstreams.map((w) => [w.id, w.label, w.dependsOn, w.prerequisites ?? []])).toEqual([
      ['W1', 'E1', [], ['room list from facilities']],
      ['W2', 'E2', ['W1'], []],
      // The chain says E2, "E2 and E3 can start together once E1 is done" says E1: both, with a warning.
      ['W3', 'E3', ['W2', 'W1'], []],
    ]);
    expect(wbs.warnings?.map((w) => [w.line, w.message.includes('line 3') && w.message.includes('line 12')])).toEqual([[3, true]]);
  });
});
