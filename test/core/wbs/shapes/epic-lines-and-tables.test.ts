import { epicColumnTable } from '../../../../src/core/wbs/shapes/epic-column-table';
import { epicLines } from '../../../../src/core/wbs/shapes/epic-lines';
import { wbsDocument } from '../../../../src/core/wbs/wbs-document';
import { parseWbs } from '../../../../src/core/wbs/parse-wbs';

const note = (wbs: string[]) =>
  ['10. Testing Strategy and Plan', '- unit', '11. CI/CD Pipeline Definition', '- ci', '12. Work Breakdown Structure (WBS)', ...wbs, '13. Runbooks and Developer Onboarding', '- run'].join('\n');
const summary = (text: string) =>
  parseWbs(text).workstreams.map((w) => [w.id, w.label, w.name, w.dependsOn, w.tasks.map((t) => [t.id, t.title, t.dependsOn ?? [], t.estimate?.raw ?? null])]);

describe('epic lines (bold or plain lines with tasks under them)', () => {
  it('reads bold epic lines with checkbox tasks, and a plain `Epic 2 — API` line', () => {
    const text = note(['**Epic 1: Setup**', '- [ ] Repo scaffold (2h)', '- [x] CI pipeline (1h)', '', 'Epic 2 — API', '- Routes', 'Entry: Epic 1 complete']);
    expect(summary(text)).toEqual([
      ['W1', 'Epic 1', 'Setup', [], [['W1.1', 'Repo scaffold', [], '2h'], ['W1.2', 'CI pipeline', [], '1h']]],
      ['W2', 'Epic 2', 'API', ['W1'], [['W2.1', 'Routes', [], null]]],
    ]);
  });

  it('is not a sentence about an epic, nor an epic line with no tasks under it', () => {
    const doc = wbsDocument(note(['Epic 4 can run in parallel with Epic 2 after Epic 1.', 'Epic 3: Reports', '', 'Parallelization', '- none']));
    // "Epic 3: Reports" has `- none` under it only after other lines: it is read, the sentence is not.
    expect(epicLines.read(doc).map((e) => e.label)).toEqual(['Epic 3']);
    expect(epicLines.read(wbsDocument(note(['**Epic 1: Setup**', '', 'Epic 2: API']))).map((e) => e.label)).toEqual([]);
  });
});

describe('one task table with an epic column', () => {
  it('groups rows by their epic cell, an empty cell continuing the epic above, with estimates and task dependencies', () => {
    const text = note([
      '| Epic | Task ID | Task | Estimate | Depends On |',
      '|---|---|---|---|---|',
      '| Epic 1: Setup | 1.1 | Repo | 2h | - |',
      '| | 1.2 | CI | 1h | 1.1 |',
      '| Epic 2: API | 2.1 | Routes | 3h | Task 1.2 |',
      '| Epic 1 | 1.3 | Docs | 30 min | |',
    ]);
    expect(summary(text)).toEqual([
      ['W1', 'Epic 1', 'Setup', [], [['1.1', 'Repo', [], '2h'], ['1.2', 'CI', ['1.1'], '1h'], ['1.3', 'Docs', [], '30 min']]],
      ['W2', 'Epic 2', 'API', ['W1'], [['2.1', 'Routes', ['1.2'], '3h']]],
    ]);
  });

  it('leaves task tables under epic headings to that epic, and tables without a task column alone', () => {
    const headed = note(['#### Epic 1: Setup', '| Epic | Task ID | Task |', '|---|---|---|', '| Epic 1 | 1.1 | Repo |']);
    expect(parseWbs(headed).workstreams.map((w) => [w.id, w.tasks.length])).toEqual([['W1', 1]]);
    expect(epicColumnTable.read(wbsDocument(note(['| Epic | Story Points |', '|---|---|', '| Epic 1 | 3 |'])))).toEqual([]);
  });
});

describe('numbered tasks in bullets', () => {
  it('keeps `Task 1.2:` as the id and reads `— depends on 1.1` / `(after Task 1.2)` as task dependencies', () => {
    const text = note(['### 12.1 Epic 1 — Setup', '- Task 1.1: Repo scaffold (2h)', '- Task 1.2: CI pipeline (1h) — depends on 1.1', '### 12.2 Epic 2 — API', '- 2.1 — Routes (after Task 1.2, 1.1)', '- 2.5 GHz radio support']);
    expect(summary(text)).toEqual([
      ['W1', 'Epic 1', 'Setup', [], [['1.1', 'Repo scaffold', [], '2h'], ['1.2', 'CI pipeline', ['1.1'], '1h']]],
      ['W2', 'Epic 2', 'API', ['W1'], [['2.1', 'Routes', ['1.2', '1.1'], null], ['W2.2', '2.5 GHz radio support', [], null]]],
    ]);
  });
});
