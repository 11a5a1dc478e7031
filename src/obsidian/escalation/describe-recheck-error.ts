import type { PlannerError } from '../../core/contracts/errors';
import { ROLE_LABELS, ROLE_SETTING_KEYS } from '../../core/contracts/settings';

/** One sentence per failure for the escalation widget, naming the file where there is one. */
export function describeRecheckError(e: PlannerError): string {
  switch (e.kind) {
    case 'bad-workstream-id':
      return `"${e.input}" is not a workstream ID such as W2.`;
    case 'unknown-workstream':
      return `${e.id} is no longer in the work breakdown of the overall micro-level plan.`;
    case 'missing-note':
      return e.path
        ? `The ${ROLE_LABELS[e.role]} was not found at ${e.path}; check the setting "${ROLE_SETTING_KEYS[e.role]}".`
        : `No ${ROLE_LABELS[e.role]} was found; set "${ROLE_SETTING_KEYS[e.role]}" to its path.`;
    case 'unreadable-note':
      return `The planning note ${e.file} could not be read (${e.reason}).`;
    case 'ambiguous-role':
      return `Several notes could be the ${ROLE_LABELS[e.role]} (${e.candidates.join(', ')}); set "${e.setting}" to one.`;
    case 'ambiguous-project':
      return `Several project notes were found (${e.candidates.join(', ')}); choose one in the project note setting.`;
    case 'project-not-found':
      return `The project note ${e.path} was not found.`;
    case 'plan-exists':
      return `A plan already exists at ${e.file}.`;
    case 'nothing-to-resume':
      return `There is nothing to resume in ${e.file}.`;
    case 'write-failed':
      return `${e.file} could not be written: ${e.detail}`;
    case 'bad-frontmatter':
      return `The properties of ${e.file} do not parse (line ${e.line}); fix them and re-check.`;
    case 'bad-settings':
      return `The settings in ${e.file} are not valid: ${e.detail}`;
    case 'note-not-a-plan':
      return `${e.file} is not a plan note: ${e.detail}`;
    default:
      // Kinds from planning and the API (cost cap, API failures…) do not arise in a re-check, which
      // sends nothing; the union is still growing, so no assertNever here.
      return `The re-check could not finish (${(e as { kind: string }).kind}).`;
  }
}
