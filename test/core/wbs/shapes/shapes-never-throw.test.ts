import fc from 'fast-check';
import { EPIC_SHAPES, FALLBACK_EPIC_SHAPES, TABLE_EPIC_SHAPES } from '../../../../src/core/wbs/shapes';
import { wbsDocument } from '../../../../src/core/wbs/wbs-document';
import { addNoteDependencies } from '../../../../src/core/wbs/note-dependencies';
import { parseWbs } from '../../../../src/core/wbs/parse-wbs';
import { WbsSchema } from '../../../../src/core/contracts/wbs';

const piece = fc.constantFrom(
  '## 12. Work Breakdown Structure',
  '12. Work Breakdown Structure (WBS)',
  '#### **Epic 2: Name**',
  '- Epic B: Core',
  '  1) a; 2) b',
  '- E3 Chart',
  '  - x; y. Entry: Epic 1; Exit: done.',
  '3. Import',
  '   - Exit: fast.',
  '| Task ID | Task | Estimated Time | Dependencies |',
  '|---|---|---|---|',
  '| 2.1 | Do | 10 min | Task 1.1, Epic 1 complete |',
  '**Entry Criteria**: Epic 1 complete',
  'A→B→C/D',
  '```mermaid',
  'Epic1[Epic 1] --> Epic2',
  '```',
  '10. Readiness for Micro-Level Planning',
  '| Id | Name | Depends on |',
  '| W2 | Name | W1 |',
  'Parallelization',
  '**Epic 1: Setup**',
  'Epic 2 — API',
  '- [ ] Task 2.1: Routes (3h) — depends on 1.1',
  '| Epic | Task ID | Task | Depends On |',
  '| Epic 1: Setup | 1.1 | Repo | - |',
  '- E4 starts after E3 minimal; E6 after E5',
  '- UI (Epic 5) can proceed in parallel with Epic 3 once core is done.',
  '',
);
const note = fc.array(fc.oneof(piece, fc.string({ maxLength: 20 })), { maxLength: 30 }).map((l) => l.join('\n'));

describe('WBS shapes', () => {
  it('no shape throws, and the WBS read from any text satisfies its schema', () => {
    fc.assert(
      fc.property(note, note, (micro, other) => {
        const doc = wbsDocument(micro);
        for (const s of [...EPIC_SHAPES, ...TABLE_EPIC_SHAPES, ...FALLBACK_EPIC_SHAPES]) s.read(doc);
        const wbs = parseWbs(micro);
        addNoteDependencies(wbs, { macro: { path: 'm.md', text: other }, meso: { path: 'meso.md', text: other } });
        expect(WbsSchema.safeParse(wbs).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
