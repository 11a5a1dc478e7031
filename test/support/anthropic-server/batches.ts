/**
 * The Message Batches endpoints (batch-processing page, platform.claude.com/docs/en/build-with-claude/batch-processing;
 * API reference: messages/batches/create, retrieve, cancel, results):
 *
 * - `POST /v1/messages/batches` takes 1 to 100 000 requests, each a `custom_id` (1–64 of `[a-zA-Z0-9_-]`, unique
 *   within the batch) and the `params` of a non-streaming Messages request (create page). The batch itself is
 *   checked at once (a 400); each request's params are checked when it is processed, and a bad one becomes an
 *   `errored` result (batch-processing page: params are validated asynchronously). `max_tokens` must be at least 1
 *   inside a batch (batch-processing page: "max_tokens: 0 … is not supported inside a batch").
 * - `GET /v1/messages/batches/{id}`: `processing_status` `in_progress` → `ended` (or `canceling` → `ended`);
 *   `request_counts` keep every request under `processing` until the whole batch ends, then tally succeeded,
 *   errored, canceled and expired (retrieve page); `results_url` is set only once it ended, and the SDK GETs that
 *   absolute URL, so it points back at this server (research §7). `expires_at` is 24 hours after `created_at`.
 * - `POST …/cancel`: `canceling`, then `ended` with the requests not yet processed `canceled`; those already
 *   processed keep their result (cancel page: "the system may complete any in-progress, non-interruptible requests
 *   before finalizing cancellation").
 * - `GET …/results`: JSONL, one `{custom_id, result}` per line, NOT in request order (batch-processing page:
 *   "results … may not match the order of requests"; match by `custom_id`).
 *
 * Each request is answered exactly as `POST /v1/messages` would answer it (the same responder, the same cache
 * simulation and usage), when the batch processes it. Billing at 50% is the client's business (pricing page): the
 * usage reported is the plain token counts.
 *
 * Pacing, for tests: a batch processes `requestsPerPoll` requests per retrieve (default: all at the first), nothing
 * while `hold` is on, and `expire()` ends every open batch with its unprocessed requests `expired` (what 24 hours
 * without processing does: batch-processing page).
 */
import type { RecordedRequest } from './types';

/** The Message Batches endpoints: create, retrieve, cancel, results (for `failBatchCalls`). */
export type BatchCall = 'create' | 'retrieve' | 'cancel' | 'results';

export type BatchResult =
  | { type: 'succeeded'; message: Record<string, unknown> }
  | { type: 'errored'; error: { type: 'error'; error: { type: string; message: string }; request_id: string } }
  | { type: 'canceled' }
  | { type: 'expired' };

/** One request of a batch as the server processed it (for tests: what was asked, what it cost, how it ended). */
export interface BatchRequestRecord {
  batchId: string;
  customId: string;
  /** The request's params, as sent. */
  params: unknown;
  /** Set once processed. */
  result?: BatchResult['type'];
  /** Usage of a succeeded request. */
  usage?: Record<string, unknown>;
  /** 0-based order in which the server processed it (across batches). */
  processedAt?: number;
}

export interface BatchPacing {
  /** Requests processed per retrieve while the batch is open. @default Infinity */
  requestsPerPoll?: number;
  /** While true no batch makes progress. @default false */
  hold?: boolean;
  /** Batches from this one on (1 = the first created since reset) make no progress: a run can be stopped while one is in flight. */
  holdFrom?: number;
  /** Order of the results file. @default 'reverse' */
  resultOrder?: 'reverse' | 'request' | 'interleave';
}

interface Batch {
  id: string;
  /** 1 for the first batch created since reset. */
  number: number;
  createdAt: number;
  endedAt: number | null;
  cancelInitiatedAt: number | null;
  status: 'in_progress' | 'canceling' | 'ended';
  requests: Array<{ customId: string; params: unknown; result?: BatchResult }>;
  /** Base URL (with the scenario prefix) the batch was created under, for `results_url`. */
  base: string;
  version: string;
  headers: RecordedRequest['headers'];
  scenario: string | undefined;
}

export type ProcessOne = (params: unknown, ctx: { version: string; headers: RecordedRequest['headers']; scenario: string | undefined; customId: string }) => Promise<BatchResult>;

const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;
const MAX_REQUESTS = 100_000;
const DAY_MS = 24 * 60 * 60 * 1000;

const iso = (ms: number): string => new Date(ms).toISOString();

export class BatchStore {
  private readonly batches = new Map<string, Batch>();
  readonly log: BatchRequestRecord[] = [];
  private counter = 0;
  private processed = 0;
  pacing: BatchPacing = {};

  constructor(
    private readonly now: () => number,
    private readonly processOne: ProcessOne,
  ) {}

  reset(): void {
    this.batches.clear();
    this.log.length = 0;
    this.counter = 0;
    this.processed = 0;
    this.pacing = {};
  }

  /** Checks the batch; null when it is acceptable, else the 400's message. */
  static invalid(body: unknown): string | null {
    const requests = (body as { requests?: unknown } | null)?.requests;
    if (!Array.isArray(requests)) return 'requests: Field required';
    if (requests.length < 1) return 'requests: List should have at least 1 item after validation, not 0';
    if (requests.length > MAX_REQUESTS) return `requests: List should have at most ${MAX_REQUESTS} items after validation, not ${requests.length}`;
    const seen = new Set<string>();
    for (const [i, r] of requests.entries()) {
      const id = (r as { custom_id?: unknown } | null)?.custom_id;
      if (typeof id !== 'string' || !CUSTOM_ID.test(id)) return `requests.${i}.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`;
      if (seen.has(id)) return `requests.${i}.custom_id: Duplicate custom_id "${id}"; each request in a batch needs its own`;
      seen.add(id);
      const params = (r as { params?: unknown }).params;
      if (typeof params !== 'object' || params === null || Array.isArray(params)) return `requests.${i}.params: Input should be an object`;
    }
    return null;
  }

  create(body: { requests: Array<{ custom_id: string; params: unknown }> }, ctx: { base: string; version: string; headers: RecordedRequest['headers']; scenario: string | undefined }): Record<string, unknown> {
    const id = `msgbatch_mock_${String(++this.counter).padStart(4, '0')}`;
    const batch: Batch = {
      id,
      number: this.counter,
      createdAt: this.now(),
      endedAt: null,
      cancelInitiatedAt: null,
      status: 'in_progress',
      requests: body.requests.map((r) => ({ customId: r.custom_id, params: r.params })),
      ...ctx,
    };
    this.batches.set(id, batch);
    for (const r of batch.requests) this.log.push({ batchId: id, customId: r.customId, params: r.params });
    return this.view(batch);
  }

  has(id: string): boolean {
    return this.batches.has(id);
  }

  /** The batch as `retrieve` shows it, after the progress one poll makes. */
  async retrieve(id: string): Promise<Record<string, unknown> | null> {
    const batch = this.batches.get(id);
    if (!batch) return null;
    await this.advance(batch);
    return this.view(batch);
  }

  async cancel(id: string): Promise<Record<string, unknown> | null> {
    const batch = this.batches.get(id);
    if (!batch) return null;
    if (batch.status === 'in_progress') {
      batch.status = 'canceling';
      batch.cancelInitiatedAt = this.now();
    }
    return this.view(batch);
  }

  /** The results file, or null while the batch has not ended. */
  results(id: string): string | null {
    const batch = this.batches.get(id);
    if (!batch || batch.status !== 'ended') return null;
    const lines = batch.requests.map((r) => JSON.stringify({ custom_id: r.customId, result: r.result }));
    const order = this.pacing.resultOrder ?? 'reverse';
    const ordered = order === 'request' ? lines : order === 'reverse' ? [...lines].reverse() : [...lines.filter((_, i) => i % 2 === 1), ...lines.filter((_, i) => i % 2 === 0)];
    return ordered.map((l) => `${l}\n`).join('');
  }

  /** Ends every open batch as 24 hours without processing would: unprocessed requests `expired`. */
  expireAll(): void {
    for (const batch of this.batches.values()) {
      if (batch.status === 'ended') continue;
      for (const r of batch.requests) r.result ??= { type: 'expired' };
      this.end(batch);
    }
  }

  private async advance(batch: Batch): Promise<void> {
    if (batch.status === 'ended') return;
    if (batch.status === 'canceling') {
      for (const r of batch.requests) r.result ??= { type: 'canceled' };
      this.end(batch);
      return;
    }
    if (this.pacing.hold || (this.pacing.holdFrom !== undefined && batch.number >= this.pacing.holdFrom)) return;
    let budget = this.pacing.requestsPerPoll ?? Number.POSITIVE_INFINITY;
    for (const r of batch.requests) {
      if (budget <= 0) break;
      if (r.result) continue;
      r.result = await this.processOne(r.params, { version: batch.version, headers: batch.headers, scenario: batch.scenario, customId: r.customId });
      const rec = this.log.find((l) => l.batchId === batch.id && l.customId === r.customId);
      if (rec) {
        rec.result = r.result.type;
        rec.processedAt = this.processed;
        if (r.result.type === 'succeeded') rec.usage = r.result.message['usage'] as Record<string, unknown>;
      }
      this.processed++;
      budget--;
    }
    if (batch.requests.every((r) => r.result)) this.end(batch);
  }

  private end(batch: Batch): void {
    batch.status = 'ended';
    batch.endedAt = this.now();
    for (const r of batch.requests) {
      const rec = this.log.find((l) => l.batchId === batch.id && l.customId === r.customId);
      if (rec && r.result) rec.result = r.result.type;
    }
  }

  private view(batch: Batch): Record<string, unknown> {
    const ended = batch.status === 'ended';
    const count = (t: BatchResult['type']): number => (ended ? batch.requests.filter((r) => r.result?.type === t).length : 0);
    return {
      id: batch.id,
      type: 'message_batch',
      processing_status: batch.status,
      request_counts: {
        processing: ended ? 0 : batch.requests.length,
        succeeded: count('succeeded'),
        errored: count('errored'),
        canceled: count('canceled'),
        expired: count('expired'),
      },
      ended_at: batch.endedAt === null ? null : iso(batch.endedAt),
      created_at: iso(batch.createdAt),
      expires_at: iso(batch.createdAt + DAY_MS),
      archived_at: null,
      cancel_initiated_at: batch.cancelInitiatedAt === null ? null : iso(batch.cancelInitiatedAt),
      results_url: ended ? `${batch.base}/v1/messages/batches/${batch.id}/results` : null,
    };
  }
}
