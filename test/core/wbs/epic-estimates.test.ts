import fc from 'fast-check';
import { splitEpicName } from '../../../src/core/wbs/epic-estimates';
import { workstreamEstimate } from '../../../src/core/wbs/estimates';
import { parseWbs } from '../../../src/core/wbs/parse-wbs';

const wbs = (lines: string[]) => parseWbs(['12. Work Breakdown Structure (WBS)', ...lines, '', '13. SKIP'].join('\n'));
const estimates = (lines: string[]) => wbs(lines).workstreams.map((w) => [w.id, w.name, workstreamEstimate(w)]);

describe('epic estimates', () => {
  it('takes a trailing estimate off the epic name: (3 days), — Estimate: 2d; a count is part of the name', () => {
    expect(splitEpicName('Seed Catalogue (3 days)')).toEqual({ name: 'Seed Catalogue', estimate: { value: 3, unit: 'd', raw: '3 days' } });
    expect(splitEpicName('Sync — Estimate: 2d')).toEqual({ name: 'Sync', estimate: { value: 2, unit: 'd', raw: 'Estimate: 2d' } });
    expect(splitEpicName('Sample sequence (10 frames)')).toEqual({ name: 'Sample sequence (10 frames)' });
    expect(splitEpicName('(3d)')).toEqual({ name: '(3d)' });
  });

  it('reads the estimate on the epic line, an estimate-only item and an estimates table, for every shape', () => {
    expect(
      estimates([
        '- Epic A: Catalogue (3 days)',
        '  1) Import; 2) Pages',
        '- Epic B: Swap',
        '  1) Form',
        '- Epic C: Notify',
        '  1) Mail',
        'Sizing notes',
        '- Epic B: 12h',
        '',
        '| Epic | Story Points | Estimated Hours |',
        '|---|---|---|',
        '| Epic C | 5 | 6.5 |',
        '| Epic B | 3 | 99 |',
      ]),
    ).toEqual([
      ['W1', 'Catalogue', { d: 3 }],
      // The sizing note came first: the table's hours are the same work said again, not more of it.
      ['W2', 'Swap', { h: 12, pts: 3 }],
      ['W3', 'Notify', { pts: 5, h: 6.5 }],
    ]);
    expect(estimates(['#### Epic 1: Setup (2h)', '- Install', '#### Epic 2: API — Estimate: 1d', '- Routes'])).toEqual([
      ['W1', 'Setup', { h: 2 }],
      ['W2', 'API', { d: 1 }],
    ]);
  });

  it("keeps the tasks' sum when tasks carry estimates, and reads no estimates from task tables or unitless cells", () => {
    expect(
      estimates([
        '#### Epic 1: Setup (1 week)',
        '| Task ID | Task | Estimated Time |',
        '|---|---|---|',
        '| 1.1 | Install | 2 h |',
        '| 1.2 | Configure | 1 h |',
        '#### Epic 2: API',
        '| Task ID | Task | Estimated Time |',
        '|---|---|---|',
        '| 2.1 | Routes | |',
        '',
        '| Epic | Size |',
        '|---|---|',
        '| Epic 2 | M |',
      ]),
    ).toEqual([
      ['W1', 'Setup', { h: 3 }],
      ['W2', 'API', {}],
    ]);
  });

  it('never throws and every stated estimate has a unit', () => {
    const piece = fc.constantFrom('- Epic A: X (3 days)', '- Epic A: 4h', '| Epic | Hours |', '|---|---|', '| Epic A | 2 |', '| A | x |', '- E2 — 6h', '  1) t', '');
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 12 })), { maxLength: 20 }), (lines) => {
        for (const w of wbs(lines).workstreams) for (const e of w.estimates ?? []) expect(e.unit).not.toBe('');
      }),
      { numRuns: 300 },
    );
  });
});
