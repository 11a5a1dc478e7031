/**
 * planAll at the level of the whole run: the vault changing between the listing and the plans, the
 * estimate of the run (the worst case of each workstream, tokens counted with the API, the model looked
 * up once), the outcome's warnings and total, a run stopped between two workstreams of one level, and
 * streamed workstreams (a forced replace, a plan note that appears meanwhile, notes edited meanwhile).
 * Through the local Anthropic server over real HTTP with the unmodified SDK, and real files in temp
 * vaults: the example vault (W1 → W2 → W3, one per level) and `upstream-conventions-numbered` (W1 and W5
 * on the first level, W4 escalated by the rules). The setup is shared with plan-all.test.ts.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { planAll, type PlanAllEvent } from '../../../../src/core/planner/claude/plan-all';
import { planWithClaude } from '../../../../src/core/planner/claude/plan-with-claude';
import { createAnthropicClient } from '../../../../src/core/providers/anthropic';
import { FsVault } from '../../../../src/cli/fs-vault';
import { listWorkstreams } from '../../../../src/core/planner/list-workstreams';
import { DEFAULT_SETTINGS } from '../../../../src/core/contracts/settings';
import { SERVER_MODELS } from '../../../support/anthropic-server/models';
import { projectResponder, workstreamOfRequest } from '../../../support/anthropic-server/planner-responder';
import type { MockRequest, ResponseScript } from '../../../support/anthropic-server';
import { tempVault, type TempVault } from '../../../support/temp-vault';
import { claudeDeps, KEY, outlineOf, plan } from './harness';
import { done, IDS, MESO, planAllSuite } from './plan-all-harness';

const WBS = 'research/project-planning/micro-level-plan.md';
const CODE_STANDARDS = '04-Agent-Reference-Files/Code-Standards.md';
/** `upstream-conventions-numbered`: W1 and W5 depend on nothing, W2 on W1, W3 on W2; W4 escalates. */
const NUMBERED = ['W1', 'W2', 'W3', 'W4', 'W5'];
const PLANNED = ['W1', 'W2', 'W3', 'W5'];

/** The text of a request to the API as sent (its JSON body). */
const bodyOf = (init: RequestInit | undefined): string => (typeof init?.body === 'string' ? init.body : '');
/** A request body about one workstream's plan (its assignment names it). */
const isAbout = (body: unknown, id: string): boolean => JSON.stringify(body).includes(`Plan workstream **${id}:`);
const urlOf = (input: Parameters<typeof fetch>[0]): string => (typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);

describe('planAll, the run', () => {
  const h = planAllSuite();
  const { deps } = h;

  /** The conventions-numbered vault, with the server answering as the planner for its workstreams. */
  async function numberedVault(twist: (req: MockRequest, kind: 'outline' | 'section', id: string | null) => ResponseScript | null = () => null): Promise<TempVault> {
    const t = tempVault('upstream-conventions-numbered');
    const outlines = Object.fromEntries(await Promise.all(PLANNED.map(async (id) => [id, await outlineOf(t.vault, id)] as const)));
    h.server.setScript(projectResponder({ outlines, mesoTarget: 'meso-level-plan', script: { chunkChars: 4000 }, override: (req, kind) => twist(req, kind, workstreamOfRequest(req)) }));
    return t;
  }
  /** Requests for one workstream's plan that reached the server (the outline and the sections, streamed or in batches). */
  const sentFor = (id: string): number =>
    h.server.messageRequests().filter((r) => isAbout(r.body, id)).length + h.server.batchRequests().filter((b) => b.customId.startsWith(`${id}-`)).length;

  /** A client whose token counts for one workstream's requests fail (a 500 unless told; not retried); the ids it failed. */
  function countFailingFor(id: string, status = 500, error = { type: 'api_error', message: 'Internal server error' }): { client: ReturnType<typeof createAnthropicClient>; failed: string[] } {
    const failed: string[] = [];
    const client = createAnthropicClient({
      apiKey: KEY,
      baseURL: h.server.url,
      fetch: async (input, init) => {
        if (!urlOf(input).endsWith('/v1/messages/count_tokens') || !bodyOf(init).includes(`Plan workstream **${id}:`)) return fetch(input, init);
        failed.push(id);
        return new Response(JSON.stringify({ type: 'error', error, request_id: 'req_test' }), { status, headers: { 'content-type': 'application/json', 'x-should-retry': 'false' } });
      },
    });
    return { client, failed };
  }

  it('the WBS note removed after the workstreams were listed: the run stops with what the planner found, nothing sent or written', async () => {
    const r = await planAll({ batch: true }, deps({ onAllEvent: (e) => e.type === 'selected' && rmSync(path.join(h.v.dir, WBS)) }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toEqual({ kind: 'missing-note', role: 'micro', path: WBS });
    expect(h.server.requests).toHaveLength(0);
    expect(existsSync(path.join(h.v.dir, 'Planning'))).toBe(false);
  });

  describe("the planning set's warnings are the run's even when no workstream is planned", () => {
    it.each([
      ['a dry run', false],
      ['every plan kept', true],
    ])('%s', async (_name, planned) => {
      if (planned) done(await planAll({ batch: false }, deps()));
      rmSync(path.join(h.v.dir, CODE_STANDARDS));
      // A vault reading the folder afresh (FsVault keeps the listing it made).
      const o = done(await planAll({ batch: true, dryRun: !planned }, deps({ vault: new FsVault(h.v.dir) })));
      expect(o.workstreams.map((w) => w.status)).toEqual(IDS.map(() => (planned ? 'kept' : 'queued')));
      expect(o.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^No code standards note was found: /)]);
    });
  });

  it('a model the built-in table does not know: looked up with the Models API once for the run, and the cost of the run is unknown, not zero', async () => {
    h.server.configure({ models: [...SERVER_MODELS, { ...SERVER_MODELS[0]!, id: 'claude-custom-7' }] });
    try {
      const o = done(await planAll({ batch: true }, deps({ apiKey: KEY }, { model: 'claude-custom-7' })));
      expect(o.workstreams.map((w) => [w.id, w.status])).toEqual(IDS.map((id) => [id, 'done']));
      expect(h.server.requests.filter((r) => r.method === 'GET' && r.route.startsWith('/v1/models')).map((r) => r.route)).toEqual(['/v1/models/claude-custom-7']);
      expect(o.preview!.costUsdTypical).toBeNull();
      for (const w of o.workstreams) expect(w.usage!.costUsd).toBeNull();
      expect(o.total.calls).toBe(h.server.batchRequests().length);
      expect(o.total.costUsd).toBeNull();
    } finally {
      h.server.configure({ models: SERVER_MODELS });
    }
  });

  describe('the worst case of each workstream allows a module per task where its derived outline groups tasks', () => {
    it.each([
      ['batched', true],
      ['streamed', false],
    ])('%s', async (_name, batch) => {
      const t = await numberedVault();
      try {
        const o = done(await planAll({ batch, dryRun: true }, { ...deps(), vault: t.vault }));
        const listed = await listWorkstreams(t.vault, DEFAULT_SETTINGS, {});
        if (!listed.ok) throw new Error(listed.error.kind);
        const rows = await Promise.all(
          o.preview!.workstreams.map(async (w) => {
            const outline = await outlineOf(t.vault, w.id);
            const tasks = listed.value.workstreams.find((l) => l.id === w.id)!.tasks.length;
            // The outline asked again once at most, and a section call for every task beyond the derived modules.
            return [w.id, outline.modules.length < tasks, w.estimate.callsMax - w.estimate.calls - 1 - (tasks - outline.modules.length)];
          }),
        );
        // Level by level: W1 and W5 first.
        expect(rows).toEqual(['W1', 'W5', 'W2', 'W3'].map((id) => [id, true, 0]));
      } finally {
        t.cleanup();
      }
    });
  });

  it('a count of tokens the API fails for one workstream: that one and the rest are estimated by characters, without asking the API again', async () => {
    const { client, failed } = countFailingFor('W2');
    const o = done(await planAll({ batch: true }, deps({ apiKey: KEY, client, confirmAll: async () => false })));
    expect(o.kind).toBe('declined');
    expect(failed.length).toBeGreaterThan(0);
    expect(o.preview!.workstreams.map((w) => [w.id, w.estimate.tokenSource])).toEqual([
      ['W1', 'count_tokens'],
      ['W2', 'characters'],
      ['W3', 'characters'],
    ]);
    expect(h.server.requests.filter((r) => r.route === '/v1/messages/count_tokens' && isAbout(r.body, 'W3'))).toEqual([]);
  });

  it("a count of tokens the API fails for one workstream is among the run's warnings, with the API's reason, once", async () => {
    const { client } = countFailingFor('W2');
    const o = done(await planAll({ batch: true }, deps({ apiKey: KEY, client, confirmAll: async () => false })));
    expect(o.warnings.filter((w) => w.message.startsWith('Tokens could not be counted')).map((w) => w.message)).toEqual([
      'Tokens could not be counted with the API for W2 (The API failed with a server error (500); try again later), so its estimate and those after it count characters ÷ 4.',
    ]);
    expect(JSON.stringify(o.warnings)).not.toContain(KEY);
  });

  describe("a count the API refuses for a later workstream: the warning gives the API's reason as the preflight would", () => {
    it.each([
      ['malformed (its detail kept whole)', 400, { type: 'invalid_request_error', message: 'messages.0.content: too long' }, 'The API refused the request as malformed: messages.0.content: too long'],
      ['a model it no longer knows (named)', 404, { type: 'not_found_error', message: 'model: claude-sonnet-5-5' }, `The API does not know the model "${DEFAULT_SETTINGS.model}"; pick another model with --model or in the settings`],
    ])('%s', async (_name, status, error, reason) => {
      const { client } = countFailingFor('W2', status, error);
      const o = done(await planAll({ batch: true }, deps({ apiKey: KEY, client, confirmAll: async () => false })));
      expect(o.warnings.filter((w) => w.message.startsWith('Tokens could not be counted'))).toEqual([
        { kind: 'other', message: `Tokens could not be counted with the API for W2 (${reason}), so its estimate and those after it count characters ÷ 4.` },
      ]);
    });
  });

  describe('a run stopped between two workstreams of one level leaves the second queued, nothing sent for it', () => {
    it('streamed', async () => {
      const t = await numberedVault();
      try {
        const controller = new AbortController();
        const onAllEvent = (e: PlanAllEvent): void => void (e.type === 'status' && e.id === 'W1' && e.status === 'done' && controller.abort());
        const o = done(await planAll({ batch: false }, { ...deps({ signal: controller.signal, onAllEvent }), vault: t.vault }));
        expect(o.kind).toBe('interrupted');
        expect(o.workstreams.map((w) => [w.id, w.status])).toEqual([
          ['W1', 'done'],
          ['W2', 'queued'],
          ['W3', 'queued'],
          ['W4', 'escalated'],
          ['W5', 'queued'],
        ]);
        expect(o.workstreams[4]!.note).toBeNull();
        expect(sentFor('W1')).toBeGreaterThan(0);
        expect(sentFor('W5')).toBe(0);
      } finally {
        t.cleanup();
      }
    });

    it('a plan a streamed run left unfinished, then the level batched: no batch is created', async () => {
      let broken = true;
      const t = await numberedVault((req, kind, id) => (broken && kind === 'section' && id === 'W1' && JSON.stringify(req.body).includes('under the heading `## 5.') ? { text: 'x', fault: { kind: 'error-event', afterDeltas: 1 } } : null));
      try {
        const first = await planWithClaude({ workstream: 'W1' }, { ...claudeDeps(h.server, h.v), vault: t.vault });
        expect(first.ok && first.value.kind === 'plan' && first.value.status).toBe('interrupted');
        broken = false;
        const events: PlanAllEvent[] = [];
        const controller = new AbortController();
        const onAllEvent = (e: PlanAllEvent): void => {
          events.push(e);
          if (e.type === 'status' && e.id === 'W1' && e.status === 'done') controller.abort();
        };
        const o = done(await planAll({ batch: true }, { ...deps({ signal: controller.signal, onAllEvent }), vault: t.vault }));
        expect((events[0] as Extract<PlanAllEvent, { type: 'selected' }>).targets.filter((x) => x.level === 0).map((x) => [x.id, x.kind])).toEqual([
          ['W1', 'finish'],
          ['W5', 'new'],
        ]);
        expect(o.kind).toBe('interrupted');
        expect(o.workstreams.map((w) => [w.id, w.status, w.note === null])).toEqual([
          ['W1', 'done', false],
          ['W2', 'queued', true],
          ['W3', 'queued', true],
          ['W4', 'escalated', false],
          ['W5', 'queued', true],
        ]);
        expect(h.server.batchRequests()).toEqual([]);
        expect(o.batches).toEqual([]);
      } finally {
        t.cleanup();
      }
    });
  });

  describe('streamed', () => {
    it('forced, every plan is replaced: backed up first, then written anew', async () => {
      done(await planAll({ batch: false }, deps()));
      const before = IDS.map((id) => h.v.read(plan(id)));
      h.server.reset();
      h.respond(() => null);
      const events: PlanAllEvent[] = [];
      const o = done(await planAll({ batch: false, force: true }, deps({ onAllEvent: (e) => events.push(e) })));
      expect((events[0] as Extract<PlanAllEvent, { type: 'selected' }>).targets.map((x) => [x.id, x.kind])).toEqual(IDS.map((id) => [id, 'replace']));
      expect(o.workstreams.map((w) => [w.id, w.status, w.planStatus])).toEqual(IDS.map((id) => [id, 'done', 'ready_for_decomposition']));
      IDS.forEach((id, i) => {
        const w = o.workstreams[i]!;
        expect(readFileSync(path.join(h.v.dir, w.backup!), 'utf8')).toBe(before[i]);
        expect(w.requests!.streamed).toBe(h.server.messageRequests().filter((r) => isAbout(r.body, id)).length);
        expect(w.requests!.streamed).toBeGreaterThan(0);
      });
    });

    it('a plan note that appears while the run goes (written by hand) is not overwritten: that workstream fails saying so', async () => {
      const mine = '---\nstatus: draft\n---\n# My own W2 plan\n';
      const onAllEvent = (e: PlanAllEvent): void => {
        if (e.type === 'status' && e.id === 'W1' && e.status === 'done') writeFileSync(path.join(h.v.dir, plan('W2')), mine);
      };
      const o = done(await planAll({ batch: false }, deps({ onAllEvent })));
      expect(o.workstreams.map((w) => [w.id, w.status, w.reason])).toEqual([
        ['W1', 'done', undefined],
        ['W2', 'failed', `${plan('W2')} already exists and was left as it is.`],
        ['W3', 'skipped', 'W2 has no finished plan'],
      ]);
      expect(h.v.read(plan('W2'))).toBe(mine);
      expect(sentFor('W2')).toBe(0);
      expect(existsSync(path.join(h.v.dir, 'Planning/.backup'))).toBe(false);
    });

    it('notes edited while the run goes: the rules are checked again, and every blocker they find is in the reason', async () => {
      const blockers = ['W2 Endpoints and versioning', 'W2 Photo storage'].map((s) => `The meso plan leaves a decision open in "${s}" that W2 depends on, so its plan would have to guess.`);
      const onAllEvent = (e: PlanAllEvent): void => {
        if (e.type !== 'status' || e.id !== 'W1' || e.status !== 'done') return;
        writeFileSync(path.join(h.v.dir, MESO), h.v.read(MESO).replace('(8 MB max, 10 per inspection)', '(size limit TBD, 10 per inspection)').replace('Lists use cursor pagination', 'Pagination: TBD. Lists use cursor pagination'));
      };
      const o = done(await planAll({ batch: false }, deps({ onAllEvent })));
      expect(o.workstreams.map((w) => [w.id, w.status, w.note, w.reason])).toEqual([
        ['W1', 'done', plan('W1'), undefined],
        ['W2', 'escalated', 'Planning/W2-escalation.md', blockers.join(' ')],
        ['W3', 'skipped', null, 'W2 escalated'],
      ]);
      expect(sentFor('W2')).toBe(0);
    });
  });
});
