/**
 * The "Re-check" / "Plan now" controls of one escalation callout, shared by the editor widget and
 * the reading-view post-processor. State lives in a store keyed by note and workstream, so both
 * views and every re-render show the same thing; a re-check's result updates the store and asks
 * the caller to redraw.
 */
import type { RecheckOutcome } from './recheck-outcome';
import { parseEscalationTitle } from '../../core/escalation/parse-escalation';

/** What the plugin injects: the re-check (see `recheckEscalationNote`) and the planning command. */
export interface EscalationActionDeps {
  recheck(workstreamId: string, notePath: string): Promise<RecheckOutcome>;
  planNow(workstreamId: string, notePath: string): void | Promise<void>;
}

export type ActionState =
  | { phase: 'idle' }
  | { phase: 'checking' }
  | { phase: 'blocked'; count: number }
  | { phase: 'clear' }
  | { phase: 'failed'; message: string };

export class EscalationActionStore {
  private readonly states = new Map<string, ActionState>();

  key(notePath: string, workstreamId: string): string {
    return `${notePath}#${workstreamId}`;
  }

  /** The stored state, else `clear` when the note already says `status: resolved`, else idle. */
  get(notePath: string, workstreamId: string, noteResolved: boolean): ActionState {
    return this.states.get(this.key(notePath, workstreamId)) ?? (noteResolved ? { phase: 'clear' } : { phase: 'idle' });
  }

  set(notePath: string, workstreamId: string, state: ActionState): void {
    this.states.set(this.key(notePath, workstreamId), state);
  }
}

const stores = new WeakMap<EscalationActionDeps, EscalationActionStore>();

/** One store per deps object: the editor extension and the post-processor built from the same deps share it. */
export function storeFor(deps: EscalationActionDeps): EscalationActionStore {
  let s = stores.get(deps);
  if (!s) {
    s = new EscalationActionStore();
    stores.set(deps, s);
  }
  return s;
}

export function stateSignature(s: ActionState): string {
  switch (s.phase) {
    case 'blocked':
      return `blocked:${s.count}`;
    case 'failed':
      return `failed:${s.message}`;
    default:
      return s.phase;
  }
}

function messageOf(s: ActionState, workstreamId: string): string {
  switch (s.phase) {
    case 'idle':
      return '';
    case 'checking':
      return 'Checking…';
    case 'blocked':
      return s.count === 1 ? 'Still blocked by one request.' : `Still blocked by ${s.count} requests.`;
    case 'clear':
      return `Nothing blocks ${workstreamId} any more.`;
    case 'failed':
      return s.message;
  }
}

export interface ActionTarget {
  deps: EscalationActionDeps;
  store: EscalationActionStore;
  notePath: string;
  workstreamId: string;
  noteResolved: boolean;
  /** Called after the state changed, to draw the controls again. */
  redraw(): void;
}

/** Runs a re-check for the target, recording checking → outcome in the store. */
export async function runRecheck(t: ActionTarget): Promise<void> {
  t.store.set(t.notePath, t.workstreamId, { phase: 'checking' });
  t.redraw();
  let next: ActionState;
  try {
    const outcome = await t.deps.recheck(t.workstreamId, t.notePath);
    next =
      outcome.kind === 'blocked'
        ? { phase: 'blocked', count: outcome.count }
        : outcome.kind === 'resolved'
          ? { phase: 'clear' }
          : { phase: 'failed', message: outcome.message };
  } catch {
    next = { phase: 'failed', message: 'The re-check failed unexpectedly; try again.' };
  }
  t.store.set(t.notePath, t.workstreamId, next);
  t.redraw();
}

/**
 * Fills `el` (emptied first) with the two buttons and the message. "Plan now" is enabled only
 * once nothing blocks; both are disabled while a re-check runs.
 */
export function renderActions(el: HTMLElement, t: ActionTarget): void {
  el.empty();
  el.addClass('wp-escalation-actions');
  el.setAttr('data-wp-workstream', t.workstreamId);
  const state = t.store.get(t.notePath, t.workstreamId, t.noteResolved);
  const recheck = el.createEl('button', { cls: 'wp-escalation-actions__button', text: 'Re-check' });
  recheck.setAttr('aria-label', `Check again whether anything still blocks ${t.workstreamId}`);
  const plan = el.createEl('button', { cls: 'wp-escalation-actions__button mod-cta', text: 'Plan now' });
  plan.setAttr('aria-label', `Plan ${t.workstreamId}`);
  recheck.disabled = state.phase === 'checking';
  plan.disabled = state.phase !== 'clear';
  const message = messageOf(state, t.workstreamId);
  if (message !== '') {
    el.createSpan({
      cls: state.phase === 'failed' ? 'wp-escalation-actions__message wp-escalation-actions__message--error' : 'wp-escalation-actions__message',
      text: message,
    });
  }
  const stop = (evt: Event): void => {
    // Keep the click from folding the callout or moving the editor's cursor.
    evt.preventDefault();
    evt.stopPropagation();
  };
  recheck.addEventListener('mousedown', stop);
  plan.addEventListener('mousedown', stop);
  recheck.addEventListener('click', (evt) => {
    stop(evt);
    void runRecheck(t);
  });
  plan.addEventListener('click', (evt) => {
    stop(evt);
    if (plan.disabled) return;
    void Promise.resolve(t.deps.planNow(t.workstreamId, t.notePath)).catch(() => undefined);
  });
}

/** The workstream id named by a callout title such as `Escalation Request — W2: Inspection API`. */
export function workstreamFromTitle(title: string): string | null {
  return parseEscalationTitle(title).id;
}
