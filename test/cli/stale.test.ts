import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { copyExampleVault } from '../support/example-vault';
import { cli } from '../support/run-cli';
import { insertMesoCallouts } from '../../src/core/escalation/meso-callouts';
import type { Escalation } from '../../src/core/contracts/escalation';

const MESO = 'research/project-planning/meso-level-plan.md';
const MICRO = 'research/project-planning/micro-level-plan.md';
const W2 = 'Planning/W2-micro-level-plan.md';

interface Listed {
  id: string;
  status: string;
  stale: boolean;
  staleBecause: Array<{ kind: string; name: string; change: string; message: string }>;
}

describe('stale plans on the example vault (offline drafts)', () => {
  let v: { dir: string; cleanup(): void };
  const file = (rel: string): string => path.join(v.dir, rel);
  const read = (rel: string): string => readFileSync(file(rel), 'utf8');
  const edit = (rel: string, from: string, to: string): void => {
    const text = read(rel);
    expect(text).toContain(from);
    writeFileSync(file(rel), text.replace(from, to));
  };
  const list = async (): Promise<Record<string, Listed>> => {
    const r = await cli(['list', '--vault', v.dir, '--json']);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.out) as { workstreams: Listed[] };
    return Object.fromEntries(parsed.workstreams.map((w) => [w.id, w]));
  };

  beforeEach(async () => {
    v = copyExampleVault();
    expect((await cli(['plan', '--vault', v.dir, '--workstream', 'W1'])).code).toBe(0);
    expect((await cli(['plan', '--vault', v.dir, '--workstream', 'W2'])).code).toBe(0);
  });
  afterEach(() => v.cleanup());

  it('a plan just written is fresh; one never planned is not stale', async () => {
    const l = await list();
    expect(l['W1']).toMatchObject({ stale: false, staleBecause: [] });
    expect(l['W2']).toMatchObject({ stale: false, staleBecause: [] });
    expect(l['W3']).toMatchObject({ status: 'not_planned', stale: false, staleBecause: [] });
  });

  it('editing the meso section W2 depends on marks W2 stale and names the section; W1 stays fresh', async () => {
    edit(MESO, '`sync_state`: one row per inspection', '`sync_state`: exactly one row per inspection');
    const l = await list();
    expect(l['W2']!.stale).toBe(true);
    expect(l['W2']!.staleBecause).toEqual([{ kind: 'meso-section', name: 'W2 Data model', change: 'changed', message: 'meso section "W2 Data model" changed' }]);
    expect(l['W1']!.stale).toBe(false);
    const text = await cli(['list', '--vault', v.dir]);
    expect(text.out).toMatch(/^W2 .*draft, stale$/m);
    expect(text.out).toContain('~ stale: meso section "W2 Data model" changed');
  });

  it('a contract W2 provides is an input too', async () => {
    edit(MESO, 'breaking changes need a `/v2` path', 'breaking changes need a `/v2` path and a deprecation notice');
    expect((await list())['W2']!.staleBecause.map((c) => c.name)).toEqual(['W2 → W3: Inspection REST API']);
  });

  it('editing sections W2 does not use does not make it stale, nor do spacing changes', async () => {
    edit(MESO, 'Tidewater ratings 1–5 map to AssetHub', 'Tidewater ratings 1 to 5 map to AssetHub');
    edit(MESO, 'Both processes run as separate Deployments', 'Both processes run as two Deployments');
    edit(MESO, '### W2 Authorization\n', '### W2 Authorization   \n\n\n');
    writeFileSync(file(MESO), read(MESO).replace(/\n/g, '\r\n'));
    const l = await list();
    expect(l['W2']).toMatchObject({ stale: false, staleBecause: [] });
  });

  it("the planner's own escalation callouts in the meso plan are not content", async () => {
    const e: Escalation = {
      rule: 'unresolved-decision',
      workstreamId: 'W2',
      workstreamName: 'Inspection API',
      blocker: 'The photo size limit is TBD.',
      mesoSection: '[[meso-level-plan#W2 Photo storage]]',
      evidence: ['meso-level-plan.md line 60'],
      questions: ['How large may a photo be?'],
      recommendation: 'Decide it.',
    };
    const withCallout = insertMesoCallouts(read(MESO), [e], MESO);
    expect(withCallout).not.toBe(read(MESO));
    writeFileSync(file(MESO), withCallout);
    expect((await list())['W2']!.stale).toBe(false);
  });

  it('changing a W2 task in the WBS marks it stale, naming the task; adding and removing tasks count too', async () => {
    edit(MICRO, '| W2-T3 | Implement `GET', '| W2-T3 | Build `GET');
    expect((await list())['W2']!.staleBecause).toEqual([{ kind: 'task', name: 'W2-T3', change: 'changed', message: 'task W2-T3 changed' }]);
    edit(MICRO, '| W2-T7 | Generate and publish the OpenAPI document, plus contract tests against it | 6h |\n', '');
    edit(MICRO, '| W2-T6 |', '| W2-T8 | Rate limiting per client | 3h |\n| W2-T6 |');
    const names = (await list())['W2']!.staleBecause.map((c) => `${c.name} ${c.change}`);
    expect(names).toEqual(['W2-T3 changed', 'W2-T7 removed', 'W2-T8 added']);
  });

  it("a task of a workstream W2 depends on counts; W3's tasks do not", async () => {
    edit(MICRO, '| T3.2 | Rate-limited AssetHub client', '| T3.2 | Throttled AssetHub client');
    expect((await list())['W2']!.stale).toBe(false);
    edit(MICRO, '**W1.3** Typed configuration loader', '**W1.3** Typed config loader');
    const l = await list();
    expect(l['W1']!.staleBecause.map((c) => c.name)).toEqual(['W1.3']);
    expect(l['W2']!.staleBecause.map((c) => c.name)).toEqual(['W1.3']);
  });

  it("an edit of W1's plan makes W2 stale (its upstream plan changed); W1's own plan is not an input of W1", async () => {
    edit('Planning/W1-micro-level-plan.md', '## 1. ', 'A note the W1 team added.\n\n## 1. ');
    const l = await list();
    expect(l['W1']!.stale).toBe(false);
    expect(l['W2']!.staleBecause).toEqual([{ kind: 'upstream-plan', name: 'W1', change: 'changed', message: "W1's plan changed" }]);
  });

  it('a plan written before its upstream plan goes stale when that one is written', async () => {
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W3']);
    expect(r.code).toBe(0);
    expect((await list())['W3']!.stale).toBe(false);
    rmSync(file(W2));
    expect((await list())['W3']!.staleBecause).toEqual([{ kind: 'upstream-plan', name: 'W2', change: 'removed', message: "W2's plan is gone" }]);
    await cli(['plan', '--vault', v.dir, '--workstream', 'W3', '--force']);
    expect((await list())['W3']!.stale).toBe(false);
    await cli(['plan', '--vault', v.dir, '--workstream', 'W2']);
    expect((await list())['W3']!.staleBecause).toEqual([{ kind: 'upstream-plan', name: 'W2', change: 'added', message: "W2's plan was written after this one" }]);
  });

  it('re-planning keeps the old plan in the backups, says which sections changed, and makes the plan fresh', async () => {
    edit(MESO, '`sync_state`: one row per inspection', '`sync_state`: exactly one row per inspection');
    const old = read(W2);
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--force']);
    expect(r.code).toBe(0);
    const backups = readdirSync(file('Planning/.backup'));
    expect(backups).toHaveLength(1);
    expect(read(`Planning/.backup/${backups[0]}`)).toBe(old);
    // The offline draft quotes the meso data model in the module that traces to it.
    expect(r.err).toMatch(/Against the previous plan: 1 section changed \(2\.1\.1 Purpose and Responsibilities\); \d+ unchanged\./);
    expect((await list())['W2']).toMatchObject({ stale: false, staleBecause: [] });

    const json = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--force', '--json']);
    expect(JSON.parse(json.out).changes).toMatchObject({ changed: [], added: [], removed: [] });
  });

  it('check reports staleness as information: the exit code and the items stay those of readiness', async () => {
    const before = await cli(['check', '--vault', v.dir, '--note', W2, '--json']);
    edit(MICRO, '| W2-T3 | Implement `GET', '| W2-T3 | Build `GET');
    const after = await cli(['check', '--vault', v.dir, '--note', W2, '--json']);
    expect(after.code).toBe(before.code);
    const b = JSON.parse(before.out) as { items: unknown; stale: boolean };
    const a = JSON.parse(after.out) as { items: unknown; stale: boolean; staleBecause: Array<{ name: string }> };
    expect(a.items).toEqual(b.items);
    expect(b.stale).toBe(false);
    expect(a.stale).toBe(true);
    expect(a.staleBecause.map((c) => c.name)).toEqual(['W2-T3']);
    const text = await cli(['check', '--vault', v.dir, '--note', W2]);
    expect(text.out).toMatch(/^ {2}info {2}stale: planned from inputs that changed since: task W2-T3 changed\. Re-plan with --force/m);
  });

  it('list and check never rewrite a note, stale or not', async () => {
    edit(MESO, '`sync_state`: one row per inspection', '`sync_state`: exactly one row per inspection');
    const snapshot = (): string[] => ['Planning/W1-micro-level-plan.md', W2, MESO, MICRO].map(read);
    const before = snapshot();
    await cli(['list', '--vault', v.dir]);
    await cli(['list', '--vault', v.dir, '--json']);
    await cli(['check', '--vault', v.dir, '--note', W2]);
    await cli(['check', '--vault', v.dir, '--note', W2, '--json']);
    expect(snapshot()).toEqual(before);
  });

  it('a plan that records no inputs (written by an earlier version) is not called stale, and check says it cannot tell', async () => {
    const text = read(W2).replace(/^planner: .*\n/m, '');
    writeFileSync(file(W2), text);
    edit(MESO, '`sync_state`: one row per inspection', '`sync_state`: exactly one row per inspection');
    expect((await list())['W2']).toMatchObject({ stale: false, staleBecause: [] });
    const c = await cli(['check', '--vault', v.dir, '--note', W2]);
    expect(c.out).toMatch(/does not record what it was planned from/);
  });
});
