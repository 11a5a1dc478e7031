/**
 * planWithClaude called directly: the example vault in a temp folder, the local Anthropic server over
 * real HTTP with the unmodified SDK, a fixed clock. Tests that stop before anything is sent pass no
 * API key to the planner (nothing is counted with the API), so they cost no HTTP at all.
 */
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { getEventListeners } from 'node:events';
import * as path from 'node:path';
import { startAnthropicServer, SERVER_MODELS, type AnthropicServer } from '../../../support/anthropic-server';
import { plannerResponder } from '../../../support/anthropic-server/planner-responder';
import { describeUnknownModel, inputFor, planWithClaude, unitsFor, type ClaudeDeps, type ClaudeOutcome, type SendPreview } from '../../../../src/core/planner/claude/plan-with-claude';
import { DEFAULT_SETTINGS, type Settings } from '../../../../src/core/contracts/settings';
import { preparePlan } from '../../../../src/core/planner/prepare-plan';
import type { PlannerError } from '../../../../src/core/contracts/errors';
import type { Outline } from '../../../../src/core/contracts/outline';
import type { Result } from '../../../../src/core/result';
import type { CallUsage } from '../../../../src/core/providers/anthropic';
import type { PlanStatus } from '../../../../src/core/contracts/plan-frontmatter';
import { footerText } from '../../../../src/core/plan/skeleton';
import { setPlannerState, type PlannerState } from '../../../../src/core/planner/claude/planner-state';
import { setInterrupted } from '../../../../src/core/writer/plan-status';
import { err } from '../../../../src/core/result';
import type { FsVault } from '../../../../src/cli/fs-vault';
import type { MockRequest, ResponseScript } from '../../../support/anthropic-server/types';
import { tempVault } from '../../../support/temp-vault';
import { answerAsPlanner, claudeDeps, exampleVault, KEY, outlineOf, plan, type Vault } from './harness';

const PLAN = plan('W2');
const MESO = 'research/project-planning/meso-level-plan.md';

function value(r: Result<ClaudeOutcome, PlannerError>): ClaudeOutcome {
  if (!r.ok) throw new Error(`expected an outcome, got ${JSON.stringify(r.error)}`);
  return r.value;
}
function planOf(r: Result<ClaudeOutcome, PlannerError>): Extract<ClaudeOutcome, { kind: 'plan' }> {
  const o = value(r);
  if (o.kind !== 'plan') throw new Error(`expected a plan, got ${o.kind}`);
  return o;
}
function failure(r: Result<ClaudeOutcome, PlannerError>): PlannerError {
  if (r.ok) throw new Error(`expected an error, got ${r.value.kind}`);
  return r.error;
}

/**
 * The vault on disk with some of its operations failing, as a full disk does (`replace`, `append`), or as a
 * note whose metadata is still known but whose file can no longer be read (`read`).
 */
function failingVault(vault: FsVault, fail: { replace?: (path: string) => boolean; read?: (path: string) => boolean; append?: (path: string, text: string) => boolean }): FsVault {
  const f = Object.create(vault) as FsVault;
  const full = (file: string) => err({ kind: 'io' as const, file, detail: 'no space left on device' });
  if (fail.replace) f.replace = async (p, t) => (fail.replace!(p) ? full(p) : vault.replace(p, t));
  if (fail.append) f.append = async (p, t) => (fail.append!(p, t) ? full(p) : vault.append(p, t));
  if (fail.read) {
    f.read = async (p) => (fail.read!(p) ? err({ kind: 'missing' as const, file: p }) : vault.read(p));
    f.meta = async (p) => vault.meta(p);
  }
  return f;
}

/** The section call asking for the section under `heading` (its first words are enough). */
const asksFor = (req: { body: unknown }, heading: string): boolean => JSON.stringify(req.body).includes(`under the heading \`${heading}`);

describe('describeUnknownModel', () => {
  it.each([
    [{ kind: 'unknown-model', model: 'claude-x', available: [] }, 'The API does not know the model "claude-x". Choose another model (--model on the command line, the model setting in the plugin); resuming the plan then finishes it on that model.'],
    [{ kind: 'unknown-model', model: 'claude-x', available: ['a', 'b'] }, 'The API does not know the model "claude-x". Models this key may use: a, b. Choose another model (--model on the command line, the model setting in the plugin); resuming the plan then finishes it on that model.'],
    [{ kind: 'unknown-model', model: 'claude-sonnet-4-5', available: ['a'], retiredOn: '2026-11-30' }, 'The model "claude-sonnet-4-5" was retired on 2026-11-30, so the API no longer serves it. Models this key may use: a. Choose another model (--model on the command line, the model setting in the plugin); resuming the plan then finishes it on that model.'],
  ] as Array<[PlannerError, string]>)('%j', (e, text) => {
    expect(describeUnknownModel(e)).toBe(text);
  });

  it('says nothing of other failures', () => {
    expect(describeUnknownModel({ kind: 'no-api-key' })).toBe('');
  });
});

describe('planWithClaude', () => {
  let server: AnthropicServer;
  let v: Vault;
  let outline: Outline;
  beforeAll(async () => {
    // Two models only the Models API describes: effort without adaptive thinking, adaptive thinking without effort.
    const haiku = SERVER_MODELS.find((m) => m.id.startsWith('claude-haiku-4-5'))!;
    const sonnet = SERVER_MODELS.find((m) => m.id === 'claude-sonnet-5-5')!;
    server = await startAnthropicServer({
      models: [...SERVER_MODELS, { ...haiku, id: 'claude-effort-only-1', efforts: ['low', 'medium', 'high'] }, { ...sonnet, id: 'claude-adaptive-plain-1', efforts: [], defaultEffort: null }],
    });
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    server.reset();
    v = exampleVault();
    outline = (await answerAsPlanner(server, v.vault))['W2']!;
  });
  afterEach(() => v.cleanup());

  const noKey = { apiKey: '' };
  /**
   * The planner's deps. Without the key, which the planner only uses to count tokens with the API and to keep
   * it out of messages (the client holds it): the preflight's counting has its own tests, and here it would
   * double every run's requests.
   */
  const deps = (more: Partial<ClaudeDeps> = {}, settings: Partial<Settings> = {}): ClaudeDeps => claudeDeps(server, v, { apiKey: '', ...more }, settings);
  const writtenFiles = (): string[] => (existsSync(path.join(v.dir, 'Planning')) ? readdirSync(path.join(v.dir, 'Planning')) : []);

  describe('before anything is sent', () => {
    it('a dry run describes the requests and the notes sent, and sends and writes nothing', async () => {
      const o = value(await planWithClaude({ workstream: 'W2', dryRun: true, model: 'claude-opus-5-5' }, deps(noKey)));
      if (o.kind !== 'dry-run') throw new Error(o.kind);
      expect(o.preview.workstreamId).toBe('W2');
      expect(o.preview.model).toBe('claude-opus-5-5');
      expect(o.preview.sent.map((n) => n.path)).toContain('research/project-planning/PRD.md');
      const requests = JSON.parse(o.requestsJson) as Array<{ call: string; params: { model: string } }>;
      expect(requests[0]!.call).toBe('outline');
      expect(requests.every((q) => q.params.model === 'claude-opus-5-5')).toBe(true);
      // One outline call and one per model unit of the derived outline (modules as many as the WBS has tasks or more).
      expect(requests.length).toBe(o.preview.estimate.calls);
      expect(o.preview.estimate.calls).toBeGreaterThan(12);
      // Only what Claude writes is asked for: no call for the text the planner writes itself.
      expect(requests.filter((q) => q.call.startsWith('core-'))).toEqual([]);
      expect(server.requests).toHaveLength(0);
      expect(writtenFiles()).toEqual([]);
    });

    it('a dry run over an existing plan is allowed and leaves it as it is', async () => {
      const first = planOf(await planWithClaude({ workstream: 'W2' }, deps()));
      expect(first.status).toBe('ready_for_decomposition');
      const before = v.read(PLAN);
      const dry = value(await planWithClaude({ workstream: 'W2', dryRun: true }, deps(noKey)));
      expect(dry.kind).toBe('dry-run');
      expect(v.read(PLAN)).toBe(before);
    });

    it("sends the upstream workstreams' plans when there are some and the settings say so", async () => {
      await v.vault.createFolder('Planning');
      writeFileSync(path.join(v.dir, plan('W1')), '---\nstatus: "ready_for_decomposition"\n---\n# Workstream W1 Micro-Level Plan: Platform Foundation\n\nUPSTREAM-PLAN-TEXT\n');
      const sentWith = async (includeUpstreamPlans: boolean): Promise<{ paths: string[]; json: string }> => {
        const o = value(await planWithClaude({ workstream: 'W2', dryRun: true }, deps(noKey, { includeUpstreamPlans })));
        if (o.kind !== 'dry-run') throw new Error(o.kind);
        return { paths: o.preview.sent.map((n) => n.path), json: o.requestsJson };
      };
      const withPlans = await sentWith(true);
      expect(withPlans.paths.filter((p) => p.startsWith('Planning/'))).toEqual([plan('W1')]);
      expect(withPlans.json).toContain('UPSTREAM-PLAN-TEXT');
      const without = await sentWith(false);
      expect(without.paths).not.toContain(plan('W1'));
      expect(without.json).not.toContain('UPSTREAM-PLAN-TEXT');
    });

    it('the most the estimate allows for is a module per WBS task, when the derived outline groups tasks into fewer', async () => {
      const dryRun = async () => {
        const o = value(await planWithClaude({ workstream: 'W2', dryRun: true }, deps(noKey)));
        if (o.kind !== 'dry-run') throw new Error(o.kind);
        const modules = (JSON.parse(o.requestsJson) as Array<{ call: string }>).filter((q) => /^section-2\.\d+$/.test(q.call)).length;
        return { modules, beyond: o.preview.estimate.callsMax - o.preview.estimate.calls };
      };
      // A module per task: the most allows for no more modules than that.
      const ungrouped = await dryRun();
      expect(ungrouped.modules).toBe(7);
      const micro = 'research/project-planning/micro-level-plan.md';
      // Two tasks naming the meso plan's "W2 Data model": one derived module for both.
      writeFileSync(path.join(v.dir, micro), v.read(micro).replace('| W2-T1 | Migrations for inspections,', '| W2-T1 | Data model migrations for inspections,').replace('| W2-T7 | Generate and publish the OpenAPI document,', '| W2-T7 | Data model documentation in the OpenAPI document,'));
      const grouped = await dryRun();
      expect(grouped.modules).toBe(6);
      // Claude may still give each task its module: the most allows for the seventh.
      expect(grouped.beyond).toBe(ungrouped.beyond + 1);
    });

    it('a context above the budget stops the run before anything is sent', async () => {
      const e = failure(await planWithClaude({ workstream: 'W2' }, deps({}, { contextBudgetTokens: 1000 })));
      expect(e.kind).toBe('context-too-large');
      expect((e as { message: string }).message).not.toBe('');
      expect(server.requests).toHaveLength(0);
    });

    it('a workstream the rules escalate gets its escalation note, dated, and nothing is sent', async () => {
      writeFileSync(path.join(v.dir, MESO), v.read(MESO).replace('Connection pool size 10 per API pod.', 'Connection pool size: TBD.'));
      const o = value(await planWithClaude({ workstream: 'W1' }, deps()));
      if (o.kind !== 'escalation') throw new Error(o.kind);
      expect(o.note).toBe('Planning/W1-escalation.md');
      expect(v.fm(o.note)['created']).toBe('2026-11-25');
      expect(server.requests).toHaveLength(0);
    });

    it.each([
      ['the settings\' efforts on an adaptive model', {}, 'claude-sonnet-5-5', 'adaptive thinking, effort high (outline: medium)'],
      ['one effort for both calls', { outlineEffort: 'high' }, 'claude-sonnet-5-5', 'adaptive thinking, effort high'],
      ['a lower effort than the model\'s default', { effort: 'low', outlineEffort: 'low' }, 'claude-sonnet-5-5', 'adaptive thinking, effort low'],
      ['a model without effort or adaptive thinking', {}, 'claude-haiku-4-5', 'no thinking settings (the model decides)'],
    ] as const)('says how hard Claude thinks: %s', async (_name, settings, model, words) => {
      const o = value(await planWithClaude({ workstream: 'W2', dryRun: true, model }, deps(noKey, settings)));
      expect(o.kind === 'dry-run' && o.preview.thinking).toBe(words);
    });

    it.each([
      ['effort without adaptive thinking', 'claude-effort-only-1', 'effort high'],
      ['adaptive thinking without effort levels', 'claude-adaptive-plain-1', "adaptive thinking, effort the model's default"],
    ])('says how hard Claude thinks on a model the Models API describes: %s', async (_name, model, words) => {
      const o = value(await planWithClaude({ workstream: 'W2', dryRun: true, model }, deps({ apiKey: KEY })));
      expect(o.kind === 'dry-run' && o.preview.thinking).toBe(words);
    });

    it('asks before sending, with what is sent and the estimate; no means nothing sent and nothing written', async () => {
      const asked: SendPreview[] = [];
      const o = value(await planWithClaude({ workstream: 'W2' }, deps({ ...noKey, confirm: async (p) => (asked.push(p), false) })));
      expect(o.kind).toBe('declined');
      expect(asked).toHaveLength(1);
      expect(o.kind === 'declined' && o.preview).toEqual(asked[0]);
      expect(asked[0]!.model).toBe('claude-sonnet-5-5');
      expect(asked[0]!.estimate.costUsdTypical).toBeGreaterThan(0);
      expect(server.requests).toHaveLength(0);
      expect(writtenFiles()).toEqual([]);
    });

    it('refuses an estimate above the cap (the run\'s --max-cost over the setting), before asking', async () => {
      const asked = jest.fn(async () => true);
      const e = failure(await planWithClaude({ workstream: 'W2' }, deps({ ...noKey, maxCostUsd: 0.001, confirm: asked }, { costCapUsd: 1000 })));
      expect(e).toEqual({ kind: 'cost-cap', estimateUsd: expect.any(Number), capUsd: 0.001 });
      expect(asked).not.toHaveBeenCalled();
      const fromSetting = failure(await planWithClaude({ workstream: 'W2' }, deps({ ...noKey, confirm: asked }, { costCapUsd: 0.002 })));
      expect(fromSetting).toMatchObject({ kind: 'cost-cap', capUsd: 0.002 });
      expect((fromSetting as { estimateUsd: number }).estimateUsd).toBeGreaterThan(0.002);
      expect(server.requests).toHaveLength(0);
    });

    it('a cap is kept only with a price: a model without one is refused under a cap, allowed without', async () => {
      const no = jest.fn(async () => false);
      const e = failure(await planWithClaude({ workstream: 'W2', model: 'claude-unpriced-1' }, deps({ ...noKey, confirm: no }, { costCapUsd: 5 })));
      expect(e).toEqual({ kind: 'no-price', model: 'claude-unpriced-1' });
      expect(no).not.toHaveBeenCalled();
      const o = value(await planWithClaude({ workstream: 'W2', model: 'claude-unpriced-1' }, deps({ ...noKey, confirm: no })));
      expect(o.kind).toBe('declined');
      // An estimate under the cap is asked about.
      const under = value(await planWithClaude({ workstream: 'W2' }, deps({ ...noKey, confirm: no, maxCostUsd: 1000 })));
      expect(under.kind).toBe('declined');
    });

    it('never overwrites a plan without being asked', async () => {
      await v.vault.createFolder('Planning');
      writeFileSync(path.join(v.dir, PLAN), '# My own plan\n');
      expect(failure(await planWithClaude({ workstream: 'W2' }, deps()))).toEqual({ kind: 'plan-exists', file: PLAN });
      expect(v.read(PLAN)).toBe('# My own plan\n');
      expect(server.requests).toHaveLength(0);
    });

    it('never writes over the plan of another project', async () => {
      await v.vault.createFolder('Planning');
      writeFileSync(path.join(v.dir, PLAN), '---\nproject: "[[Other project]]"\n---\n# Theirs\n');
      expect(failure(await planWithClaude({ workstream: 'W2', force: true }, deps()))).toEqual({ kind: 'plan-of-other-project', file: PLAN, project: '[[Other project]]' });
      expect(server.requests).toHaveLength(0);
    });

    it('a resume of a note that is not a Claude plan refuses', async () => {
      await v.vault.createFolder('Planning');
      writeFileSync(path.join(v.dir, PLAN), '---\nstatus: "interrupted"\n---\n# Hand-written\n');
      expect(failure(await planWithClaude({ workstream: 'W2', resume: true }, deps()))).toEqual({ kind: 'nothing-to-resume', file: PLAN });
      writeFileSync(path.join(v.dir, PLAN), '# Hand-written, no frontmatter at all\n');
      expect(failure(await planWithClaude({ workstream: 'W2', resume: true }, deps()))).toEqual({ kind: 'nothing-to-resume', file: PLAN });
      // Ours, but neither interrupted nor being written (an escalated stand-in, say): nothing to resume either.
      const state = { version: 1, provider: 'anthropic', model: 'claude-sonnet-5-5', outlineSource: 'model', outline };
      writeFileSync(path.join(v.dir, PLAN), `---\nstatus: "escalated"\nplanner: ${JSON.stringify(state)}\n---\n# Ours\n`);
      expect(failure(await planWithClaude({ workstream: 'W2', resume: true }, deps()))).toEqual({ kind: 'nothing-to-resume', file: PLAN });
      expect(server.requests).toHaveLength(0);
    });
  });

  describe('a run', () => {
    it('writes the whole plan: the planner state, the date, the usage, the link back', async () => {
      const usage: CallUsage[] = [];
      const events: string[] = [];
      const caller = new AbortController();
      const o = planOf(await planWithClaude({ workstream: 'W2' }, deps({ signal: caller.signal, onUsage: (u) => usage.push(u), onEvent: (e) => events.push(e.type) })));
      // The run stopped listening to the caller's signal when it ended.
      expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
      expect(o).toMatchObject({ note: PLAN, status: 'ready_for_decomposition', backup: null, incomplete: [] });
      expect(o.report.ready).toBe(true);
      expect(o.interrupted).toBeUndefined();
      const calls = server.messageRequests().length;
      expect(usage).toHaveLength(calls);
      expect(usage[0]!.call).toBe('outline');
      expect(o.usage).toMatchObject({ calls });
      const fm = v.fm(PLAN);
      expect(fm['status']).toBe('ready_for_decomposition');
      expect(fm['created']).toBe('2026-11-25');
      const planner = fm['planner'] as Record<string, unknown>;
      expect(planner).toMatchObject({ version: 1, provider: 'anthropic', model: 'claude-sonnet-5-5', outlineSource: 'model', outline, usage: { calls } });
      expect(planner['resumes']).toBeUndefined();
      expect((planner['inputs'] as Record<string, unknown>)).toBeDefined();
      expect(v.read(MESO)).toContain('[[Planning/W2-micro-level-plan]]');
      expect(events).toContain('unit-done');
      // The note was created holding its title block, which is not written a second time.
      expect(v.read(PLAN).match(/^# Workstream W2 /gm)).toHaveLength(1);
      expect(v.read(PLAN).match(/^planner: /gm)).toHaveLength(1);
      // Every section call names the outline Claude gave.
      expect(JSON.stringify(server.messageRequests()[1]!.body)).toContain(outline.modules[0]!.name);
    });

    it('from its first section on, the note says what to resume: the planner state is in it while the run writes', async () => {
      let during: PlannerState | null = null;
      const onEvent = (e: { type: string }): void => {
        if (e.type === 'unit-start' && during === null && existsSync(path.join(v.dir, PLAN))) during = v.fm(PLAN)['planner'] as PlannerState;
      };
      planOf(await planWithClaude({ workstream: 'W2' }, deps({ onEvent })));
      expect(during).toMatchObject({ version: 1, provider: 'anthropic', model: 'claude-sonnet-5-5', outlineSource: 'model', outline });
    });

    it('the first unit carries the planner state only when there is one (the estimate and the batch title use it without)', async () => {
      const prepared = await preparePlan(v.vault, DEFAULT_SETTINGS, { workstream: 'W2' });
      if (!prepared.ok || prepared.value.kind !== 'ready') throw new Error('W2 is not ready');
      const input = inputFor(prepared.value, outline, '2026-11-25');
      expect(unitsFor(input, null)[0]!.coreText).not.toContain('planner:');
      const state: PlannerState = { version: 1, provider: 'anthropic', model: 'claude-sonnet-5-5', outlineSource: 'model', outline };
      expect(unitsFor(input, state)[0]!.coreText).toMatch(/^planner: \{"version":1,"provider":"anthropic"/m);
    });

    it("arms each call's watchdogs with the run's timeouts, else the settings'", async () => {
      const delays: number[] = [];
      const timers = { now: () => 0, setTimer: (_fn: () => void, ms: number) => delays.push(ms), clearTimer: () => undefined };
      planOf(await planWithClaude({ workstream: 'W2' }, deps({ timers, firstTextTimeoutMs: 5678 }, { idleTimeoutSeconds: 7 })));
      expect(new Set(delays)).toEqual(new Set([5678, 7000]));
      delays.length = 0;
      planOf(await planWithClaude({ workstream: 'W2', force: true }, deps({ timers, idleTimeoutMs: 4321 }, { firstTextTimeoutSeconds: 9 })));
      expect(new Set(delays)).toEqual(new Set([9000, 4321]));
    });

    it("over a transport that buffers whole answers, each call's own timeout covers its whole answer (an hour per 128K tokens of room)", async () => {
      // The SDK arms its request timeout with setTimeout around each fetch: watched, not replaced.
      const armed = jest.spyOn(global, 'setTimeout');
      try {
        planOf(await planWithClaude({ workstream: 'W2' }, deps({ bufferedTransport: true })));
        const room = (server.messageRequests()[0]!.body as { max_tokens: number }).max_tokens;
        expect(armed.mock.calls.map((c) => c[1])).toContain(Math.ceil((3_600_000 * room) / 128_000));
        armed.mockClear();
        planOf(await planWithClaude({ workstream: 'W2', force: true }, deps()));
        expect(armed.mock.calls.map((c) => c[1])).not.toContain(Math.ceil((3_600_000 * room) / 128_000));
      } finally {
        armed.mockRestore();
      }
    });

    it('replaces a plan when forced: the old one backed up first, the changed sections reported', async () => {
      planOf(await planWithClaude({ workstream: 'W2' }, deps()));
      const old = v.read(PLAN);
      server.reset();
      // One section breaks mid-stream once: its partial text is cut back out of the note before it is asked again.
      let reset = false;
      server.setScript(
        plannerResponder({
          outline: { ...outline, modules: outline.modules.map((m, i) => (i === 0 ? { ...m, summary: 'Changed.' } : m)) },
          mesoTarget: 'meso-level-plan',
          script: { chunkChars: 4000 },
          override: (req, kind) => {
            if (kind !== 'section' || reset || !JSON.stringify(req.body).includes('under the heading `## Executive Summary')) return null;
            reset = true;
            return { text: 'PARTIAL-TEXT-THAT-MUST-GO and more text after it', chunkChars: 10, fault: { kind: 'reset-mid-stream', afterDeltas: 2 } };
          },
        }),
      );
      const o = planOf(await planWithClaude({ workstream: 'W2', force: true }, deps()));
      expect(o.status).toBe('ready_for_decomposition');
      expect(reset).toBe(true);
      expect(v.read(PLAN)).not.toContain('PARTIAL-TEXT');
      expect(v.read(PLAN).match(/^## Executive Summary$/gm)).toHaveLength(1);
      expect(o.backup).not.toBeNull();
      expect(v.read(o.backup!)).toBe(old);
      expect(o.changes).toBeDefined();
    });

    it('an outline that fails for good stops the run with the failure, and nothing is written', async () => {
      server.setScript(() => ({ fault: { kind: 'http-error', status: 401, type: 'authentication_error', message: 'invalid x-api-key' } }));
      const caller = new AbortController();
      const e = failure(await planWithClaude({ workstream: 'W2' }, deps({ signal: caller.signal })));
      expect(e).toMatchObject({ kind: 'api-failure', failure: { kind: 'auth' } });
      expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
      expect(writtenFiles()).toEqual([]);
    });

    it('a model the API does not know is named with the models the key may use', async () => {
      const e = failure(await planWithClaude({ workstream: 'W2', model: 'claude-nonexistent-9' }, deps(noKey)));
      expect(e).toMatchObject({ kind: 'unknown-model', model: 'claude-nonexistent-9' });
      expect((e as { available: string[] }).available).toContain('claude-sonnet-5-5');
      expect(writtenFiles()).toEqual([]);
    });

    it('a plan that cannot be created stops the run with the note named', async () => {
      // A file where the plans' folder should be: the note cannot be created.
      writeFileSync(path.join(v.dir, 'Planning'), 'not a folder');
      const e = failure(await planWithClaude({ workstream: 'W2' }, deps()));
      expect(e).toMatchObject({ kind: 'write-failed', file: PLAN });
      expect((e as { detail: string }).detail).not.toBe('');
    });

    it('the running cost passing the cap stops the run and says so', async () => {
      server.setScript(plannerResponder({ outline, mesoTarget: 'meso-level-plan', script: { chunkChars: 40000 }, override: (_req, kind) => (kind === 'section' ? { text: 'Long answer. '.repeat(40000), chunkChars: 40000 } : null) }));
      const dry = value(await planWithClaude({ workstream: 'W2', dryRun: true }, deps(noKey)));
      const typical = dry.kind === 'dry-run' ? dry.preview.estimate.costUsdTypical! : 0;
      const o = planOf(await planWithClaude({ workstream: 'W2' }, deps({ maxCostUsd: typical * 1.05, concurrency: 1 })));
      expect(o.status).toBe('interrupted');
      expect(o.interrupted!.reason).toEqual({ kind: 'cost-cap', message: `the running cost passed the cap of $${(typical * 1.05).toFixed(2)}.` });
      expect(v.fm(PLAN)['status']).toBe('interrupted');
      // The text of the section that passed the cap reached the note and was cut back out of it.
      expect(v.read(PLAN)).not.toContain('Long answer.');
    });

    it('a model the API stops knowing during the run is named in the interruption', async () => {
      server.setScript(plannerResponder({ outline, mesoTarget: 'meso-level-plan', script: { chunkChars: 4000 }, override: (_req, kind) => (kind === 'section' ? { fault: { kind: 'http-error', status: 404, type: 'not_found_error', message: 'model: claude-sonnet-5-5' } } : null) }));
      const o = planOf(await planWithClaude({ workstream: 'W2' }, deps()));
      expect(o.status).toBe('interrupted');
      expect(o.interrupted!.stoppedAt).toBe('Executive Summary');
      expect(o.interrupted!.reason.kind).toBe('model-not-found');
      expect(o.interrupted!.reason.message).toMatch(/^The API does not know the model "claude-sonnet-5-5"\. Models this key may use: .*claude-sonnet-5-5.*\. Choose another model \(--model on the command line, the model setting in the plugin\)/);
    });

    it('a note deleted while it is written stops the run, and says it could not be marked', async () => {
      let gone = false;
      const onEvent = (e: { type: string }): void => {
        if (e.type === 'written' && !gone) {
          gone = true;
          rmSync(path.join(v.dir, PLAN));
        }
      };
      const o = planOf(await planWithClaude({ workstream: 'W2' }, deps({ onEvent, concurrency: 1 })));
      expect(o.status).toBe('interrupted');
      expect(o.warnings).toContainEqual({ kind: 'other', file: PLAN, message: `${PLAN} was moved or deleted while it was being written, so it could not be marked interrupted.` });
      expect(existsSync(path.join(v.dir, PLAN))).toBe(false);
    });

    it('a section Claude keeps stopping early leaves the plan a draft, naming the section', async () => {
      server.setScript(plannerResponder({ outline, mesoTarget: 'meso-level-plan', script: { chunkChars: 4000 }, override: (req, kind) => (kind === 'section' && JSON.stringify(req.body).includes('under the heading `## 9.') ? { text: '## 9. Cut short', stopReason: 'max_tokens' } : null) }));
      const o = planOf(await planWithClaude({ workstream: 'W2' }, deps()));
      expect(o.status).toBe('draft');
      // Asked again with twice the room each time, up to the model's own limit (128 000 on this model).
      const asked = server.messageRequests().filter((q) => JSON.stringify(q.body).includes('under the heading `## 9.')).map((q) => (q.body as { max_tokens: number }).max_tokens);
      expect(asked).toEqual([32_000, 64_000, 128_000]);
      expect(o.incomplete).toHaveLength(1);
      expect(o.incomplete![0]).toMatch(/^Section 9\./);
      expect(v.fm(PLAN)['status']).toBe('draft');
      // A draft is a finished plan: a resume sends nothing and only links back.
      server.reset();
      const again = planOf(await planWithClaude({ workstream: 'W2', resume: true }, deps()));
      expect(again).toMatchObject({ status: 'draft', alreadyFinished: true });
      expect(server.requests).toHaveLength(0);
    });

    it('Claude escalating from the outline writes the escalation note instead of a plan', async () => {
      const escalated: Outline = { ...outline, escalation: { blocker: 'The meso plan names two databases.', mesoSection: 'Data', evidence: ['Postgres and Mongo'], questions: ['Which one?'], recommendation: 'Pick one.' } };
      server.setScript(plannerResponder({ outline: escalated, mesoTarget: 'meso-level-plan' }));
      const caller = new AbortController();
      const o = value(await planWithClaude({ workstream: 'W2' }, deps({ signal: caller.signal })));
      expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
      expect(o.kind).toBe('escalation');
      if (o.kind !== 'escalation') return;
      expect(o.escalations[0]!.blocker).toBe('The meso plan names two databases.');
      expect(server.messageRequests()).toHaveLength(1);
      expect(v.read(o.note)).toContain('The meso plan names two databases.');
    });
  });

  describe('interrupted and resumed', () => {
    const breakAt = (heading: string) => (state: { broken: boolean }) =>
      plannerResponder({
        outline,
        mesoTarget: 'meso-level-plan',
        script: { chunkChars: 4000 },
        override: (req, kind) => (kind === 'section' && state.broken && JSON.stringify(req.body).includes(`under the heading \`${heading}`) ? { text: 'x y z', fault: { kind: 'error-event', afterDeltas: 1 } } : null),
      });

    it('a section that keeps failing leaves an interrupted note with its complete sections; resume finishes it on another model', async () => {
      const state = { broken: true };
      server.setScript(breakAt('## 5. Configuration')(state));
      const o = planOf(await planWithClaude({ workstream: 'W2' }, deps()));
      expect(o.status).toBe('interrupted');
      expect(o.interrupted?.stoppedAt).toBe('Section 5. Configuration and Secrets');
      expect(o.interrupted?.reason.kind).toBe('overloaded');
      expect(o.report).toEqual({ ready: false, items: [] });
      const interrupted = v.read(PLAN);
      expect(v.fm(PLAN)['status']).toBe('interrupted');
      expect(interrupted).toContain('> It stopped at Section 5. Configuration and Secrets: ');
      expect(interrupted).toContain('## 4. Data Models and Persistence');
      expect(interrupted).not.toContain('## 5. Configuration');
      expect(interrupted).not.toContain('x y z');
      expect((v.fm(PLAN)['planner'] as { usage: { calls: number } }).usage.calls).toBeGreaterThan(5);
      // The meso plan links to the interrupted plan already.
      expect(v.read(MESO)).toContain('[[Planning/W2-micro-level-plan]]');

      state.broken = false;
      server.reset();
      let reset = false;
      server.setScript(
        plannerResponder({
          outline,
          mesoTarget: 'meso-level-plan',
          script: { chunkChars: 4000 },
          override: (req, kind) => {
            if (kind !== 'section' || reset || !JSON.stringify(req.body).includes('under the heading `## 5. Configuration')) return null;
            reset = true;
            return { text: '## 5. Configuration and Secrets\n\nPARTIAL-TEXT-THAT-MUST-GO and more', chunkChars: 10, fault: { kind: 'reset-mid-stream', afterDeltas: 4 } };
          },
        }),
      );
      const sent = 'claude-opus-5-5';
      const r = planOf(await planWithClaude({ workstream: 'W2', resume: true, model: sent }, deps({ clock: { now: () => new Date(Date.UTC(2026, 11, 1)) } })));
      expect(r.status).toBe('ready_for_decomposition');
      const asked = server.messageRequests().map((q) => JSON.stringify(q.body));
      // Only the sections from 5 on: no outline, nothing before 5.
      expect(asked.some((b) => b.includes('under the heading `## 4.'))).toBe(false);
      expect(asked[0]).toContain('under the heading `## 5. Configuration');
      expect(server.messageRequests().every((q) => (q.body as { model: string }).model === sent)).toBe(true);
      const done = v.read(PLAN);
      expect(done.slice(done.indexOf('## Executive Summary'), done.indexOf('## 4. Data Models'))).toBe(interrupted.slice(interrupted.indexOf('## Executive Summary'), interrupted.indexOf('## 4. Data Models')));
      expect(done).not.toContain('Planning was interrupted');
      expect(reset).toBe(true);
      expect(done).not.toContain('PARTIAL-TEXT');
      // The resumed sections follow the kept ones after one blank line.
      expect(done).toMatch(/[^\n]\n\n## 5\. Configuration/);
      const fm = v.fm(PLAN);
      // The plan keeps the date it was started with; the resume records the model, where it took over and when.
      expect(fm['created']).toBe('2026-11-25');
      expect((fm['planner'] as { model: string; resumes: unknown }).model).toBe('claude-sonnet-5-5');
      expect((fm['planner'] as { resumes: unknown }).resumes).toEqual([{ model: sent, from: 'Section 5. Configuration and Secrets', date: '2026-12-01' }]);
    });

    it('a resume on the model of the last resume records no new one; a plan killed before its final rewrite is finished without sending; a finished plan only links back', async () => {
      const state = { broken: true };
      server.setScript(breakAt('## 3. API Contracts')(state));
      planOf(await planWithClaude({ workstream: 'W2' }, deps()));
      state.broken = false;
      // Resumed once already on another model: going on with that model is no new resume.
      const earlier = [{ model: 'claude-opus-5-5', from: 'Section 2.1 Inspections', date: '2026-11-26' }];
      const planner = v.fm(PLAN)['planner'] as PlannerState;
      writeFileSync(path.join(v.dir, PLAN), setPlannerState(v.read(PLAN), { ...planner, resumes: earlier }));
      const r = planOf(await planWithClaude({ workstream: 'W2', resume: true, model: 'claude-opus-5-5' }, deps()));
      expect(r.status).toBe('ready_for_decomposition');
      expect((v.fm(PLAN)['planner'] as { resumes?: unknown }).resumes).toEqual(earlier);
      let finished = v.read(PLAN);

      // Killed after its last section, before the final rewrite: the resume sends nothing and finishes the note.
      const footer = (status: PlanStatus): string => footerText(status);
      writeFileSync(path.join(v.dir, PLAN), finished.replace('status: "ready_for_decomposition"', 'status: "in_progress"').replace(footer('ready_for_decomposition'), footer('in_progress')));
      server.reset();
      const rewritten = planOf(await planWithClaude({ workstream: 'W2', resume: true }, deps()));
      expect(rewritten.status).toBe('ready_for_decomposition');
      expect(rewritten.alreadyFinished).toBeUndefined();
      expect(rewritten.usage).toMatchObject({ calls: 0 });
      expect(server.requests).toHaveLength(0);
      expect(v.fm(PLAN)['status']).toBe('ready_for_decomposition');
      finished = v.read(PLAN);
      server.reset();
      const again = planOf(await planWithClaude({ workstream: 'W2', resume: true }, deps()));
      expect(again).toMatchObject({ status: 'ready_for_decomposition', alreadyFinished: true, backup: null, note: PLAN });
      expect(again.report.ready).toBe(true);
      expect(again.usage).toMatchObject({ calls: 0 });
      expect(server.requests).toHaveLength(0);
      expect(v.read(PLAN)).toBe(finished);
    });

    it('a resume of a run killed before it wrote anything starts the plan, and says so', async () => {
      await v.vault.createFolder('Planning');
      writeFileSync(path.join(v.dir, PLAN), '  \n');
      const o = planOf(await planWithClaude({ workstream: 'W2', resume: true }, deps()));
      expect(o.status).toBe('ready_for_decomposition');
      expect(o.warnings).toContainEqual({ kind: 'other', file: PLAN, message: `Nothing of ${PLAN} had been written yet, so the plan is started from the beginning.` });
      expect(o.backup).not.toBeNull();
    });
  });

  describe('what a run keeps to, and what it says when the vault fails it', () => {
    it('a workstream the notes do not plan stops before anything is sent', async () => {
      expect(failure(await planWithClaude({ workstream: 'W9' }, deps()))).toMatchObject({ kind: 'unknown-workstream', id: 'W9' });
      expect(server.requests).toHaveLength(0);
    });

    it('a model the API does not know stops the run while counting, before anything billed is sent', async () => {
      const e = failure(await planWithClaude({ workstream: 'W2', model: 'claude-nonexistent-9' }, deps({ apiKey: KEY })));
      expect(e).toMatchObject({ kind: 'unknown-model', model: 'claude-nonexistent-9' });
      expect(server.messageRequests()).toHaveLength(0);
      expect(writtenFiles()).toEqual([]);
    });

    it('an estimate exactly at the cap is allowed and asked about', async () => {
      const dry = value(await planWithClaude({ workstream: 'W2', dryRun: true }, deps(noKey)));
      const typical = dry.kind === 'dry-run' ? dry.preview.estimate.costUsdTypical! : 0;
      const o = value(await planWithClaude({ workstream: 'W2' }, deps({ ...noKey, maxCostUsd: typical, confirm: async () => false })));
      expect(o.kind).toBe('declined');
    });

    it.each([
      ['the run\'s concurrency over the setting', { concurrency: 1 }, { concurrency: 4 }, 1],
      ['the setting when the run names none', {}, { concurrency: 1 }, 1],
      ['the run\'s when it allows more', { concurrency: 3 }, { concurrency: 1 }, 3],
    ] as const)('runs as many section calls at once as allowed: %s', async (_name, more, settings, most) => {
      let running = 0;
      let highest = 0;
      const onEvent = (e: { type: string; key?: string }): void => {
        if (e.type === 'unit-start' && !e.key!.startsWith('core-')) highest = Math.max(highest, ++running);
        if (e.type === 'unit-done' && !e.key!.startsWith('core-')) running--;
      };
      planOf(await planWithClaude({ workstream: 'W2' }, deps({ ...more, onEvent }, settings)));
      expect(highest).toBe(most);
    });

    it('the label the WBS gives the workstream travels with the planner state', async () => {
      const t = tempVault('upstream-epic-tables');
      try {
        const target = '01-Projects/Saltmarsh/Planning/W2-micro-level-plan.md';
        server.setScript(plannerResponder({ outline: await outlineOf(t.vault, 'W2'), mesoTarget: 'meso-level-plan', script: { chunkChars: 4000 } }));
        const o = planOf(await planWithClaude({ workstream: 'Epic 2' }, claudeDeps(server, { ...v, dir: t.dir, vault: t.vault }, { apiKey: '' })));
        expect(o.note).toBe(target);
        const text = readFileSync(path.join(t.dir, target), 'utf8');
        expect(text).toMatch(/^planner: \{"version":1,"provider":"anthropic","model":"claude-sonnet-5-5","outlineSource":"model",.*"workstream_label":"Epic 2"/m);
      } finally {
        t.cleanup();
      }
    });

    it('a forced run whose backup cannot be made leaves the old plan as it was', async () => {
      planOf(await planWithClaude({ workstream: 'W2' }, deps()));
      const old = v.read(PLAN);
      // A file where the backups' folder should be.
      writeFileSync(path.join(v.dir, 'Planning', '.backup'), 'not a folder');
      const e = failure(await planWithClaude({ workstream: 'W2', force: true }, deps()));
      expect(e).toMatchObject({ kind: 'write-failed', file: PLAN });
      expect((e as { detail: string }).detail).not.toBe('');
      expect(v.read(PLAN)).toBe(old);
    });

    it('a forced run that cannot replace the plan says so, with the backup made', async () => {
      planOf(await planWithClaude({ workstream: 'W2' }, deps()));
      const old = v.read(PLAN);
      const e = failure(await planWithClaude({ workstream: 'W2', force: true }, deps({ vault: failingVault(v.vault, { replace: (p) => p === PLAN }) })));
      expect(e).toEqual({ kind: 'write-failed', file: PLAN, detail: 'no space left on device' });
      expect(v.read(PLAN)).toBe(old);
      expect(readdirSync(path.join(v.dir, 'Planning', '.backup')).map((f) => readFileSync(path.join(v.dir, 'Planning', '.backup', f), 'utf8'))).toEqual([old]);
    });

    it.each([
      ['the note sink cuts that text back out of the note', false],
      ['a sink that cannot cut back (its contract allows it) leaves it, and the note is still marked', true],
    ])("cancelling while a section's text is being written: %s", async (_name, appendOnly) => {
      server.setScript(plannerResponder({ outline, mesoTarget: 'meso-level-plan', script: { chunkChars: 100 } }));
      const caller = new AbortController();
      let streaming: string | null = null;
      let cancelledIn: string | null = null;
      const onEvent = (e: { type: string; key?: string }): void => {
        if (e.type === 'unit-delta' && e.key!.startsWith('section-') && e.key !== 'section-exec') streaming = e.key!;
        if (e.type === 'unit-done' && e.key === streaming) streaming = null;
        // A write carrying the text of a section still streaming is on its way to the note: stop now.
        if (e.type === 'written' && streaming !== null && cancelledIn === null) {
          cancelledIn = streaming;
          caller.abort();
        }
      };
      const sink = { append: async (text: string): Promise<void> => void (await v.vault.append(PLAN, text)) };
      const o = planOf(await planWithClaude({ workstream: 'W2' }, deps({ signal: caller.signal, onEvent, concurrency: 1, ...(appendOnly ? { sink } : {}) })));
      expect(cancelledIn).not.toBeNull();
      expect(o.interrupted?.reason.kind).toBe('cancelled');
      expect(v.fm(PLAN)['status']).toBe('interrupted');
      const heading = o.interrupted!.stoppedAt.replace(/^Section /, '');
      const text = v.read(PLAN);
      expect(text).toContain('## Executive Summary');
      const headingLine = new RegExp(`^#+ ${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm');
      if (appendOnly) expect(text).toMatch(headingLine);
      else expect(text).not.toMatch(headingLine);
    });

    it('a note that refuses its last write (the footer) is marked interrupted at the end; text pasted meanwhile is not cut', async () => {
      // Nothing partial reached the note (the refused write left nothing): nothing is cut back, so what the user
      // pasted at its end as the run stopped stays whole.
      const pasted = `${'A paragraph the user pasted while the plan was being written. '.repeat(100)}\n`;
      const onEvent = (e: { type: string }): void => {
        if (e.type === 'done') appendFileSync(path.join(v.dir, PLAN), pasted);
      };
      const o = planOf(await planWithClaude({ workstream: 'W2' }, deps({ concurrency: 1, onEvent, vault: failingVault(v.vault, { append: (p, t) => p === PLAN && t.includes('**Next Step:**') }) })));
      expect(o.status).toBe('interrupted');
      expect(o.interrupted).toEqual({ stoppedAt: 'the end', reason: { kind: 'write-failed', message: expect.stringContaining(PLAN) } });
      expect(v.fm(PLAN)['status']).toBe('interrupted');
      expect(v.read(PLAN)).toContain('> It stopped at the end: ');
      expect(v.read(PLAN)).toContain(pasted);
    });

    it('an interrupted run that cannot mark its note says so, and the note keeps its complete sections', async () => {
      server.setScript(plannerResponder({ outline, mesoTarget: 'meso-level-plan', script: { chunkChars: 4000 }, override: (req, kind) => (kind === 'section' && asksFor(req, '## 5. Configuration') ? { fault: { kind: 'http-error', status: 400, type: 'invalid_request_error', message: 'bad' } } : null) }));
      const o = planOf(await planWithClaude({ workstream: 'W2' }, deps({ concurrency: 1, vault: failingVault(v.vault, { replace: (p) => p === PLAN }) })));
      expect(o.status).toBe('interrupted');
      expect(o.warnings).toContainEqual({ kind: 'other', file: PLAN, message: `${PLAN} keeps its complete sections but could not be marked interrupted; resume it to finish.` });
      expect(v.fm(PLAN)['status']).toBe('in_progress');
      expect(v.read(PLAN)).toContain('## 4. Data Models and Persistence');
    });

    it('cancelling during the sections stops the run and marks the note interrupted', async () => {
      const caller = new AbortController();
      const onEvent = (e: { type: string }): void => {
        if (e.type === 'unit-done') caller.abort();
      };
      const o = planOf(await planWithClaude({ workstream: 'W2' }, deps({ signal: caller.signal, onEvent, concurrency: 1 })));
      expect(o.status).toBe('interrupted');
      expect(o.interrupted?.reason.kind).toBe('cancelled');
      expect(v.fm(PLAN)['status']).toBe('interrupted');
    });

    it('a section that stops at its output limit every time keeps the plan a draft even when its text looks whole', async () => {
      const normal = plannerResponder({ outline, mesoTarget: 'meso-level-plan', script: { chunkChars: 4000 } });
      server.setScript(async (req) => {
        const answer = await normal(req);
        return asksFor(req, '## 9.') ? { ...answer, stopReason: 'max_tokens' } : answer;
      });
      const o = planOf(await planWithClaude({ workstream: 'W2' }, deps()));
      expect(o.incomplete).toHaveLength(1);
      expect(o.status).toBe('draft');
      expect(v.fm(PLAN)['status']).toBe('draft');
    });

    it('the preparation\'s warnings reach the outcome of a run, of its resume, and of a resume of the finished plan', async () => {
      const prd = 'research/project-planning/PRD.md';
      writeFileSync(path.join(v.dir, prd), v.read(prd).replace('tags: [prd]', 'tags: [prd'));
      const warned = (o: { warnings: Array<{ kind: string; file?: string }> }): boolean => o.warnings.some((w) => w.kind === 'bad-frontmatter' && w.file === prd);
      const state = { broken: true };
      server.setScript(plannerResponder({ outline, mesoTarget: 'meso-level-plan', script: { chunkChars: 4000 }, override: (req, kind) => (kind === 'section' && state.broken && asksFor(req, '## 5. Configuration') ? { fault: { kind: 'http-error', status: 400, type: 'invalid_request_error', message: 'bad' } } : null) }));
      const first = planOf(await planWithClaude({ workstream: 'W2' }, deps()));
      expect(first.status).toBe('interrupted');
      expect(warned(first)).toBe(true);
      // A run that is no resume says nothing of one.
      expect(first.warnings.map((w) => w.message).filter((m) => m.startsWith('Nothing of'))).toEqual([]);
      state.broken = false;
      const resumed = planOf(await planWithClaude({ workstream: 'W2', resume: true }, deps()));
      expect(resumed.status).toBe('ready_for_decomposition');
      expect(warned(resumed)).toBe(true);
      const again = planOf(await planWithClaude({ workstream: 'W2', resume: true }, deps()));
      expect(again.alreadyFinished).toBe(true);
      expect(warned(again)).toBe(true);
    });
  });

  describe('resuming a plan killed outright', () => {
    /** The finished plan as a run killed while it streamed `heading`'s section leaves it: partial text last, still `in_progress`. */
    const killedIn = (finished: string, heading: string, partial: string): string =>
      finished.slice(0, finished.indexOf(heading)).replace('status: "ready_for_decomposition"', 'status: "in_progress"') + `${heading}\n\n${partial}\n`;

    it('redoes the section it was killed in, asking only for the sections from there on; a dry run says so first', async () => {
      planOf(await planWithClaude({ workstream: 'W2' }, deps()));
      const planner = v.fm(PLAN)['planner'] as PlannerState;
      // Resumes recorded as none yet (a hand-edited list): a resume on another model is the first.
      const killed = setPlannerState(killedIn(v.read(PLAN), '## 5. Configuration and Secrets', 'PARTIAL-KILLED text'), { ...planner, usage: undefined, resumes: [] });
      writeFileSync(path.join(v.dir, PLAN), killed);
      server.reset();
      server.setScript(plannerResponder({ outline, mesoTarget: 'meso-level-plan', script: { chunkChars: 4000 } }));

      const dry = value(await planWithClaude({ workstream: 'W2', resume: true, dryRun: true }, deps(noKey)));
      if (dry.kind !== 'dry-run') throw new Error(dry.kind);
      const calls = (JSON.parse(dry.requestsJson) as Array<{ call: string }>).map((q) => q.call);
      // Sections 5 to 11 and the appendices: no outline, nothing before 5, nothing the planner writes itself.
      expect(calls).toEqual(['section-5', 'section-6', 'section-7', 'section-8', 'section-9', 'section-10', 'section-11', 'section-appendices']);
      expect(dry.preview.estimate.calls).toBe(calls.length);
      expect(v.read(PLAN)).toBe(killed);
      expect(server.requests).toHaveLength(0);

      // The note cannot be written: nothing sent, the note as it was.
      const refused = failure(await planWithClaude({ workstream: 'W2', resume: true }, deps({ vault: failingVault(v.vault, { replace: (p) => p === PLAN }) })));
      expect(refused).toEqual({ kind: 'write-failed', file: PLAN, detail: 'no space left on device' });
      expect(v.read(PLAN)).toBe(killed);
      expect(server.messageRequests()).toHaveLength(0);

      // A context above the budget stops the resume too, before anything is sent or written.
      expect(failure(await planWithClaude({ workstream: 'W2', resume: true }, deps({}, { contextBudgetTokens: 1000 }))).kind).toBe('context-too-large');
      expect(v.read(PLAN)).toBe(killed);

      // While the resume runs, the note says what to resume (killed again, it would resume again): the state with the new resume.
      let during: PlannerState | null = null;
      const onEvent = (e: { type: string }): void => {
        if (e.type === 'unit-start' && during === null) during = v.fm(PLAN)['planner'] as PlannerState;
      };
      const r = planOf(await planWithClaude({ workstream: 'W2', resume: true, model: 'claude-opus-5-5' }, deps({ onEvent })));
      expect(during).toMatchObject({ model: 'claude-sonnet-5-5', outline, resumes: [{ model: 'claude-opus-5-5', from: 'Section 5. Configuration and Secrets' }] });
      expect(r.status).toBe('ready_for_decomposition');
      const done = v.read(PLAN);
      expect(done).not.toContain('PARTIAL-KILLED');
      expect(done.match(/^## 5\. Configuration and Secrets$/gm)).toHaveLength(1);
      expect(server.messageRequests().some((q) => asksFor(q, '## 4.'))).toBe(false);
      expect(asksFor(server.messageRequests()[0]!, '## 5. Configuration')).toBe(true);
      expect((v.fm(PLAN)['planner'] as PlannerState).resumes).toEqual([{ model: 'claude-opus-5-5', from: 'Section 5. Configuration and Secrets', date: '2026-11-25' }]);
    });

    it('a note unreadable by the time it is resumed is named', async () => {
      planOf(await planWithClaude({ workstream: 'W2' }, deps()));
      writeFileSync(path.join(v.dir, PLAN), killedIn(v.read(PLAN), '## 5. Configuration and Secrets', 'partial'));
      server.reset();
      const e = failure(await planWithClaude({ workstream: 'W2', resume: true }, deps({ vault: failingVault(v.vault, { read: (p) => p === PLAN }) })));
      expect(e).toEqual({ kind: 'unreadable-note', role: null, file: PLAN, reason: 'missing' });
      expect(server.requests).toHaveLength(0);
    });

    it('a plan marked interrupted after its last section is finished without sending, its callout gone', async () => {
      planOf(await planWithClaude({ workstream: 'W2' }, deps()));
      // Every section written, then the final rewrite failed: marked interrupted at the end.
      const marked = setInterrupted(v.read(PLAN).replace(footerText('ready_for_decomposition'), footerText('in_progress')), 'the end', 'the note could not be written.');
      writeFileSync(path.join(v.dir, PLAN), marked);
      server.reset();
      const refused = failure(await planWithClaude({ workstream: 'W2', resume: true }, deps({ vault: failingVault(v.vault, { replace: (p) => p === PLAN }) })));
      expect(refused).toEqual({ kind: 'write-failed', file: PLAN, detail: 'no space left on device' });
      expect(v.read(PLAN)).toBe(marked);
      const r = planOf(await planWithClaude({ workstream: 'W2', resume: true, model: 'claude-opus-5-5' }, deps()));
      expect(r.status).toBe('ready_for_decomposition');
      expect(r.alreadyFinished).toBeUndefined();
      expect(server.requests).toHaveLength(0);
      expect(v.read(PLAN)).not.toContain('Planning was interrupted');
      expect(v.fm(PLAN)['status']).toBe('ready_for_decomposition');
      // Nothing was written on the other model: no resume recorded.
      expect((v.fm(PLAN)['planner'] as PlannerState).resumes).toBeUndefined();
    });
  });
});
