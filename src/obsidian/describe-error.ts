/**
 * The plugin's one-sentence messages for the planner's errors, for Notices. They build on the
 * readiness panel's wording (`describePanelError`, which points at the plugin's settings rather than
 * CLI flags) and add what only a planning run meets: an organisation that blocks browser calls, a
 * cancelled run. The escalation re-check keeps its own short wording (`describeRecheckError`).
 */
import type { PlannerError } from '../core/contracts/errors';
import { describePanelError } from './readiness/describe-error';

/** What to do when Anthropic refuses calls from a browser app for this organisation. */
export const CORS_BLOCKED_NOTICE =
  'Your Anthropic organisation does not allow calls from Obsidian. Turn on "Use Obsidian network" in the Workstream Planner settings (no live streaming), or plan from the command line.';

export function describePlannerError(e: PlannerError): string {
  if (e.kind === 'api-failure') {
    if (e.failure.kind === 'cors-blocked') return CORS_BLOCKED_NOTICE;
    if (e.failure.kind === 'cancelled') return 'Planning was cancelled before anything was written.';
  }
  if (e.kind === 'no-api-key') return 'No API key is set: choose the secret that holds it in the Workstream Planner settings, or plan offline.';
  return describePanelError(e);
}

/** A failure that is not a `PlannerError` (a bug): one sentence; the details go to the console. */
export function describeUnexpectedError(e: unknown, what: string): string {
  const first = (e instanceof Error ? e.message : String(e)).split('\n')[0]?.trim() ?? '';
  return first === '' ? `${what} failed.` : `${what} failed: ${first.replace(/\.$/, '')}.`;
}
