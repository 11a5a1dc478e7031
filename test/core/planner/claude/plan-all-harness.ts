/**
 * What the tests of planAll share: the example vault (W1 → W2 → W3, one per level) copied to a temp
 * folder, the local Anthropic server answering as a diligent planner for all three (real HTTP, the
 * unmodified SDK), batches polled without waiting (poll interval 0).
 *
 * `planAllSuite()` registers the hooks of the enclosing `describe` and returns the current server, vault
 * and helpers through getters, fresh for each test.
 */
import { startAnthropicServer, type AnthropicServer, type MockRequest, type ResponseScript } from '../../../support/anthropic-server';
import { projectResponder, workstreamOfRequest } from '../../../support/anthropic-server/planner-responder';
import type { PlanAllDeps, PlanAllOutcome } from '../../../../src/core/planner/claude/plan-all';
import type { PlannerError } from '../../../../src/core/contracts/errors';
import type { Outline } from '../../../../src/core/contracts/outline';
import type { Result } from '../../../../src/core/result';
import type { DEFAULT_SETTINGS } from '../../../../src/core/contracts/settings';
import { answerAsPlanner, claudeDeps, exampleVault, plan, type Vault } from './harness';

export const IDS = ['W1', 'W2', 'W3'];
export const MESO = 'research/project-planning/meso-level-plan.md';

export function done(r: Result<PlanAllOutcome, PlannerError>): PlanAllOutcome {
  if (!r.ok) throw new Error(`expected an outcome, got ${JSON.stringify(r.error)}`);
  return r.value;
}

export interface PlanAllSuite {
  readonly server: AnthropicServer;
  readonly v: Vault;
  readonly outlines: Record<string, Outline>;
  /** planAll's dependencies, without the key unless a test gives it (then no tokens are counted with the API). */
  deps(more?: Partial<PlanAllDeps>, settings?: Partial<typeof DEFAULT_SETTINGS>): PlanAllDeps;
  /** Answer as the planner, except where `twist` returns a script (null: the planner's answer). */
  respond(twist: (req: MockRequest, kind: 'outline' | 'section', id: string | null) => ResponseScript | null): void;
  /** The custom ids of the requests of one batch, in the order sent. */
  inBatch(batchId: string): string[];
  /** The `status` in the frontmatter of a workstream's plan note. */
  statusOf(id: string): unknown;
}

export function planAllSuite(): PlanAllSuite {
  let server: AnthropicServer;
  let v: Vault;
  let outlines: Record<string, Outline>;
  beforeAll(async () => {
    server = await startAnthropicServer();
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    server.reset();
    v = exampleVault();
    outlines = await answerAsPlanner(server, v.vault, IDS);
  });
  afterEach(() => v.cleanup());

  return {
    get server() {
      return server;
    },
    get v() {
      return v;
    },
    get outlines() {
      return outlines;
    },
    deps(more = {}, settings = {}) {
      // Without the key unless a test gives it: the planner then counts no tokens with the API (three
      // workstreams' worth of requests a run), which the first test and the preflight's tests cover.
      const { confirm: _c, onEvent: _o, sink: _s, ...base } = claudeDeps(server, v, { apiKey: '' }, settings);
      return { ...base, pollMs: 0, maxPollMs: 0, ...more };
    },
    respond(twist) {
      server.setScript(projectResponder({ outlines, mesoTarget: 'meso-level-plan', script: { chunkChars: 4000 }, override: (req, kind) => twist(req, kind, workstreamOfRequest(req)) }));
    },
    inBatch(batchId) {
      return server.batchRequests().filter((b) => b.batchId === batchId).map((b) => b.customId);
    },
    statusOf(id) {
      return v.fm(plan(id))['status'];
    },
  };
}
