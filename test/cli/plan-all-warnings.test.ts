/**
 * `plan --all` with Claude, streamed, on a fixture vault whose planning set has warnings of its own:
 * each workstream's planning reads the set again, after the plans before it added their links to the
 * meso plan's frontmatter, so the same warning comes back naming other lines. Each is printed once, with
 * the line it names in the files as the run left them (as the offline run does).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { cli } from '../support/run-cli';
import { tempVault, type TempVault } from '../support/temp-vault';
import { startAnthropicServer, type AnthropicServer } from '../support/anthropic-server';
import { projectResponder } from '../support/anthropic-server/planner-responder';
import { FsVault } from '../../src/cli/fs-vault';
import { DEFAULT_SETTINGS } from '../../src/core/contracts/settings';
import { preparePlan } from '../../src/core/planner/prepare-plan';
import { deriveOutline } from '../../src/core/plan/derive-outline';
import type { Outline } from '../../src/core/contracts/outline';

const KEY = 'sk-ant-test-plan-all-warnings';
const MESO = '01-Projects/Lantern/Planning/meso-level-plan.md';

async function outlines(dir: string, ids: string[]): Promise<Record<string, Outline>> {
  const out: Record<string, Outline> = {};
  for (const id of ids) {
    const p = await preparePlan(new FsVault(dir), DEFAULT_SETTINGS, { workstream: id });
    if (!p.ok || p.value.kind !== 'ready') throw new Error(`the fixture does not plan ${id}`);
    out[id] = deriveOutline(p.value.scope, p.value.ctx.wbs);
  }
  return out;
}

describe('plan --all with Claude prints the planning set\'s warnings once', () => {
  let server: AnthropicServer;
  let v: TempVault;
  beforeAll(async () => {
    server = await startAnthropicServer();
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    server.reset();
    v = tempVault('upstream-w-headings');
    server.setScript(projectResponder({ outlines: await outlines(v.dir, ['W1', 'W2', 'W3']), mesoTarget: 'meso-level-plan' }));
  });
  afterEach(() => v.cleanup());

  it.each([
    ['streamed', ['--no-batch']],
    ['through batches', []],
  ])('%s: each once, naming the line where it is now', async (_name, flags) => {
    const r = await cli(['plan', '--all', '--vault', v.dir, '--yes', ...flags], { env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url } });
    expect(r.code).toBe(0);
    const warnings = r.err.split('\n').filter((l) => l.startsWith('warning: '));
    expect(warnings).toEqual([...new Set(warnings)]);
    const meso = warnings.filter((l) => l.includes('numbers its workstreams differently'));
    expect(meso).toHaveLength(1);
    const named = Number(/\(line (\d+),/.exec(meso[0]!)![1]);
    const lines = readFileSync(path.join(v.dir, MESO), 'utf8').split('\n');
    expect(lines[0]).toBe('---'); // the run linked the plans from the meso plan's frontmatter
    expect(lines[named - 1]).toBe('## 10. Readiness for Micro-Level Planning');
  });
});
