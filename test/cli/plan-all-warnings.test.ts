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
import { plannerOutlines } from '../support/planner-outlines';

const KEY = 'sk-ant-test-plan-all-warnings';
const MESO = '01-Projects/Lantern/Planning/meso-level-plan.md';

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
    server.setScript(projectResponder({ outlines: await plannerOutlines(new FsVault(v.dir), ['W1', 'W2', 'W3']), mesoTarget: 'meso-level-plan' }));
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
