import type { PlannerError } from '../core/contracts/errors';
import { ROLE_SETTING_KEYS } from '../core/contracts/settings';
import { errorFact } from '../core/planner/error-facts';
import { UNKNOWN_MODEL_FIX } from '../core/planner/claude/plan-with-claude';

/**
 * One or two plain sentences per failure: the fact as the core states it (the plugin states it the
 * same way), then how to fix it from the command line.
 */
export function describeError(e: PlannerError): string {
  const fix = howToFix(e);
  return fix ? `${errorFact(e)} ${fix}` : errorFact(e);
}

/** The command line's way out: a flag, the settings file, or nothing when the fact says it all. */
function howToFix(e: PlannerError): string | null {
  switch (e.kind) {
    case 'bad-workstream-id':
      return `Use an id such as W2, or the WBS's label such as "Epic 2", E2 or B (run "list" to see them).`;
    case 'unknown-workstream':
      return e.known.length === 0 ? 'Check the WBS in the overall micro-level plan.' : null;
    case 'missing-note':
      if (e.path) return `Fix the path in the setting "${ROLE_SETTING_KEYS[e.role]}" or create the note.`;
      return e.near && e.near.length > 0 ? `Add it there, or set "${ROLE_SETTING_KEYS[e.role]}" to its path.` : `Set "${ROLE_SETTING_KEYS[e.role]}" to its path.`;
    case 'unreadable-note':
      if (e.reason === 'not-utf8') return 'Save it as UTF-8 and try again.';
      if (e.role && (e.reason === 'is-folder' || e.reason === 'binary')) return `Point the setting "${ROLE_SETTING_KEYS[e.role]}" at a markdown note.`;
      return null;
    case 'ambiguous-role':
      return `Choose one with the setting "${e.setting}" or link it from the project note.`;
    case 'ambiguous-planning-set':
      return 'Choose one with --project (a project note, a project folder or a planning folder).';
    case 'no-planning-set':
      return e.incomplete.length > 0 ? null : 'Run "list" without --project to see the sets in the vault.';
    case 'ambiguous-project':
      return 'Choose one with --project.';
    case 'project-not-found':
      return 'Check --project (or "projectNote" in the settings).';
    case 'plan-exists':
      return 'Use --force to replace it (the old note is copied to the backup folder first).';
    case 'plan-of-other-project':
      return 'Give each project its own output folder ("outputFolder" in the settings).';
    case 'write-failed':
      return 'Nothing else was changed.';
    case 'bad-settings':
      return 'Fix or delete that file.';
    case 'context-too-large':
      return 'Raise the context budget in the settings or trim those notes.';
    case 'cost-cap':
      return 'Raise --max-cost (or the cost cap setting) to go ahead.';
    case 'api-failure':
      // The batch is gone for good: --cancel takes it out of the notes, and --resume sends its requests again.
      if (e.failure.kind === 'batch-not-found') return 'Run plan --all --cancel first (it forgets that batch), then plan --all --resume sends its requests again.';
      return 'Nothing was written.';
    case 'no-api-key':
      return 'Set ANTHROPIC_API_KEY, or use --provider offline for a draft without a model.';
    case 'unknown-model':
      return `${UNKNOWN_MODEL_FIX.cli} Nothing was sent.`;
    case 'no-price':
      return `Add one under "prices" in the settings, e.g. "prices": {"${e.model}": {"input": 3, "output": 15}} (USD per million tokens).`;
    case 'plan-all-in-progress': {
      const them = e.batches.length === 1 ? 'it' : 'them';
      return `Run plan --all --resume to collect ${them} (nothing is sent twice), or plan --all --cancel to cancel ${them}.`;
    }
    case 'nothing-to-resume':
    case 'bad-frontmatter':
    case 'note-not-a-plan':
      return null;
  }
}
