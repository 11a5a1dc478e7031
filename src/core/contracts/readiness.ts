import * as z from 'zod/mini';
import './zod-setup';

export const READINESS_ITEM_IDS = [
  'frontmatter',
  'wbs-coverage',
  'unknown-ids',
  'interfaces',
  'data-models',
  'api-contracts',
  'error-handling',
  'tests',
  'env-vars',
  'dependencies',
  'traceability',
  'completeness',
] as const;
export const ReadinessItemIdSchema = z.enum(READINESS_ITEM_IDS);
export type ReadinessItemId = z.infer<typeof ReadinessItemIdSchema>;

export const ReadinessItemSchema = z.object({
  id: ReadinessItemIdSchema,
  ok: z.boolean(),
  /** Why it fails (empty when it passes), each a plain sentence naming the section. */
  reasons: z.array(z.string()),
  /** 1-based line of the section the item is about; null when that section is absent. */
  line: z.nullable(z.int()),
});
export type ReadinessItem = z.infer<typeof ReadinessItemSchema>;

export const ReadinessReportSchema = z.object({
  ready: z.boolean(),
  items: z.array(ReadinessItemSchema),
});
export type ReadinessReport = z.infer<typeof ReadinessReportSchema>;
