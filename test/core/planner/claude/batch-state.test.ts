import { batchUsage, readBatchState, type BatchRecord } from '../../../../src/core/planner/claude/batch-state';

const OUTLINE = { modules: [{ name: 'Store', taskIds: ['T1'], mesoHeadings: [], summary: 'Stores.' }], endpoints: [], entities: [], envVars: [], escalation: null };
const usage = (calls: number, costUsd: number | null, thinkingTokens?: number) => ({ calls, inputTokens: 10 * calls, cacheWriteTokens: 2 * calls, cacheReadTokens: 3 * calls, outputTokens: 5 * calls, ...(thinkingTokens !== undefined ? { thinkingTokens } : {}), costUsd });

describe('batch state', () => {
  it('adds up the usage of every batch read, thinking included; a batch not read yet counts nothing', () => {
    const record: BatchRecord = { batches: [{ id: 'a', kind: 'outline', usage: usage(1, 0.5, 4) }, { id: 'b', kind: 'sections' }, { id: 'c', kind: 'sections', usage: usage(3, 0.25) }] };
    expect(batchUsage(record)).toEqual({ calls: 4, inputTokens: 40, cacheWriteTokens: 8, cacheReadTokens: 12, outputTokens: 20, thinkingTokens: 4, costUsd: 0.75 });
  });

  it('a cost that is unknown for one batch is unknown in total; no batch read is zero', () => {
    expect(batchUsage({ batches: [{ id: 'a', kind: 'outline', usage: usage(1, null) }, { id: 'c', kind: 'sections', usage: usage(1, 1) }] }).costUsd).toBeNull();
    expect(batchUsage({ batches: [{ id: 'a', kind: 'outline' }] })).toEqual({ calls: 0, inputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 0, thinkingTokens: 0, costUsd: 0 });
  });

  it('reads a batched plan at every stage, and nothing else', () => {
    const pending = { version: 1, provider: 'anthropic', model: 'm', batch: { batches: [{ id: 'a', kind: 'outline' }] } };
    expect(readBatchState({ planner: pending })).toEqual(pending);
    expect(readBatchState({ planner: { ...pending, outline: OUTLINE, outlineSource: 'model' } })?.outline).toEqual(OUTLINE);
    const read = { ...pending, outline: OUTLINE, outlineSource: 'fallback', batch: { batches: [{ id: 'a', kind: 'outline', usage: usage(1, 0.5, 4) }, { id: 'b', kind: 'sections', usage: usage(2, 0.25) }] } };
    expect(readBatchState({ planner: read })).toEqual(read);
    expect(readBatchState({ planner: { ...pending, batch: { batches: [{ id: 'a', kind: 'outline', usage: { calls: 1 } }] } } })).toBeNull();
    expect(readBatchState({ planner: { version: 1, provider: 'anthropic', model: 'm', outlineSource: 'model', outline: OUTLINE } })).toBeNull();
    expect(readBatchState({ status: 'draft' })).toBeNull();
    expect(readBatchState(null)).toBeNull();
  });
});
