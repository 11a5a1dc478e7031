import { undefinedDependency } from '../../../../src/core/escalation/rules/undefined-dependency';
import { lineOf, WbsBuilder } from '../../../support/builders/WbsBuilder';
import { contextFrom, WBS_PATH } from '../context-from-markdown';

describe('undefined-dependency', () => {
  it('escalates when the planned workstream depends on an id the WBS never defines', () => {
    const wbs = new WbsBuilder().withDependsOn('W2', ['W1', 'W7']).build();
    const [e, ...rest] = undefinedDependency(contextFrom({ wbs }));
    expect(rest).toEqual([]);
    const line = lineOf(wbs, 'Depends on: W1, W7');
    expect(e).toMatchObject({ rule: 'undefined-dependency', file: WBS_PATH, line });
    expect(e!.blocker).toContain('W2 depends on W7, but the WBS defines no workstream W7');
    expect(e!.evidence).toEqual([
      `${WBS_PATH} line ${line}: "Depends on: W1, W7" (W2 lists W7 among its dependencies)`,
      'The WBS defines these workstreams: W1, W2, W3.',
    ]);
  });

  it('escalates once per missing id', () => {
    const wbs = new WbsBuilder().withDependsOn('W2', ['W7', 'W8']).build();
    expect(undefinedDependency(contextFrom({ wbs })).map((e) => e.blocker.split(',')[0])).toEqual([
      'W2 depends on W7',
      'W2 depends on W8',
    ]);
  });

  it('stays quiet when every dependency is defined', () => {
    expect(undefinedDependency(contextFrom())).toEqual([]);
  });

  it('stays quiet when only another workstream has an undefined dependency', () => {
    const wbs = new WbsBuilder().withDependsOn('W3', ['W2', 'W7']).build();
    expect(undefinedDependency(contextFrom({ wbs }))).toEqual([]);
  });

  it('escalates a missing id once although two definitions of the workstream list it', () => {
    const wbs = new WbsBuilder().withDependsOn('W2', ['W7']).withExtraWorkstream('W2', 'Field Reports', { dependsOn: ['W7', 'W8'], tasks: [{ id: 'W2.9', title: 'x', estimate: '1d' }] }).build();
    const found = undefinedDependency(contextFrom({ wbs }));
    expect(found.map((e) => e.blocker.split(',')[0])).toEqual(['W2 depends on W7', 'W2 depends on W8']);
    expect(found[0]!.line).toBe(lineOf(wbs, 'Depends on: W7'));
  });
});

describe('undefined-dependency, the request as the user reads it', () => {
  it('names the missing id and the defined ones, and asks whether it is a typo', () => {
    const wbs = new WbsBuilder().withDependsOn('W2', ['W9']).build();
    const line = lineOf(wbs, 'Depends on: W9');
    expect(undefinedDependency(contextFrom({ wbs }))).toStrictEqual([
      {
        rule: 'undefined-dependency',
        workstreamId: 'W2',
        workstreamName: 'Inspection API',
        blocker: 'W2 depends on W9, but the WBS defines no workstream W9, so that dependency cannot be planned against.',
        mesoSection: `None: the dependency is stated in the WBS in ${WBS_PATH}.`,
        evidence: [`${WBS_PATH} line ${line}: "Depends on: W9" (W2 lists W9 among its dependencies)`, 'The WBS defines these workstreams: W1, W2, W3.'],
        questions: [
          'Is W9 a typo for one of the defined workstreams, and if so which?',
          'If W9 is a real workstream, what are its name and tasks, and what does it provide to W2?',
        ],
        recommendation: "Correct W2's dependency list, or add W9 to the WBS with its tasks (and its contract with W2 to the meso plan), then plan again.",
        file: WBS_PATH,
        line,
      },
    ]);
  });
});

describe('undefined-dependency, a definition without a dependency line', () => {
  it('cites the workstream’s own line', () => {
    const base = contextFrom({ wbs: new WbsBuilder().withDependsOn('W2', ['W7']).build() });
    const wbs = { workstreams: base.wbs.workstreams.map(({ dependsLine: _drop, ...w }) => w) };
    const [e] = undefinedDependency({ ...base, wbs });
    const w2 = wbs.workstreams.find((w) => w.id === 'W2')!;
    expect(e!.line).toBe(w2.line);
    expect(e!.evidence[0]).toBe(`${WBS_PATH} line ${w2.line}: "### W2: Inspection API" (W2 lists W7 among its dependencies)`);
  });
});
