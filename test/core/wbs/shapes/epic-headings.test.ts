import { epicHeadings } from '../../../../src/core/wbs/shapes/epic-headings';
import { wbsDocument } from '../../../../src/core/wbs/wbs-document';
import { parseWbs } from '../../../../src/core/wbs/parse-wbs';

/** A WBS in the shape the upstream micro prompt writes most: epic headings, task tables, criteria lines. */
export const EPIC_TABLES = [
  '## 11. CI/CD Pipeline Definition', //                                                               1
  'Build on every push.', //                                                                           2
  '## 12. Work Breakdown Structure (WBS)', //                                                          3
  '### 12.1 Epics', //                                                                                 4
  '#### **Epic 1: Ledger Import**', //                                                                 5
  '**Entry Criteria**: Bank export sample available', //                                               6
  '', //                                                                                               7
  '| Task ID | Task | Owner | Estimated Time | Dependencies | Exit Criteria |', //                      8
  '|---------|------|-------|----------------|--------------|---------------|', //                      9
  '| 1.1 | Parse the CSV export | Dev | 45 min | None | All sample rows parsed |', //                  10
  '| 1.2 | Deduplicate members | Dev | 1 h | Task 1.1 | No duplicate ids |', //                        11
  '| 1.3 | Store the ledger | Dev | 2 h | Task 1.1, 1.2 | Rows in the database |', //                  12
  '', //                                                                                              13
  '**Epic Exit Criteria**: a full import runs in under a minute.', //                                 14
  '', //                                                                                              15
  '#### **Epic 2: Dues Reminders**', //                                                               16
  '**Entry Criteria**: Epic 1 complete', //                                                           17
  '', //                                                                                              18
  '| Task ID | Task | Owner | Estimated Time | Dependencies | Exit Criteria |', //                     19
  '|---|---|---|---|---|---|', //                                                                    20
  '| 2.1 | Choose the mail provider | Dev + Treasurer | 10 min | Treasurer input | Decision recorded |', // 21
  '| 2.2 | Reminder templates | Dev | 1 day | Task 2.1 | Renders all templates |', //                  22
  '| 2.3 | Retry queue | Dev | 90 min | Task 2.2, 1.3 | Retries with backoff |', //                   23
  '', //                                                                                              24
  '#### Epic 3: Treasurer Dashboard', //                                                              25
  '- Totals per month', //                                                                            26
  '  - shows the sum of dues', //                                                                     27
  '- Export to PDF (2h)', //                                                                          28
  'Depends on: Epic 2', //                                                                            29
  '', //                                                                                              30
  '| Epic | Story Points | Estimated Hours |', //                                                    31
  '|---|---|---|', //                                                                                 32
  '| Epic 1 | 3 | 4 |', //                                                                            33
  '## 13. Runbooks', //                                                                               34
  '#### Epic 9: Not in the WBS section', //                                                          35
].join('\n');

describe('epic-headings', () => {
  const epics = epicHeadings.read(wbsDocument(EPIC_TABLES));

  it('reads each epic heading of the WBS section with its label and name', () => {
    expect(epics.map((e) => [e.label, e.name, e.line])).toEqual([
      ['Epic 1', 'Ledger Import', 5],
      ['Epic 2', 'Dues Reminders', 16],
      ['Epic 3', 'Treasurer Dashboard', 25],
    ]);
  });

  it('reads task tables: ids, titles, estimates, dependency cells and exit criteria', () => {
    expect(epics[1]!.tasks.map((t) => [t.id, t.title, t.estimate?.value, t.estimate?.unit, t.deps, t.exit])).toEqual([
      ['2.1', 'Choose the mail provider', 10, 'min', 'Treasurer input', 'Decision recorded'],
      ['2.2', 'Reminder templates', 1, 'd', 'Task 2.1', 'Renders all templates'],
      ['2.3', 'Retry queue', 90, 'min', 'Task 2.2, 1.3', 'Retries with backoff'],
    ]);
  });

  it('reads entry and exit criteria and dependency statements, and bullets when there is no table', () => {
    expect(epics[0]!.entry).toEqual({ text: 'Bank export sample available', line: 6 });
    expect(epics[0]!.exit).toBe('a full import runs in under a minute');
    expect(epics[1]!.entry).toEqual({ text: 'Epic 1 complete', line: 17 });
    expect(epics[2]!.tasks.map((t) => [t.title, t.estimate?.raw])).toEqual([
      ['Totals per month', undefined],
      ['Export to PDF', '2h'],
    ]);
    expect(epics[2]!.statements).toEqual([{ text: 'Epic 2', line: 29 }]);
  });

  it('reads nothing from a note without epic headings', () => {
    expect(epicHeadings.read(wbsDocument('## 12. Work Breakdown Structure\n## W1: Core\n- W1.1 Task'))).toEqual([]);
  });

  it('becomes W1…W3 with dependencies from every cell, criterion and statement', () => {
    const wbs = parseWbs(EPIC_TABLES);
    expect(wbs.workstreams.map((w) => [w.id, w.label, w.name, w.dependsOn, w.prerequisites ?? []])).toEqual([
      ['W1', 'Epic 1', 'Ledger Import', [], ['Bank export sample available']],
      ['W2', 'Epic 2', 'Dues Reminders', ['W1'], []],
      ['W3', 'Epic 3', 'Treasurer Dashboard', ['W2'], []],
    ]);
    const w2 = wbs.workstreams[1]!;
    expect(w2.tasks.map((t) => [t.id, t.dependsOn ?? [], t.prerequisites ?? []])).toEqual([
      ['2.1', [], ['Treasurer input']],
      ['2.2', ['2.1'], []],
      ['2.3', ['2.2', '1.3'], []],
    ]);
    expect(wbs.workstreams[2]!.tasks.map((t) => [t.id, t.label])).toEqual([
      ['W3.1', 'Epic 3, task 1'],
      ['W3.2', 'Epic 3, task 2'],
    ]);
    expect(wbs.warnings).toBeUndefined();
  });
});
