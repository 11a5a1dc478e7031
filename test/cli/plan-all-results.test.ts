/**
 * How `plan --all` deals with each kind of batch result: errored (worth retrying or not), expired,
 * an answer stopped at its output limit, an outline that does not validate, an outline that escalates.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import matter from 'gray-matter';
import { copyExampleVault } from '../support/example-vault';
import { cli } from '../support/run-cli';
import { startAnthropicServer, type AnthropicServer, type MockRequest, type ResponseScript } from '../support/anthropic-server';
import { projectResponder, workstreamOfRequest } from '../support/anthropic-server/planner-responder';
import { FsVault } from '../../src/cli/fs-vault';
import { DEFAULT_SETTINGS } from '../../src/core/contracts/settings';
import { preparePlan } from '../../src/core/planner/prepare-plan';
import { deriveOutline } from '../../src/core/plan/derive-outline';
import type { Outline } from '../../src/core/contracts/outline';

const KEY = 'sk-ant-test-results';
const IDS = ['W1', 'W2', 'W3'];
const plan = (id: string): string => `Planning/${id}-micro-level-plan.md`;

interface RunJson {
  workstreams: Array<{ id: string; status: string; reason?: string; note: string | null; planStatus?: string }>;
  requests: { batched: number; streamed: number };
  batches: string[];
}

describe('plan --all and the results of its batches', () => {
  let server: AnthropicServer;
  let v: { dir: string; cleanup(): void };
  let outlines: Record<string, Outline>;
  const read = (rel: string): string => readFileSync(path.join(v.dir, rel), 'utf8');
  const env = (): Record<string, string> => ({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url });
  /** The project responder, with `twist` answering some requests differently (null: the normal answer). */
  const respond = (twist: (req: MockRequest, kind: 'outline' | 'section', id: string | null) => ResponseScript | null): void => {
    server.setScript(projectResponder({ outlines, mesoTarget: 'meso-level-plan', override: (req, kind) => twist(req, kind, workstreamOfRequest(req)) }));
  };
  const run = async (): Promise<{ code: number; o: RunJson; err: string }> => {
    const r = await cli(['plan', '--vault', v.dir, '--all', '--yes', '--json'], { env: env() });
    return { code: r.code, o: JSON.parse(r.out) as RunJson, err: r.err };
  };
  const inBatch = (batchId: string): string[] => server.batchRequests().filter((b) => b.batchId === batchId).map((b) => b.customId);

  beforeAll(async () => {
    server = await startAnthropicServer();
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    server.reset();
    v = copyExampleVault();
    outlines = {};
    for (const id of IDS) {
      const p = await preparePlan(new FsVault(v.dir), DEFAULT_SETTINGS, { workstream: id });
      if (!p.ok || p.value.kind !== 'ready') throw new Error(id);
      outlines[id] = deriveOutline(p.value.scope, p.value.ctx.wbs);
    }
  });
  afterEach(() => v.cleanup());

  it('sends an overloaded or expired request again in a follow-up batch, and only those', async () => {
    // W2's sections: the first (the primer batch) answered; of the rest, one overloaded and one expired.
    let seen = 0;
    respond((req, kind, id) => {
      if (kind !== 'section' || id !== 'W2') return null;
      seen++;
      if (seen === 2) return { fault: { kind: 'overloaded' } };
      if (seen === 3) return { batchOutcome: 'expired' };
      return null;
    });
    const { code, o } = await run();
    expect(code).toBe(0);
    expect(o.workstreams.map((w) => w.status)).toEqual(['done', 'done', 'done']);
    // Level 2: outlines, the primer, the other sections, then one follow-up with just the two that failed.
    expect(o.batches).toHaveLength(10);
    expect(inBatch(o.batches[4]!)).toHaveLength(1);
    expect(inBatch(o.batches[6]!)).toHaveLength(2);
    expect(inBatch(o.batches[6]!).every((c) => c.startsWith('W2-s'))).toBe(true);
    expect((matter(read(plan('W2')), {}).data as { status: string }).status).toBe('ready_for_decomposition');
  });

  it('asks again with twice the room for an answer stopped at its output limit', async () => {
    // The second of W1's sections (the first of its batch after the primer) stops at its output limit.
    let seen = 0;
    respond((req, kind, id) => {
      if (kind !== 'section' || id !== 'W1' || ++seen !== 2) return null;
      return { text: 'x'.repeat(200), stopReason: 'max_tokens' };
    });
    const { code, o } = await run();
    expect(code).toBe(0);
    const followUp = server.batchRequests().filter((b) => b.batchId === o.batches[3]);
    expect(followUp).toHaveLength(1);
    const firstTry = server.batchRequests().find((b) => b.batchId === o.batches[2] && b.customId === followUp[0]!.customId)!;
    const outputThen = (firstTry.usage as { output_tokens: number }).output_tokens;
    expect((followUp[0]!.params as { max_tokens: number }).max_tokens).toBeGreaterThanOrEqual(outputThen * 2);
    expect(read(plan('W1'))).not.toContain('x'.repeat(200));
  });

  it('a request that fails for good leaves the plan interrupted where it failed, and skips what depends on it', async () => {
    respond((req, kind, id) => (kind === 'section' && id === 'W2' ? { fault: { kind: 'http-error', status: 400, type: 'invalid_request_error', message: 'prompt is too long' } } : null));
    const { code, o } = await run();
    expect(code).toBe(3);
    expect(o.workstreams.map((w) => [w.id, w.status])).toEqual([
      ['W1', 'done'],
      ['W2', 'failed'],
      ['W3', 'skipped'],
    ]);
    expect(o.workstreams[1]!.reason).toMatch(/invalid_request_error: prompt is too long/);
    expect(o.workstreams[2]!.reason).toMatch(/W2 has no finished plan/);
    const w2 = read(plan('W2'));
    expect((matter(w2, {}).data as { status: string }).status).toBe('interrupted');
    expect(w2).toMatch(/Planning was interrupted/);
    // Not sent again (an invalid request would fail again), and W2's other sections are not sent after its first failed for good.
    expect(o.batches).toHaveLength(5);
    expect(server.batchRequests().filter((b) => b.customId.startsWith('W2-s'))).toHaveLength(1);
  });

  it('an outline that does not validate is asked again with its problems; twice invalid, the derived outline is used', async () => {
    respond((req, kind, id) => (kind === 'outline' && id === 'W3' ? { text: '{"modules": []}' } : null));
    const { code, o, err } = await run();
    expect(code).toBe(0);
    const retry = server.batchRequests().find((b) => b.customId === 'W3-o2')!;
    expect(JSON.stringify(retry.params)).toMatch(/was rejected for these reasons/);
    expect(err).toMatch(/W3 did not validate twice, so the outline was derived from the WBS/);
    const planner = (matter(read(plan('W3')), {}).data as { planner: { outlineSource: string } }).planner;
    expect(planner.outlineSource).toBe('fallback');
    expect(o.workstreams[2]!.status).toBe('done');
  });

  it("Claude's escalation from an outline writes the escalation note, leaves no plan note, and skips what depends on it", async () => {
    const escalation = { blocker: 'The sync-state contract names no error codes.', mesoSection: '[[meso-level-plan#W2 → W3: Inspection REST API]]', evidence: ['PUT /v1/inspections/{id}/sync-state lists no failures'], questions: ['Which errors may the sync-state endpoint answer?'], recommendation: 'List them in the contract.' };
    respond((req, kind, id) => (kind === 'outline' && id === 'W2' ? { text: JSON.stringify({ ...outlines['W2']!, escalation }) } : null));
    const { code, o } = await run();
    expect(code).toBe(1);
    expect(o.workstreams.map((w) => [w.id, w.status])).toEqual([
      ['W1', 'done'],
      ['W2', 'escalated'],
      ['W3', 'skipped'],
    ]);
    expect(read('Planning/W2-escalation.md')).toContain('The sync-state contract names no error codes.');
    // The stand-in note the run made for W2 went to the vault's trash, not into the void.
    expect(existsSync(path.join(v.dir, plan('W2')))).toBe(false);
    expect(readdirSync(path.join(v.dir, '.trash'))).toEqual(['W2-micro-level-plan.md']);
  });
});
