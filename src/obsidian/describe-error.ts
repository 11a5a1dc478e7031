/**
 * The plugin's one place that turns the planner's errors into one or two sentences, for Notices, the
 * readiness panel and the escalation widget: the fact as the core states it (the CLI states it the
 * same way), then how to fix it in the plugin — its settings and commands, never command-line flags.
 */
import type { PlannerError } from '../core/contracts/errors';
import { errorFact } from '../core/planner/error-facts';
import { UNKNOWN_MODEL_FIX } from '../core/planner/claude/plan-with-claude';
import { roleSettingName, SETTING, SETTINGS_PLACE } from './settings/setting-names';

/** What to do when Anthropic refuses calls from a browser app for this organisation. */
export const CORS_BLOCKED_NOTICE = `Your Anthropic organisation does not allow calls from Obsidian. Turn on "${SETTING.useObsidianNetwork}" in ${SETTINGS_PLACE} (no live streaming), or plan from the command line.`;

export function describeError(e: PlannerError): string {
  if (e.kind === 'api-failure') {
    if (e.failure.kind === 'cors-blocked') return CORS_BLOCKED_NOTICE;
    if (e.failure.kind === 'cancelled') return 'Planning was cancelled before anything was written.';
  }
  const fix = howToFix(e);
  return fix ? `${errorFact(e)} ${fix}` : errorFact(e);
}

/** A failure that is not a `PlannerError` (a bug): one sentence; the details go to the console. */
export function describeUnexpectedError(e: unknown, what: string): string {
  const first = (e instanceof Error ? e.message : String(e)).split('\n')[0]?.trim() ?? '';
  return first === '' ? `${what} failed.` : `${what} failed: ${first.replace(/\.$/, '')}.`;
}

/** The plugin's way out: a row of its settings tab, a command, or nothing when the fact says it all. */
function howToFix(e: PlannerError): string | null {
  switch (e.kind) {
    case 'bad-workstream-id':
      return 'Use an id such as W2.';
    case 'unknown-workstream':
      return e.known.length === 0 ? 'Check the WBS in the overall micro-level plan.' : null;
    case 'missing-note':
      if (e.path) return `Fix "${roleSettingName(e.role)}" in ${SETTINGS_PLACE} or create the note.`;
      return e.near && e.near.length > 0
        ? `Add it there, or set "${roleSettingName(e.role)}" in ${SETTINGS_PLACE}.`
        : `Set "${roleSettingName(e.role)}" in ${SETTINGS_PLACE}, link it from the project note or tag it.`;
    case 'unreadable-note':
      if (e.reason === 'not-utf8') return 'Save it as UTF-8 and try again.';
      if (e.role && (e.reason === 'is-folder' || e.reason === 'binary')) return `Point "${roleSettingName(e.role)}" in ${SETTINGS_PLACE} at a markdown note.`;
      return null;
    case 'ambiguous-role':
      return `Choose one under "${roleSettingName(e.role)}" in ${SETTINGS_PLACE}.`;
    case 'ambiguous-planning-set':
      return `Choose one when planning, or name its project under "${SETTING.projectNote}" in ${SETTINGS_PLACE}.`;
    case 'ambiguous-project':
      return `Choose one under "${SETTING.projectNote}" in ${SETTINGS_PLACE}.`;
    case 'project-not-found':
      return `Fix "${SETTING.projectNote}" in ${SETTINGS_PLACE}.`;
    case 'plan-of-other-project':
      return `Give each project its own "${SETTING.outputFolder}" in ${SETTINGS_PLACE}.`;
    case 'bad-settings':
      return `Check them in ${SETTINGS_PLACE}.`;
    case 'context-too-large':
      return `Raise "${SETTING.contextBudgetTokens}" in ${SETTINGS_PLACE} or trim those notes.`;
    case 'cost-cap':
      return `Raise "${SETTING.costCapUsd}" in ${SETTINGS_PLACE} to go ahead.`;
    case 'no-api-key':
      return `Choose the secret that holds it under "${SETTING.apiKey}" in ${SETTINGS_PLACE}, or plan offline.`;
    case 'unknown-model':
      return UNKNOWN_MODEL_FIX.plugin;
    case 'no-price':
      return `Add one under "${SETTING.prices}" in ${SETTINGS_PLACE}.`;
    case 'plan-all-in-progress':
      return 'Use "Resume planning" to collect them (nothing is sent twice), or "Cancel planning" to cancel them.';
    case 'api-failure':
      // The batch is gone for good: "Cancel planning" takes it out of the notes, and "Resume planning" sends its requests again.
      return e.failure.kind === 'batch-not-found' ? 'Use "Cancel planning" first (it forgets that batch), then "Resume planning" sends its requests again.' : null;
    case 'no-planning-set':
    case 'plan-exists':
    case 'nothing-to-resume':
    case 'write-failed':
    case 'bad-frontmatter':
    case 'note-not-a-plan':
      return null;
  }
}

/** A bug reached the panel: one sentence for the user (the details go to the developer console). */
export function describeUnexpected(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const first = message.split('\n')[0]?.trim() ?? '';
  return first === '' ? 'The readiness panel could not be updated.' : `The readiness panel could not be updated: ${first.replace(/\.$/, '')}.`;
}
