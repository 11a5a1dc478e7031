/**
 * `npm run bench`: end-to-end figures of a Claude plan run against the local Anthropic server
 * (127.0.0.1 only). Bundled by `scripts/bench.mjs` with esbuild; not part of `npm test`.
 *
 *   node <bundle> --root <repo> --date <ISO date> [--out bench/results.json] [--runs 3] [--only plan-all,cost]
 *
 * Every measurement runs `--runs` times (default 3); the table shows the median.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem, type as osType, release } from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startAnthropicServer, billedInputTokens, type AnthropicServer } from '../test/support/anthropic-server';
import { plannerResponder, projectResponder } from '../test/support/anthropic-server/planner-responder';
import type { ResponseScript } from '../test/support/anthropic-server';
import { FsVault } from '../src/cli/fs-vault';
import { DEFAULT_SETTINGS, type Settings } from '../src/core/contracts/settings';
import type { Outline } from '../src/core/contracts/outline';
import { preparePlan } from '../src/core/planner/prepare-plan';
import { deriveOutline } from '../src/core/plan/derive-outline';
import { planWithClaude } from '../src/core/planner/claude/plan-with-claude';
import { planAll, type PlanAllOutcome } from '../src/core/planner/claude/plan-all';
import { costOf, createAnthropicClient, priceFor, tokensOf, type AnthropicClient, type CallUsage } from '../src/core/providers/anthropic';
import type { PlanEvent } from '../src/core/generation';
import type { Result } from '../src/core/result';
import type { WriteError } from '../src/core/vault/vault-port';
import { PLANNER_INSTRUCTIONS } from '../src/prompts';

// ---------------------------------------------------------------------------------------------
// Parameters (stated in the README section and in results.json)

const WORKSTREAM = 'W2';
const PLAN = 'Planning/W2-micro-level-plan.md';
const KEY = 'sk-ant-bench-local-only';
/** Overhead: fixed high server rate per stream, and concurrency 1. */
const OVERHEAD_TPS = 2000;
/** Concurrency: slow streams with short sections. */
const CONCURRENCY_TPS = 60;
const TARGET_MODEL_UNITS = 12;
/** ~40 tokens (4 characters a token on the server's count). */
const SHORT_SECTION = 'Short body for this section: it says what the section covers, in about forty tokens of text, no more.\n'.padEnd(160, '.') + '\n';
/** Cost and write amplification: default settings (concurrency 4), streams at this rate. */
const COST_TPS = 2000;
const CHUNK_CHARS = 8;
/**
 * Thinking on every call, as on the 5.5 models (adaptive thinking at effort high by default): this many tokens,
 * billed as output, thought at THINKING_TPS with pings every THINKING_PING_MS and an empty thinking block.
 */
const THINKING_TOKENS = 2000;
const THINKING_TPS = 20_000;
const THINKING_PING_MS = 25;
/**
 * A prefix a request writes is readable by others only once that request's response has begun (prompt-caching
 * page): section calls started together each write the outline prefix. The server's minimum cacheable length is
 * the model's own (512 tokens on Sonnet 5.5).
 */
const CACHE_VISIBLE_AFTER_MS = 50;
/** plan --all: the wait before each look at a batch (the server processes a batch at a look), well above CACHE_VISIBLE_AFTER_MS. */
const BATCH_POLL_MS = 200;

// ---------------------------------------------------------------------------------------------

interface Args {
  root: string;
  date: string;
  out: string;
  runs: number;
  /** Only these groups of figures (comma-separated: overhead, concurrency, cost, plan-all, plugin); all when absent. */
  only: string[] | null;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const root = path.resolve(get('root') ?? process.cwd());
  return {
    root,
    date: get('date') ?? new Date().toISOString(),
    out: path.resolve(root, get('out') ?? 'bench/results.json'),
    runs: Number(get('runs') ?? 3),
    only: get('only')?.split(',') ?? null,
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** FsVault that counts what reaches the plan note. */
class CountingVault extends FsVault {
  streaming = false;
  appendBytesStreaming = 0;
  appendCountStreaming = 0;
  createBytes = 0;
  appendBytes = 0;
  replaceBytes = 0;
  replaceCount = 0;
  frontmatterRewrites = 0;
  constructor(
    root: string,
    private readonly target: string,
  ) {
    super(root);
  }
  override async create(p: string, text: string): Promise<Result<void, WriteError>> {
    if (p === this.target) this.createBytes += Buffer.byteLength(text);
    return super.create(p, text);
  }
  override async append(p: string, text: string): Promise<Result<void, WriteError>> {
    if (p === this.target) {
      const n = Buffer.byteLength(text);
      this.appendBytes += n;
      if (this.streaming) {
        this.appendBytesStreaming += n;
        this.appendCountStreaming++;
      }
    }
    return super.append(p, text);
  }
  override async replace(p: string, text: string): Promise<Result<void, WriteError>> {
    if (p === this.target) {
      this.replaceCount++;
      this.replaceBytes += Buffer.byteLength(text);
    }
    return super.replace(p, text);
  }
  override async processFrontmatter(p: string, fn: (fm: Record<string, unknown>) => void): Promise<Result<void, WriteError>> {
    if (p === this.target) this.frontmatterRewrites++;
    return super.processFrontmatter(p, fn);
  }
}

const timers = {
  now: () => performance.now(),
  setTimer: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimer: (h: unknown) => clearTimeout(h as NodeJS.Timeout),
};

interface PlanRun {
  wallMs: number;
  status: string;
  modelUnits: number;
  usage: CallUsage[];
  outputTokens: number;
  billedInput: number;
  unbilledInput: number;
  /** Input cost at the model's own prices (Sonnet 5.5: write 1.25×, read 0.05× since 2026-10-07), and had nothing been cached. */
  inputUsd: number;
  uncachedInputUsd: number;
  thinkingTokens: number;
  /** The output tokens the planner recorded (thinking included) equal what the server billed, call for call. */
  billedMatchesReported: boolean;
  vault: CountingVault;
  runnerBytes: number;
  runnerWrites: number;
  finalBytes: number;
  /** Phases, ms from the start of `planWithClaude`: the runner's first and last event, and the return. */
  runStartMs: number;
  runDoneMs: number;
  /** Preparation and the estimate (count_tokens calls), before the confirmation. */
  estimateMs: number;
}

interface PlanAllRun {
  wallMs: number;
  outcome: PlanAllOutcome;
  /** The total the planner reported. */
  usd: number;
  /** USD recomputed from the usage the server reported for every generation request it answered. */
  serverUsd: number;
  /** Generation requests the server answered: streamed messages plus batch items. */
  generationRequests: number;
}

async function outlinesFor(vaultDir: string): Promise<Record<string, Outline>> {
  const out: Record<string, Outline> = {};
  for (const id of ['W1', 'W2', 'W3']) {
    const p = await preparePlan(new FsVault(vaultDir), DEFAULT_SETTINGS, { workstream: id });
    if (!p.ok || p.value.kind !== 'ready') throw new Error(`the example vault does not plan ${id}`);
    out[id] = deriveOutline(p.value.scope, p.value.ctx.wbs);
  }
  return out;
}

async function outlineFor(vaultDir: string): Promise<Outline> {
  const p = await preparePlan(new FsVault(vaultDir), DEFAULT_SETTINGS, { workstream: WORKSTREAM });
  if (!p.ok || p.value.kind !== 'ready') throw new Error('the example vault does not plan W2');
  return deriveOutline(p.value.scope, p.value.ctx.wbs);
}

class Bench {
  constructor(
    readonly root: string,
    readonly server: AnthropicServer,
    readonly client: AnthropicClient,
  ) {}

  copyVault(): { dir: string; cleanup(): void } {
    const dir = mkdtempSync(path.join(tmpdir(), 'wp-bench-'));
    cpSync(path.join(this.root, 'examples', 'vault'), dir, { recursive: true });
    return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }

  async plan(o: { outline: Outline; concurrency: number; caching: boolean; script: Partial<ResponseScript>; sectionText?: string }): Promise<PlanRun> {
    const v = this.copyVault();
    try {
      this.server.reset();
      this.server.setScript(
        plannerResponder({
          outline: o.outline,
          mesoTarget: 'meso-level-plan',
          script: o.script,
          ...(o.sectionText !== undefined ? { override: (_req, kind) => (kind === 'section' ? { ...o.script, text: o.sectionText } : null) } : {}),
        }),
      );
      const vault = new CountingVault(v.dir, PLAN);
      const settings: Settings = { ...DEFAULT_SETTINGS, caching: o.caching };
      const usage: CallUsage[] = [];
      let modelUnits = 0;
      let runnerBytes = 0;
      let runnerWrites = 0;
      let runStartAt = 0;
      let runDoneAt = 0;
      const onEvent = (e: PlanEvent): void => {
        if (e.type === 'run-start') {
          modelUnits = e.units.filter((u) => u.kind === 'model').length;
          vault.streaming = true;
          runStartAt = performance.now();
        } else if (e.type === 'written') {
          runnerBytes += e.bytes;
          runnerWrites++;
        } else if (e.type === 'done') {
          vault.streaming = false;
          runDoneAt = performance.now();
        }
      };
      const started = performance.now();
      // The clock starts when the user agrees to send (the confirmation): the estimate before it (tokens
      // counted with count_tokens) is reported on its own, as `estimateMs`.
      let t0 = started;
      const r = await planWithClaude(
        { workstream: WORKSTREAM },
        {
          vault,
          settings,
          clock: { now: () => new Date(2026, 10, 25, 9, 30, 0) },
          client: this.client,
          apiKey: KEY,
          timers,
          builtInTemplate: PLANNER_INSTRUCTIONS,
          onEvent,
          onUsage: (u) => usage.push(u),
          confirm: async () => {
            t0 = performance.now();
            return true;
          },
          concurrency: o.concurrency,
        },
      );
      const wallMs = performance.now() - t0;
      const estimateMs = t0 - started;
      if (!r.ok) throw new Error(`plan failed: ${JSON.stringify(r.error)}`);
      if (r.value.kind !== 'plan') throw new Error(`plan ended as ${r.value.kind}`);
      // Billing from the usage the server reported (the SDK's final counters, one per call).
      const asApi = (u: CallUsage) => ({ input_tokens: u.inputTokens, cache_creation_input_tokens: u.cacheWriteTokens, cache_read_input_tokens: u.cacheReadTokens });
      const price = priceFor(settings.model)!;
      const inputUsd = (u: CallUsage): number => costOf({ ...u, outputTokens: 0 }, price);
      const uncachedUsd = (u: CallUsage): number => ((u.inputTokens + u.cacheWriteTokens + u.cacheReadTokens) * price.input) / 1_000_000;
      return {
        wallMs,
        status: r.value.status,
        modelUnits,
        usage,
        outputTokens: usage.reduce((n, u) => n + u.outputTokens, 0),
        billedInput: usage.reduce((n, u) => n + billedInputTokens(asApi(u)), 0),
        unbilledInput: usage.reduce((n, u) => n + u.inputTokens + u.cacheWriteTokens + u.cacheReadTokens, 0),
        inputUsd: usage.reduce((n, u) => n + inputUsd(u), 0),
        uncachedInputUsd: usage.reduce((n, u) => n + uncachedUsd(u), 0),
        thinkingTokens: usage.reduce((n, u) => n + u.thinkingTokens, 0),
        billedMatchesReported:
          this.server.messageRequests().reduce((n, q) => n + (q.usage?.output_tokens ?? 0), 0) === usage.reduce((n, u) => n + u.outputTokens, 0) &&
          this.server.messageRequests().length === usage.length,
        vault,
        runnerBytes,
        runnerWrites,
        finalBytes: statSync(path.join(v.dir, PLAN)).size,
        runStartMs: runStartAt - t0,
        runDoneMs: runDoneAt - t0,
        estimateMs,
      };
    } finally {
      v.cleanup();
    }
  }

  /**
   * `plan --all` on a fresh copy of the example vault: every workstream in dependency order, through
   * Message Batches or streamed one after another (`--no-batch`). Cost both as the planner reports it and
   * recomputed here from the usage the server billed (batch discount on batched requests).
   */
  async planAll(o: { outlines: Record<string, Outline>; batch: boolean; script: Partial<ResponseScript> }): Promise<PlanAllRun> {
    const v = this.copyVault();
    try {
      this.server.reset();
      this.server.setScript(projectResponder({ outlines: o.outlines, mesoTarget: 'meso-level-plan', script: o.script }));
      const t0 = performance.now();
      const r = await planAll(
        { batch: o.batch },
        {
          vault: new FsVault(v.dir),
          settings: DEFAULT_SETTINGS,
          clock: { now: () => new Date(2026, 10, 25, 9, 30, 0) },
          client: this.client,
          apiKey: KEY,
          timers,
          builtInTemplate: PLANNER_INSTRUCTIONS,
          confirmAll: async () => true,
          // A batch is looked at BATCH_POLL_MS after it is sent and then as often: a real one takes minutes, so by
          // then every response of the batch before it has long begun and its cache entries are readable.
          pollMs: BATCH_POLL_MS,
          maxPollMs: BATCH_POLL_MS,
        },
      );
      const wallMs = performance.now() - t0;
      if (!r.ok) throw new Error(`plan --all failed: ${JSON.stringify(r.error)}`);
      const outcome = r.value;
      const notDone = outcome.workstreams.filter((w) => w.status !== 'done');
      if (outcome.kind !== 'done' || notDone.length > 0) throw new Error(`plan --all ended ${outcome.kind}: ${notDone.map((w) => `${w.id} ${w.status}`).join(', ')}`);
      const price = priceFor(DEFAULT_SETTINGS.model)!;
      const billed = (usage: unknown, batch: boolean): number => (usage ? costOf(tokensOf(usage as Parameters<typeof tokensOf>[0]), price, { batch }) : 0);
      const serverUsd =
        this.server.messageRequests().reduce((n, q) => n + billed(q.usage, false), 0) + this.server.batchRequests().reduce((n, b) => n + billed(b.usage, true), 0);
      if (outcome.total.costUsd === null) throw new Error(`no price for ${DEFAULT_SETTINGS.model}`);
      return { wallMs, outcome, usd: outcome.total.costUsd, serverUsd, generationRequests: this.server.messageRequests().length + this.server.batchRequests().length };
    } finally {
      v.cleanup();
    }
  }

  /** The SDK alone on the given requests, one after another: output tokens and wall time. */
  async bare(bodies: unknown[]): Promise<{ wallMs: number; outputTokens: number; firstCallMs: number }> {
    let outputTokens = 0;
    let firstCallMs = 0;
    const t0 = performance.now();
    for (const [i, body] of bodies.entries()) {
      if (i === 1) firstCallMs = performance.now() - t0;
      const stream = this.client.messages.stream(body as Parameters<AnthropicClient['messages']['stream']>[0]);
      for await (const _event of stream) {
        // consume
      }
      const msg = await stream.finalMessage();
      outputTokens += msg.usage.output_tokens;
    }
    return { wallMs: performance.now() - t0, outputTokens, firstCallMs };
  }
}

interface Figure {
  name: string;
  measure: string;
  value: number;
  goal: string;
  pass: boolean;
  runs: number[];
  detail: Record<string, unknown>;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const server = await startAnthropicServer({
    thinking: { tokens: THINKING_TOKENS, tokensPerSecond: THINKING_TPS, pingEveryMs: THINKING_PING_MS },
    cacheVisibleAfterMs: CACHE_VISIBLE_AFTER_MS,
  });
  const client = createAnthropicClient({ apiKey: KEY, baseURL: server.url });
  const bench = new Bench(args.root, server, client);
  const figures: Figure[] = [];
  const log = (s: string): void => void process.stderr.write(`${s}\n`);
  const want = (group: string): boolean => args.only === null || args.only.includes(group);

  try {
    const probe = bench.copyVault();
    const derived = await outlineFor(probe.dir);
    probe.cleanup();
    // One uncounted plan first, on the overhead figure's settings, so no figure pays for module loading and the JIT's first pass.
    await bench.plan({ outline: derived, concurrency: 1, caching: true, script: { tokensPerSecond: OVERHEAD_TPS, chunkChars: CHUNK_CHARS } });
    log('warm-up plan done');

    // ---- overhead -------------------------------------------------------------------------------
    if (want('overhead')) {
      const ratios: number[] = [];
      const rows: Record<string, unknown>[] = [];
      for (let i = 0; i < args.runs; i++) {
        const script = { tokensPerSecond: OVERHEAD_TPS, chunkChars: CHUNK_CHARS };
        const run = await bench.plan({ outline: derived, concurrency: 1, caching: true, script });
        const bodies = server.messageRequests().map((q) => q.body);
        server.reset();
        server.setScript(plannerResponder({ outline: derived, mesoTarget: 'meso-level-plan', script }));
        const bare = await bench.bare(bodies);
        const pipeTps = run.outputTokens / (run.wallMs / 1000);
        const bareTps = bare.outputTokens / (bare.wallMs / 1000);
        ratios.push(pipeTps / bareTps);
        rows.push({
          calls: bodies.length,
          pipelineTokens: run.outputTokens,
          pipelineMs: Math.round(run.wallMs),
          pipelineTps: Math.round(pipeTps),
          bareTokens: bare.outputTokens,
          bareMs: Math.round(bare.wallMs),
          bareTps: Math.round(bareTps),
          // Where the pipeline's time went: preparation + outline call, the streamed sections, the finish (state, check, link-back).
          estimateBeforeConfirmMs: Math.round(run.estimateMs),
          pipelineBeforeSectionsMs: Math.round(run.runStartMs),
          pipelineSectionsMs: Math.round(run.runDoneMs - run.runStartMs),
          pipelineAfterSectionsMs: Math.round(run.wallMs - run.runDoneMs),
          bareOutlineCallMs: Math.round(bare.firstCallMs),
        });
        log(`overhead run ${i + 1}: pipeline ${Math.round(pipeTps)} tok/s, bare SDK ${Math.round(bareTps)} tok/s`);
      }
      const value = median(ratios);
      figures.push({ name: 'overhead', measure: 'pipeline tok/s ÷ bare SDK tok/s (thinking included)', value, goal: '≥ 0.95', pass: value >= 0.95, runs: ratios, detail: { tokensPerSecondPerStream: OVERHEAD_TPS, thinkingTokensPerCall: THINKING_TOKENS, thinkingTokensPerSecond: THINKING_TPS, chunkChars: CHUNK_CHARS, concurrency: 1, runs: rows } });
    }

    // ---- concurrency ----------------------------------------------------------------------------
    if (want('concurrency')) {
      // Find how many model units the derived outline gives, then split or merge modules to reach 12.
      const trial = await bench.plan({ outline: derived, concurrency: 4, caching: true, script: {}, sectionText: SHORT_SECTION });
      const fixedUnits = trial.modelUnits - derived.modules.length;
      log(`derived outline: ${derived.modules.length} modules, ${trial.modelUnits} model units`);
      // At least one module: when the other sections alone reach the target, the count is stated.
      const wantModules = Math.max(1, TARGET_MODEL_UNITS - fixedUnits);
      const outline = reshapeModules(derived, wantModules);
      const ratios: number[] = [];
      const rows: Record<string, unknown>[] = [];
      let units = 0;
      for (let i = 0; i < args.runs; i++) {
        const script = { tokensPerSecond: CONCURRENCY_TPS, chunkChars: CHUNK_CHARS };
        const c4 = await bench.plan({ outline, concurrency: 4, caching: true, script, sectionText: SHORT_SECTION });
        const c1 = await bench.plan({ outline, concurrency: 1, caching: true, script, sectionText: SHORT_SECTION });
        units = c4.modelUnits;
        ratios.push(c4.wallMs / c1.wallMs);
        rows.push({ concurrency4Ms: Math.round(c4.wallMs), concurrency1Ms: Math.round(c1.wallMs) });
        log(`concurrency run ${i + 1}: ${units} model units, c4 ${Math.round(c4.wallMs)} ms, c1 ${Math.round(c1.wallMs)} ms`);
      }
      const value = median(ratios);
      const sectionTokens = Math.ceil(SHORT_SECTION.length / 4);
      figures.push({
        name: 'concurrency',
        measure: `wall time, concurrency 4 ÷ 1 (${units} model units)`,
        value,
        goal: '≤ 0.35',
        pass: value <= 0.35,
        runs: ratios,
        detail: { modelUnits: units, modules: outline.modules.length, sectionTokens, tokensPerSecondPerStream: CONCURRENCY_TPS, chunkChars: CHUNK_CHARS, idealRatio: Math.ceil(units / 4) / units, runs: rows },
      });
    }

    // ---- cost and write amplification ---------------------------------------------------------------
    if (want('cost')) {
      const costRatios: number[] = [];
      const ampRatios: number[] = [];
      const rewrites: number[] = [];
      const costRows: Record<string, unknown>[] = [];
      const ampRows: Record<string, unknown>[] = [];
      for (let i = 0; i < args.runs; i++) {
        const script = { tokensPerSecond: COST_TPS, chunkChars: CHUNK_CHARS };
        const cached = await bench.plan({ outline: derived, concurrency: DEFAULT_SETTINGS.concurrency, caching: true, script });
        const plain = await bench.plan({ outline: derived, concurrency: DEFAULT_SETTINGS.concurrency, caching: false, script });
        costRatios.push(cached.billedInput / plain.billedInput);
        const sum = (us: CallUsage[], f: (u: CallUsage) => number) => us.reduce((n, u) => n + f(u), 0);
        costRows.push({
          calls: cached.usage.length,
          priceRatio: Math.round((cached.inputUsd / plain.uncachedInputUsd) * 1000) / 1000,
          thinkingTokens: cached.thinkingTokens,
          billedMatchesReported: cached.billedMatchesReported && plain.billedMatchesReported,
          cachedBilled: Math.round(cached.billedInput),
          cachedInput: sum(cached.usage, (u) => u.inputTokens),
          cachedWrite: sum(cached.usage, (u) => u.cacheWriteTokens),
          cachedRead: sum(cached.usage, (u) => u.cacheReadTokens),
          uncachedBilled: Math.round(plain.billedInput),
          uncachedWrites: sum(plain.usage, (u) => u.cacheWriteTokens + u.cacheReadTokens),
        });
        const v = cached.vault;
        const streamed = v.createBytes + v.appendBytesStreaming;
        ampRatios.push(streamed / cached.finalBytes);
        const whole = v.replaceCount + v.frontmatterRewrites;
        rewrites.push(whole);
        ampRows.push({
          streamedBytes: streamed,
          finalBytes: cached.finalBytes,
          appendsWhileStreaming: v.appendCountStreaming,
          runnerBytesWritten: cached.runnerBytes,
          runnerWriteCount: cached.runnerWrites,
          replaceCalls: v.replaceCount,
          frontmatterRewrites: v.frontmatterRewrites,
          allBytesIncludingRewrites: v.createBytes + v.appendBytes + v.replaceBytes,
          status: cached.status,
        });
        log(`cost run ${i + 1}: billed input ${Math.round(cached.billedInput)} cached vs ${Math.round(plain.billedInput)} uncached; note ${streamed} B streamed / ${cached.finalBytes} B final, ${whole} rewrites`);
      }
      const cost = median(costRatios);
      figures.push({
        name: 'cost',
        measure: 'billed input tokens, caching ÷ no caching (real cache key, thinking)',
        value: cost,
        goal: '≤ 0.30',
        pass: cost <= 0.3,
        runs: costRatios,
        detail: {
          minCacheableTokens: 'the model\'s own (512 on claude-sonnet-5-5)',
          cacheVisibleAfterMs: CACHE_VISIBLE_AFTER_MS,
          thinkingTokensPerCall: THINKING_TOKENS,
          multipliers: { write: 1.25, read: 0.1 },
          note: 'priceRatio: the same at Sonnet 5.5\'s own prices (reads 0.05×)',
          concurrency: DEFAULT_SETTINGS.concurrency,
          runs: costRows,
        },
      });
      const amp = median(ampRatios);
      figures.push({ name: 'write amplification', measure: 'bytes written while streaming ÷ final note size', value: amp, goal: '≤ 1.2', pass: amp <= 1.2, runs: ampRatios, detail: { concurrency: DEFAULT_SETTINGS.concurrency, tokensPerSecondPerStream: COST_TPS, runs: ampRows } });
      const rw = median(rewrites);
      figures.push({ name: 'whole-note rewrites', measure: 'replace + frontmatter rewrites of the note per plan', value: rw, goal: '≤ 3', pass: rw <= 3, runs: rewrites, detail: {} });
    }

    // ---- plan --all: the whole example project, batched vs streamed -------------------------------
    if (want('plan-all')) {
      const probeAll = bench.copyVault();
      const outlines = await outlinesFor(probeAll.dir);
      probeAll.cleanup();
      const script = { tokensPerSecond: COST_TPS, chunkChars: CHUNK_CHARS };
      const costRatios: number[] = [];
      const shares: number[] = [];
      const rows: Record<string, unknown>[] = [];
      for (let i = 0; i < args.runs; i++) {
        const batched = await bench.planAll({ outlines, batch: true, script });
        const streamed = await bench.planAll({ outlines, batch: false, script });
        const ratio = batched.usd / streamed.usd;
        const b = batched.outcome.requests;
        const share = b.batched / (b.batched + b.streamed);
        costRatios.push(ratio);
        shares.push(share);
        const round = (x: number): number => Math.round(x * 1e6) / 1e6;
        rows.push({
          batchedUsd: round(batched.usd),
          streamedUsd: round(streamed.usd),
          serverBilledRatio: Math.round((batched.serverUsd / streamed.serverUsd) * 1000) / 1000,
          batchedRequests: b,
          streamedRequests: streamed.outcome.requests,
          serverGenerationRequests: { batched: batched.generationRequests, streamed: streamed.generationRequests },
          batches: batched.outcome.batches.length,
          tokens: Object.fromEntries(([['batched', batched], ['streamed', streamed]] as const).map(([k, r]) => [k, { input: r.outcome.total.inputTokens, cacheWrite: r.outcome.total.cacheWriteTokens, cacheRead: r.outcome.total.cacheReadTokens, output: r.outcome.total.outputTokens }])),
          perWorkstreamUsd: Object.fromEntries(batched.outcome.workstreams.map((w) => [w.id, [round(w.usage?.costUsd ?? 0), round(streamed.outcome.workstreams.find((s) => s.id === w.id)?.usage?.costUsd ?? 0)]])),
          batchedWallMs: Math.round(batched.wallMs),
          streamedWallMs: Math.round(streamed.wallMs),
        });
        log(`plan-all run ${i + 1}: ${batched.usd.toFixed(4)} USD batched vs ${streamed.usd.toFixed(4)} streamed; ${b.batched} of ${b.batched + b.streamed} requests in ${batched.outcome.batches.length} batches`);
      }
      const ratio = median(costRatios);
      figures.push({
        name: 'plan-all cost',
        measure: 'USD of plan --all on the example project, batched ÷ streamed (--no-batch)',
        value: ratio,
        goal: '0.45–0.55',
        pass: ratio >= 0.45 && ratio <= 0.55,
        runs: costRatios,
        detail: {
          workstreams: Object.keys(outlines),
          model: DEFAULT_SETTINGS.model,
          note: 'batch: 50% off every token (cache writes at the 1-hour price), per level outlines, primer, other sections; streamed: 5-minute cache, concurrency 4. serverBilledRatio recomputes the ratio from the usage the server reported.',
          batchPollMs: BATCH_POLL_MS,
          runs: rows,
        },
      });
      const share = median(shares);
      figures.push({ name: 'plan-all batched share', measure: 'generation requests in batches ÷ all generation requests (plan --all)', value: share, goal: '≥ 0.80', pass: share >= 0.8, runs: shares, detail: {} });
    }
  } finally {
    await server.close();
  }

  // ---- plugin: onload time and bundle size ------------------------------------------------------
  if (want('plugin')) {
    // The real plugin class loaded into the test double of Obsidian (the app cannot run here): what
    // onload itself costs, with a fresh app each time, after a few warm-up loads.
    const { buildAppFromFolder } = await import('../test/support/obsidian-app');
    const { default: Plugin } = await import('../src/main');
    const manifest = { id: 'workstream-planner', name: 'Workstream Planner', version: '0.0.0', minAppVersion: '1.11.4', author: 'bench', description: 'Bench.' };
    const times: number[] = [];
    for (let i = 0; i < 5 + 20 * args.runs; i++) {
      const { app, double } = buildAppFromFolder(path.join(args.root, 'examples', 'vault'));
      const plugin = new Plugin(app as never, manifest as never);
      const t0 = performance.now();
      await double.enablePlugin(plugin as never);
      const ms = performance.now() - t0;
      plugin.unload();
      if (i >= 5) times.push(ms);
    }
    const onload = median(times);
    figures.push({ name: 'plugin onload', measure: 'ms, median of 20 loads per run', value: onload, goal: '< 10', pass: onload < 10, runs: [onload], detail: { loads: times.length, maxMs: Math.max(...times) } });
    const built = spawnSync(process.execPath, [path.join(args.root, 'esbuild.config.mjs'), 'production'], { cwd: args.root, encoding: 'utf8' });
    if (built.status === 0) {
      // The budget is the issue's: 800 KB (test/build/main-js.test.ts holds the same line in npm test).
      const kb = statSync(path.join(args.root, 'main.js')).size / 1024;
      figures.push({ name: 'main.js size', measure: 'KB (1 024 bytes), minified production build', value: kb, goal: '≤ 800', pass: kb <= 800, runs: [kb], detail: {} });
    }
  }

  const machine = {
    node: process.version,
    platform: `${osType()} ${release()} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  };
  const totalSeconds = Math.round((performance.now() - started) / 100) / 10;
  printTable(figures);
  process.stdout.write(`\n${machine.node}, ${machine.cpus} × ${machine.cpuModel}, ${machine.platform}; ${args.runs} runs each, median shown; ${totalSeconds} s in all.\n`);
  // The mutation score lives in the same file, written by `npm run mutate`: keep it.
  const mutation = existsSync(args.out) ? (JSON.parse(readFileSync(args.out, 'utf8')) as { mutation?: unknown }).mutation : undefined;
  const results = { date: args.date, command: 'npm run bench', runsPerFigure: args.runs, statistic: 'median', machine, totalSeconds, figures, ...(mutation ? { mutation } : {}) };
  writeFileSync(args.out, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(`Wrote ${path.relative(args.root, args.out)}\n`);
  // A missed goal is a finding to report, not a crash: the exit code stays 0.
}

/** The outline with exactly `n` modules: task ids redistributed round-robin (n at most the task count). */
function reshapeModules(outline: Outline, n: number): Outline {
  if (n === outline.modules.length) return outline;
  const tasks = outline.modules.flatMap((m) => m.taskIds);
  const headings = [...new Set(outline.modules.flatMap((m) => m.mesoHeadings))];
  if (n < 1 || n > tasks.length) throw new Error(`cannot make ${n} modules out of ${tasks.length} tasks`);
  const modules = Array.from({ length: n }, (_, i) => ({
    name: `Module ${i + 1}`,
    taskIds: tasks.filter((_, t) => t % n === i),
    mesoHeadings: headings.length ? [headings[i % headings.length]!] : [],
    summary: `Covers ${tasks.filter((_, t) => t % n === i).join(', ')}.`,
  }));
  return { ...outline, modules };
}

function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => [f.name, f.measure, fmt(f.value), f.goal, f.pass ? 'pass' : 'FAIL', f.runs.map(fmt).join(' / ')]);
  const head = ['figure', 'measure', 'median', 'goal', 'result', 'runs'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  process.stdout.write(`${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(3);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
