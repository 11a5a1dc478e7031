import { workstreamNotInWbs } from '../../../../src/core/escalation/rules/workstream-not-in-wbs';
import { MesoPlanBuilder } from '../../../support/builders/MesoPlanBuilder';
import { lineOf, WbsBuilder } from '../../../support/builders/WbsBuilder';
import { contextFrom, MESO_LINK, MESO_PATH } from '../context-from-markdown';

describe('workstream-not-in-wbs', () => {
  it('escalates when the meso plan describes the planned workstream but the WBS lacks it', () => {
    const wbs = new WbsBuilder().without('W2').withDependsOn('W3', ['W1']).build();
    const meso = new MesoPlanBuilder().build();
    const [e, ...rest] = workstreamNotInWbs(contextFrom({ wbs, meso }));
    expect(rest).toEqual([]);
    const line = lineOf(meso, '## W2: Inspection API');
    expect(e).toMatchObject({ rule: 'workstream-not-in-wbs', workstreamName: 'Inspection API', file: MESO_PATH, line });
    expect(e!.mesoSection).toBe(`[[${MESO_LINK}#W2 Inspection API]]`);
    expect(e!.evidence[0]).toBe(`${MESO_PATH} line ${line}: "## W2: Inspection API"`);
    expect(e!.evidence).toContain('The WBS defines these workstreams: W1, W3.');
    // Three quoted lines at most, then a count.
    expect(e!.evidence.some((s) => /^…and \d+ more lines? of /.test(s))).toBe(true);
  });

  it('escalates when a contract pairs the planned workstream with one the WBS lacks', () => {
    const meso = new MesoPlanBuilder().withSection(3, 'W5 → W2: Reporting feed', ['W5 pushes nightly aggregates.'], 'Open Questions').build();
    const [e, ...rest] = workstreamNotInWbs(contextFrom({ meso }));
    expect(rest).toEqual([]);
    expect(e!.blocker).toContain('contract between W2 and W5');
    expect(e!.mesoSection).toBe(`[[${MESO_LINK}#W5 → W2 Reporting feed]]`);
    expect(e!.line).toBe(lineOf(meso, '### W5 → W2'));
    expect(e!.evidence[0]).toContain('a contract in which W5 provides to W2');
  });

  it('stays quiet when the missing counterpart is already a WBS dependency (undefined-dependency reports it)', () => {
    const meso = new MesoPlanBuilder().withSection(3, 'W5 → W2: Reporting feed', [], 'Open Questions').build();
    const wbs = new WbsBuilder().withDependsOn('W2', ['W1', 'W5']).build();
    expect(workstreamNotInWbs(contextFrom({ wbs, meso }))).toEqual([]);
  });

  it('stays quiet when the contract with an unknown workstream does not involve the planned one', () => {
    const meso = new MesoPlanBuilder().withSection(3, 'W5 → W3: Reporting feed', [], 'Open Questions').build();
    expect(workstreamNotInWbs(contextFrom({ meso }))).toEqual([]);
  });

  it('stays quiet when the WBS defines every workstream the meso plan names', () => {
    expect(workstreamNotInWbs(contextFrom())).toEqual([]);
  });

  it('stays quiet when neither note names the planned workstream (a usage error, not an escalation)', () => {
    expect(workstreamNotInWbs(contextFrom({ workstreamId: 'W9' }))).toEqual([]);
  });
});
