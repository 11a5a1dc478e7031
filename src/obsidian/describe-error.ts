/**
 * The plugin's one place that turns the planner's errors into one or two sentences, for Notices, the
 * readiness panel and the escalation widget. Unlike the CLI's, they point at the plugin's settings and
 * commands, never at command-line flags.
 */
import type { PlannerError } from '../core/contracts/errors';
import { ROLE_LABELS } from '../core/contracts/settings';
import { describeUnknownModel } from '../core/planner/claude/plan-with-claude';
import { unknownPriceMessage } from '../core/providers/anthropic';
import { assertNever } from '../core/result';
import { roleSettingName, SETTING, SETTINGS_PLACE } from './settings/setting-names';

/** What to do when Anthropic refuses calls from a browser app for this organisation. */
export const CORS_BLOCKED_NOTICE = `Your Anthropic organisation does not allow calls from Obsidian. Turn on "${SETTING.useObsidianNetwork}" in ${SETTINGS_PLACE} (no live streaming), or plan from the command line.`;

export function describeError(e: PlannerError): string {
  if (e.kind === 'api-failure') {
    if (e.failure.kind === 'cors-blocked') return CORS_BLOCKED_NOTICE;
    if (e.failure.kind === 'cancelled') return 'Planning was cancelled before anything was written.';
  }
  if (e.kind === 'no-api-key') return `No API key is set: choose the secret that holds it under "${SETTING.apiKey}" in ${SETTINGS_PLACE}, or plan offline.`;
  return describeCore(e);
}

/** A failure that is not a `PlannerError` (a bug): one sentence; the details go to the console. */
export function describeUnexpectedError(e: unknown, what: string): string {
  const first = (e instanceof Error ? e.message : String(e)).split('\n')[0]?.trim() ?? '';
  return first === '' ? `${what} failed.` : `${what} failed: ${first.replace(/\.$/, '')}.`;
}

function describeCore(e: PlannerError): string {
  switch (e.kind) {
    case 'bad-workstream-id':
      return `"${e.input}" is not a workstream id such as W2.`;
    case 'unknown-workstream':
      return e.known.length === 0
        ? `${e.id} is not in the work breakdown, which defines no workstreams: check the WBS in the overall micro-level plan.`
        : `${e.id} is not in the work breakdown (known: ${e.known.join(', ')}).`;
    case 'missing-note':
      return e.path
        ? `The ${ROLE_LABELS[e.role]} was not found at ${e.path}: fix "${roleSettingName(e.role)}" in ${SETTINGS_PLACE} or create the note.`
        : e.near && e.near.length > 0
          ? `No ${ROLE_LABELS[e.role]} was found beside the planning notes in ${e.near.join(', ')}: add it there or set "${roleSettingName(e.role)}" in ${SETTINGS_PLACE}.`
          : `No ${ROLE_LABELS[e.role]} was found: set "${roleSettingName(e.role)}" in ${SETTINGS_PLACE}, link it from the project note or tag it.`;
    case 'unreadable-note': {
      const what = e.role ? `The ${ROLE_LABELS[e.role]} (${e.file})` : e.file;
      switch (e.reason) {
        case 'missing':
          return `${what} does not exist.`;
        case 'is-folder':
          return `${what} is a folder, not a note.`;
        case 'binary':
          return `${what} is not a text file.`;
        case 'not-utf8':
          return `${what} is not valid UTF-8 (first bad character on line ${e.line ?? '?'}).`;
        default:
          return assertNever(e.reason);
      }
    }
    case 'ambiguous-role':
      return `Several notes could be the ${ROLE_LABELS[e.role]} (${e.candidates.join(', ')}): choose one under "${roleSettingName(e.role)}" in ${SETTINGS_PLACE}.`;
    case 'ambiguous-planning-set':
      return `This vault holds several planning sets (${e.candidates.map((c) => c.folder || 'vault root').join(', ')}): choose one when planning, or name its project under "${SETTING.projectNote}" in ${SETTINGS_PLACE}.`;
    case 'no-planning-set':
      return `${e.target} holds no complete planning set (a meso-level-plan and a micro-level-plan note in one folder).`;
    case 'ambiguous-project':
      return `This vault holds several project notes (${e.candidates.join(', ')}): choose one under "${SETTING.projectNote}" in ${SETTINGS_PLACE}.`;
    case 'project-not-found':
      return `The project note ${e.path} was not found: fix "${SETTING.projectNote}" in ${SETTINGS_PLACE}.`;
    case 'plan-exists':
      return `${e.file} already exists.`;
    case 'plan-of-other-project':
      return `${e.file} is the plan of another project (${e.project}) and was left as it is: give each project its own "${SETTING.outputFolder}" in ${SETTINGS_PLACE}.`;
    case 'nothing-to-resume':
      return `${e.file} has nothing to resume.`;
    case 'write-failed':
      return `Could not write ${e.file} (${e.detail}).`;
    case 'bad-frontmatter':
      return `The frontmatter of ${e.file} does not parse at line ${e.line} (${e.detail.trim().replace(/\.$/, '')}).`;
    case 'bad-settings':
      return `The Workstream Planner settings were not used (${e.detail}).`;
    case 'note-not-a-plan':
      return `${e.file} is not a workstream plan: ${e.detail}.`;
    case 'context-too-large':
      return `The planning notes are too large to send in one request: ${e.message.trim().replace(/\.$/, '')}.`;
    case 'cost-cap':
      return `The estimated cost ($${e.estimateUsd.toFixed(2)}) exceeds the "${SETTING.costCapUsd}" of $${e.capUsd.toFixed(2)} in ${SETTINGS_PLACE}.`;
    case 'api-failure':
      return `The API request failed: ${e.failure.message.trim().replace(/\.$/, '')}.`;
    case 'no-api-key':
      return `No API key is set: choose the secret that holds it under "${SETTING.apiKey}" in ${SETTINGS_PLACE}.`;
    case 'unknown-model':
      return describeUnknownModel(e, 'plugin');
    case 'no-price':
      return `${unknownPriceMessage(e.model).replace(/ in the settings, e\.g\..*$/, ` under "${SETTING.prices}" in ${SETTINGS_PLACE}.`)} With a cost cap set, nothing was sent.`;
    case 'plan-all-in-progress':
      return `${e.workstreams.join(', ')} ${e.workstreams.length === 1 ? 'is' : 'are'} still being planned in batches by an earlier run: use "Resume planning" to collect them (nothing is sent twice), or "Cancel planning" to cancel them.`;
    default:
      return assertNever(e);
  }
}

/** A bug reached the panel: one sentence for the user (the details go to the developer console). */
export function describeUnexpected(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const first = message.split('\n')[0]?.trim() ?? '';
  return first === '' ? 'The readiness panel could not be updated.' : `The readiness panel could not be updated: ${first.replace(/\.$/, '')}.`;
}
