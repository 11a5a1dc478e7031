/**
 * Reading view: the same "Re-check" / "Plan now" controls under the title of each rendered
 * escalation callout. Built with `createEl`; the workstream comes from the callout's title.
 */
import type { MarkdownPostProcessor, MarkdownPostProcessorContext } from 'obsidian';
import { renderActions, storeFor, workstreamFromTitle, type EscalationActionDeps } from './escalation-actions';

export function createEscalationPostProcessor(deps: EscalationActionDeps): MarkdownPostProcessor {
  const store = storeFor(deps);
  return (el: HTMLElement, ctx: MarkdownPostProcessorContext): void => {
    const callouts = el.matches('.callout[data-callout="escalation"]')
      ? [el]
      : Array.from(el.querySelectorAll<HTMLElement>('.callout[data-callout="escalation"]'));
    const fm = ctx.frontmatter as Record<string, unknown> | null | undefined;
    const resolved = fm?.['status'] === 'resolved';
    for (const callout of callouts) {
      if (callout.querySelector(':scope > .wp-escalation-actions')) continue;
      const title = callout.querySelector('.callout-title-inner')?.textContent ?? callout.querySelector('.callout-title')?.textContent ?? '';
      const id = workstreamFromTitle(title);
      if (!id) continue;
      const titleEl = callout.querySelector(':scope > .callout-title');
      const actions = createDiv();
      if (titleEl) titleEl.after(actions);
      else callout.prepend(actions);
      const target = {
        deps,
        store,
        notePath: ctx.sourcePath,
        workstreamId: id,
        noteResolved: resolved,
        redraw: () => renderActions(actions, target),
      };
      renderActions(actions, target);
    }
  };
}
