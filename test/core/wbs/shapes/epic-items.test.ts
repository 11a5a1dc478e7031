import { epicItems } from '../../../../src/core/wbs/shapes/epic-items';
import { wbsDocument } from '../../../../src/core/wbs/wbs-document';
import { parseWbs } from '../../../../src/core/wbs/parse-wbs';

export const LETTERED = [
  '11. SKIP', //                                                                  1
  '', //                                                                          2
  '12. Work Breakdown Structure (WBS)', //                                        3
  '- Epic A: Seed Catalogue', //                                                  4
  '  1) Species list import; 2) Photo resizer; 3) Catalogue page', //            5
  '- Epic B: Swap Requests', //                                                   6
  '  1) Request form; 2) Matching queue', //                                      7
  '- Epic C: Notifications', //                                                   8
  '  - Email on match', //                                                        9
  '  - Weekly digest', //                                                        10
  '  - Exit: members hear of every match within a day.', //                     11
  '- Epic D: Moderation', //                                                     12
  '  1) Report button', //                                                       13
  '- Sequencing/Critical Path: A→B→C/D; run A and B in parallel once the species list is frozen', // 14
  '', //                                                                         15
  '13. SKIP', //                                                                 16
].join('\n');

describe('epic-items', () => {
  const epics = epicItems.read(wbsDocument(LETTERED));

  it('reads lettered epics written as list items, with inline numbered tasks', () => {
    expect(epics.map((e) => [e.label, e.name, e.tasks.map((t) => t.title)])).toEqual([
      ['Epic A', 'Seed Catalogue', ['Species list import', 'Photo resizer', 'Catalogue page']],
      ['Epic B', 'Swap Requests', ['Request form', 'Matching queue']],
      ['Epic C', 'Notifications', ['Email on match', 'Weekly digest']],
      ['Epic D', 'Moderation', ['Report button']],
    ]);
    expect(epics[2]!.exit).toBe('members hear of every match within a day');
  });

  it('maps letters to W1…, gives tasks stable ids, and reads A→B→C/D', () => {
    const wbs = parseWbs(LETTERED);
    expect(wbs.workstreams.map((w) => [w.id, w.label, w.dependsOn])).toEqual([
      ['W1', 'Epic A', []],
      ['W2', 'Epic B', ['W1']],
      ['W3', 'Epic C', ['W2']],
      ['W4', 'Epic D', ['W2']],
    ]);
    expect(wbs.workstreams[1]!.tasks.map((t) => [t.id, t.label, t.line])).toEqual([
      ['W2.1', 'Epic B, task 1', 7],
      ['W2.2', 'Epic B, task 2', 7],
    ]);
    expect(wbs.workstreams[1]!.dependencySources).toEqual([{ source: 'sequence', on: ['W1'], line: 14 }]);
  });
});
