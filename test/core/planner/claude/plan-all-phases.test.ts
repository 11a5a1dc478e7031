/**
 * planAll's batch phases on the example vault (W1 → W2 → W3, one per level): reading a batch (and what
 * happens when the API fails or the run is stopped while it is read), the outline phase, the sections
 * rounds, writing the plan, and `cancelPlanAll`. Through Message Batches on the local Anthropic server
 * (real HTTP, the unmodified SDK) and real files in a temp vault; a run is stopped by aborting its
 * signal on an event. The setup is shared with plan-all.test.ts (plan-all-harness.ts).
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import matter from 'gray-matter';
import * as path from 'node:path';
import { cancelPlanAll, planAll, type PlanAllEvent } from '../../../../src/core/planner/claude/plan-all';
import { callUsage } from '../../../../src/core/providers/anthropic';
import { projectResponder, workstreamOfRequest } from '../../../support/anthropic-server/planner-responder';
import { tempVault } from '../../../support/temp-vault';
import type { Timers } from '../../../../src/core/generation/timers';
import type { VaultPort } from '../../../../src/core/vault/vault-port';
import { outlineOf, plan } from './harness';
import { done, MESO, planAllSuite } from './plan-all-harness';

type StatusEvent = Extract<PlanAllEvent, { type: 'status' }>;
type BatchEvent = Extract<PlanAllEvent, { type: 'batch' }>;
type ProgressEvent = Extract<PlanAllEvent, { type: 'batch-progress' }>;

const statusesOf = (events: PlanAllEvent[], id: string): Array<Omit<StatusEvent, 'type' | 'id'>> =>
  events.filter((e): e is StatusEvent => e.type === 'status' && e.id === id).map(({ status, detail }) => (detail === undefined ? { status } : { status, detail }));
const batchesOf = (events: PlanAllEvent[]): BatchEvent[] => events.filter((e): e is BatchEvent => e.type === 'batch');
const progressOf = (events: PlanAllEvent[], batchId: string): ProgressEvent[] => events.filter((e): e is ProgressEvent => e.type === 'batch-progress' && e.batchId === batchId);

/** The real FsVault with some of its methods replaced (a wrapper, not a fake: every other call goes to the files). */
function withVault(vault: VaultPort, replaced: Partial<VaultPort>): VaultPort {
  return new Proxy(vault, {
    get(target, key, receiver) {
      if (key in replaced) return replaced[key as keyof VaultPort];
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

interface PlannerRecord {
  batch: { batches: Array<{ id: string; kind: string; usage?: { calls: number; costUsd: number | null } }> };
  outline?: unknown;
  outlineSource?: string;
  provider?: string;
  usage?: { calls: number };
}

describe('planAll, batch phases', () => {
  const h = planAllSuite();
  const { deps, respond, inBatch, statusOf } = h;
  const record = (id: string): PlannerRecord => h.v.fm(plan(id))['planner'] as PlannerRecord;

  /** A run stopped while W1's batch number `n` (1 = its outline batch) runs: the note keeps the batch ids. */
  async function stopInBatch(n: number, release = true): Promise<string[]> {
    h.server.paceBatches({ holdFrom: n });
    const controller = new AbortController();
    let seen = 0;
    const o = done(await planAll({ batch: true }, deps({ signal: controller.signal, onAllEvent: (e) => e.type === 'batch' && ++seen === n && controller.abort() })));
    expect(o.kind).toBe('interrupted');
    expect(statusOf('W1')).toBe('in_progress');
    if (release) h.server.paceBatches({ holdFrom: undefined });
    return o.batches;
  }

  describe('reading a batch', () => {
    it('a run stopped while the outline batch runs is taken up by reading that batch, never sending it again', async () => {
      const sent = await stopInBatch(1);
      expect(sent).toEqual([h.server.batchRequests()[0]!.batchId]);
      expect(record('W1').batch.batches).toEqual([{ id: sent[0], kind: 'outline' }]);
      expect(record('W1').outline).toBeUndefined();

      const events: PlanAllEvent[] = [];
      const r = done(await planAll({ batch: true, resume: true }, deps({ onAllEvent: (e) => events.push(e) })));
      expect(r.kind).toBe('done');
      expect(r.workstreams.map((w) => [w.id, w.status])).toEqual([
        ['W1', 'done'],
        ['W2', 'done'],
        ['W3', 'done'],
      ]);
      expect(h.server.batchRequests().filter((b) => b.customId === 'W1-o')).toHaveLength(1);
      expect(batchesOf(events)[0]).toEqual({ type: 'batch', batchId: sent[0], kind: 'outline', level: 0, workstreams: ['W1'], requests: 1, resumed: true });
      expect(statusesOf(events, 'W1').slice(0, 2)).toEqual([{ status: 'queued' }, { status: 'in-batch', detail: sent[0] }]);
      // The batch read again is one of the run's batches.
      expect(r.batches[0]).toBe(sent[0]);
      expect(record('W1').batch.batches.map((b) => b.kind)).toEqual(['outline', 'sections', 'sections']);
      expect(statusOf('W1')).toBe('ready_for_decomposition');
    });

    it('a run stopped while the outline is asked again reads both outline batches on resume, in their rounds', async () => {
      let outlines = 0;
      respond((_req, kind, id) => (kind === 'outline' && id === 'W1' && ++outlines === 1 ? { fault: { kind: 'overloaded' } } : null));
      const sent = await stopInBatch(2);
      expect(sent.map((id) => inBatch(id))).toEqual([['W1-o'], ['W1-o2']]);

      const events: PlanAllEvent[] = [];
      const r = done(await planAll({ batch: true, resume: true }, deps({ onAllEvent: (e) => events.push(e) })));
      expect(r.workstreams.map((w) => w.status)).toEqual(['done', 'done', 'done']);
      expect(batchesOf(events).slice(0, 2).map((b) => [b.batchId, b.kind, b.resumed])).toEqual([
        [sent[0], 'outline', true],
        [sent[1], 'outline', true],
      ]);
      expect(h.server.batchRequests().filter((b) => b.customId.startsWith('W1-o'))).toHaveLength(2);
      expect(record('W1').outlineSource).toBe('model');
    });

    it('a resumed outline batch the API no longer knows ends the run with the API failure', async () => {
      const sent = await stopInBatch(1);
      h.server.reset();
      // Its 404 is about the batch, not the model.
      expect(await planAll({ batch: true, resume: true }, deps())).toEqual({
        ok: false,
        error: { kind: 'api-failure', failure: { kind: 'batch-not-found', message: `The API does not know the batch ${sent[0]}: it was sent with another workspace's API key, or it no longer exists (request-id req_mock_0001).` } },
      });
      expect(h.server.batchRequests()).toEqual([]);
    });

    it.each([
      ['its outline batch', 1],
      ['its sections batch', 2],
    ])('a run stopped while %s, taken up, is read is left for the next resume', async (_what, n) => {
      const sent = await stopInBatch(n);
      h.server.paceBatches({ hold: true });
      const controller = new AbortController();
      const events: PlanAllEvent[] = [];
      const before = h.server.batchRequests().length;
      const r = done(await planAll({ batch: true, resume: true }, deps({ signal: controller.signal, onAllEvent: (e) => (events.push(e), e.type === 'batch' && controller.abort()) })));
      expect(r.kind).toBe('interrupted');
      expect(batchesOf(events).map((b) => [b.batchId, b.resumed])).toEqual([[sent[n - 1], true]]);
      expect(h.server.batchRequests()).toHaveLength(before);
      expect(record('W1').batch.batches.map((b) => b.id)).toEqual(sent);
      expect(statusOf('W1')).toBe('in_progress');
    });

    it.each([
      // The batch is gone before its first poll, or between its last poll and its results.
      ['an outline batch is waited for', (e: PlanAllEvent) => e.type === 'batch' && e.kind === 'outline'],
      ['the results of a batch are read', (e: PlanAllEvent) => e.type === 'batch-progress' && e.status === 'ended'],
      ['a sections batch is waited for', (e: PlanAllEvent) => e.type === 'batch' && e.kind === 'sections'],
    ])('the API failing while %s ends the run with that failure', async (_what, when) => {
      let gone = false;
      const r = await planAll({ batch: true }, deps({ onAllEvent: (e) => !gone && when(e) && ((gone = true), h.server.reset()) }));
      expect(gone).toBe(true);
      expect(r).toMatchObject({ ok: false, error: { kind: 'api-failure', failure: { kind: 'batch-not-found' } } });
    });

    it('a run stopped as its batch ends, before the results are read, reads them on resume', async () => {
      const controller = new AbortController();
      const first = done(await planAll({ batch: true }, deps({ signal: controller.signal, onAllEvent: (e) => e.type === 'batch-progress' && e.status === 'ended' && controller.abort() })));
      expect(first.kind).toBe('interrupted');
      expect(first.batches).toHaveLength(1);
      expect(record('W1').outline).toBeUndefined();
      const r = done(await planAll({ batch: true, resume: true }, deps()));
      expect(r.workstreams.map((w) => w.status)).toEqual(['done', 'done', 'done']);
      expect(h.server.batchRequests().filter((b) => b.customId === 'W1-o')).toHaveLength(1);
    });

    it('a resumed sections batch the API no longer knows ends the run with the API failure', async () => {
      await stopInBatch(2);
      h.server.reset();
      expect(await planAll({ batch: true, resume: true }, deps())).toMatchObject({ ok: false, error: { kind: 'api-failure' } });
    });

    it('counts the expired requests of a batch in its progress, and asks them again', async () => {
      const events: PlanAllEvent[] = [];
      let expired = false;
      const o = done(await planAll({ batch: true }, deps({ onAllEvent: (e) => (events.push(e), !expired && e.type === 'batch' && ((expired = true), h.server.expireBatches())) })));
      expect(o.workstreams.map((w) => w.status)).toEqual(['done', 'done', 'done']);
      expect(progressOf(events, o.batches[0]!)).toEqual([{ type: 'batch-progress', batchId: o.batches[0], status: 'ended', processing: 0, total: 1 }]);
      expect(inBatch(o.batches[1]!)).toEqual(['W1-o2']);
    });

    it('a cancelled batch is read again on resume: its progress counts the cancelled requests, and the rest go in one batch', async () => {
      const sent = await stopInBatch(2, false);
      expect(inBatch(sent[1]!)).toEqual(['W1-s0']);
      expect(await cancelPlanAll(deps())).toEqual({ ok: true, value: { canceled: [sent[1]], notes: [plan('W1')] } });
      h.server.paceBatches({ holdFrom: undefined });
      expect(h.v.read(plan('W1'))).toContain('> It stopped at a batch: planning was cancelled.');
      const events: PlanAllEvent[] = [];
      const r = done(await planAll({ batch: true, resume: true }, deps({ onAllEvent: (e) => events.push(e) })));
      expect(r.workstreams.map((w) => w.status)).toEqual(['done', 'done', 'done']);
      const [resumed, rest] = batchesOf(events);
      expect(resumed).toEqual({ type: 'batch', batchId: sent[1], kind: 'sections', level: 0, workstreams: ['W1'], requests: 0, resumed: true });
      expect(statusesOf(events, 'W1').slice(0, 3)).toEqual([{ status: 'queued' }, { status: 'in-batch', detail: sent[1] }, { status: 'in-batch', detail: rest!.batchId }]);
      expect(progressOf(events, sent[1]!)).toEqual([{ type: 'batch-progress', batchId: sent[1], status: 'ended', processing: 0, total: 1 }]);
      // The primer round was sent already: every section (the cancelled one too) goes in the next batch, no primer.
      expect(rest).toMatchObject({ kind: 'sections', level: 0, workstreams: ['W1'], resumed: false });
      expect(rest!.primer).toBeUndefined();
      const all = inBatch(rest!.batchId);
      expect(all[0]).toBe('W1-s0');
      expect(all.length).toBeGreaterThan(5);
      expect(batchesOf(events).filter((b) => b.workstreams.includes('W1'))).toHaveLength(2);
      // This run read the sections' answers; the plan's usage also has the outline read by the first run.
      const w1 = r.workstreams[0]!;
      expect(w1.requests).toEqual({ batched: all.length, streamed: 0 });
      expect(w1.usage!.calls).toBe(all.length + 1);
    });
  });

  describe('cancel', () => {
    it('says when the project is not there, or the API does not know the batch', async () => {
      expect(await cancelPlanAll(deps(), { project: 'No such project' })).toMatchObject({ ok: false });
      const sent = await stopInBatch(1);
      h.server.reset();
      expect(await cancelPlanAll(deps())).toMatchObject({ ok: false, error: { kind: 'api-failure', failure: { kind: 'batch-not-found', message: expect.stringContaining(sent[0]!) } } });
      expect(statusOf('W1')).toBe('in_progress');
    });
  });


  describe('cancel, in a vault of two planning sets', () => {
    it('cancels in the planning set near the note it is given, and skips a note it cannot read', async () => {
      await stopInBatch(1, false);
      // A second planning set in the vault: cancel needs to know which one.
      cpSync(path.join(h.v.dir, 'research/project-planning'), path.join(h.v.dir, 'research/other-planning'), { recursive: true });
      expect(await cancelPlanAll(deps())).toMatchObject({ ok: false, error: { kind: 'ambiguous-planning-set' } });
      const unreadable = withVault(h.v.vault, { read: async (p) => (p === plan('W1') ? { ok: false, error: { kind: 'missing', file: p } } : h.v.vault.read(p)) });
      const r = await cancelPlanAll({ ...deps(), vault: unreadable }, { near: 'research/project-planning' });
      expect(r).toEqual({ ok: true, value: { canceled: [h.server.batchRequests()[0]!.batchId], notes: [] } });
      expect(statusOf('W1')).toBe('in_progress');
    });
    it('asks the API about a batch two notes share once, and marks both notes', async () => {
      // W1 and W5 have no upstream here: their outlines go in one batch.
      const t = tempVault('upstream-conventions-numbered');
      try {
        h.server.paceBatches({ hold: true });
        const controller = new AbortController();
        const o = done(await planAll({ batch: true }, { ...deps({ signal: controller.signal, onAllEvent: (e) => e.type === 'batch' && controller.abort() }), vault: t.vault }));
        expect(o.kind).toBe('interrupted');
        const [id] = o.batches;
        expect(inBatch(id!)).toEqual(['W1-o', 'W5-o']);
        const before = h.server.requests.length;
        const cancelled = await cancelPlanAll({ ...deps(), vault: t.vault });
        if (!cancelled.ok) throw new Error(JSON.stringify(cancelled.error));
        expect(cancelled.value.canceled).toEqual([id]);
        expect(cancelled.value.notes.map((n) => path.basename(n))).toEqual(['W1-micro-level-plan.md', 'W5-micro-level-plan.md']);
        // One look at the batch, one cancel: not one of each per note.
        expect(h.server.requests.slice(before).map((r) => `${r.method} ${r.route}`)).toEqual([`GET /v1/messages/batches/${id}`, `POST /v1/messages/batches/${id}/cancel`]);
      } finally {
        t.cleanup();
      }
    });
  });

  describe('outlines', () => {
    it('an outline that fails for good: the failed status says why', async () => {
      respond((_req, kind, id) => (kind === 'outline' && id === 'W1' ? { fault: { kind: 'http-error', status: 400, type: 'invalid_request_error', message: 'prompt is too long.' } } : null));
      const events: PlanAllEvent[] = [];
      const o = done(await planAll({ batch: true }, deps({ onAllEvent: (e) => events.push(e) })));
      const why = 'the outline the request failed in the batch (invalid_request_error: prompt is too long)';
      expect(o.workstreams[0]).toMatchObject({ status: 'failed', reason: why });
      expect(statusesOf(events, 'W1')).toEqual([{ status: 'queued' }, { status: 'in-batch', detail: o.batches[0] }, { status: 'failed', detail: why }]);
    });

    it('an outline overloaded twice fails with what the second answer said', async () => {
      respond((_req, kind, id) => (kind === 'outline' && id === 'W1' ? { fault: { kind: 'overloaded' } } : null));
      const o = done(await planAll({ batch: true }, deps()));
      expect(o.batches.map((id) => inBatch(id))).toEqual([['W1-o'], ['W1-o2']]);
      expect(o.workstreams[0]!.reason).toMatch(/^the outline the request failed in the batch \(overloaded_error: /);
      expect(h.v.read(plan('W1'))).toContain('> It stopped at the outline: the outline the request failed in the batch (overloaded_error: ');
    });

    it("Claude's escalation from a batched outline: the escalated status, with the blocker", async () => {
      const escalation = { blocker: 'The sync-state contract names no error codes.', mesoSection: 'W2', evidence: ['none'], questions: ['Which errors?'], recommendation: 'List them.' };
      respond((_req, kind, id) => (kind === 'outline' && id === 'W2' ? { text: JSON.stringify({ ...h.outlines['W2']!, escalation }) } : null));
      const events: PlanAllEvent[] = [];
      const o = done(await planAll({ batch: true }, deps({ onAllEvent: (e) => events.push(e) })));
      expect(statusesOf(events, 'W2')).toEqual([{ status: 'queued' }, { status: 'in-batch', detail: o.batches[3] }, { status: 'escalated', detail: escalation.blocker }]);
      const note = h.v.read('Planning/W2-escalation.md');
      expect(note).toContain('Which errors?');
      expect(note).toContain('List them.');
    });

    it("Claude escalating from an outline taken up from an earlier run leaves that run's note marked, not trashed", async () => {
      const escalation = { blocker: 'W1 cannot be planned now.', mesoSection: 'W1', evidence: ['x'], questions: ['y?'], recommendation: 'z' };
      respond((_req, kind, id) => (kind === 'outline' && id === 'W1' ? { text: JSON.stringify({ ...h.outlines['W1']!, escalation }) } : null));
      await stopInBatch(1);
      const r = done(await planAll({ batch: true, resume: true }, deps()));
      expect(r.workstreams.map((w) => [w.id, w.status, w.note])).toEqual([
        ['W1', 'escalated', 'Planning/W1-escalation.md'],
        ['W2', 'skipped', null],
        ['W3', 'skipped', null],
      ]);
      expect(statusOf('W1')).toBe('interrupted');
      expect(h.v.read(plan('W1'))).toContain('> It stopped at the outline: Claude escalated instead of planning; see the escalation note.');
      expect(h.v.read(plan('W1'))).toContain('> [!info] Being planned in a batch');
    });

    it('a note deleted while its outline batch is read is not written again when Claude escalates', async () => {
      const escalation = { blocker: 'W1 cannot be planned now.', mesoSection: 'W1', evidence: ['x'], questions: ['y?'], recommendation: 'z' };
      respond((_req, kind, id) => (kind === 'outline' && id === 'W1' ? { text: JSON.stringify({ ...h.outlines['W1']!, escalation }) } : null));
      await stopInBatch(1);
      const r = done(await planAll({ batch: true, resume: true }, deps({ onAllEvent: (e) => e.type === 'batch-progress' && e.status === 'ended' && rmSync(path.join(h.v.dir, plan('W1'))) })));
      expect(r.workstreams[0]).toMatchObject({ status: 'escalated', note: 'Planning/W1-escalation.md' });
      expect(() => h.v.read(plan('W1'))).toThrow();
    });
    it('the outline is in the note before its sections batch is sent, so a run killed then does not read the outline batch again', async () => {
      const seen: Array<{ batched: number }> = [];
      const recording = withVault(h.v.vault, {
        replace: async (p, text) => {
          if (p === plan('W1') && text.includes('"outline":') && seen.length === 0) seen.push({ batched: h.server.batchRequests().length });
          return h.v.vault.replace(p, text);
        },
      });
      done(await planAll({ batch: true }, { ...deps(), vault: recording }));
      expect(seen).toEqual([{ batched: 1 }]);
    });

    it('an outline that fails for good for a note deleted meanwhile writes nothing back', async () => {
      respond((_req, kind, id) => (kind === 'outline' && id === 'W1' ? { fault: { kind: 'http-error', status: 400, type: 'invalid_request_error', message: 'prompt is too long.' } } : null));
      const o = done(await planAll({ batch: true }, deps({ onAllEvent: (e) => e.type === 'batch-progress' && e.status === 'ended' && rmSync(path.join(h.v.dir, plan('W1'))) })));
      expect(o.workstreams[0]).toMatchObject({ status: 'failed', reason: 'the outline the request failed in the batch (invalid_request_error: prompt is too long)' });
      expect(() => h.v.read(plan('W1'))).toThrow();
    });
  });

  describe('sections', () => {
    const underHeading5 = (req: { body: unknown }): boolean => JSON.stringify(req.body).includes('under the heading `## 5.');
    const w1Tries = (): Array<{ result?: string; params: unknown }> => h.server.batchRequests().filter((b) => b.customId.startsWith('W1-') && underHeading5({ body: b.params }));

    it('a section overloaded in every round is asked three times, then the plan stops there', async () => {
      respond((req, kind, id) => (kind === 'section' && id === 'W1' && underHeading5(req) ? { fault: { kind: 'overloaded' } } : null));
      const o = done(await planAll({ batch: true }, deps()));
      expect(o.workstreams.map((w) => w.status)).toEqual(['failed', 'skipped', 'skipped']);
      const tries = w1Tries();
      expect(tries.map((b) => b.result)).toEqual(['errored', 'errored', 'errored']);
      // The primer, the rest, two follow-ups.
      expect(o.batches).toHaveLength(5);
      expect(o.workstreams[0]!.reason).toMatch(/overloaded_error/);
    });

    it('an answer cut at its limit is kept when the request asked again fails, and asked again with more room', async () => {
      let n = 0;
      respond((req, kind, id) => {
        if (kind !== 'section' || id !== 'W1' || !underHeading5(req)) return null;
        n++;
        if (n === 1) return { text: 'x'.repeat(12_000) };
        if (n === 2) return { fault: { kind: 'http-error', status: 400, type: 'invalid_request_error', message: 'no.' } };
        return null;
      });
      const o = done(await planAll({ batch: true }, deps({}, { caching: false, maxOutputTokens: 2000 })));
      expect(o.workstreams.map((w) => w.status)).toEqual(['done', 'done', 'done']);
      const tries = w1Tries();
      expect(tries.map((b) => [b.result, (b.params as { max_tokens: number }).max_tokens])).toEqual([
        ['succeeded', 2000],
        ['errored', 4000],
        ['succeeded', 4000],
      ]);
    });

    it("an answer stopped at the model's own output limit is not asked again", async () => {
      respond((req, kind, id) => (kind === 'section' && id === 'W1' && underHeading5(req) ? { text: 'x'.repeat(600_000) } : null));
      const o = done(await planAll({ batch: true }, deps({}, { maxOutputTokens: 128_000 })));
      expect(w1Tries().map((b) => [b.result, (b.params as { max_tokens: number }).max_tokens])).toEqual([['succeeded', 128_000]]);
      expect(o.workstreams[0]!.status).toBe('done');
    });

    it('a request that failed in a passing way and then for good stops the plan there', async () => {
      let n = 0;
      respond((req, kind, id) => {
        if (kind !== 'section' || id !== 'W1' || !underHeading5(req)) return null;
        n++;
        if (n === 1) return { fault: { kind: 'overloaded' } };
        if (n === 2) return { fault: { kind: 'http-error', status: 400, type: 'invalid_request_error', message: 'no.' } };
        return null;
      });
      const o = done(await planAll({ batch: true }, deps()));
      expect(o.workstreams.map((w) => w.status)).toEqual(['failed', 'skipped', 'skipped']);
      expect(o.workstreams[0]!.reason).toMatch(/\(invalid_request_error: no\)\.$/);
      expect(w1Tries()).toHaveLength(2);
    });
  });

  describe('outlines that do not hold', () => {
    it('an outline that parses but does not hold, twice: asked again naming its problems, then derived from the WBS with a warning that names the first three', async () => {
      const thin = { ...h.outlines['W3']!, modules: h.outlines['W3']!.modules.slice(0, 1) };
      respond((_req, kind, id) => (kind === 'outline' && id === 'W3' ? { text: JSON.stringify(thin) } : null));
      const o = done(await planAll({ batch: true }, deps()));
      const first = h.server.batchRequests().find((b) => b.customId === 'W3-o')!;
      const retry = h.server.batchRequests().find((b) => b.customId === 'W3-o2')!;
      expect(JSON.stringify(first.params)).not.toMatch(/was rejected for these reasons/);
      expect(JSON.stringify(retry.params)).toMatch(/was rejected for these reasons/);
      expect(o.warnings.filter((w) => w.kind === 'outline-fallback').map((w) => w.message)).toEqual([
        "Claude's outline for W3 did not validate twice, so the outline was derived from the WBS instead (Task T3.2 (Rate-limited AssetHub client with timeouts and typed responses) is in no module. Task T3.3 (Work-order import creating inspections through `POST /v1/inspections`) is in no module. Task T3.4 (Condition-report export reading `GET /v1/inspections/{id}` and mapping ratings to grades) is in no module).",
      ]);
      expect(record('W3').outlineSource).toBe('fallback');
    });
    it('an outline asked again names at most ten of its problems', async () => {
      const given = h.outlines['W1']!;
      const unknown = Array.from({ length: 12 }, (_, i) => `T1.${90 + i}`);
      const wrong = { ...given, modules: given.modules.map((m, i) => (i === 0 ? { ...m, taskIds: [...m.taskIds, ...unknown] } : m)) };
      let n = 0;
      respond((_req, kind, id) => (kind === 'outline' && id === 'W1' && ++n === 1 ? { text: JSON.stringify(wrong) } : null));
      const o = done(await planAll({ batch: true }, deps()));
      expect(o.workstreams[0]!.status).toBe('done');
      const retry = JSON.stringify(h.server.batchRequests().find((b) => b.customId === 'W1-o2')!.params);
      expect(unknown.filter((t) => retry.includes(`names ${t}, which is not a task of W1`))).toEqual(unknown.slice(0, 10));
    });
  });


  describe("the plan's usage and record, and the polls", () => {
    it('prices every answer of a batch at the batch rate, half the list price', async () => {
      const o = done(await planAll({ batch: true }, deps()));
      const w1 = h.server.batchRequests().filter((b) => b.customId.startsWith('W1-'));
      const list = (ids: Array<{ usage?: Record<string, unknown> }>): number => ids.reduce((n, b) => n + callUsage('any', 'claude-sonnet-5-5', b.usage as never).costUsd!, 0);
      expect(o.workstreams[0]!.usage!.costUsd!).toBeCloseTo(list(w1) / 2, 12);
      // The outline's share, in the note's record of its batch.
      expect(record('W1').batch.batches[0]!.usage!.costUsd!).toBeCloseTo(list(w1.filter((b) => b.customId === 'W1-o')) / 2, 12);
    });

    it('a plan finished from batches records who planned it, the outline source of an older note, and its inputs as they were when its batch was sent', async () => {
      await stopInBatch(2);
      // A note written before the outline's source was recorded.
      const file = path.join(h.v.dir, plan('W1'));
      writeFileSync(file, readFileSync(file, 'utf8').replace(/"outlineSource": ?"model",? ?/, ''));
      expect(record('W1').outlineSource).toBeUndefined();
      // W1's meso section changes while its batch runs.
      writeFileSync(path.join(h.v.dir, MESO), h.v.read(MESO).replace('Connection pool size 10 per API pod.', 'Connection pool size 12 per API pod.'));
      const r = done(await planAll({ batch: true, resume: true }, deps()));
      expect(r.workstreams[0]!.status).toBe('done');
      expect(record('W1')).toMatchObject({ provider: 'anthropic', outlineSource: 'model' });
      const after = done(await planAll({ batch: true, dryRun: true }, deps({ apiKey: '' })));
      expect(after.workstreams[0]).toMatchObject({ id: 'W1', status: 'kept', reason: 'its plan is stale; --replan-stale re-plans it' });
    });

    it('polls a batch taken up again at once, a new one after a first wait, the wait growing up to maxPollMs', async () => {
      await stopInBatch(1);
      const log: string[] = [];
      // Timers that note each wait and end it on the next turn of the event loop (no clock involved).
      const timers: Timers = {
        now: () => 0,
        setTimer: (fn, ms) => (log.push(`wait ${ms}`), setImmediate(fn)),
        clearTimer: (handle) => clearImmediate(handle as NodeJS.Immediate),
      };
      h.server.paceBatches({ requestsPerPoll: 1 });
      const onAllEvent = (e: PlanAllEvent): void => {
        if (e.type === 'batch') log.push(`batch ${e.batchId}`);
        if (e.type === 'batch-progress') log.push(`poll ${e.status}`);
      };
      done(await planAll({ batch: true, resume: true }, deps({ timers, pollMs: 100, maxPollMs: 150, onAllEvent })));
      const batches = log.filter((l) => l.startsWith('batch '));
      const of = (batch: string): string[] => {
        const from = log.indexOf(batch);
        const next = log.findIndex((l, i) => i > from && l.startsWith('batch '));
        return log.slice(from + 1, next).filter((l) => !l.startsWith('wait 0'));
      };
      // The outline batch taken up: looked at at once.
      expect(of(batches[0]!)[0]).toBe('poll ended');
      // The rest of W1's sections, one request a poll: the first wait, then growing by half up to 150 ms.
      expect(of(batches[2]!).slice(0, 8)).toEqual(['wait 100', 'poll in_progress', 'wait 100', 'poll in_progress', 'wait 150', 'poll in_progress', 'wait 150', 'poll in_progress']);
    });
    it("keeps the WBS's label of each workstream (an upstream vault's epics) in the plan's record", async () => {
      const t = tempVault('upstream-epic-tables');
      try {
        const outlines = { W1: await outlineOf(t.vault, 'W1'), W2: await outlineOf(t.vault, 'W2'), W3: await outlineOf(t.vault, 'W3') };
        h.server.setScript(projectResponder({ outlines, mesoTarget: 'meso-level-plan', script: { chunkChars: 4000 } }));
        const o = done(await planAll({ batch: true }, { ...deps(), vault: t.vault }));
        const labels = o.workstreams.map((w) => [w.id, w.status, (matter(readFileSync(path.join(t.dir, w.note!), 'utf8')).data['planner'] as { workstream_label?: string }).workstream_label]);
        expect(labels).toEqual([
          ['W1', 'done', 'Epic 1'],
          ['W2', 'done', 'Epic 2'],
          ['W3', 'done', 'Epic 3'],
        ]);
      } finally {
        t.cleanup();
      }
    });
  });

  describe('writing the plan', () => {
    it('writes the title block once: the stand-in note becomes it, and the writer goes on after it', async () => {
      done(await planAll({ batch: true }, deps()));
      const text = h.v.read(plan('W1'));
      expect(text.match(/^planner: /gm)).toHaveLength(1);
      expect(text.match(/^# /gm)).toHaveLength(1);
      expect(text).not.toContain('Being planned in a batch');
    });

    it('a plan note that cannot be written fails that workstream and skips what depends on it', async () => {
      const events: PlanAllEvent[] = [];
      const note = path.join(h.v.dir, plan('W1'));
      const o = done(await planAll({ batch: true }, deps({ onAllEvent: (e) => {
        events.push(e);
        // A folder where the note should be, as the plan is about to be written.
        if (e.type === 'status' && e.id === 'W1' && e.status === 'writing') {
          rmSync(note);
          mkdirSync(note);
        }
      } })));
      const why = `${plan('W1')} could not be written (io)`;
      expect(o.workstreams.map((w) => [w.id, w.status, w.note, w.reason])).toEqual([
        ['W1', 'failed', plan('W1'), why],
        ['W2', 'skipped', null, 'W1 has no finished plan'],
        ['W3', 'skipped', null, 'W1 has no finished plan'],
      ]);
      expect(statusesOf(events, 'W1').at(-1)).toEqual({ status: 'failed', detail: why });
    });
  });

  describe('resuming, and the API failing around a batch', () => {
    /**
     * W1 and W5 have no upstream in this vault: one level. W5's note cannot be made in the first run (the disk
     * refuses it), which stops at W1's batch number `stopAt`; W1's section 5 is overloaded in that run when asked.
     * The resumed run's events, once both are planned.
     */
    async function joinOnResume(stopAt: number, overloadW1: boolean): Promise<PlanAllEvent[]> {
      const t = tempVault('upstream-conventions-numbered');
      try {
        const outlines = { W1: await outlineOf(t.vault, 'W1'), W5: await outlineOf(t.vault, 'W5') };
        let overloaded = overloadW1;
        const underHeading5 = (req: { body: unknown }): boolean => JSON.stringify(req.body).includes('under the heading `## 5.');
        h.server.setScript(projectResponder({ outlines, mesoTarget: 'meso-level-plan', script: { chunkChars: 4000 }, override: (req, kind) => (overloaded && kind === 'section' && workstreamOfRequest(req) === 'W1' && underHeading5(req) ? { fault: { kind: 'overloaded' } } : null) }));
        const w5 = '01-Projects/Fernway/Planning/W5-micro-level-plan.md';
        const refusing = withVault(t.vault, { create: async (p, text) => (p === w5 ? { ok: false, error: { kind: 'io', file: p, detail: 'EACCES' } } : t.vault.create(p, text)) });
        h.server.paceBatches({ holdFrom: stopAt });
        const controller = new AbortController();
        let seen = 0;
        const first = done(await planAll({ batch: true }, { ...deps({ signal: controller.signal, onAllEvent: (e) => e.type === 'batch' && ++seen === stopAt && controller.abort() }), vault: refusing }));
        expect(first.kind).toBe('interrupted');
        expect(first.workstreams.find((w) => w.id === 'W5')).toMatchObject({ status: 'failed', note: w5, reason: `${w5} could not be created (io)` });
        expect(first.batches.map((id) => inBatch(id).filter((c) => !c.startsWith('W1-'))).flat()).toEqual([]);
        overloaded = false;
        h.server.paceBatches({ holdFrom: undefined });

        const events: PlanAllEvent[] = [];
        const r = done(await planAll({ batch: true, resume: true }, { ...deps({ onAllEvent: (e) => events.push(e) }), vault: t.vault }));
        expect(r.workstreams.filter((w) => w.id === 'W1' || w.id === 'W5').map((w) => [w.id, w.status])).toEqual([
          ['W1', 'done'],
          ['W5', 'done'],
        ]);
        return events;
      } finally {
        t.cleanup();
      }
    }
    const sectionBatches = (events: PlanAllEvent[]): Array<[string[], boolean, string[]]> =>
      batchesOf(events).filter((b) => b.kind === 'sections' && !b.resumed && b.level === 0).map((b) => [b.workstreams, b.primer === true, inBatch(b.batchId).filter((c) => c === 'W5-s0' || c.startsWith('W1-'))]);

    it('a workstream that joins a level on resume gets its own rounds of sections, though the other one there used all of its own', async () => {
      // W1's outline, its primer, the rest, and two rounds asking section 5 again: the first run stops in the last.
      const events = await joinOnResume(5, true);
      // W5's sections start with its own primer round (the W5-s0 alone).
      expect(sectionBatches(events)).toEqual([
        [['W5'], true, ['W5-s0']],
        [['W5'], false, []],
      ]);
    });

    it("a workstream that joins a level on resume sends its primer with the other one's next round: that batch is not a primer batch", async () => {
      // The first run stops while W1's primer runs: on resume W1 asks the rest, and W5 its primer, in one batch.
      const events = await joinOnResume(2, false);
      const [mixed, rest] = sectionBatches(events);
      expect(mixed![0]).toEqual(['W1', 'W5']);
      expect(mixed![1]).toBe(false);
      expect(mixed![2]).toContain('W5-s0');
      expect(mixed![2].length).toBeGreaterThan(5);
      expect(mixed![2]).not.toContain('W1-s0');
      expect(rest).toEqual([['W5'], false, []]);
      expect(sectionBatches(events)).toHaveLength(2);
    });

    it('a cancel the API refuses (overloaded through every retry) says so, and leaves the batch running and the note as it was', async () => {
      const sent = await stopInBatch(1, false);
      const before = h.v.read(plan('W1'));
      // The batch is looked at, then its cancel is answered 529 on the first try and on each of the SDK's three retries.
      h.server.failBatchCalls('cancel', ...Array.from({ length: 4 }, () => ({ kind: 'overloaded' as const, retryAfterMs: 1 })));
      expect(await cancelPlanAll(deps())).toEqual({ ok: false, error: { kind: 'api-failure', failure: { kind: 'overloaded', message: expect.stringMatching(/^The API is overloaded; try again in a few minutes \(request-id req_mock_\d+\)\.$/) } } });
      expect(h.server.requests.filter((r) => r.route.endsWith('/cancel')).map((r) => r.fault)).toEqual(['overloaded', 'overloaded', 'overloaded', 'overloaded']);
      expect(h.v.read(plan('W1'))).toBe(before);
      // Asked again once the API has room, the cancel goes through.
      expect(await cancelPlanAll(deps())).toEqual({ ok: true, value: { canceled: [sent[0]], notes: [plan('W1')] } });
    });

    it('on resume, an outline that failed for good in the batch read again fails: it is not asked again as a cancelled one is', async () => {
      respond((_req, kind, id) => (kind === 'outline' && id === 'W1' ? { fault: { kind: 'http-error', status: 400, type: 'invalid_request_error', message: 'prompt is too long.' } } : null));
      const sent = await stopInBatch(1);
      const r = done(await planAll({ batch: true, resume: true }, deps()));
      expect(r.workstreams.map((w) => [w.id, w.status, w.reason])).toEqual([
        ['W1', 'failed', 'the outline the request failed in the batch (invalid_request_error: prompt is too long)'],
        ['W2', 'skipped', 'W1 has no finished plan'],
        ['W3', 'skipped', 'W1 has no finished plan'],
      ]);
      expect(h.server.batchRequests().map((b) => [b.batchId, b.customId])).toEqual([[sent[0], 'W1-o']]);
      expect(statusOf('W1')).toBe('interrupted');
    });

    it('a resumed run does not write a note again when a batch read again leaves its record as it was', async () => {
      // W1's section 5 overloaded once: a third sections batch asks it again, and the run stops while it runs.
      let tries = 0;
      respond((req, kind, id) => (kind === 'section' && id === 'W1' && JSON.stringify(req.body).includes('under the heading `## 5.') && ++tries === 1 ? { fault: { kind: 'overloaded' } } : null));
      const sent = await stopInBatch(4);
      expect(sent.map((id) => inBatch(id).length)).toEqual([1, 1, expect.any(Number), 1]);
      const log: string[] = [];
      const recording = withVault(h.v.vault, {
        replace: async (p, text) => {
          if (p === plan('W1')) log.push('write');
          return h.v.vault.replace(p, text);
        },
      });
      const onAllEvent = (e: PlanAllEvent): void => {
        if (e.type === 'batch' && e.workstreams.includes('W1')) log.push(`read ${sent.indexOf(e.batchId)}`);
      };
      const r = done(await planAll({ batch: true, resume: true }, { ...deps({ onAllEvent }), vault: recording }));
      expect(r.workstreams[0]!.status).toBe('done');
      // The second batch read again changes nothing the note records (its usage is there already): no write before
      // the third is read. The third had not ended: its results are new, and written.
      expect(log.slice(log.indexOf('read 2') + 1, log.indexOf('read 3'))).toEqual([]);
      expect(log.slice(log.indexOf('read 3') + 1)).toContain('write');
      expect(log.indexOf('read 1')).toBeLessThan(log.indexOf('read 2'));
    });
  });
});
