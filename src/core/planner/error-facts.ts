/**
 * What went wrong, as the CLI and the plugin both say it: one sentence (two at most) per failure,
 * naming the file and line where there is one. Each adapter's `describeError` adds only its own way
 * to fix it (a flag, or a row of the settings tab), so the two can never state a fact differently.
 */
import type { PlannerError } from '../contracts/errors';
import { ROLE_LABELS } from '../contracts/settings';
import { assertNever } from '../result';

type Of<K extends PlannerError['kind']> = Extract<PlannerError, { kind: K }>;

/** A message from elsewhere (an API error, a parser) as the end of our own sentence: no full stop of its own. */
const clause = (s: string): string => s.trim().replace(/\.+$/, '');

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

export function errorFact(e: PlannerError): string {
  switch (e.kind) {
    case 'bad-workstream-id':
      return `"${e.input}" is not a workstream id.`;
    case 'unknown-workstream':
      return e.known.length === 0
        ? `${e.id} is not in the work breakdown, which defines no workstreams at all.`
        : `${e.id} is not in the work breakdown (known: ${e.known.join(', ')}).`;
    case 'missing-note':
      return missingNote(e);
    case 'unreadable-note':
      return unreadableNote(e);
    case 'ambiguous-role':
      return `Several notes could be the ${ROLE_LABELS[e.role]}: ${e.candidates.join(', ')}.`;
    case 'ambiguous-planning-set':
      return `${e.within ?? 'This vault'} holds several planning sets, and none was chosen: ${e.candidates.map((c) => `${c.folder || '(vault root)'} (project ${c.project})`).join(', ')}.`;
    case 'no-planning-set':
      return e.incomplete.length > 0
        ? `${e.target} holds no complete planning set: ${e.incomplete.map((i) => `${i.folder} has no ${i.missing}`).join('; ')}.`
        : `${e.target} holds no planning set (a folder with a meso-level-plan and a micro-level-plan note).`;
    case 'ambiguous-project':
      return `This vault holds several project notes: ${e.candidates.join(', ')}.`;
    case 'project-not-found':
      return `The project note ${e.path} was not found.`;
    case 'plan-exists':
      return `${e.file} already exists and was left as it is.`;
    case 'plan-of-other-project':
      return `${e.file} is the plan of another project (${e.project}) and was left as it is.`;
    case 'nothing-to-resume':
      return `${e.file} has nothing to resume.`;
    case 'write-failed':
      return `Could not write ${e.file}: ${clause(e.detail)}.`;
    case 'bad-frontmatter':
      return `${e.file}, line ${e.line}: the frontmatter does not parse (${clause(e.detail)}).`;
    case 'bad-settings':
      return `The settings in ${e.file} were not used: ${clause(e.detail)}.`;
    case 'note-not-a-plan':
      return `${e.file} is not a workstream plan: ${clause(e.detail)}.`;
    case 'context-too-large':
      return `${clause(e.message)}. Nothing was sent.`;
    case 'cost-cap':
      return `The estimated cost, $${e.estimateUsd.toFixed(2)}, is above the cap of $${e.capUsd.toFixed(2)}. Nothing was sent.`;
    case 'api-failure':
      return `${clause(e.failure.message)}.`;
    case 'no-api-key':
      return 'No API key is set for the anthropic provider.';
    case 'unknown-model': {
      const what = e.retiredOn ? `The model "${e.model}" was retired on ${e.retiredOn}, so the API no longer serves it.` : `The API does not know the model "${e.model}".`;
      return e.available.length > 0 ? `${what} Models this key may use: ${e.available.join(', ')}.` : what;
    }
    case 'no-price':
      return `A cost cap is set, but no price is known for the model "${e.model}", so the cap cannot be kept and nothing was sent.`;
    case 'plan-all-in-progress':
      return `${e.workstreams.join(', ')} ${plural(e.workstreams.length, 'is', 'are')} still being planned in ${plural(e.batches.length, 'a batch', 'batches')} (${e.batches.join(', ')}) by an earlier run.`;
    default:
      return assertNever(e);
  }
}

function missingNote(e: Of<'missing-note'>): string {
  const label = ROLE_LABELS[e.role];
  if (e.path) return `The ${label} was not found at ${e.path}.`;
  if (e.near && e.near.length > 0)
    return `No ${label} was found beside the planning notes in ${e.near.join(', ')} (a planning set needs a meso-level-plan and a micro-level-plan note in one folder).`;
  return `No ${label} was found: no folder holds a planning set (meso-level-plan and micro-level-plan notes), and none is at its default path, among the notes the project note links to or tagged for it.`;
}

function unreadableNote(e: Of<'unreadable-note'>): string {
  const what = e.role ? `The ${ROLE_LABELS[e.role]} ${e.file}` : e.file;
  switch (e.reason) {
    case 'missing':
      return `${what} does not exist.`;
    case 'is-folder':
      return `${what} is a folder, not a note.`;
    case 'binary':
      return `${what} is not a text file.`;
    case 'not-utf8':
      return `${what} is not valid UTF-8 (first bad byte on line ${e.line ?? '?'}).`;
    default:
      return assertNever(e.reason);
  }
}

/**
 * The batches `cancel` forgot because the API no longer knows them, as the CLI and the plugin both say
 * it; `resume` is how the adapter names taking the run up again.
 */
export function forgottenBatchesFact(ids: readonly string[], resume: string): string {
  const n = ids.length;
  return `The API does not know ${plural(n, 'the batch', 'the batches')} ${ids.join(', ')} (sent with another workspace's API key, or deleted), so ${plural(n, 'it was', 'they were')} forgotten: ${resume} sends ${plural(n, 'its', 'their')} requests again.`;
}
