import type { PlannerError } from '../core/contracts/errors';
import { ROLE_LABELS, ROLE_SETTING_KEYS } from '../core/contracts/settings';
import { assertNever } from '../core/result';
import { describeUnknownModel } from '../core/planner/claude/plan-with-claude';
import { unknownPriceMessage } from '../core/providers/anthropic';

/** One or two plain sentences per failure, naming the file and line where there is one. */
export function describeError(e: PlannerError): string {
  switch (e.kind) {
    case 'bad-workstream-id':
      return `"${e.input}" is not a workstream id. Use an id such as W2, or the WBS's label such as "Epic 2", E2 or B (run "list" to see them).`;
    case 'unknown-workstream':
      return e.known.length === 0
        ? `${e.id} is not in the work breakdown, which defines no workstreams at all. Check the WBS in the overall micro-level plan.`
        : `${e.id} is not in the work breakdown. Known workstreams: ${e.known.join(', ')}.`;
    case 'missing-note':
      return e.path
        ? `The ${ROLE_LABELS[e.role]} was not found at ${e.path}. Fix the path in the setting "${ROLE_SETTING_KEYS[e.role]}" or create the note.`
        : e.near && e.near.length > 0
          ? `No ${ROLE_LABELS[e.role]} was found beside the planning notes in ${e.near.join(', ')} (a planning set needs a meso-level-plan and a micro-level-plan note in one folder). Add it there, or set "${ROLE_SETTING_KEYS[e.role]}" to its path.`
          : `No ${ROLE_LABELS[e.role]} was found: no folder holds a planning set (meso-level-plan and micro-level-plan notes), nothing is at its default path, among the notes the project note links to (a link that matches no note counts for nothing) or tagged for it. Set "${ROLE_SETTING_KEYS[e.role]}" to its path.`;
    case 'unreadable-note': {
      const what = e.role ? `The ${ROLE_LABELS[e.role]} ${e.file}` : e.file;
      switch (e.reason) {
        case 'missing':
          return `${what} does not exist.`;
        case 'is-folder':
          return e.role ? `${what} is a folder, not a note. Point the setting "${ROLE_SETTING_KEYS[e.role]}" at a markdown file.` : `${what} is a folder, not a note.`;
        case 'binary':
          return e.role ? `${what} is not a text file. Point the setting "${ROLE_SETTING_KEYS[e.role]}" at a markdown note.` : `${what} is not a text file.`;
        case 'not-utf8':
          return `${what} is not valid UTF-8 (first bad byte on line ${e.line ?? '?'}). Save it as UTF-8 and try again.`;
        default:
          return assertNever(e.reason);
      }
    }
    case 'ambiguous-role':
      return `Several notes could be the ${ROLE_LABELS[e.role]}: ${e.candidates.join(', ')}. Choose one with the setting "${e.setting}" or link it from the project note.`;
    case 'ambiguous-planning-set':
      return `${e.within ?? 'This vault'} holds several planning sets, and none was chosen: ${e.candidates.map((c) => `${c.folder || '(vault root)'} (project ${c.project})`).join(', ')}. Choose one with --project (a project note, a project folder or a planning folder).`;
    case 'no-planning-set':
      return e.incomplete.length > 0
        ? `${e.target} holds no complete planning set: ${e.incomplete.map((i) => `${i.folder} has no ${i.missing}`).join('; ')}.`
        : `${e.target} holds no planning set (a folder with a meso-level-plan and a micro-level-plan note). Run "list" without --project to see the sets in the vault.`;
    case 'ambiguous-project':
      return `This vault holds several project notes: ${e.candidates.join(', ')}. Choose one with --project.`;
    case 'project-not-found':
      return `The project note ${e.path} was not found.`;
    case 'plan-exists':
      return `${e.file} already exists and was left as it is. Use --force to replace it (the old note is copied to the backup folder first).`;
    case 'plan-of-other-project':
      return `${e.file} is the plan of another project (${e.project}) and was left as it is. Give each project its own output folder ("outputFolder" in the settings).`;
    case 'nothing-to-resume':
      return `${e.file} has nothing to resume.`;
    case 'write-failed':
      return `Could not write ${e.file}: ${e.detail}. Nothing else was changed.`;
    case 'bad-frontmatter':
      return `${e.file}, line ${e.line}: the frontmatter does not parse (${e.detail}).`;
    case 'bad-settings':
      return `The settings file ${e.file} was not used: ${e.detail}. Fix or delete it.`;
    case 'note-not-a-plan':
      return `${e.file} is not a workstream plan: ${e.detail}.`;
    case 'context-too-large':
      return `${e.message} Nothing was sent. Raise the context budget in the settings or trim those notes.`;
    case 'cost-cap':
      return `The estimated cost, $${e.estimateUsd.toFixed(2)}, is above the cap of $${e.capUsd.toFixed(2)}. Nothing was sent; raise --max-cost (or the cost cap setting) to go ahead.`;
    case 'api-failure':
      return `${e.failure.message} Nothing was written.`;
    case 'no-api-key':
      return 'The anthropic provider needs an API key: set ANTHROPIC_API_KEY, or use --provider offline for a draft without a model.';
    case 'unknown-model':
      return `${describeUnknownModel(e)} Nothing was sent.`;
    case 'no-price':
      return `A cost cap is set, but ${unknownPriceMessage(e.model).replace(/^No price is known for/, 'no price is known for').replace(/, so no cost can be shown;/, ', so the cap cannot be kept and nothing was sent;')}`;
    case 'plan-all-in-progress':
      return `${e.workstreams.join(', ')} ${e.workstreams.length === 1 ? 'is' : 'are'} still being planned in ${e.batches.length === 1 ? 'a batch' : 'batches'} (${e.batches.join(', ')}) by an earlier run. Run plan --all --resume to collect ${e.batches.length === 1 ? 'it' : 'them'} (nothing is sent twice), or plan --all --cancel to cancel ${e.batches.length === 1 ? 'it' : 'them'}.`;
    default:
      return assertNever(e);
  }
}
