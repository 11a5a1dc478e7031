/**
 * The CLI against a local server that behaves as the Claude API does today: the 5.5 models think (9 000
 * tokens per call here), bill thinking as output, key their cache on output_config.format, refuse unknown
 * and retired models, and stop on billing and spend-limit errors.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import matter from 'gray-matter';
import { copyExampleVault } from '../support/example-vault';
import { cli } from '../support/run-cli';
import { startAnthropicServer, SERVER_MODELS, type AnthropicServer } from '../support/anthropic-server';
import { plannerResponder } from '../support/anthropic-server/planner-responder';
import type { Outline } from '../../src/core/contracts/outline';
import { outlineFor } from '../e2e/lib/outline';
import { priceFor } from '../../src/core/providers/anthropic/pricing';
import { callUsage, totalUsage } from '../../src/core/providers/anthropic/usage';

const KEY = 'sk-ant-test-KEY-5151-never-print-me';
const PLAN = 'Planning/W2-micro-level-plan.md';
const THINKING = 9000;


/** A model the server serves but the planner has no price for. */
const LAB_MODEL = { ...SERVER_MODELS[0]!, id: 'claude-lab-1', displayName: 'Claude Lab 1' };

describe('planning W2 against the Claude API as it is today', () => {
  let server: AnthropicServer;
  let v: { dir: string; cleanup(): void };
  let outline: Outline;
  const read = (rel: string): string => readFileSync(path.join(v.dir, rel), 'utf8');
  const env = (): Record<string, string> => ({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url });

  beforeAll(async () => {
    server = await startAnthropicServer({
      models: [...SERVER_MODELS, LAB_MODEL],
      thinking: { tokens: { low: THINKING, medium: THINKING, high: THINKING, xhigh: THINKING, max: THINKING } },
      now: () => Date.parse('2026-12-03T12:00:00Z'),
    });
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    server.reset();
    v = copyExampleVault();
    outline = await outlineFor(path.join(__dirname, '..', '..'));
    server.setScript(plannerResponder({ outline, mesoTarget: 'meso-level-plan', script: { chunkChars: 40 } }));
  });
  afterEach(() => v.cleanup());

  it('thinking 9 000 tokens per call at effort high: a whole plan, nothing rejected, usage and cost as billed, within the estimate\'s "at most"', async () => {
    const dry = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--dry-run', '--json'], { env: env() });
    expect(dry.code).toBe(0);
    const estimate = (JSON.parse(dry.out) as { estimate: { costUsdMax: number; costUsdTypical: number; tokenSource: string; thinkingTokensTypical: number } }).estimate;
    expect(estimate.tokenSource).toBe('count_tokens');
    expect(estimate.thinkingTokensTypical).toBeGreaterThan(0);
    expect(server.messageRequests()).toHaveLength(0);

    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes', '--json'], { env: env() });
    expect(r.err).not.toContain(KEY);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { status: string; incomplete: string[]; warnings: string[]; costUsd: number; usage: { calls: number; input: number; cacheWrite: number; cacheRead: number; output: number; thinking: number } };
    expect(out.status).toBe('ready_for_decomposition');
    expect(out.incomplete).toEqual([]);
    expect(out.warnings.join(' ')).not.toMatch(/did not validate|fallback/);
    const text = read(PLAN);
    expect(text).not.toContain('[!todo]');
    expect(text).not.toContain('Section incomplete');
    expect(text).not.toMatch(/sig_mock|signature/);
    const fm = matter(text, {}).data as { planner: { outlineSource: string; usage: { outputTokens: number; thinkingTokens: number; costUsd: number } } };
    expect(fm.planner.outlineSource).toBe('model');

    // What the server billed, call by call, at the model's prices: thinking included.
    const billed = server.messageRequests().map((q) => q.usage!);
    expect(billed.every((u) => u.output_tokens_details?.thinking_tokens === THINKING)).toBe(true);
    const asBilled = totalUsage(billed.map((u, i) => callUsage(String(i), 'claude-sonnet-5-5', { ...u, service_tier: 'standard' })));
    expect(out.usage).toEqual({ calls: billed.length, input: asBilled.inputTokens, cacheWrite: asBilled.cacheWriteTokens, cacheRead: asBilled.cacheReadTokens, output: asBilled.outputTokens, thinking: THINKING * billed.length });
    expect(out.costUsd).toBeCloseTo(asBilled.costUsd!, 10);
    expect(fm.planner.usage.thinkingTokens).toBe(THINKING * billed.length);
    expect(out.costUsd).toBeLessThanOrEqual(estimate.costUsdMax);
    // Every section read the notes the outline call wrote to the cache (no output_config.format anywhere).
    expect(server.messageRequests().every((q) => !JSON.stringify(q.body).includes('"format"'))).toBe(true);
    expect(billed.slice(1).every((u) => u.cache_read_input_tokens > 0)).toBe(true);
  });

  it('sections answered as a known-good plan answers them end ready: a left-out 2.N.4 is written as not applicable', async () => {
    for (const shape of ['gap', 'renumber'] as const) {
      server.reset();
      server.setScript(plannerResponder({ outline, mesoTarget: 'meso-level-plan', leaveOutStateManagement: shape }));
      const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes', '--force'], { env: env() });
      expect(r.code).toBe(0);
      const text = read(PLAN);
      expect(matter(text, {}).data['status']).toBe('ready_for_decomposition');
      expect(text).not.toContain('[!todo]');
      expect(text).toMatch(/#### 2\.1\.4 State Management\n\nNot applicable: /);
      expect(text).toMatch(/#### 2\.1\.5 Error Handling\n\n\| Error \|/);
    }
  });

  it('a billing error stops at once: one call, exit 3, a message about credit and billing with the request-id', async () => {
    server.setScript({ fault: { kind: 'billing' } });
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes'], { env: env() });
    expect(r.code).toBe(3);
    expect(server.messageRequests()).toHaveLength(1);
    expect(r.err).toMatch(/billing.*credit|credit.*Billing/i);
    expect(r.err).toContain(`request-id ${server.messageRequests()[0]!.requestId}`);
    expect(r.err).not.toContain(KEY);
  });

  it('a spend limit stops at once too (the SDK would retry its 429): exit 3, what to do', async () => {
    server.setScript({ fault: { kind: 'spend-limit' } });
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes'], { env: env() });
    expect(r.code).toBe(3);
    expect(server.messageRequests()).toHaveLength(1);
    expect(r.err).toMatch(/monthly spend limit/);
  });

  it('an unknown model is named, with the models the key may use: exit 2, nothing billed sent, no retries', async () => {
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes', '--model', 'claude-sonnet-9-9'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.err).toContain('"claude-sonnet-9-9"');
    expect(r.err).toMatch(/Models this key may use: .*claude-sonnet-5-5/);
    expect(r.err).not.toContain('claude-sonnet-4-5-20250929');
    expect(server.messageRequests()).toHaveLength(0);
    expect(server.requests.filter((q) => q.route === '/v1/models/claude-sonnet-9-9')).toHaveLength(1);
  });

  it('a retired model says so (Sonnet 4.5, 2026-11-30)', async () => {
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes', '--model', 'claude-sonnet-4-5'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/"claude-sonnet-4-5" was retired on 2026-11-30, so the API no longer serves it/);
    expect(server.messageRequests()).toHaveLength(0);
  });

  it('--max-cost with a model that has no price exits 2 before sending, naming the missing price; without a cap it runs and says the cost is unknown', async () => {
    expect(priceFor('claude-lab-1')).toBeNull();
    const capped = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes', '--max-cost', '5', '--model', 'claude-lab-1'], { env: env() });
    expect(capped.code).toBe(2);
    expect(capped.err).toMatch(/no price is known for the model "claude-lab-1"/);
    expect(capped.err).toMatch(/"prices"/);
    expect(server.messageRequests()).toHaveLength(0);

    const open = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes', '--model', 'claude-lab-1'], { env: env() });
    expect(open.code).toBe(0);
    expect(open.err).toMatch(/cost unknown/);
    expect(matter(read(PLAN), {}).data['status']).toBe('ready_for_decomposition');
  });

  it('--resume --model finishes a plan started on a model that has since gone, and the note records it', async () => {
    server.setScript(
      plannerResponder({
        outline,
        mesoTarget: 'meso-level-plan',
        override: (req, kind) => (kind === 'section' && JSON.stringify(req.body).includes('## 5. Configuration') ? { text: 'x', fault: { kind: 'http-error', status: 404, type: 'not_found_error', message: 'model: claude-opus-5-5' } } : null),
      }),
    );
    const first = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes', '--concurrency', '1', '--model', 'claude-opus-5-5'], { env: env(), retryDelaysMs: [1] });
    expect(first.code).toBe(3);
    expect(first.err).toMatch(/does not know the model "claude-opus-5-5".*--model on the command line/);
    expect(matter(read(PLAN), {}).data['status']).toBe('interrupted');

    server.reset();
    server.setScript(plannerResponder({ outline, mesoTarget: 'meso-level-plan' }));
    const again = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes', '--resume', '--model', 'claude-sonnet-5-5'], { env: env() });
    expect(again.code).toBe(0);
    expect(server.messageRequests().every((q) => (q.body as { model: string }).model === 'claude-sonnet-5-5')).toBe(true);
    const planner = (matter(read(PLAN), {}).data as { planner: { model: string; resumes: Array<{ model: string; from: string }> } }).planner;
    expect(planner.model).toBe('claude-opus-5-5');
    expect(planner.resumes).toEqual([{ model: 'claude-sonnet-5-5', from: expect.stringMatching(/^Section 5/), date: expect.any(String) }]);
  });
});
