import { numberedEpics } from '../../../../src/core/wbs/shapes/numbered-epics';
import { wbsDocument } from '../../../../src/core/wbs/wbs-document';
import { parseWbs } from '../../../../src/core/wbs/parse-wbs';

export const NUMBERED = [
  '# Micro-Level Plan (Tide Tables)', //                              1
  '## 11. CI/CD', //                                                  2
  '1. Lint on push', //                                               3
  '## 12. Work Breakdown Structure (WBS)', //                         4
  'Epics and tasks (with dependencies)', //                           5
  '1. Station registry', //                                           6
  '   - Load the station list.', //                                   7
  '   - Exit: every station has coordinates.', //                     8
  '2. Prediction engine', //                                          9
  '   - Harmonic constituents; tide curve.', //                      10
  '   - Exit: curves match the almanac within 5 cm.', //             11
  '3. Chart view', //                                                12
  '   - Plot the curve.', //                                         13
  '   - Exit: renders in under 100 ms.', //                          14
  '', //                                                             15
  'Critical path', //                                                16
  '- Station registry -> Prediction engine -> Chart view', //       17
  '', //                                                             18
  '1. A numbered list with nothing under it', //                    19
  '## 13. Runbooks', //                                              20
].join('\n');

describe('numbered-epics', () => {
  it('reads numbered items with bullets under them, inside the WBS section only', () => {
    const epics = numberedEpics.read(wbsDocument(NUMBERED));
    expect(epics.map((e) => [e.label, e.name, e.tasks.map((t) => t.title), e.exit])).toEqual([
      ['Epic 1', 'Station registry', ['Load the station list'], 'every station has coordinates'],
      ['Epic 2', 'Prediction engine', ['Harmonic constituents', 'tide curve'], 'curves match the almanac within 5 cm'],
      ['Epic 3', 'Chart view', ['Plot the curve'], 'renders in under 100 ms'],
    ]);
  });

  it('reads nothing without a WBS section', () => {
    expect(numberedEpics.read(wbsDocument('1. Station registry\n   - Load.\n2. Engine\n   - Run.'))).toEqual([]);
  });

  it('takes dependencies from a critical path written with names', () => {
    const wbs = parseWbs(NUMBERED);
    expect(wbs.workstreams.map((w) => [w.id, w.label, w.dependsOn])).toEqual([
      ['W1', 'Epic 1', []],
      ['W2', 'Epic 2', ['W1']],
      ['W3', 'Epic 3', ['W2']],
    ]);
  });
});
