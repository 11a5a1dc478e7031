import * as z from 'zod/mini';
import { countBreakpoints, outlineRequest, sectionRequest, OUTLINE_JSON_SCHEMA, OUTLINE_INSTRUCTION_START, countParams, type RequestSettings } from '../../../../src/core/providers/anthropic/requests';
import { describeRequests } from '../../../../src/core/providers/anthropic/describe';
import { estimateRequests, measureByCharacters, measureByCounting, TYPICAL_TEXT_TOKENS, TYPICAL_THINKING_TOKENS, type PlannedRequest } from '../../../../src/core/providers/anthropic/estimate';
import { knownProfile, fallbackProfile, initialMaxTokens, effortFor, profileFromModelInfo, DEFAULT_OUTPUT_ROOM } from '../../../../src/core/providers/anthropic/models';
import { OutlineSchema } from '../../../../src/core/contracts/outline';
import { deriveOutline } from '../../../../src/core/plan/derive-outline';
import { ScopeBuilder } from '../../../support/builders/ScopeBuilder';
import { API_KEY, context, unit } from './fixtures';

const sonnet = knownProfile('claude-sonnet-5-5')!;
const settings: RequestSettings = { model: 'claude-sonnet-5-5', profile: sonnet, maxOutputTokens: 0, caching: true, effort: { outline: 'medium', section: 'high' } };
const b = new ScopeBuilder();
const outline = deriveOutline(b.build(), b.buildWbs());

describe('requests', () => {
  it('outline call: instructions then notes with breakpoint 1, adaptive thinking at the outline effort, room for thinking, no format, no sampling parameters', () => {
    const ctx = context();
    const p = outlineRequest(ctx, settings);
    expect(p.model).toBe('claude-sonnet-5-5');
    expect(p.max_tokens).toBe(DEFAULT_OUTPUT_ROOM);
    expect(p.thinking).toEqual({ type: 'adaptive', display: 'omitted' });
    expect(p.output_config).toEqual({ effort: 'medium' });
    for (const k of ['temperature', 'top_p', 'top_k']) expect(p).not.toHaveProperty(k);
    expect(p.system).toEqual([
      { type: 'text', text: ctx.instructions },
      { type: 'text', text: ctx.notesBlock, cache_control: { type: 'ephemeral' } },
    ]);
    expect(countBreakpoints(p)).toBe(1);
    const content = p.messages[0]!.content as Array<{ text: string }>;
    expect(content[0]!.text).toBe(ctx.assignment);
    // The shape is asked for in the (uncached) instruction instead of output_config.format.
    expect(content[1]!.text.startsWith(OUTLINE_INSTRUCTION_START)).toBe(true);
    expect(content[1]!.text).toContain(JSON.stringify(OUTLINE_JSON_SCHEMA));
  });

  it('the written-out outline schema is exactly what zod derives from OutlineSchema', () => {
    const { $schema: _ignored, ...derived } = z.toJSONSchema(OutlineSchema) as Record<string, unknown>;
    expect(OUTLINE_JSON_SCHEMA).toEqual(derived);
  });

  it('outline retry names the problems of the previous answer', () => {
    const p = outlineRequest(context(), settings, { problems: ['Task W2.3 (Payment gateway adapter) is in no module.'] });
    const content = p.messages[0]!.content as Array<{ text: string }>;
    expect(content[content.length - 1]!.text).toContain('- Task W2.3 (Payment gateway adapter) is in no module.');
  });

  it('section call: the same system prefix as the outline (no format anywhere), then assignment + outline with breakpoint 2, then the per-call instruction last', () => {
    const ctx = context();
    const p = sectionRequest(ctx, settings, outline, unit(1, 'Invoice Service'));
    expect(p.system).toEqual(outlineRequest(ctx, settings).system);
    expect(p.output_config).toEqual({ effort: 'high' });
    expect(p.thinking).toEqual({ type: 'adaptive', display: 'omitted' });
    const content = p.messages[0]!.content as Array<{ text: string; cache_control?: unknown }>;
    expect(content).toHaveLength(2);
    expect(content[0]!.cache_control).toEqual({ type: 'ephemeral' });
    expect(content[0]!.text.startsWith(ctx.assignment)).toBe(true);
    expect(content[0]!.text).toContain('### Outline of the plan');
    expect(content[1]!.cache_control).toBeUndefined();
    expect(content[1]!.text).toContain('`### 2.1 Invoice Service`');
    expect(content[1]!.text).toContain('`#### 2.1.2 Public Interfaces`');
    expect(countBreakpoints(p)).toBe(2);
    expect(p).not.toHaveProperty('temperature');
    expect(p.messages[p.messages.length - 1]!.role).toBe('user');
  });

  it('caching off: no cache_control anywhere', () => {
    const off = { ...settings, caching: false };
    expect(JSON.stringify(outlineRequest(context(), off))).not.toContain('cache_control');
    expect(JSON.stringify(sectionRequest(context(), off, outline, unit(1, 'A')))).not.toContain('cache_control');
  });

  it('section calls of two units share everything up to breakpoint 2', () => {
    const ctx = context();
    const a = sectionRequest(ctx, settings, outline, unit(1, 'A'));
    const c = sectionRequest(ctx, settings, outline, unit(2, 'B'));
    expect((a.messages[0]!.content as unknown[])[0]).toEqual((c.messages[0]!.content as unknown[])[0]);
    expect((a.messages[0]!.content as unknown[])[1]).not.toEqual((c.messages[0]!.content as unknown[])[1]);
  });

  it('per model: no thinking or effort where the model has neither, max_tokens within the model limit, effort stepped down to one the model has', () => {
    const haiku45 = { ...settings, model: 'claude-haiku-4-5', profile: knownProfile('claude-haiku-4-5-20251001')! };
    const p = sectionRequest(context(), haiku45, outline, unit(1, 'A'));
    expect(p).not.toHaveProperty('thinking');
    expect(p).not.toHaveProperty('output_config');
    expect(initialMaxTokens(sonnet, 200_000)).toBe(128_000);
    expect(initialMaxTokens(sonnet, 12_000)).toBe(12_000);
    expect(initialMaxTokens(fallbackProfile('x'), 0)).toBe(32_000);
    expect(effortFor(knownProfile('claude-opus-4-6')!, 'xhigh')).toBe('high');
    expect(effortFor(fallbackProfile('x'), 'high')).toBeNull();
  });

  it('a model the table lacks is described from the Models API record', () => {
    const p = profileFromModelInfo({
      id: 'claude-new-6',
      max_tokens: 256_000,
      capabilities: { effort: { supported: true, low: { supported: true }, medium: { supported: true }, high: { supported: true }, xhigh: null, max: { supported: false } }, thinking: { supported: true, types: { adaptive: { supported: true } } } } as never,
    });
    expect(p).toMatchObject({ maxOutputTokens: 256_000, thinking: 'adaptive', efforts: ['low', 'medium', 'high'] });
  });

  it('countParams drops max_tokens and keeps what count_tokens takes', () => {
    const p = sectionRequest(context(), settings, outline, unit(1, 'A'));
    const c = countParams(p);
    expect(c).not.toHaveProperty('max_tokens');
    expect(c).toEqual(expect.objectContaining({ model: p.model, system: p.system, messages: p.messages, thinking: p.thinking, output_config: p.output_config }));
  });
});

describe('describeRequests (dry run)', () => {
  it('returns the outline call then one call per unit, as JSON without the key, with an estimate that allows for an outline retry and a module per task', async () => {
    const d = await describeRequests(context(), settings, outline, [unit(1, 'A'), unit(2, 'B')], { maxModules: 5 });
    expect(d.requests.map((r) => r.call)).toEqual(['outline', 'module-2.1', 'module-2.2']);
    expect(JSON.parse(d.json)).toEqual(JSON.parse(JSON.stringify(d.requests.map((r) => ({ call: r.call, params: r.params })))));
    expect(d.json).not.toContain(API_KEY);
    expect(d.json).not.toContain('SECRET-DIARY-CONTENT');
    expect(d.estimate.calls).toBe(3);
    expect(d.estimate.callsMax).toBe(3 + 1 + 3);
    expect(d.estimate.outputTokensMax).toBe(7 * DEFAULT_OUTPUT_ROOM);
    expect(d.estimate.tokenSource).toBe('characters');
    expect(d.estimate.warnings.join(' ')).toMatch(/characters ÷ 4/);
  });

  it('counts with the API when a counter is given: each request once, each cached prefix once', async () => {
    const seen: string[] = [];
    const counter = async (p: { system?: unknown; messages: unknown[] }): Promise<number> => {
      seen.push(JSON.stringify(p));
      return 7 * JSON.stringify(p).length;
    };
    const d = await describeRequests(context(), settings, outline, [unit(1, 'A'), unit(2, 'B')], { counter });
    // stub + 3 totals + notes prefix (shared) + outline prefix (shared by the sections)
    expect(seen).toHaveLength(6);
    expect(d.estimate.tokenSource).toBe('count_tokens');
    expect(d.estimate.warnings).toEqual([]);
  });
});

describe('estimateRequests', () => {
  const mk = (tail: string, effort?: 'low' | 'high'): PlannedRequest => ({
    call: tail,
    kind: 'section',
    params: {
      model: 'claude-sonnet-5-5',
      max_tokens: 20_000,
      ...(effort ? { thinking: { type: 'adaptive' as const, display: 'omitted' as const }, output_config: { effort } } : {}),
      system: [{ type: 'text' as const, text: 'p'.repeat(4000), cache_control: { type: 'ephemeral' as const } }],
      messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: tail.repeat(400) }] }],
    },
  });

  it('typical: the prefix written once and read afterwards, output = typical text + thinking of the effort; at most: every prefix written and every call using its whole room', () => {
    const e = estimateRequests(measureByCharacters([mk('a', 'high'), mk('b', 'high'), mk('c', 'high')]), { tokenSource: 'characters' });
    const out = TYPICAL_TEXT_TOKENS.section + TYPICAL_THINKING_TOKENS.high;
    expect(e).toMatchObject({ calls: 3, cacheWriteTokens: 1000, cacheReadTokens: 2000, uncachedInputTokens: 300, inputTokens: 3300, outputTokensMax: 60_000, outputTokensTypical: 3 * out, thinkingTokensTypical: 3 * TYPICAL_THINKING_TOKENS.high });
    // Sonnet 5.5: $2 in, $10 out, 5m write $2.50, read $0.10 per MTok.
    expect(e.costUsdTypical).toBeCloseTo((300 * 2 + 1000 * 2.5 + 2000 * 0.1 + 3 * out * 10) / 1e6, 10);
    expect(e.costUsdMax).toBeCloseTo((300 * 2 + 3000 * 2.5 + 60_000 * 10) / 1e6, 10);
    expect(e.costUsdMax!).toBeGreaterThan(e.costUsdTypical!);
  });

  it('a prefix under another effort or thinking setting is a different cache entry only past the system blocks', () => {
    const sys = estimateRequests(measureByCharacters([mk('a', 'high'), mk('b', 'low')]), { tokenSource: 'characters' });
    expect(sys.cacheReadTokens).toBe(1000);
    const inMessages = (effort: 'low' | 'high', tail: string): PlannedRequest => {
      const r = mk(tail, effort);
      return { ...r, params: { ...r.params, system: 'plain', messages: [{ role: 'user', content: [{ type: 'text', text: 'q'.repeat(4000), cache_control: { type: 'ephemeral' } }, { type: 'text', text: tail }] }] } };
    };
    expect(estimateRequests(measureByCharacters([inMessages('high', 'a'), inMessages('high', 'b')]), { tokenSource: 'characters' }).cacheReadTokens).toBeGreaterThan(0);
    expect(estimateRequests(measureByCharacters([inMessages('high', 'a'), inMessages('low', 'b')]), { tokenSource: 'characters' }).cacheReadTokens).toBe(0);
  });

  it('an unknown model gives null costs, names the model and says how to price it', () => {
    const params = { model: 'claude-unknown-9', max_tokens: 8000, messages: [{ role: 'user' as const, content: 'hi' }] };
    const e = estimateRequests(measureByCharacters([{ call: 'x', kind: 'outline', params }]), { tokenSource: 'characters' });
    expect(e.outputTokensTypical).toBe(TYPICAL_TEXT_TOKENS.outline);
    expect(e.costUsdMax).toBeNull();
    expect(e.costUsdTypical).toBeNull();
    expect(e.missingPrice).toBe('claude-unknown-9');
    expect(e.warnings[0]).toMatch(/claude-unknown-9.*"prices"/);
  });

  it('measureByCounting subtracts the stub turn from a prefix cut inside system', async () => {
    const counts = await measureByCounting([mk('a')], async (p) => (p.system ? 1000 : 0) + p.messages.length * 3);
    expect(counts[0]!.breakpoints[0]!.tokens).toBe(1000);
  });
});
