/**
 * "Re-check escalation": the callout's Re-check button as a command, for the escalation note in the
 * active tab. It works wherever the buttons do not show (Source mode, a phone's toolbar, a hotkey
 * the user assigns) and reports in a Notice; the buttons under the callout show the same result.
 */
import type { App, Command } from 'obsidian';
import type { ActionState } from './escalation-actions';
import { storeFor, type EscalationActionDeps } from './escalation-actions';

/** The workstream of the active note when it is an escalation note (its frontmatter says so), else null. */
export function escalationNoteOf(app: App): { path: string; workstreamId: string } | null {
  const file = app.workspace.getActiveFile();
  if (!file) return null;
  const fm = app.metadataCache.getFileCache(file)?.frontmatter;
  const tags: unknown = fm?.['tags'];
  const id: unknown = fm?.['workstream_id'];
  const isEscalation = Array.isArray(tags) ? tags.includes('workstream-escalation') : tags === 'workstream-escalation';
  return isEscalation && typeof id === 'string' ? { path: file.path, workstreamId: id } : null;
}

function sentence(state: ActionState, id: string): string {
  switch (state.phase) {
    case 'blocked':
      return state.count === 1 ? `${id} is still blocked by one request.` : `${id} is still blocked by ${state.count} requests.`;
    case 'clear':
      return `Nothing blocks ${id} any more: use "Plan workstream" (or Plan now under the callout) to plan it.`;
    case 'failed':
      return state.message;
    default:
      return '';
  }
}

export function recheckEscalationCommand(app: App, deps: EscalationActionDeps, notify: (message: string) => void): Command {
  const store = storeFor(deps);
  return {
    id: 'recheck-escalation',
    name: 'Re-check escalation',
    checkCallback: (checking) => {
      const note = escalationNoteOf(app);
      if (!note) return false;
      if (!checking) {
        void (async () => {
          store.set(note.path, note.workstreamId, { phase: 'checking' });
          let state: ActionState;
          try {
            const outcome = await deps.recheck(note.workstreamId, note.path);
            state = outcome.kind === 'blocked' ? { phase: 'blocked', count: outcome.count } : outcome.kind === 'resolved' ? { phase: 'clear' } : { phase: 'failed', message: outcome.message };
          } catch {
            state = { phase: 'failed', message: 'The re-check failed unexpectedly; try again.' };
          }
          store.set(note.path, note.workstreamId, state);
          // Redraw the buttons under the callouts in every open editor (their field rebuilds on reconfigure).
          app.workspace.updateOptions();
          notify(sentence(state, note.workstreamId));
        })();
      }
      return true;
    },
  };
}
