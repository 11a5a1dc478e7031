import { countBreakpoints, outlineRequest, sectionRequest, outlineJsonSchema } from '../../../../src/core/providers/anthropic/requests';
import { describeRequests } from '../../../../src/core/providers/anthropic/describe';
import { estimateRequests } from '../../../../src/core/providers/anthropic/estimate';
import { deriveOutline } from '../../../../src/core/plan/derive-outline';
import { ScopeBuilder } from '../../../support/builders/ScopeBuilder';
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import { OutlineSchema } from '../../../../src/core/contracts/outline';
import { API_KEY, context, unit } from './fixtures';

const settings = { model: 'claude-sonnet-5-5', maxTokens: 8000, caching: true };
const b = new ScopeBuilder();
const outline = deriveOutline(b.build(), b.buildWbs());

describe('requests', () => {
  it('outline call: instructions then notes with breakpoint 1, structured output, no sampling parameters', () => {
    const ctx = context();
    const p = outlineRequest(ctx, settings);
    expect(p.model).toBe('claude-sonnet-5-5');
    expect(p.max_tokens).toBe(8000);
    expect(p).not.toHaveProperty('temperature');
    expect(p).not.toHaveProperty('top_p');
    expect(p).not.toHaveProperty('top_k');
    expect(p.system).toEqual([
      { type: 'text', text: ctx.instructions },
      { type: 'text', text: ctx.notesBlock, cache_control: { type: 'ephemeral' } },
    ]);
    expect(countBreakpoints(p)).toBe(1);
    expect(p.output_config?.format).toEqual({ type: 'json_schema', schema: outlineJsonSchema() });
    expect(JSON.stringify(outlineJsonSchema())).toContain('"taskIds"');
    // The same schema the SDK's own helper derives (not bundled: it imports classic zod).
    expect(outlineJsonSchema()).toEqual(zodOutputFormat(OutlineSchema as never).schema);
    const content = p.messages[0]!.content as Array<{ text: string }>;
    expect(content[0]!.text).toBe(ctx.assignment);
  });

  it('outline retry names the problems of the previous answer', () => {
    const p = outlineRequest(context(), settings, { problems: ['Task W2.3 (Payment gateway adapter) is in no module.'] });
    const content = p.messages[0]!.content as Array<{ text: string }>;
    expect(content[content.length - 1]!.text).toContain('- Task W2.3 (Payment gateway adapter) is in no module.');
  });

  it('section call: the same system prefix, then assignment + outline with breakpoint 2, then the per-call instruction last', () => {
    const ctx = context();
    const p = sectionRequest(ctx, settings, outline, unit(1, 'Invoice Service'));
    expect(p.system).toEqual(outlineRequest(ctx, settings).system);
    const content = p.messages[0]!.content as Array<{ text: string; cache_control?: unknown }>;
    expect(content).toHaveLength(2);
    expect(content[0]!.cache_control).toEqual({ type: 'ephemeral' });
    expect(content[0]!.text.startsWith(ctx.assignment)).toBe(true);
    expect(content[0]!.text).toContain('### Outline of the plan');
    expect(content[1]!.cache_control).toBeUndefined();
    expect(content[1]!.text).toContain('`### 2.1 Invoice Service`');
    expect(content[1]!.text).toContain('`#### 2.1.2 Public Interfaces`');
    expect(countBreakpoints(p)).toBe(2);
    expect(p).not.toHaveProperty('output_config');
    expect(p).not.toHaveProperty('temperature');
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
});

describe('describeRequests (dry run)', () => {
  it('returns the outline call then one call per unit, as JSON without the key, with an estimate', () => {
    const d = describeRequests(context(), settings, outline, [unit(1, 'A'), unit(2, 'B')]);
    expect(d.requests.map((r) => r.call)).toEqual(['outline', 'module-2.1', 'module-2.2']);
    expect(JSON.parse(d.json)).toEqual(JSON.parse(JSON.stringify(d.requests)));
    expect(d.json).not.toContain(API_KEY);
    expect(d.json).not.toContain('SECRET-DIARY-CONTENT');
    expect(d.estimate.calls).toBe(3);
    expect(d.estimate.outputTokensMax).toBe(24_000);
  });
});

describe('estimateRequests', () => {
  it('charges the prefix once as a write and as reads afterwards', () => {
    const mk = (tail: string) => ({
      call: tail,
      params: {
        model: 'claude-sonnet-5-5',
        max_tokens: 1000,
        system: [{ type: 'text' as const, text: 'p'.repeat(4000), cache_control: { type: 'ephemeral' as const } }],
        messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: tail.repeat(400) }] }],
      },
    });
    const e = estimateRequests([mk('a'), mk('b'), mk('c')]);
    expect(e).toMatchObject({ calls: 3, cacheWriteTokens: 1000, cacheReadTokens: 2000, uncachedInputTokens: 300, inputTokens: 3300, outputTokensMax: 3000, outputTokensTypical: 3000 });
    // sonnet 5.5: $2 in, $10 out per MTok; write 1.25×, read 0.1×
    const expected = (300 * 2 + 1000 * 2.5 + 2000 * 0.2 + 3000 * 10) / 1e6;
    expect(e.costUsdMax).toBeCloseTo(expected, 10);
    expect(e.costUsdTypical).toBeCloseTo(expected, 10);
    expect(e.warnings).toEqual([]);
  });

  it('typical output is capped per call below max_tokens; unknown model gives null cost and a warning', () => {
    const params = { model: 'claude-unknown-9', max_tokens: 8000, messages: [{ role: 'user' as const, content: 'hi' }] };
    const e = estimateRequests([{ call: 'x', params }]);
    expect(e.outputTokensTypical).toBe(1500);
    expect(e.costUsdMax).toBeNull();
    expect(e.costUsdTypical).toBeNull();
    expect(e.warnings[0]).toContain('claude-unknown-9');
  });
});
