/**
 * The local Anthropic Messages API server: a real `node:http` server on 127.0.0.1 (random port) that the
 * unmodified SDK talks to over HTTP. Routing, request log, script selection and lifecycle live here; wire details
 * live in `sse.ts`, `respond.ts`, `caching.ts`, `cors.ts` and `validate.ts`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { CacheSimulator } from './caching';
import { answerPreflight, corsRejection, corsResponseHeaders, type CorsMode } from './cors';
import { errorBody, httpErrorFor } from './faults';
import { Timers } from './lifecycle';
import { openStream, sendJson, writeJsonWithFault, writeStream, type StreamContext } from './respond';
import { echoResponder, type EchoResponderOptions } from './scripts';
import { SERVER_MODELS, findModel, modelInfo, type Effort, type ServerModel } from './models';
import { checkAgainstModel, checkModel, type ThinkingPlan } from './model-rules';
import { planAnswer } from './sse';
import { countInputTokens } from './tokens';
import type { Fault, MessagesBody, MockRequest, RecordedRequest, Responder, ResponseScript } from './types';
import { checkAuth, checkBody, checkVersion, type Check } from './validate';
import { BatchStore, type BatchCall, type BatchPacing, type BatchRequestRecord, type BatchResult } from './batches';

/** Options of `startAnthropicServer`. All can be changed later with `server.configure(...)`. */
export interface AnthropicServerOptions {
  /** Chooses the script of each `/v1/messages` request. @default `echoResponder({ length: echoLength, json: jsonOutput })` */
  responder?: Responder | ResponseScript;
  /** Length in characters of the default echo answer. @default 400 */
  echoLength?: number;
  /** JSON answer of the default responder for `output_config.format` json_schema requests (value, string or function). */
  jsonOutput?: EchoResponderOptions['json'];
  /** Minimum cacheable prefix, in tokens (or per model). @default each model's own (512 on the 5.5 models) */
  minCacheableTokens?: number | ((model: string) => number);
  /** How long a written prefix stays invisible to other requests, ms (the time until the writer's response begins). @default 0 */
  cacheVisibleAfterMs?: number;
  /**
   * How much a request that thinks thinks: tokens (or per effort, or a function of the request and effort), its
   * speed in tokens/s (unset: no pause) and the ping interval while thinking. A script's `thinkingTokens` wins.
   * @default 0 tokens (thinking blocks only appear when asked for)
   */
  thinking?: {
    tokens?: number | Partial<Record<Effort, number>> | ((request: MockRequest, effort: Effort) => number);
    tokensPerSecond?: number;
    pingEveryMs?: number;
  };
  /** Clock of the cache simulation (TTL expiry), ms. @default Date.now */
  now?: () => number;
  /** `block-browser` answers every browser request with the "not allowed for this Organization" 401. @default 'allow' */
  corsMode?: CorsMode;
  /** The models the server knows (served by `GET /v1/models`; any other model is a 404). @default SERVER_MODELS */
  models?: readonly ServerModel[];
  /** Pause before a mid-stream reset so the client has read the data sent before it, ms. @default 20 */
  settleMs?: number;
}

/** A running server. */
export interface AnthropicServer {
  /** `http://127.0.0.1:<port>`: pass as the SDK's `baseURL` (append `/s/<scenario>` to select a scenario). */
  readonly url: string;
  readonly port: number;
  /** Every request received since start/reset, in arrival order (preflights and rejected ones included). */
  readonly requests: RecordedRequest[];
  /** The cache simulation (inspect `size()`, or `clear()` it). */
  readonly cache: CacheSimulator;
  /** `url` with a scenario prefix: `http://127.0.0.1:<port>/s/<scenario>`. */
  scenarioUrl(scenario: string): string;
  /** Replaces the default responder (a function of the request, or one fixed script for every request). */
  setScript(responder: Responder | ResponseScript): void;
  /** Sets the responder used for requests whose scenario (path prefix or `x-mock-scenario`) is `name`. */
  setScenario(name: string, responder: Responder | ResponseScript): void;
  /**
   * Queues one-shot answers consumed by the next `/v1/messages` requests in order, before any responder.
   * A script is used as-is except that a missing `text`/`toolUse`/`transcript` is filled from the responder;
   * `null` means "the responder's answer".
   */
  enqueue(...items: Array<ResponseScript | Responder | null>): void;
  /** Changes options of the running server. Passing `echoLength` or `jsonOutput` restores the default responder. */
  configure(options: Omit<AnthropicServerOptions, 'responder'>): void;
  /** Only the `POST /v1/messages` entries of the log. */
  messageRequests(): RecordedRequest[];
  /** Every request sent inside a Message Batch, in the order the batches were created (with its result once processed). */
  batchRequests(): BatchRequestRecord[];
  /** How batches progress (see `batches.ts`): requests per poll, hold, order of the results. Merged into the current pacing. */
  paceBatches(pacing: BatchPacing): void;
  /** Ends every open batch with its unprocessed requests `expired`. */
  expireBatches(): void;
  /**
   * Answers the next calls of one Message Batches endpoint with these HTTP error faults, one call each, in order
   * (status faults only: `rate-limit`, `overloaded`, `server-error`, `http-error`, `billing`, `spend-limit`). Any
   * endpoint of the API can answer 429, 500 or 529 (errors page, HTTP errors); the SDK retries those as it does
   * for messages, so a failure that outlasts its retries takes one fault per attempt.
   */
  failBatchCalls(call: BatchCall, ...faults: Fault[]): void;
  /** Clears the log, the queue, the batch faults, the scenarios, the cache and the request counter; restores the default responder. */
  reset(): void;
  /** Destroys open sockets, cancels every timer and stops listening. */
  close(): Promise<void>;
}

const asResponder = (r: Responder | ResponseScript): Responder => (typeof r === 'function' ? r : () => r);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Splits `/s/<scenario>/v1/...?q` into scenario and route; any other prefix before `/v1/` is ignored. */
function parsePath(url: string): { route: string; scenario: string | undefined; query: URLSearchParams } {
  const parsed = new URL(url, 'http://localhost');
  const path = parsed.pathname;
  const scenario = /^\/s\/([^/]+)\//.exec(path)?.[1];
  const v1 = path.indexOf('/v1/');
  return { route: v1 >= 0 ? path.slice(v1) : path, scenario: scenario ? decodeURIComponent(scenario) : undefined, query: parsed.searchParams };
}

/** Starts a server on 127.0.0.1 with a random port. */
export async function startAnthropicServer(options: AnthropicServerOptions = {}): Promise<AnthropicServer> {
  let opts = { ...options };
  const defaultResponder = (): Responder =>
    opts.responder ? asResponder(opts.responder) : echoResponder({ length: opts.echoLength, json: opts.jsonOutput });
  let responder = defaultResponder();
  const scenarios = new Map<string, Responder>();
  const queue: Array<ResponseScript | Responder | null> = [];
  const requests: RecordedRequest[] = [];
  const models = (): readonly ServerModel[] => opts.models ?? SERVER_MODELS;
  const now = (): number => (opts.now ?? Date.now)();
  const perModelMinimum = (model: string): number => findModel(models(), model)?.minCacheableTokens ?? 1024;
  const cache = new CacheSimulator({ now: opts.now, minCacheableTokens: opts.minCacheableTokens ?? perModelMinimum, visibleAfterMs: opts.cacheVisibleAfterMs ?? 0 });
  const timers = new Timers();
  const sockets = new Set<Socket>();
  let counter = 0;

  async function chooseScript(request: MockRequest): Promise<ResponseScript> {
    const base = scenarios.get(request.scenario ?? '') ?? responder;
    if (queue.length === 0) return base(request);
    const item = queue.shift();
    if (item === null || item === undefined) return base(request);
    if (typeof item === 'function') return item(request);
    if (item.text !== undefined || item.toolUse || item.transcript) return item;
    return { ...(await base(request)), ...item };
  }

  function thinkingTokens(request: MockRequest, plan: ThinkingPlan, script: ResponseScript): number {
    if (plan.effort === null) return 0;
    if (script.thinkingTokens !== undefined) return script.thinkingTokens;
    const t = opts.thinking?.tokens;
    if (t === undefined) return 0;
    if (typeof t === 'number') return t;
    if (typeof t === 'function') return t(request, plan.effort);
    return t[plan.effort] ?? 0;
  }

  async function handleMessages(req: IncomingMessage, res: ServerResponse, record: RecordedRequest, body: Check<MessagesBody>, headers: Record<string, string>, plan: ThinkingPlan): Promise<void> {
    if (!body.ok) return sendJson(res, body.status, errorBody(body.type, body.message, record.requestId), headers);
    const request: MockRequest = { body: body.value, headers: req.headers, scenario: record.scenario, attempt: record.attempt, index: record.index };
    const script = await chooseScript(request);
    const fault = script.fault;
    if (fault) record.fault = fault.kind;
    const allHeaders = { ...headers, ...script.headers };
    if (script.headersDelayMs && !(await timers.wait(script.headersDelayMs, res))) return;

    if (fault?.kind === 'reset-before-headers') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'stall-before-headers') {
      await timers.wait(Number.POSITIVE_INFINITY, res);
      if (!res.headersSent) req.socket.destroy();
      return;
    }
    const httpError = fault ? httpErrorFor(fault) : undefined;
    if (httpError) {
      return sendJson(res, httpError.status, errorBody(httpError.type, httpError.message, record.requestId, httpError.details), { ...allHeaders, ...httpError.headers });
    }

    const usage = cache.process(body.value);
    const n = String(record.index + 1).padStart(4, '0');
    const thinking = plan.effort === null ? undefined : { tokens: thinkingTokens(request, plan, script), display: plan.display };
    const planned = planAnswer(script, body.value, usage, { messageId: `msg_mock_${n}`, toolUseId: `toolu_mock_${n}` }, thinking);
    record.usage = planned.message.usage;
    const ctx: StreamContext = {
      res,
      timers,
      script,
      settleMs: opts.settleMs ?? 20,
      thinkingSpeed: { ...(opts.thinking?.tokensPerSecond ? { tokensPerSecond: opts.thinking.tokensPerSecond } : {}), pingEveryMs: opts.thinking?.pingEveryMs ?? 10_000 },
    };

    if (body.value.stream !== true) return writeJsonWithFault(ctx, JSON.stringify(planned.message), allHeaders);
    openStream(res, allHeaders);
    if (script.transcript !== undefined) {
      res.end(script.transcript);
      return;
    }
    await writeStream(ctx, planned.events);
  }

  /** One request of a batch, answered as `POST /v1/messages` would answer it (never streamed). */
  async function processBatchRequest(params: unknown, ctx: { version: string; headers: RecordedRequest['headers']; scenario: string | undefined; customId: string }): Promise<BatchResult> {
    const requestId = `req_mock_${String(++counter).padStart(4, '0')}`;
    const errored = (type: string, message: string): BatchResult => ({ type: 'errored', error: { type: 'error', error: { type, message }, request_id: requestId } });
    const body = checkBody(params, ctx.version);
    if (!body.ok) return errored(body.type, body.message);
    if (body.value.stream === true) return errored('invalid_request_error', 'stream: requests in a Message Batch cannot stream');
    if (body.value.max_tokens < 1) return errored('invalid_request_error', 'max_tokens: must be at least 1 inside a Message Batch');
    const model = checkModel(models(), body.value.model, now());
    if (!model.ok) return errored(model.type, model.message);
    const rules = checkAgainstModel(model.value, body.value);
    if (!rules.ok) return errored(rules.type, rules.message);
    const index = batchIndex++;
    const request: MockRequest = { body: body.value, headers: ctx.headers, scenario: ctx.scenario, attempt: 0, index };
    const script = await chooseScript(request);
    if (script.batchOutcome) return { type: script.batchOutcome };
    if (script.fault) {
      const http = httpErrorFor(script.fault);
      return http ? errored(http.type, http.message) : errored('api_error', 'Internal server error');
    }
    const usage = cache.process(body.value);
    const n = `b${String(index + 1).padStart(4, '0')}`;
    const thinking = rules.value.effort === null ? undefined : { tokens: thinkingTokens(request, rules.value, script), display: rules.value.display };
    const planned = planAnswer(script, body.value, usage, { messageId: `msg_mock_${n}`, toolUseId: `toolu_mock_${n}` }, thinking);
    return { type: 'succeeded', message: planned.message as unknown as Record<string, unknown> };
  }
  let batchIndex = 0;
  const batches = new BatchStore(now, processBatchRequest);
  const batchFaults: Record<BatchCall, Fault[]> = { create: [], retrieve: [], cancel: [], results: [] };

  async function handleBatches(req: IncomingMessage, res: ServerResponse, route: string, parsed: unknown, parseError: boolean, headers: Record<string, string>, version: string, record: RecordedRequest): Promise<void> {
    const fail = (status: number, type: string, message: string): void => sendJson(res, status, errorBody(type, message, record.requestId), headers);
    const m = /^\/v1\/messages\/batches\/([^/]+)(\/cancel|\/results)?$/.exec(route);
    const call: BatchCall | null = req.method === 'POST' && route === '/v1/messages/batches' ? 'create' : !m ? null : m[2] === '/cancel' ? 'cancel' : m[2] === '/results' ? 'results' : 'retrieve';
    const fault = call ? batchFaults[call].shift() : undefined;
    const httpError = fault ? httpErrorFor(fault) : undefined;
    if (fault && httpError) {
      record.fault = fault.kind;
      return sendJson(res, httpError.status, errorBody(httpError.type, httpError.message, record.requestId, httpError.details), { ...headers, ...httpError.headers });
    }
    if (req.method === 'POST' && route === '/v1/messages/batches') {
      if (parseError) return fail(400, 'invalid_request_error', 'Request body is not valid JSON');
      const invalid = BatchStore.invalid(parsed);
      if (invalid) return fail(400, 'invalid_request_error', invalid);
      const base = record.scenario && record.path.startsWith('/s/') ? `${url}/s/${encodeURIComponent(record.scenario)}` : url;
      const created = batches.create(parsed as { requests: Array<{ custom_id: string; params: unknown }> }, { base, version, headers: req.headers, scenario: record.scenario });
      return sendJson(res, 200, JSON.stringify(created), headers);
    }
    const id = m ? decodeURIComponent(m[1]!) : '';
    if (!m || !batches.has(id)) return fail(404, 'not_found_error', `Message batch not found: ${id || route}`);
    if (req.method === 'GET' && m[2] === undefined) return sendJson(res, 200, JSON.stringify(await batches.retrieve(id)), headers);
    if (req.method === 'POST' && m[2] === '/cancel') return sendJson(res, 200, JSON.stringify(await batches.cancel(id)), headers);
    if (req.method === 'GET' && m[2] === '/results') {
      const jsonl = batches.results(id);
      // The SDK only asks once `results_url` is set; before that there is nothing to serve.
      if (jsonl === null) return fail(404, 'not_found_error', `Message batch ${id} has not ended; its results are not available yet`);
      res.writeHead(200, { 'content-type': 'application/x-jsonl', 'content-length': String(Buffer.byteLength(jsonl)), ...headers });
      res.end(jsonl);
      return;
    }
    return fail(404, 'not_found_error', `Not found: ${req.method} ${route}`);
  }

  function handleModels(res: ServerResponse, route: string, query: URLSearchParams, headers: Record<string, string>, requestId: string): void {
    // Models API: retired models stay in the catalogue with lifecycle "retired" (SDK 1.14 ModelInfo.lifecycle).
    const list = models().map((m) => modelInfo(m, now()));
    const id = /^\/v1\/models\/([^/]+)$/.exec(route)?.[1];
    if (id) {
      const model = findModel(models(), decodeURIComponent(id));
      if (!model) return sendJson(res, 404, errorBody('not_found_error', `model: ${id}`, requestId), headers);
      return sendJson(res, 200, JSON.stringify(modelInfo(model, now())), headers);
    }
    const all = list;
    const limit = Math.max(1, Math.min(1000, Number(query.get('limit') ?? 20) || 20));
    const after = query.get('after_id');
    const before = query.get('before_id');
    let start = 0;
    let end = all.length;
    if (after) start = all.findIndex((m) => m['id'] === after) + 1;
    if (before) end = Math.max(0, all.findIndex((m) => m['id'] === before));
    const page = before ? all.slice(Math.max(start, end - limit), end) : all.slice(start, Math.min(end, start + limit));
    const hasMore = before ? end - limit > start : start + limit < end;
    sendJson(res, 200, JSON.stringify({ data: page, has_more: hasMore, first_id: page[0]?.['id'] ?? null, last_id: page[page.length - 1]?.['id'] ?? null }), headers);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const index = requests.length;
    const { route, scenario: fromPath, query } = parsePath(req.url ?? '/');
    const headerScenario = req.headers['x-mock-scenario'];
    const requestId = `req_mock_${String(++counter).padStart(4, '0')}`;
    const record: RecordedRequest = {
      index,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      route,
      scenario: fromPath ?? (typeof headerScenario === 'string' ? headerScenario : undefined),
      headers: req.headers,
      body: undefined,
      receivedAt: Date.now(),
      attempt: Number(req.headers['x-stainless-retry-count'] ?? 0) || 0,
      requestId,
    };
    requests.push(record);
    res.on('close', () => {
      if (res.headersSent) record.status = res.statusCode;
    });
    const raw = await readBody(req);
    let parsed: unknown;
    let parseError = false;
    if (raw.length > 0) {
      try {
        parsed = JSON.parse(raw);
      } catch {
        parseError = true;
      }
    }
    record.body = parsed;

    if (req.method === 'OPTIONS') return answerPreflight(req, res);
    const headers = { 'request-id': requestId, ...corsResponseHeaders(req) };
    const fail = (status: number, type: string, message: string): void => sendJson(res, status, errorBody(type, message, requestId), headers);

    const cors = corsRejection(req, opts.corsMode ?? 'allow');
    if (cors) return fail(401, 'authentication_error', cors);
    const auth = checkAuth(req.headers);
    if (!auth.ok) return fail(auth.status, auth.type, auth.message);
    const version = checkVersion(req.headers);
    if (!version.ok) return fail(version.status, version.type, version.message);

    const isPost = req.method === 'POST';
    if (isPost && (route === '/v1/messages' || route === '/v1/messages/count_tokens')) {
      if (parseError) return fail(400, 'invalid_request_error', 'Request body is not valid JSON');
      const countOnly = route.endsWith('count_tokens');
      const body = checkBody(parsed, version.value, countOnly);
      if (!body.ok) return fail(body.status, body.type, body.message);
      // Unknown and retired models are 404s, on count_tokens too (errors page: not_found_error).
      const model = checkModel(models(), body.value.model, now());
      if (!model.ok) return fail(model.status, model.type, model.message);
      const rules = checkAgainstModel(model.value, body.value, countOnly);
      if (!rules.ok) return fail(rules.status, rules.type, rules.message);
      if (countOnly) return sendJson(res, 200, JSON.stringify({ input_tokens: countInputTokens(body.value) }), headers);
      return handleMessages(req, res, record, body, headers, rules.value);
    }
    if (route === '/v1/messages/batches' || route.startsWith('/v1/messages/batches/')) {
      return handleBatches(req, res, route, parsed, parseError, headers, version.value, record);
    }
    if (req.method === 'GET' && (route === '/v1/models' || route.startsWith('/v1/models/'))) {
      return handleModels(res, route, query, headers, requestId);
    }
    return fail(404, 'not_found_error', `Not found: ${req.method} ${route}`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorBody('api_error', `mock server bug: ${String(err)}`, 'req_mock_bug'));
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('mock server: no TCP address');
  const url = `http://127.0.0.1:${address.port}`;

  return {
    url,
    port: address.port,
    requests,
    cache,
    scenarioUrl: (scenario) => `${url}/s/${encodeURIComponent(scenario)}`,
    setScript: (r) => {
      responder = asResponder(r);
    },
    setScenario: (name, r) => {
      scenarios.set(name, asResponder(r));
    },
    enqueue: (...items) => {
      queue.push(...items);
    },
    configure: (changes) => {
      opts = { ...opts, ...changes };
      cache.configure({ now: changes.now, minCacheableTokens: changes.minCacheableTokens, visibleAfterMs: changes.cacheVisibleAfterMs });
      if ('echoLength' in changes || 'jsonOutput' in changes) responder = defaultResponder();
    },
    messageRequests: () => requests.filter((r) => r.method === 'POST' && r.route === '/v1/messages'),
    batchRequests: () => [...batches.log],
    paceBatches: (pacing) => {
      batches.pacing = { ...batches.pacing, ...pacing };
    },
    expireBatches: () => batches.expireAll(),
    failBatchCalls: (call, ...faults) => {
      const bad = faults.find((f) => httpErrorFor(f) === undefined);
      if (bad) throw new Error(`failBatchCalls: ${bad.kind} is not an HTTP error answer`);
      batchFaults[call].push(...faults);
    },
    reset: () => {
      requests.length = 0;
      queue.length = 0;
      scenarios.clear();
      cache.clear();
      counter = 0;
      batchIndex = 0;
      batches.reset();
      for (const list of Object.values(batchFaults)) list.length = 0;
      responder = defaultResponder();
    },
    close: async () => {
      timers.clearAll();
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
