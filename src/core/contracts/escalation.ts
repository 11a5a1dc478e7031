import * as z from 'zod/mini';
import './zod-setup';

export const ESCALATION_AGENT = 'Workstream Micro-Level Planner';

/** One blocker, carrying the fields of the escalation format. */
export const EscalationSchema = z.object({
  /** Which rule raised it (a rule's file name, e.g. `undefined-dependency`), or `model` when Claude escalated. */
  rule: z.string(),
  workstreamId: z.string(),
  workstreamName: z.string(),
  /** One or two sentences. */
  blocker: z.string(),
  /** The affected meso-plan section, as a heading link when one exists, else a description. */
  mesoSection: z.string(),
  evidence: z.array(z.string()).check(z.minLength(1)),
  questions: z.array(z.string()).check(z.minLength(1)),
  recommendation: z.string(),
  /** Where the evidence is, for jumping to it. */
  file: z.optional(z.string()),
  line: z.optional(z.int()),
});
export type Escalation = z.infer<typeof EscalationSchema>;
