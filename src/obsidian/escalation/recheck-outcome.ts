/** What a re-check of an escalation note found; failures are values, with one sentence for the widget. */
export type RecheckOutcome =
  | { kind: 'blocked'; count: number }
  | { kind: 'resolved' }
  | { kind: 'failed'; message: string };
