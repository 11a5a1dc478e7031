import * as z from 'zod/mini';
import './zod-setup';

/**
 * The plan's outline: which modules section 2 has and what they cover. The offline provider
 * derives one from the WBS; the anthropic provider asks Claude for one (structured output)
 * and falls back to the derived one when Claude's does not validate.
 */
export const OutlineModuleSchema = z.object({
  name: z.string().check(z.minLength(1)),
  /** WBS task ids this module covers; every task of the workstream sits in exactly one module. */
  taskIds: z.array(z.string()),
  /** Meso headings this module traces to (heading text, not links). */
  mesoHeadings: z.array(z.string()),
  /** One sentence on what the module is for. */
  summary: z.string(),
});
export type OutlineModule = z.infer<typeof OutlineModuleSchema>;

export const OutlineSchema = z.object({
  modules: z.array(OutlineModuleSchema).check(z.minLength(1)),
  endpoints: z.array(z.object({ method: z.string(), path: z.string(), summary: z.string() })),
  entities: z.array(z.object({ name: z.string(), summary: z.string() })),
  envVars: z.array(z.object({ name: z.string(), required: z.boolean(), summary: z.string() })),
  /** Set when the model finds the inputs too thin or contradictory to plan from. */
  escalation: z.nullable(
    z.object({
      blocker: z.string(),
      mesoSection: z.string(),
      evidence: z.array(z.string()),
      questions: z.array(z.string()),
      recommendation: z.string(),
    }),
  ),
});
export type Outline = z.infer<typeof OutlineSchema>;
