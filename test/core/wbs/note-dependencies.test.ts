import { addNoteDependencies } from '../../../src/core/wbs/note-dependencies';
import { parseWbs } from '../../../src/core/wbs/parse-wbs';

const MICRO = [
  '## 12. Work Breakdown Structure', //  1
  '### Epic 1: Station registry', //      2
  '- Load stations', //                   3
  '### Epic 2: Prediction engine', //     4
  '- Constituents', //                    5
  '### Epic 3: Chart view', //            6
  '- Plot', //                            7
  '### Epic 4: Alerts', //                8
  '- Push', //                            9
].join('\n');

describe('addNoteDependencies', () => {
  it("adds the macro plan's workstream table as a source", () => {
    const wbs = parseWbs(MICRO);
    const macro = ['# Macro', '| Id | Name | Depends on |', '|---|---|---|', '| W2 | Prediction engine | W1 |', '| W4 | Alerts | W2, W3 |'].join('\n');
    expect(addNoteDependencies(wbs, { macro: { path: 'P/macro-level-plan.md', text: macro } }, 'P/micro-level-plan.md')).toEqual([]);
    expect(wbs.workstreams.map((w) => w.dependsOn)).toEqual([[], ['W1'], [], ['W2', 'W3']]);
    expect(wbs.workstreams[3]!.dependencySources).toEqual([{ source: 'macro', on: ['W2', 'W3'], line: 5, file: 'P/macro-level-plan.md' }]);
  });

  it("reads the meso plan's §10 sequencing when it numbers workstreams as the WBS does", () => {
    const wbs = parseWbs(MICRO);
    const meso = ['9. Traceability Matrix', '- x', '10. Readiness for Micro-Level Planning', '- Workstreams/Epics', '  1) Station registry', '  2) Prediction engine', '- Critical path: 1) Station registry → 2) Prediction engine → Chart view', '11. Diagrams'].join('\n');
    expect(addNoteDependencies(wbs, { meso: { path: 'P/meso-level-plan.md', text: meso } })).toEqual([]);
    expect(wbs.workstreams.map((w) => w.dependsOn)).toEqual([[], ['W1'], ['W2'], []]);
  });

  it('leaves §10 out, with a warning, when its workstreams are numbered differently', () => {
    const wbs = parseWbs(MICRO);
    const meso = ['10. Readiness for Micro-Level Planning', '- WS1: Station registry', '- WS2: Alerts and pushes', '- WS1 → WS2', '11. Diagrams', '12. Out of Scope'].join('\n');
    const warnings = addNoteDependencies(wbs, { meso: { path: 'P/meso-level-plan.md', text: meso } });
    expect(wbs.workstreams.map((w) => w.dependsOn)).toEqual([[], [], [], []]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/numbers its workstreams differently from the WBS: its workstream 2 is "Alerts and pushes", the WBS's W2 is "Prediction engine"/);
  });

  it('warns when the macro table disagrees with the WBS, naming both lines', () => {
    const wbs = parseWbs(MICRO.replace('### Epic 3: Chart view', '### Epic 3: Chart view\nDepends on: Epic 2'));
    const macro = ['| Workstream | Depends on |', '|---|---|', '| W3 | W1 |'].join('\n');
    addNoteDependencies(wbs, { macro: { path: 'macro.md', text: macro } }, 'micro.md');
    expect(wbs.workstreams[2]!.dependsOn).toEqual(['W2', 'W1']);
    expect(wbs.warnings?.[0]?.message).toMatch(/the WBS \(micro\.md, line 7\) says Epic 2 \(W2\); the macro-level plan \(macro\.md, line 3\) says Epic 1 \(W1\)/);
  });
});
