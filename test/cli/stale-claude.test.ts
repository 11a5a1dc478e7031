import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import matter from 'gray-matter';
import { copyExampleVault } from '../support/example-vault';
import { cli } from '../support/run-cli';
import { startAnthropicServer, type AnthropicServer } from '../support/anthropic-server';
import { plannerResponder } from '../support/anthropic-server/planner-responder';
import { FsVault } from '../../src/cli/fs-vault';
import { DEFAULT_SETTINGS } from '../../src/core/contracts/settings';
import { preparePlan } from '../../src/core/planner/prepare-plan';
import { deriveOutline } from '../../src/core/plan/derive-outline';
import type { Outline } from '../../src/core/contracts/outline';
import { readInputRecord } from '../../src/core/inputs/input-record';

const KEY = 'sk-ant-test-stale';
const MESO = 'research/project-planning/meso-level-plan.md';
const W2 = 'Planning/W2-micro-level-plan.md';

describe('stale plans written with Claude', () => {
  let server: AnthropicServer;
  let v: { dir: string; cleanup(): void };
  const file = (rel: string): string => path.join(v.dir, rel);
  const read = (rel: string): string => readFileSync(file(rel), 'utf8');
  const env = (): Record<string, string> => ({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url });
  const staleOf = async (id: string): Promise<string[]> => {
    const r = await cli(['list', '--vault', v.dir, '--json']);
    const w = (JSON.parse(r.out) as { workstreams: Array<{ id: string; staleBecause: Array<{ message: string }> }> }).workstreams.find((x) => x.id === id)!;
    return w.staleBecause.map((c) => c.message);
  };

  beforeAll(async () => {
    server = await startAnthropicServer();
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    server.reset();
    v = copyExampleVault();
    const p = await preparePlan(new FsVault(v.dir), DEFAULT_SETTINGS, { workstream: 'W2' });
    if (!p.ok || p.value.kind !== 'ready') throw new Error('example vault does not plan');
    const derived = deriveOutline(p.value.scope, p.value.ctx.wbs);
    // Claude's outline traces one module to a section outside W2's scope: the plan cites it.
    const outline: Outline = { ...derived, modules: derived.modules.map((m, i) => (i === 0 ? { ...m, mesoHeadings: [...m.mesoHeadings, 'System overview'] } : m)) };
    server.setScript(plannerResponder({ outline, mesoTarget: 'meso-level-plan', script: { chunkChars: 200 } }));
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes'], { env: env() });
    expect(r.code).toBe(0);
  });
  afterEach(() => v.cleanup());

  it('records the scope, the sections the plan cites, the WBS rows, the upstream plans and the instructions', () => {
    const record = readInputRecord(matter(read(W2), {}).data as Record<string, unknown>);
    expect(record).not.toBeNull();
    expect(Object.keys(record!.meso)).toEqual(expect.arrayContaining(['W2 Data model', 'W1 → W2: Platform services for the API', 'System overview']));
    expect(Object.keys(record!.meso)).not.toContain('W3 Mapping');
    expect(Object.keys(record!.workstreams)).toEqual(['W2', 'W1']);
    expect(Object.keys(record!.workstreams['W2']!.tasks)).toHaveLength(7);
    expect(record!.upstream).toEqual({ W1: null });
    expect(record!.instructions).toMatch(/^[0-9a-f]{16}$/);
  });

  it('a plan is fresh after it is written; a section it cites goes stale like one in its scope', async () => {
    expect(await staleOf('W2')).toEqual([]);
    writeFileSync(file(MESO), read(MESO).replace('One PostgreSQL 16 database', 'One PostgreSQL 17 database'));
    expect(await staleOf('W2')).toEqual(['meso section "System overview" changed']);
  });

  it('other instructions make it stale: a prompt template note named in the settings', async () => {
    const config = file('.obsidian/plugins/workstream-planner');
    mkdirSync(config, { recursive: true });
    writeFileSync(path.join(config, 'data.json'), JSON.stringify({ promptTemplateNote: 'Templates/Planner.md' }));
    mkdirSync(file('Templates'));
    writeFileSync(file('Templates/Planner.md'), 'Our own planning instructions.\n');
    expect(await staleOf('W2')).toEqual(['the instructions changed']);
  });
});
