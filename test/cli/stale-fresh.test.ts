/**
 * A plan is stale when what it was planned from changed, never merely because it was read back.
 * `list` must compute the very scope `plan` used, on every note shape we read: the micro plan's
 * §4 components decide a workstream's modules and so which meso sections it is planned from.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { cli } from '../support/run-cli';
import { tempVault, type TempVault } from '../support/temp-vault';

const VAULTS = readdirSync(path.join(__dirname, '../fixtures/vaults')).filter((d) => d.startsWith('upstream-'));

interface Listed {
  id: string;
  status: string;
  stale: boolean;
  staleBecause: Array<{ message: string }>;
}

async function listed(dir: string, project: string[]): Promise<Listed[]> {
  const r = await cli(['list', '--vault', dir, ...project, '--json']);
  expect(r.code).toBe(0);
  return (JSON.parse(r.out) as { workstreams: Listed[] }).workstreams;
}

async function planningSets(dir: string): Promise<string[][]> {
  const r = await cli(['list', '--vault', dir, '--json']);
  expect(r.code).toBe(0);
  const sets = (JSON.parse(r.out) as { planningSets?: Array<{ folder: string }> }).planningSets ?? [];
  return sets.length > 0 ? sets.map((s) => ['--project', s.folder]) : [[]];
}

describe.each(VAULTS)('plans just written on the %s fixture vault', (fixture) => {
  let v: TempVault;
  beforeEach(() => {
    v = tempVault(fixture);
  });
  afterEach(() => v.cleanup());

  it('are all fresh', async () => {
    let planned = 0;
    for (const project of await planningSets(v.dir)) {
      const r = await cli(['plan', '--all', '--vault', v.dir, ...project]);
      expect(r.code).toBeLessThan(2);
      const ws = await listed(v.dir, project);
      const written = ws.filter((w) => w.status === 'draft' || w.status === 'ready');
      planned += written.length;
      expect(written.filter((w) => w.stale).map((w) => `${w.id}: ${w.staleBecause.map((s) => s.message).join('; ')}`)).toEqual([]);
    }
    expect(planned).toBeGreaterThan(0);
  });
});

describe('the upstream-component-scope vault (the micro plan names the components)', () => {
  it('plans W3 from the meso section its component traces to, and list agrees', async () => {
    const v = tempVault('upstream-component-scope');
    try {
      expect((await cli(['plan', '--vault', v.dir, '--workstream', 'W3'])).code).toBe(0);
      const w3 = (await listed(v.dir, [])).find((w) => w.id === 'W3')!;
      expect(w3).toMatchObject({ status: 'draft', stale: false, staleBecause: [] });
    } finally {
      v.cleanup();
    }
  });
});
