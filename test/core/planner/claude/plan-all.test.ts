/**
 * planAll called directly on the example vault (W1 → W2 → W3, one per level): through Message
 * Batches on the local Anthropic server (real HTTP, the unmodified SDK), or streamed. Batches are
 * polled without waiting (poll interval 0); a run is stopped by aborting its signal on an event.
 * The setup is shared with the other tests of planAll (plan-all-harness.ts).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { batchedInFlight, cancelPlanAll, planAll, type PlanAllEvent, type PlanAllPreview } from '../../../../src/core/planner/claude/plan-all';
import { listWorkstreams } from '../../../../src/core/planner/list-workstreams';
import { DEFAULT_SETTINGS } from '../../../../src/core/contracts/settings';
import { PLANNER_INSTRUCTIONS } from '../../../../src/prompts';
import { planWithClaude } from '../../../../src/core/planner/claude/plan-with-claude';
import { costOf, createAnthropicClient, priceFor } from '../../../../src/core/providers/anthropic';
import { claudeDeps, KEY, plan } from './harness';
import { FsVault } from '../../../../src/cli/fs-vault';
import type { VaultPort } from '../../../../src/core/vault/vault-port';
import { done, IDS, MESO, planAllSuite } from './plan-all-harness';
import { EXAMPLE_PLANNING_NOTES } from '../../../support/example-vault';

describe('planAll', () => {
  const h = planAllSuite();
  const { deps, respond, inBatch, statusOf } = h;

  it('plans every workstream level by level through batches: the estimate asked once, the notes, the events, the totals', async () => {
    const events: PlanAllEvent[] = [];
    const asked: PlanAllPreview[] = [];
    const o = done(await planAll({ batch: true }, deps({ apiKey: KEY, onAllEvent: (e) => events.push(e), confirmAll: async (p) => (asked.push(p), true) })));
    expect(o.kind).toBe('done');
    expect(o.workstreams.map((w) => [w.id, w.status, w.note, w.planStatus])).toEqual(IDS.map((id) => [id, 'done', plan(id), 'ready_for_decomposition']));
    for (const id of IDS) expect(statusOf(id)).toBe('ready_for_decomposition');
    // Per level: the outlines, the primer (one section each), the other sections.
    expect(o.batches).toHaveLength(9);
    expect(inBatch(o.batches[0]!)).toEqual(['W1-o']);
    expect(inBatch(o.batches[1]!)).toEqual(['W1-s0']);
    expect(inBatch(o.batches[2]!).length).toBeGreaterThan(5);
    expect(h.server.messageRequests()).toHaveLength(0);
    const batched = h.server.batchRequests().length;
    expect(o.requests).toEqual({ batched, streamed: 0 });
    expect(o.workstreams.reduce((n, w) => n + w.requests!.batched, 0)).toBe(batched);
    expect(o.total.calls).toBe(batched);
    expect(o.total.calls).toBe(o.workstreams.reduce((n, w) => n + w.usage!.calls, 0));
    expect(o.total.costUsd).toBeCloseTo(o.workstreams.reduce((n, w) => n + w.usage!.costUsd!, 0), 10);
    expect(o.total.inputTokens).toBe(o.workstreams.reduce((n, w) => n + w.usage!.inputTokens, 0));
    expect(o.total.outputTokens).toBe(o.workstreams.reduce((n, w) => n + w.usage!.outputTokens, 0));
    expect(o.total.cacheReadTokens).toBe(o.workstreams.reduce((n, w) => n + w.usage!.cacheReadTokens, 0));
    expect(o.total.cacheWriteTokens).toBe(o.workstreams.reduce((n, w) => n + w.usage!.cacheWriteTokens, 0));
    // Each note records its batches and its share of them.
    const record = h.v.fm(plan('W2'))['planner'] as { batch: { batches: Array<{ id: string; kind: string; usage: { calls: number } }> }; usage: { calls: number }; outlineSource: string };
    expect(record.batch.batches.map((b) => [b.id, b.kind])).toEqual([
      [o.batches[3], 'outline'],
      [o.batches[4], 'sections'],
      [o.batches[5], 'sections'],
    ]);
    expect(record.batch.batches.map((b) => b.usage.calls)).toEqual([1, 1, inBatch(o.batches[5]!).length]);
    expect(record.usage.calls).toBe(o.workstreams[1]!.usage!.calls);
    expect(record.outlineSource).toBe('model');
    // Every meso plan link made.
    for (const id of IDS) expect(h.v.read(MESO)).toContain(`[[Planning/${id}-micro-level-plan]]`);

    // The estimate of the whole run, asked once.
    expect(asked).toHaveLength(1);
    const p = asked[0]!;
    expect(p).toMatchObject({ model: 'claude-sonnet-5-5', batch: true, notPlanned: [] });
    expect(p.workstreams.map((w) => [w.id, w.name, w.level])).toEqual([
      ['W1', 'Platform Foundation', 0],
      ['W2', 'Inspection API', 1],
      ['W3', 'Sync Worker', 2],
    ]);
    expect(p.calls).toBe(p.workstreams.reduce((n, w) => n + w.estimate.calls, 0));
    expect(p.costUsdTypical).toBeCloseTo(p.workstreams.reduce((n, w) => n + w.estimate.costUsdTypical!, 0), 10);
    expect(p.costUsdMax).toBeCloseTo(p.workstreams.reduce((n, w) => n + w.estimate.costUsdMax!, 0), 10);
    expect(new Set(p.sent.map((n) => n.path)).size).toBe(p.sent.length);
    expect(p.sent.map((n) => n.path)).toContain('research/project-planning/PRD.md');
    // Counted with the API, as the preflight could.
    expect(p.workstreams.map((w) => w.estimate.tokenSource)).toEqual(['count_tokens', 'count_tokens', 'count_tokens']);
    // In a batch the shared prefix is cached for an hour: the batch may take longer than five minutes.
    expect(JSON.stringify(h.server.batchRequests()[1]!.params)).toContain('"ttl":"1h"');

    // The events: what was selected, then each workstream queued, in its batches, written, done.
    expect(events[0]).toEqual({
      type: 'selected',
      targets: [
        { id: 'W1', name: 'Platform Foundation', level: 0, kind: 'new' },
        { id: 'W2', name: 'Inspection API', level: 1, kind: 'new' },
        { id: 'W3', name: 'Sync Worker', level: 2, kind: 'new' },
      ],
      kept: [],
    });
    const statuses = (id: string): string[] => events.filter((e): e is Extract<PlanAllEvent, { type: 'status' }> => e.type === 'status' && e.id === id).map((e) => e.status);
    expect(statuses('W2')).toEqual(['queued', 'in-batch', 'in-batch', 'in-batch', 'writing', 'done']);
    const batches = events.filter((e): e is Extract<PlanAllEvent, { type: 'batch' }> => e.type === 'batch');
    expect(batches.map((b) => [b.batchId, b.kind, b.level, b.workstreams, b.resumed, b.primer])).toEqual([
      [o.batches[0], 'outline', 0, ['W1'], false, undefined],
      [o.batches[1], 'sections', 0, ['W1'], false, true],
      [o.batches[2], 'sections', 0, ['W1'], false, undefined],
      [o.batches[3], 'outline', 1, ['W2'], false, undefined],
      [o.batches[4], 'sections', 1, ['W2'], false, true],
      [o.batches[5], 'sections', 1, ['W2'], false, undefined],
      [o.batches[6], 'outline', 2, ['W3'], false, undefined],
      [o.batches[7], 'sections', 2, ['W3'], false, true],
      [o.batches[8], 'sections', 2, ['W3'], false, undefined],
    ]);
    expect(batches.map((b) => b.requests)).toEqual(o.batches.map((id) => inBatch(id).length));
    const progress = events.filter((e): e is Extract<PlanAllEvent, { type: 'batch-progress' }> => e.type === 'batch-progress');
    expect(progress.filter((e) => e.batchId === o.batches[2]).at(-1)).toMatchObject({ status: 'ended', processing: 0, total: inBatch(o.batches[2]!).length });
  });

  it('a dry run estimates the whole run and sends and writes nothing; declining sends nothing', async () => {
    const o = done(await planAll({ batch: true, dryRun: true }, deps({ apiKey: KEY })));
    expect(o.kind).toBe('dry-run');
    // Not even the tokens are counted on a dry run.
    expect(h.server.requests).toHaveLength(0);
    expect(o.preview!.workstreams[0]!.estimate.tokenSource).not.toBe('count_tokens');
    expect(o.preview!.workstreams.map((w) => w.id)).toEqual(IDS);
    expect(o.workstreams.map((w) => w.status)).toEqual(['queued', 'queued', 'queued']);
    expect(o.requests).toEqual({ batched: 0, streamed: 0 });
    const declined = done(await planAll({ batch: true }, deps({ apiKey: '', confirmAll: async () => false })));
    expect(declined.kind).toBe('declined');
    expect(h.server.requests).toHaveLength(0);
    expect(existsSync(path.join(h.v.dir, 'Planning'))).toBe(false);
  });

  it('estimates at batch prices: half the streamed estimate, and downstream plans allow for the upstream plans they will carry', async () => {
    const batched = done(await planAll({ batch: true, dryRun: true }, deps({ apiKey: '' }))).preview!;
    const streamed = done(await planAll({ batch: false, dryRun: true }, deps({ apiKey: '' }))).preview!;
    expect(batched.batch).toBe(true);
    expect(streamed.batch).toBe(false);
    expect(batched.workstreams[0]!.estimate.costUsdTypical!).toBeLessThan(streamed.workstreams[0]!.estimate.costUsdTypical! * 0.75);
    // Without the upstream plans in the context the downstream estimates are smaller.
    const alone = done(await planAll({ batch: false, dryRun: true }, deps({ apiKey: '' }, { includeUpstreamPlans: false }))).preview!;
    expect(alone.workstreams[0]!.estimate.inputTokens).toBe(streamed.workstreams[0]!.estimate.inputTokens);
    expect(streamed.workstreams[1]!.estimate.inputTokens).toBeGreaterThan(alone.workstreams[1]!.estimate.inputTokens);
    expect(streamed.workstreams[1]!.estimate.costUsdTypical!).toBeGreaterThan(alone.workstreams[1]!.estimate.costUsdTypical!);
    expect(streamed.workstreams[1]!.estimate.costUsdMax!).toBeGreaterThan(alone.workstreams[1]!.estimate.costUsdMax!);
    expect(h.server.requests).toHaveLength(0);
  });

  it('streamed, each workstream is planned as `plan` does, in order, its calls counted as streamed', async () => {
    const events: PlanAllEvent[] = [];
    const o = done(await planAll({ batch: false }, deps({ onAllEvent: (e) => events.push(e) })));
    expect(o.kind).toBe('done');
    expect(o.workstreams.map((w) => [w.id, w.status])).toEqual(IDS.map((id) => [id, 'done']));
    expect(h.server.batchRequests()).toHaveLength(0);
    const calls = h.server.messageRequests().length;
    expect(o.requests).toEqual({ batched: 0, streamed: calls });
    expect(o.total.calls).toBe(calls);
    expect(o.batches).toEqual([]);
    const w2 = events.filter((e) => e.type === 'status' && e.id === 'W2').map((e) => (e as { status: string }).status);
    expect(w2).toEqual(['queued', 'writing', 'done']);
    for (const id of IDS) expect(statusOf(id)).toBe('ready_for_decomposition');
  });

  it('with every plan written it keeps them, asks nothing and sends nothing', async () => {
    done(await planAll({ batch: false }, deps()));
    h.server.reset();
    const confirmAll = jest.fn(async () => true);
    const events: PlanAllEvent[] = [];
    const o = done(await planAll({ batch: true }, deps({ confirmAll, onAllEvent: (e) => events.push(e) })));
    expect(events[0]).toEqual({
      type: 'selected',
      targets: [],
      kept: [
        { id: 'W1', name: 'Platform Foundation', why: 'planned' },
        { id: 'W2', name: 'Inspection API', why: 'planned' },
        { id: 'W3', name: 'Sync Worker', why: 'planned' },
      ],
    });
    expect(events.slice(1)).toEqual(IDS.map((id) => ({ type: 'status', id, status: 'kept' })));
    expect(o.total).toEqual({ calls: 0, inputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 0, thinkingTokens: 0, costUsd: 0 });
    expect(o.kind).toBe('done');
    expect(o.workstreams.map((w) => [w.id, w.status, w.note, w.reason])).toEqual(IDS.map((id) => [id, 'kept', plan(id), 'it has a plan']));
    expect(o.preview!.notPlanned).toEqual(IDS.map((id) => ({ id, why: 'it has a plan' })));
    expect(confirmAll).not.toHaveBeenCalled();
    expect(h.server.requests).toHaveLength(0);

    // W3's meso section changes: its plan is stale, kept unless replanStale.
    writeFileSync(path.join(h.v.dir, MESO), h.v.read(MESO).replace('A single worker replica runs two loops', 'One worker replica runs both loops'));
    const stale = done(await planAll({ batch: true, dryRun: true }, deps({ apiKey: '' })));
    expect(stale.workstreams.find((w) => w.id === 'W3')).toMatchObject({ status: 'kept', reason: 'its plan is stale; --replan-stale re-plans it' });
    expect(stale.preview!.notPlanned.find((n) => n.id === 'W3')).toEqual({ id: 'W3', why: 'its plan is stale; --replan-stale re-plans it' });
    const replan = done(await planAll({ batch: true, dryRun: true, replanStale: true }, deps({ apiKey: '' })));
    expect(replan.preview!.workstreams.map((w) => w.id)).toEqual(['W3']);
  });

  it('a model without a price: the estimate says the cost is unknown, once', async () => {
    const p = done(await planAll({ batch: true, dryRun: true }, deps({ apiKey: '' }, { model: 'claude-unpriced-3' }))).preview!;
    expect(p.model).toBe('claude-unpriced-3');
    expect(p.costUsdTypical).toBeNull();
    expect(p.costUsdMax).toBeNull();
    expect(p.workstreams.every((w) => w.estimate.costUsdTypical === null)).toBe(true);
    expect(p.warnings.length).toBeGreaterThan(0);
    expect(new Set(p.warnings).size).toBe(p.warnings.length);
  });

  it('skips a workstream the rules escalate and everything downstream, with its escalation note', async () => {
    const text = h.v.read(MESO).replace('Connection pool size 10 per API pod.', 'Connection pool size: TBD.');
    writeFileSync(path.join(h.v.dir, MESO), text);
    // A dry run says so, and writes no escalation note.
    const dry = done(await planAll({ batch: true, dryRun: true }, deps({ apiKey: '' })));
    expect(dry.workstreams.map((w) => [w.id, w.status, w.note])).toEqual([
      ['W1', 'escalated', null],
      ['W2', 'skipped', null],
      ['W3', 'skipped', null],
    ]);
    expect(existsSync(path.join(h.v.dir, 'Planning'))).toBe(false);
    const events: PlanAllEvent[] = [];
    const o = done(await planAll({ batch: true }, deps({ onAllEvent: (e) => events.push(e) })));
    expect(events.filter((e) => e.type === 'status' && e.status !== 'queued')).toEqual([
      { type: 'status', id: 'W1', status: 'escalated', detail: o.workstreams[0]!.escalations![0]!.blocker },
      { type: 'status', id: 'W2', status: 'skipped', detail: 'W1 escalated' },
      { type: 'status', id: 'W3', status: 'skipped', detail: 'W1 escalated' },
    ]);
    expect(o.workstreams.map((w) => [w.id, w.status, w.note])).toEqual([
      ['W1', 'escalated', 'Planning/W1-escalation.md'],
      ['W2', 'skipped', null],
      ['W3', 'skipped', null],
    ]);
    expect(o.workstreams[0]!.reason).toMatch(/^The meso plan leaves a decision open in "W1 Database access and migrations"/);
    expect(o.workstreams[1]!.reason).toBe('W1 escalated');
    expect(o.preview!.notPlanned.map((n) => n.id)).toEqual(['W1', 'W2', 'W3']);
    expect(o.preview!.notPlanned[0]!.why).toBe(`escalated: ${o.workstreams[0]!.reason}`);
    expect(o.preview!.notPlanned[1]!.why).toBe('W1 escalated');
    expect(h.server.batchRequests()).toHaveLength(0);
  });

  it('sends an overloaded or expired request again in a follow-up batch, and only those', async () => {
    let seen = 0;
    respond((_req, kind, id) => {
      if (kind !== 'section' || id !== 'W2') return null;
      seen++;
      if (seen === 2) return { fault: { kind: 'overloaded' } };
      if (seen === 3) return { batchOutcome: 'expired' };
      return null;
    });
    const o = done(await planAll({ batch: true }, deps()));
    expect(o.workstreams.map((w) => w.status)).toEqual(['done', 'done', 'done']);
    expect(o.batches).toHaveLength(10);
    expect(inBatch(o.batches[6]!)).toHaveLength(2);
    expect(inBatch(o.batches[6]!).every((c) => c.startsWith('W2-s'))).toBe(true);
    expect(statusOf('W2')).toBe('ready_for_decomposition');
  });

  it('asks again with twice the room for an answer stopped at its output limit; without caching, no primer batch', async () => {
    let seen = 0;
    respond((_req, kind, id) => (kind !== 'section' || id !== 'W1' || ++seen !== 2 ? null : { text: 'x'.repeat(12_000) }));
    const events: PlanAllEvent[] = [];
    const o = done(await planAll({ batch: true }, deps({ onAllEvent: (e) => events.push(e) }, { caching: false, maxOutputTokens: 2000 })));
    expect(o.workstreams.map((w) => w.status)).toEqual(['done', 'done', 'done']);
    // Level 0: the outline, every section at once, the follow-up; then two batches per level.
    expect(o.batches).toHaveLength(7);
    expect(events.some((e) => e.type === 'batch' && e.primer)).toBe(false);
    const followUp = h.server.batchRequests().filter((b) => b.batchId === o.batches[2]);
    expect(followUp).toHaveLength(1);
    const firstTry = h.server.batchRequests().find((b) => b.batchId === o.batches[1] && b.customId === followUp[0]!.customId)!;
    expect((firstTry.params as { max_tokens: number }).max_tokens).toBe(2000);
    expect((firstTry.usage as { output_tokens: number }).output_tokens).toBe(2000);
    expect((followUp[0]!.params as { max_tokens: number }).max_tokens).toBe(4000);
    expect(h.v.read(plan('W1'))).not.toContain('x'.repeat(200));
  });

  it('an outline request that failed in a passing way, or stopped at its limit, is asked again', async () => {
    const seen = new Map<string, number>();
    respond((_req, kind, id) => {
      if (kind !== 'outline' || id === null) return null;
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      if (n > 1) return null;
      if (id === 'W1') return { fault: { kind: 'overloaded' } };
      if (id === 'W2') return { text: '{"modules": [', stopReason: 'max_tokens' };
      return null;
    });
    const o = done(await planAll({ batch: true }, deps()));
    expect(o.workstreams.map((w) => w.status)).toEqual(['done', 'done', 'done']);
    expect(h.server.batchRequests().map((b) => b.customId).filter((c) => /-o/.test(c))).toEqual(['W1-o', 'W1-o2', 'W2-o', 'W2-o2', 'W3-o']);
    // The overloaded one is simply asked again; the cut-short one with what was wrong with it.
    expect(JSON.stringify(h.server.batchRequests().find((b) => b.customId === 'W1-o2')!.params)).not.toMatch(/was rejected for these reasons/);
    expect(JSON.stringify(h.server.batchRequests().find((b) => b.customId === 'W2-o2')!.params)).toContain('The answer stopped before the JSON was complete.');
    for (const id of ['W1', 'W2']) expect((h.v.fm(plan(id))['planner'] as { outlineSource: string }).outlineSource).toBe('model');
    // The outline round that was asked again counts both of its requests.
    expect((h.v.fm(plan('W2'))['planner'] as { batch: { batches: Array<{ kind: string }> } }).batch.batches.map((b) => b.kind)).toEqual(['outline', 'outline', 'sections', 'sections']);
  });

  it('a request that fails for good leaves the plan interrupted where it failed, and skips what depends on it', async () => {
    respond((_req, kind, id) => (kind === 'section' && id === 'W2' ? { fault: { kind: 'http-error', status: 400, type: 'invalid_request_error', message: 'prompt is too long' } } : null));
    const o = done(await planAll({ batch: true }, deps()));
    expect(o.workstreams.map((w) => [w.id, w.status])).toEqual([
      ['W1', 'done'],
      ['W2', 'failed'],
      ['W3', 'skipped'],
    ]);
    expect(o.workstreams[1]!.reason).toMatch(/^stopped at .*invalid_request_error: prompt is too long/);
    expect(o.workstreams[2]!.reason).toBe('W2 has no finished plan');
    expect(statusOf('W2')).toBe('interrupted');
    expect(o.batches).toHaveLength(5);
    expect(h.server.batchRequests().filter((b) => b.customId.startsWith('W2-s'))).toHaveLength(1);
  });

  it('an outline that does not validate is asked again with its problems; twice invalid, the derived outline is used', async () => {
    respond((_req, kind, id) => (kind === 'outline' && id === 'W3' ? { text: '{"modules": []}' } : null));
    const o = done(await planAll({ batch: true }, deps()));
    const retry = h.server.batchRequests().find((b) => b.customId === 'W3-o2')!;
    expect(JSON.stringify(retry.params)).toMatch(/was rejected for these reasons/);
    expect(o.warnings.map((w) => w.message).join('\n')).toMatch(/Claude's outline for W3 did not validate twice, so the outline was derived from the WBS instead \(/);
    expect((h.v.fm(plan('W3'))['planner'] as { outlineSource: string }).outlineSource).toBe('fallback');
    expect(o.workstreams[2]!.status).toBe('done');
  });

  it("Claude's escalation from an outline writes the escalation note, trashes the stand-in note, and skips what depends on it", async () => {
    const escalation = { blocker: 'The sync-state contract names no error codes.', mesoSection: '[[meso-level-plan#W2 → W3: Inspection REST API]]', evidence: ['none'], questions: ['Which errors?'], recommendation: 'List them.' };
    respond((_req, kind, id) => (kind === 'outline' && id === 'W2' ? { text: JSON.stringify({ ...h.outlines['W2']!, escalation }) } : null));
    const o = done(await planAll({ batch: true }, deps()));
    expect(o.workstreams.map((w) => [w.id, w.status])).toEqual([
      ['W1', 'done'],
      ['W2', 'escalated'],
      ['W3', 'skipped'],
    ]);
    expect(o.workstreams[1]).toMatchObject({ note: 'Planning/W2-escalation.md', reason: 'The sync-state contract names no error codes.' });
    expect(o.workstreams[1]!.usage!.calls).toBe(1);
    expect(o.workstreams[2]!.reason).toBe('W2 escalated');
    expect(h.v.read('Planning/W2-escalation.md')).toContain('The sync-state contract names no error codes.');
    expect(existsSync(path.join(h.v.dir, plan('W2')))).toBe(false);
    expect(readdirSync(path.join(h.v.dir, '.trash'))).toEqual(['W2-micro-level-plan.md']);
  });

  it('a run stopped while a batch runs leaves it in flight: a new run refuses, cancel marks the notes, resume sends nothing twice', async () => {
    h.server.paceBatches({ holdFrom: 2 });
    const controller = new AbortController();
    const o = done(await planAll({ batch: true }, deps({ signal: controller.signal, onAllEvent: (e) => e.type === 'batch' && e.kind === 'sections' && controller.abort() })));
    expect(o.kind).toBe('interrupted');
    expect(o.workstreams.map((w) => [w.id, w.status])).toEqual([
      ['W1', 'queued'],
      ['W2', 'skipped'],
      ['W3', 'skipped'],
    ]);
    expect(o.workstreams[1]!.reason).toBe('W1 has no finished plan');
    expect(o.workstreams[0]!.reason).toBe('the run stopped while its batch was running; resume to collect it');
    expect(statusOf('W1')).toBe('in_progress');
    // The note says what is going on, and which batches to collect.
    expect(h.v.read(plan('W1'))).toContain('> [!info] Being planned in a batch');
    expect((h.v.fm(plan('W1'))['planner'] as { batch: { batches: Array<{ id: string }> } }).batch.batches.map((b) => b.id)).toEqual(o.batches);
    const listed = await listWorkstreams(h.v.vault, DEFAULT_SETTINGS, { builtInInstructions: PLANNER_INSTRUCTIONS });
    if (!listed.ok) throw new Error('list');
    expect(await batchedInFlight(h.v.vault, listed.value.workstreams)).toEqual(['W1']);
    const sent = o.batches;
    expect(sent).toHaveLength(2);

    // A dry run is allowed meanwhile.
    expect(done(await planAll({ batch: true, dryRun: true }, deps({ apiKey: '' }))).kind).toBe('dry-run');
    const refused = await planAll({ batch: true }, deps());
    expect(refused).toEqual({ ok: false, error: { kind: 'plan-all-in-progress', workstreams: ['W1'], batches: sent } });

    const cancelled = await cancelPlanAll(deps());
    expect(cancelled).toEqual({ ok: true, value: { canceled: [sent[1]], notes: [plan('W1')] } });
    expect(statusOf('W1')).toBe('interrupted');

    h.server.paceBatches({ holdFrom: undefined });
    const before = h.server.batchRequests().length;
    const events: PlanAllEvent[] = [];
    const r = done(await planAll({ batch: true, resume: true }, deps({ onAllEvent: (e) => events.push(e) })));
    expect(r.kind).toBe('done');
    expect(r.workstreams.map((w) => w.status)).toEqual(['done', 'done', 'done']);
    // The outline is in the note already; the cancelled sections batch is read again, and its requests (cancelled) sent again.
    expect(events.find((e) => e.type === 'batch')).toMatchObject({ batchId: sent[1], kind: 'sections', resumed: true });
    const again = h.server.batchRequests().slice(before).map((b) => b.customId);
    expect(again).not.toContain('W1-o');
    expect(again).toContain('W1-s0');
    expect(statusOf('W1')).toBe('ready_for_decomposition');
  });

  it('replaces every plan when forced, each backed up first and put back if Claude escalates', async () => {
    done(await planAll({ batch: false }, deps()));
    const old = Object.fromEntries(IDS.map((id) => [id, h.v.read(plan(id))]));
    h.server.reset();
    const escalation = { blocker: 'W3 cannot be planned now.', mesoSection: 'W3', evidence: ['x'], questions: ['y?'], recommendation: 'z' };
    respond((_req, kind, id) => (kind === 'outline' && id === 'W3' ? { text: JSON.stringify({ ...h.outlines['W3']!, escalation }) } : null));
    const events: PlanAllEvent[] = [];
    const o = done(await planAll({ batch: true, force: true }, deps({ onAllEvent: (e) => events.push(e) })));
    expect((events[0] as Extract<PlanAllEvent, { type: 'selected' }>).targets.map((t) => t.kind)).toEqual(['replace', 'replace', 'replace']);
    expect(o.workstreams.map((w) => [w.id, w.status])).toEqual([
      ['W1', 'done'],
      ['W2', 'done'],
      ['W3', 'escalated'],
    ]);
    for (const w of o.workstreams.slice(0, 2)) {
      expect(w.backup).not.toBeNull();
      expect(h.v.read(w.backup!)).toBe(old[w.id]);
      expect(w.changes).toBeDefined();
    }
    // The escalated workstream keeps the plan it had.
    expect(h.v.read(plan('W3'))).toBe(old['W3']);
  });

  it('an outline that fails for good leaves the note saying so, and skips what depends on it', async () => {
    respond((_req, kind, id) => (kind === 'outline' && id === 'W1' ? { fault: { kind: 'http-error', status: 400, type: 'invalid_request_error', message: 'prompt is too long.' } } : null));
    const o = done(await planAll({ batch: true }, deps()));
    expect(o.workstreams.map((w) => [w.id, w.status, w.note])).toEqual([
      ['W1', 'failed', plan('W1')],
      ['W2', 'skipped', null],
      ['W3', 'skipped', null],
    ]);
    expect(o.workstreams[0]!.reason).toBe('the outline the request failed in the batch (invalid_request_error: prompt is too long)');
    expect(o.workstreams[0]!.requests).toEqual({ batched: 0, streamed: 0 });
    expect(o.workstreams[1]!.reason).toBe('W1 has no finished plan');
    expect(statusOf('W1')).toBe('interrupted');
    expect(h.v.read(plan('W1'))).toContain('> It stopped at the outline: the outline the request failed in the batch (invalid_request_error: prompt is too long).');
    expect(o.batches).toHaveLength(1);
  });

  it('streamed, Claude escalating skips the downstream workstreams', async () => {
    const escalation = { blocker: 'W2 cannot be planned now.', mesoSection: 'W2', evidence: ['x'], questions: ['y?'], recommendation: 'z' };
    respond((_req, kind, id) => (kind === 'outline' && id === 'W2' ? { text: JSON.stringify({ ...h.outlines['W2']!, escalation }) } : null));
    const events: PlanAllEvent[] = [];
    const o = done(await planAll({ batch: false }, deps({ onAllEvent: (e) => events.push(e) })));
    expect(o.workstreams.map((w) => [w.id, w.status, w.note, w.reason])).toEqual([
      ['W1', 'done', plan('W1'), undefined],
      ['W2', 'escalated', 'Planning/W2-escalation.md', 'W2 cannot be planned now.'],
      ['W3', 'skipped', null, 'W2 escalated'],
    ]);
    expect(o.workstreams[1]!.escalations![0]!.blocker).toBe('W2 cannot be planned now.');
    expect(events.filter((e) => e.type === 'status' && e.id === 'W2').map((e) => (e as { status: string; detail?: string }).status)).toEqual(['queued', 'writing', 'escalated']);
    expect(events).toContainEqual({ type: 'status', id: 'W2', status: 'escalated', detail: 'W2 cannot be planned now.' });
  });

  it('streamed, a workstream that fails says why and its downstream is skipped', async () => {
    respond((_req, kind, id) => (kind === 'outline' && id === 'W2' ? { fault: { kind: 'http-error', status: 403, type: 'permission_error', message: 'no' } } : null));
    const events: PlanAllEvent[] = [];
    const o = done(await planAll({ batch: false }, deps({ onAllEvent: (e) => events.push(e) })));
    expect(events).toContainEqual({ type: 'status', id: 'W2', status: 'failed', detail: o.workstreams[1]!.reason });
    expect(events).toContainEqual({ type: 'status', id: 'W1', status: 'done' });
    expect(o.workstreams.map((w) => [w.id, w.status, w.note])).toEqual([
      ['W1', 'done', plan('W1')],
      ['W2', 'failed', null],
      ['W3', 'skipped', null],
    ]);
    expect(o.workstreams[1]!.reason).toMatch(/^The API key may not use this model or feature/);
    expect(o.workstreams[2]!.reason).toBe('W2 has no finished plan');
  });

  it('a plan a streamed run left interrupted is finished streamed, the others go in batches', async () => {
    let broken = true;
    respond((req, kind, id) => (broken && kind === 'section' && id === 'W1' && JSON.stringify(req.body).includes('under the heading `## 5.') ? { text: 'x', fault: { kind: 'error-event', afterDeltas: 1 } } : null));
    const first = await planWithClaude({ workstream: 'W1' }, claudeDeps(h.server, h.v));
    expect(first.ok && first.value.kind === 'plan' && first.value.status).toBe('interrupted');
    broken = false;
    h.server.reset();
    respond(() => null);
    const events: PlanAllEvent[] = [];
    const o = done(await planAll({ batch: true }, deps({ onAllEvent: (e) => events.push(e) })));
    expect((events[0] as Extract<PlanAllEvent, { type: 'selected' }>).targets.map((t) => [t.id, t.kind])).toEqual([
      ['W1', 'finish'],
      ['W2', 'new'],
      ['W3', 'new'],
    ]);
    expect(o.workstreams.map((w) => w.status)).toEqual(['done', 'done', 'done']);
    expect(o.workstreams[0]!.requests!.streamed).toBe(h.server.messageRequests().length);
    expect(o.workstreams[0]!.requests!.batched).toBe(0);
    expect(h.server.messageRequests().some((q) => JSON.stringify(q.body).includes('under the heading `## 4.'))).toBe(false);
    expect(o.workstreams[1]!.requests!.batched).toBeGreaterThan(10);
    expect(o.requests.streamed).toBe(h.server.messageRequests().length);
    expect(statusOf('W1')).toBe('ready_for_decomposition');
  });
  it('a workstream the rules escalate: every blocker in its reason and in the estimate, and an upstream failing later leaves it escalated', async () => {
    writeFileSync(path.join(h.v.dir, MESO), h.v.read(MESO).replace('(8 MB max, 10 per inspection)', '(size limit TBD, 10 per inspection)').replace('Lists use cursor pagination', 'Pagination: TBD. Lists use cursor pagination'));
    const blockers = ['W2 Endpoints and versioning', 'W2 Photo storage'].map((s) => `The meso plan leaves a decision open in "${s}" that W2 depends on, so its plan would have to guess.`);
    const dry = done(await planAll({ batch: true, dryRun: true }, deps()));
    expect(dry.preview!.notPlanned).toEqual([
      { id: 'W2', why: `escalated: ${blockers.join(' ')}` },
      { id: 'W3', why: 'W2 escalated' },
    ]);
    expect(dry.preview!.workstreams.map((w) => w.id)).toEqual(['W1']);
    expect(dry.batches).toEqual([]);
    expect(dry.warnings).toEqual([]);
    expect(existsSync(path.join(h.v.dir, 'Planning'))).toBe(false);

    // W1's outline fails for good: W2 keeps its escalation (and its note), W3 stays skipped because of W2.
    respond((_req, kind, id) => (kind === 'outline' && id === 'W1' ? { fault: { kind: 'http-error', status: 400, type: 'invalid_request_error', message: 'prompt is too long.' } } : null));
    const events: PlanAllEvent[] = [];
    const o = done(await planAll({ batch: true }, deps({ onAllEvent: (e) => events.push(e) })));
    expect(o.workstreams.map((w) => [w.id, w.status, w.note, w.reason])).toEqual([
      ['W1', 'failed', plan('W1'), 'the outline the request failed in the batch (invalid_request_error: prompt is too long)'],
      ['W2', 'escalated', 'Planning/W2-escalation.md', blockers.join(' ')],
      ['W3', 'skipped', null, 'W2 escalated'],
    ]);
    expect(events.filter((e) => e.type === 'status' && e.id !== 'W1')).toEqual([
      { type: 'status', id: 'W2', status: 'queued' },
      { type: 'status', id: 'W3', status: 'queued' },
      { type: 'status', id: 'W2', status: 'escalated', detail: blockers[0] },
      { type: 'status', id: 'W3', status: 'skipped', detail: 'W2 escalated' },
    ]);
    expect(h.v.read('Planning/W2-escalation.md')).toContain(blockers[1]);
    expect(o.warnings).toEqual([]);
  });

  it('an escalation note that cannot be written stops the run before anything is sent', async () => {
    writeFileSync(path.join(h.v.dir, MESO), h.v.read(MESO).replace('(8 MB max, 10 per inspection)', '(size limit TBD, 10 per inspection)'));
    // A folder where the escalation note should go.
    mkdirSync(path.join(h.v.dir, 'Planning', 'W2-escalation.md'), { recursive: true });
    const r = await planAll({ batch: true }, deps());
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.kind).toBe('write-failed');
    expect(h.server.requests).toHaveLength(0);
  });

  it('a model the API does not know stops the run at the estimate, with nothing sent or written', async () => {
    const r = await planAll({ batch: true }, deps({ apiKey: KEY }, { model: 'claude-nonexistent-1' }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.kind).toBe('unknown-model');
    expect(h.server.batchRequests()).toHaveLength(0);
    expect(existsSync(path.join(h.v.dir, 'Planning'))).toBe(false);
  });

  it('the estimate lists each note sent once and each warning once', async () => {
    const p = done(await planAll({ batch: true, dryRun: true }, deps())).preview!;
    expect(p.sent.map((n) => n.path)).toEqual(EXAMPLE_PLANNING_NOTES);
    expect(p.warnings).toEqual([expect.stringMatching(/^Tokens were estimated as characters ÷ 4 \(no API key to count them with\)/)]);
  });

  it.each([true, false])('the allowance for upstream plans written in the run (batch %s): their typical size in every call, uncached once, cached once, read by the rest', async (batch) => {
    const withUp = done(await planAll({ batch, dryRun: true }, deps())).preview!;
    const alone = done(await planAll({ batch, dryRun: true }, deps({}, { includeUpstreamPlans: false }))).preview!;
    const price = priceFor(DEFAULT_SETTINGS.model, DEFAULT_SETTINGS.prices)!;
    expect(withUp.workstreams[0]!.estimate).toEqual(alone.workstreams[0]!.estimate);
    for (const i of [1, 2]) {
      const up = withUp.workstreams[i - 1]!.estimate;
      const tokens = up.outputTokensTypical - up.thinkingTokensTypical;
      const a = alone.workstreams[i]!.estimate;
      const w = withUp.workstreams[i]!.estimate;
      const reads = tokens * (a.calls - 2);
      expect(w.calls).toBe(a.calls);
      expect(w.inputTokens - a.inputTokens).toBe(tokens * a.calls);
      expect(w.uncachedInputTokens - a.uncachedInputTokens).toBe(tokens);
      expect(w.cacheWriteTokens - a.cacheWriteTokens).toBe(tokens);
      expect(w.cacheReadTokens - a.cacheReadTokens).toBe(reads);
      const typical = costOf({ inputTokens: tokens, cacheWriteTokens: tokens, cacheWrite1hTokens: batch ? tokens : 0, cacheReadTokens: reads, outputTokens: 0 }, price, { batch });
      const worst = costOf({ inputTokens: 0, cacheWriteTokens: tokens * a.callsMax, cacheWrite1hTokens: batch ? tokens * a.callsMax : 0, cacheReadTokens: 0, outputTokens: 0 }, price, { batch });
      expect(w.costUsdTypical! - a.costUsdTypical!).toBeCloseTo(typical, 9);
      expect(w.costUsdMax! - a.costUsdMax!).toBeCloseTo(worst, 9);
    }
  });

  it('plans written through batches are finished: nothing is in flight after the run, and a second run keeps them', async () => {
    done(await planAll({ batch: true }, deps()));
    const listed = await listWorkstreams(h.v.vault, DEFAULT_SETTINGS, { builtInInstructions: PLANNER_INSTRUCTIONS });
    if (!listed.ok) throw new Error('list');
    expect(await batchedInFlight(h.v.vault, listed.value.workstreams)).toEqual([]);
    const again = done(await planAll({ batch: true }, deps()));
    expect(again.workstreams.map((w) => w.status)).toEqual(['kept', 'kept', 'kept']);
  });
  it.each([true, false])('planning notes over the context budget: at the estimate the run stops; once an upstream plan makes them too large, that workstream fails saying so (batch %s)', async (batch) => {
    const early = await planAll({ batch, dryRun: true }, deps({}, { contextBudgetTokens: 3000 }));
    expect(early.ok === false && early.error).toEqual({ kind: 'context-too-large', message: expect.stringMatching(/^The planning notes come to about \d+ tokens, more than the context budget of 3000;/) });
    // 12 000 tokens hold W2's notes, but not with W1's plan added to them.
    const o = done(await planAll({ batch }, deps({}, { contextBudgetTokens: 12_000 })));
    expect(o.workstreams.map((w) => [w.id, w.status, w.note])).toEqual([
      ['W1', 'done', plan('W1')],
      ['W2', 'failed', null],
      ['W3', 'skipped', null],
    ]);
    expect(o.workstreams[1]!.reason).toMatch(/^The planning notes come to about \d+ tokens, more than the context budget of 12000; the largest are Planning\/W1-micro-level-plan\.md /);
    expect(o.workstreams[2]!.reason).toBe('W2 has no finished plan');
    expect(existsSync(path.join(h.v.dir, plan('W2')))).toBe(false);
  });

  it('with a key, every workstream of the run is estimated with the tokens the API counts', async () => {
    let asked: PlanAllPreview | null = null;
    const declined = done(await planAll({ batch: true }, deps({ apiKey: KEY, confirmAll: async (p) => ((asked = p), false) })));
    expect(declined.kind).toBe('declined');
    const byCharacters = done(await planAll({ batch: true, dryRun: true }, deps())).preview!;
    const counted = asked!.workstreams.map((w) => w.estimate);
    expect(counted.map((e) => e.tokenSource)).toEqual(['count_tokens', 'count_tokens', 'count_tokens']);
    // The local server counts about as characters ÷ 4 do: the counts are of the same size, not zero.
    counted.forEach((e, i) => {
      const guess = byCharacters.workstreams[i]!.estimate.inputTokens;
      expect(e.inputTokens).toBeGreaterThan(guess * 0.5);
      expect(e.inputTokens).toBeLessThan(guess * 2);
    });
    expect(h.server.batchRequests()).toHaveLength(0);
  });

  it('in a vault of several planning sets, plans the set `near` names, streamed, beside it', async () => {
    // Two copies of the planning set, and no project note to choose between them.
    const set = path.join(h.v.dir, 'research/project-planning');
    for (const project of ['Ebb', 'Flow']) cpSync(set, path.join(h.v.dir, `01-Projects/${project}/Planning`), { recursive: true });
    rmSync(path.join(h.v.dir, 'research'), { recursive: true });
    rmSync(path.join(h.v.dir, '01-Projects/Tidewater.md'));
    // A vault reading the folder afresh (FsVault keeps the listing it made).
    const vault = new FsVault(h.v.dir);
    const ambiguous = await planAll({ batch: false }, deps({ vault }));
    expect(ambiguous.ok === false && ambiguous.error.kind).toBe('ambiguous-planning-set');
    const o = done(await planAll({ batch: false, near: '01-Projects/Flow/Planning' }, deps({ vault })));
    expect(o.workstreams.map((w) => [w.id, w.status])).toEqual(IDS.map((id) => [id, 'done']));
    expect(o.workstreams.map((w) => w.note)).toEqual(IDS.map((id) => `01-Projects/Flow/Planning/${id}-micro-level-plan.md`));
    for (const w of o.workstreams) expect(h.v.fm(w.note!)['status']).toBe('ready_for_decomposition');
    expect(o.preview!.sent.map((n) => n.path)).toContain('01-Projects/Flow/Planning/PRD.md');
    expect(o.preview!.sent.map((n) => n.path)).not.toContain('01-Projects/Ebb/Planning/PRD.md');
  });
  it('streamed or batched, a plan note that cannot be created fails its workstream saying which note and why', async () => {
    // A file where the plans' folder should be.
    writeFileSync(path.join(h.v.dir, 'Planning'), 'not a folder\n');
    const batched = done(await planAll({ batch: true }, deps()));
    expect(batched.workstreams.map((w) => [w.id, w.status, w.note, w.reason])).toEqual([
      ['W1', 'failed', plan('W1'), `${plan('W1')} could not be created (io)`],
      ['W2', 'skipped', null, 'W1 has no finished plan'],
      ['W3', 'skipped', null, 'W1 has no finished plan'],
    ]);
    expect(h.server.batchRequests()).toHaveLength(0);
    const streamed = done(await planAll({ batch: false }, deps()));
    expect(streamed.workstreams.map((w) => [w.id, w.status, w.note])).toEqual([
      ['W1', 'failed', null],
      ['W2', 'skipped', null],
      ['W3', 'skipped', null],
    ]);
    expect(streamed.workstreams[0]!.reason).toMatch(/^Could not write Planning\/W1-micro-level-plan\.md: .+\.$/);
  });

  describe('replacing a plan (forced) whose note cannot be read, backed up or written: that workstream fails saying so, nothing is sent for it', () => {
    const OLD = '---\nstatus: ready_for_decomposition\n---\n# W1 plan\n';
    // Each arranges the vault and returns the vault to plan with (a fresh FsVault when it only changed files).
    const cases: Array<[string, () => VaultPort, string]> = [
      ['a folder in its place', () => (rmSync(path.join(h.v.dir, plan('W1'))), mkdirSync(path.join(h.v.dir, plan('W1'))), new FsVault(h.v.dir)), 'could not be read (is-folder)'],
      ['a file where the backups go', () => (writeFileSync(path.join(h.v.dir, 'Planning/.backup'), 'x'), new FsVault(h.v.dir)), 'could not be backed up (io)'],
      ['a disk that refuses the write', () => failing(h.v.vault, (op, file) => op === 'replace' && file === plan('W1')), 'could not be written (io)'],
    ];
    it.each(cases)('%s', async (_name, arrange, why) => {
      mkdirSync(path.join(h.v.dir, 'Planning'));
      writeFileSync(path.join(h.v.dir, plan('W1')), OLD);
      const o = done(await planAll({ batch: true, force: true }, deps({ vault: arrange() })));
      expect(o.workstreams.map((w) => [w.id, w.status, w.note, w.reason])).toEqual([
        ['W1', 'failed', plan('W1'), `${plan('W1')} ${why}`],
        ['W2', 'skipped', null, 'W1 has no finished plan'],
        ['W3', 'skipped', null, 'W1 has no finished plan'],
      ]);
      expect(h.server.batchRequests()).toHaveLength(0);
    });
  });

  it('a note that cannot be read while its batch is recorded in it does not stop the run', async () => {
    let reads = 0;
    const vault = failing(h.v.vault, (op, file) => op === 'read' && file === plan('W1') && ++reads === 1);
    const o = done(await planAll({ batch: true }, deps({ vault })));
    expect(reads).toBeGreaterThan(1);
    expect(o.workstreams.map((w) => [w.id, w.status])).toEqual(IDS.map((id) => [id, 'done']));
    expect(statusOf('W1')).toBe('ready_for_decomposition');
  });
  it('a run stopped while its outline batch runs: the workstream is queued, with its note and the way to resume', async () => {
    h.server.paceBatches({ holdFrom: 1 });
    const controller = new AbortController();
    const o = done(await planAll({ batch: true }, deps({ signal: controller.signal, onAllEvent: (e) => e.type === 'batch' && controller.abort() })));
    expect(o.kind).toBe('interrupted');
    expect(o.workstreams.map((w) => [w.id, w.status, w.note, w.reason])).toEqual([
      ['W1', 'queued', plan('W1'), 'the run stopped while its batch was running; resume to collect it'],
      ['W2', 'skipped', null, 'W1 has no finished plan'],
      ['W3', 'skipped', null, 'W1 has no finished plan'],
    ]);
    expect(inBatch(o.batches[0]!)).toEqual(['W1-o']);
    expect(o.batches).toHaveLength(1);
    expect(statusOf('W1')).toBe('in_progress');
  });

  it('a run stopped while its stand-in note is written creates no batch, and the workstream waits for resume', async () => {
    const controller = new AbortController();
    // Nothing fails: the run is stopped (Ctrl-C) as the note is created.
    const vault = failing(h.v.vault, (op, file) => (op === 'create' && file === plan('W1') && controller.abort(), false));
    const o = done(await planAll({ batch: true }, deps({ vault, signal: controller.signal })));
    expect(o.kind).toBe('interrupted');
    expect(o.workstreams.map((w) => [w.id, w.status, w.note])).toEqual([
      ['W1', 'queued', plan('W1')],
      ['W2', 'skipped', null],
      ['W3', 'skipped', null],
    ]);
    expect(h.server.batchRequests()).toHaveLength(0);
    expect(o.batches).toEqual([]);
  });

  it.each([
    ['outline', 1],
    ['sections', 2],
  ] as const)('a batch the API refuses to create (the %s batch) stops the run with what the API said', async (_kind, nth) => {
    let creates = 0;
    // The key is revoked between two batches: the request goes without credentials, and the server answers 401.
    const client = createAnthropicClient({
      apiKey: KEY,
      baseURL: h.server.url,
      fetch: async (url, init) => {
        if (init?.method !== 'POST' || !/\/v1\/messages\/batches(\?|$)/.test(String(url)) || ++creates !== nth) return fetch(url, init);
        const headers = new Headers(init.headers);
        headers.delete('authorization');
        headers.delete('x-api-key');
        return fetch(url, { ...init, headers });
      },
    });
    const r = await planAll({ batch: true }, deps({ client }));
    expect(r).toEqual({ ok: false, error: { kind: 'api-failure', failure: { kind: 'auth', message: expect.stringMatching(/^The API key was refused; check the key in the settings \(request-id req_mock_\d+\)\.$/) } } });
    expect(creates).toBe(nth);
    expect(statusOf('W1')).toBe('in_progress');
  });

  it.each([
    ['as it was begun', false, '2026-11-25'],
    ['its created date removed by hand', true, '2026-11-27'],
  ])('resumed two days later (%s): the estimate leaves out the outline it has, force does not replace what is in flight, the plan keeps the day it was begun', async (_name, strip, day) => {
    const before = done(await planAll({ batch: true, dryRun: true }, deps())).preview!;
    h.server.paceBatches({ holdFrom: 2 });
    const controller = new AbortController();
    done(await planAll({ batch: true }, deps({ signal: controller.signal, onAllEvent: (e) => e.type === 'batch' && e.kind === 'sections' && controller.abort() })));
    expect(h.v.read(plan('W1'))).toMatch(/^created: "2026-11-25"$/m);
    if (strip) writeFileSync(path.join(h.v.dir, plan('W1')), h.v.read(plan('W1')).replace(/^created: .*\n/m, ''));
    const after = done(await planAll({ batch: true, dryRun: true }, deps())).preview!;
    expect(after.workstreams.map((w) => w.estimate.calls)).toEqual(before.workstreams.map((w, i) => w.estimate.calls - (i === 0 ? 1 : 0)));

    h.server.paceBatches({ holdFrom: undefined });
    const events: PlanAllEvent[] = [];
    const later = { now: () => new Date(Date.UTC(2026, 10, 27, 8, 0, 0)) };
    const o = done(await planAll({ batch: true, resume: true, force: true }, deps({ clock: later, onAllEvent: (e) => events.push(e) })));
    expect((events[0] as Extract<PlanAllEvent, { type: 'selected' }>).targets.map((t) => [t.id, t.kind])).toEqual([
      ['W1', 'finish'],
      ['W2', 'new'],
      ['W3', 'new'],
    ]);
    expect(o.workstreams.map((w) => [w.id, w.status, w.backup ?? null])).toEqual(IDS.map((id) => [id, 'done', null]));
    expect(h.v.read(plan('W1'))).toMatch(new RegExp(`^created: "${day}"$`, 'm'));
    expect(h.v.read(plan('W2'))).toMatch(/^created: "2026-11-27"$/m);
  });

  it('batched, a plan that fails while written says so in its last status, with why', async () => {
    respond((_req, kind, id) => (kind === 'section' && id === 'W2' ? { fault: { kind: 'http-error', status: 400, type: 'invalid_request_error', message: 'prompt is too long' } } : null));
    const events: PlanAllEvent[] = [];
    const o = done(await planAll({ batch: true }, deps({ onAllEvent: (e) => events.push(e) })));
    const last = (id: string): PlanAllEvent | undefined => events.filter((e) => e.type === 'status' && e.id === id).at(-1);
    expect(last('W1')).toEqual({ type: 'status', id: 'W1', status: 'done' });
    expect(last('W2')).toEqual({ type: 'status', id: 'W2', status: 'failed', detail: o.workstreams[1]!.reason });
    expect(o.workstreams[1]!.reason).toMatch(/^stopped at .*prompt is too long/);
  });

  it('a batch cancelled from elsewhere while the run waits: its requests are not sent again, and the plan stops where they were', async () => {
    h.server.paceBatches({ holdFrom: 2 });
    let cancelled = false;
    const client = claudeDeps(h.server, h.v).client;
    const events: PlanAllEvent[] = [];
    const o = done(
      await planAll(
        { batch: true },
        deps({
          onAllEvent: (e) => {
            events.push(e);
            if (e.type !== 'batch' || e.kind !== 'sections' || cancelled) return;
            cancelled = true;
            // Someone cancels the primer batch in the Console; the batches after it run.
            void client.messages.batches.cancel(e.batchId).then(() => h.server.paceBatches({ holdFrom: undefined }));
          },
        }),
      ),
    );
    expect(o.workstreams.map((w) => [w.id, w.status])).toEqual([
      ['W1', 'failed'],
      ['W2', 'skipped'],
      ['W3', 'skipped'],
    ]);
    expect(h.server.batchRequests().filter((b) => b.customId === 'W1-s0').map((b) => b.result)).toEqual(['canceled']);
    expect(o.workstreams[0]!.reason).toMatch(/^stopped at /);
    expect(statusOf('W1')).toBe('interrupted');
  });
  it("the run's warnings: each once, those of the planning set and those of each workstream's plan", async () => {
    rmSync(path.join(h.v.dir, '04-Agent-Reference-Files/Code-Standards.md'));
    respond((_req, kind, id) => (kind === 'outline' && id === 'W3' ? { text: '{"modules": []}' } : null));
    const o = done(await planAll({ batch: true }, deps({ vault: new FsVault(h.v.dir) })));
    const missing = expect.stringMatching(/^No code standards note was found: /);
    expect(o.warnings.map((w) => w.message)).toEqual([missing, expect.stringMatching(/^Claude's outline for W3 did not validate twice/)]);
    // Each plan says what it went without.
    for (const w of o.workstreams) expect(w.warnings!.map((x) => x.message)).toContainEqual(missing);
  });

  it("a batched workstream Claude escalates from its outline lists that escalation in the run's outcome", async () => {
    const escalation = { blocker: 'The sync-state contract names no error codes.', mesoSection: '[[meso-level-plan#W2 → W3: Inspection REST API]]', evidence: ['none'], questions: ['Which errors?'], recommendation: 'List them.' };
    respond((_req, kind, id) => (kind === 'outline' && id === 'W2' ? { text: JSON.stringify({ ...h.outlines['W2']!, escalation }) } : null));
    const o = done(await planAll({ batch: true }, deps()));
    // What the CLI's --json and the panel show for W2: the blocker, its section, its questions.
    expect(o.workstreams[1]!.escalations).toEqual([{ rule: 'model', workstreamId: 'W2', workstreamName: 'Inspection API', ...escalation }]);
  });

  it('a batch with a request that failed for good counts it in the batch total the progress shows', async () => {
    respond((_req, kind, id) => (kind === 'section' && id === 'W2' ? { fault: { kind: 'http-error', status: 400, type: 'invalid_request_error', message: 'prompt is too long' } } : null));
    const events: PlanAllEvent[] = [];
    const o = done(await planAll({ batch: true }, deps({ onAllEvent: (e) => events.push(e) })));
    const primer = o.batches[4]!;
    expect(inBatch(primer)).toEqual(['W2-s0']);
    expect(h.server.batchRequests().filter((b) => b.batchId === primer).map((b) => b.result)).toEqual(['errored']);
    const last = events.filter((e): e is Extract<PlanAllEvent, { type: 'batch-progress' }> => e.type === 'batch-progress' && e.batchId === primer).at(-1);
    expect(last).toMatchObject({ status: 'ended', processing: 0, total: 1 });
  });

  it("the run's total adds up each workstream's thinking tokens", async () => {
    const o = done(await planAll({ batch: false }, deps()));
    expect(o.total.thinkingTokens).toBe(o.workstreams.reduce((n, w) => n + w.usage!.thinkingTokens, 0));
    expect(typeof o.total.thinkingTokens).toBe('number');
  });
});

/** The real vault, except the calls `fails` picks: a read answers "missing", a write an io error (a full disk, a lock). */
function failing(real: FsVault, fails: (op: string, file: string) => boolean): VaultPort {
  return new Proxy(real, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const file = String(args[0]);
        if (fails(String(prop), file)) return Promise.resolve(prop === 'read' ? { ok: false, error: { kind: 'missing', file } } : { ok: false, error: { kind: 'io', file, detail: 'the disk is full' } });
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
