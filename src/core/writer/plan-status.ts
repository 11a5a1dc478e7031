import type { PlanStatus } from '../contracts/plan-frontmatter';
import type { ReadinessReport } from '../contracts/readiness';
import { splitFrontmatter } from '../markdown/frontmatter-block';
import { setTopLevelKey } from '../markdown/frontmatter-keys';
import { footerText } from '../plan/skeleton';

/** Marks the callout the planner puts under the title while a plan is not ready. */
export const STATUS_CALLOUT_MARK = '<!-- wp:status -->';

/**
 * Sets the plan's status in the three places it shows: the frontmatter `status`, the footer's
 * `**Status:**` line, and a callout under the title listing what still fails (removed when ready).
 * The plan's frontmatter is the planner's own fixed rendering, so one line changes, nothing else.
 */
export function setPlanStatus(text: string, status: PlanStatus, report: ReadinessReport): string {
  const fm = splitFrontmatter(text);
  let head = text.slice(0, fm.bodyOffset);
  let body = text.slice(fm.bodyOffset);
  head = setTopLevelKey(head, 'status', `status: "${status}"`);

  // The footer is `**Status:** …` then `**Next Step:** …`; both follow the status.
  const footerRe = /^\*\*Status:\*\*.*(?:\r?\n\*\*Next Step:\*\*.*)?$/gm;
  let last: RegExpExecArray | null = null;
  for (let m = footerRe.exec(body); m; m = footerRe.exec(body)) last = m;
  if (last) body = body.slice(0, last.index) + footerText(status) + body.slice(last.index + last[0].length);

  body = removeStatusCallout(body);
  if (status !== 'ready_for_decomposition') {
    const failing = report.items.filter((i) => !i.ok);
    if (failing.length > 0) body = insertAfterTitle(body, statusCallout(failing));
  }
  return head + body;
}

function statusCallout(failing: ReadinessReport['items']): string {
  const lines = [
    `> [!warning] Not ready for decomposition ${STATUS_CALLOUT_MARK}`,
    `> ${failing.length} readiness item${failing.length === 1 ? '' : 's'} still fail${failing.length === 1 ? 's' : ''}:`,
    // No line numbers here: this very callout shifts every line below it. The reasons name the sections.
    ...failing.map((i) => `> - **${i.id}**: ${(i.reasons[0] ?? 'fails').replace(/,? \(?\bline \d+\)?/g, '')}`),
  ];
  return lines.join('\n') + '\n';
}

function removeStatusCallout(body: string): string {
  return removeMarkedCallout(body, STATUS_CALLOUT_MARK);
}

function removeMarkedCallout(body: string, mark: string): string {
  const lines = body.split('\n');
  const start = lines.findIndex((l) => l.startsWith('> [!') && l.includes(mark));
  if (start < 0) return body;
  let end = start + 1;
  while (end < lines.length && lines[end]!.startsWith('>')) end++;
  // Also drop the blank line that separated it from what follows.
  if (end < lines.length && lines[end] === '') end++;
  return [...lines.slice(0, start), ...lines.slice(end)].join('\n');
}

function insertAfterTitle(body: string, block: string): string {
  const m = /^# .*\n(\n)?/m.exec(body);
  if (!m) return block + '\n' + body;
  const at = m.index + m[0].length;
  return body.slice(0, at) + block + '\n' + body.slice(at);
}

/** Marks the callout that says where an interrupted run stopped. */
export const INTERRUPTED_CALLOUT_MARK = '<!-- wp:interrupted -->';

/**
 * An interrupted plan: the frontmatter says so, and a callout under the title says where the run
 * stopped, why, and how to finish it. Complete sections above and below stay as they are.
 */
export function setInterrupted(text: string, where: string, why: string): string {
  const fm = splitFrontmatter(text);
  let head = text.slice(0, fm.bodyOffset);
  let body = removeInterruptedCallout(removeStatusCallout(text.slice(fm.bodyOffset)));
  head = setTopLevelKey(head, 'status', 'status: "interrupted"');
  const callout = [
    `> [!warning] Planning was interrupted ${INTERRUPTED_CALLOUT_MARK}`,
    `> It stopped at ${where}: ${why}`,
    '> Every section above that point is complete; the rest was not written. Resume the plan to finish it.',
  ].join('\n');
  body = insertAfterTitle(body, callout + '\n');
  return head + body;
}

/** Takes the interrupted callout (and a stale readiness callout) out, e.g. when a run resumes. */
export function clearRunCallouts(text: string): string {
  const fm = splitFrontmatter(text);
  return text.slice(0, fm.bodyOffset) + removeInterruptedCallout(removeStatusCallout(text.slice(fm.bodyOffset)));
}

/** Sets only the frontmatter status line. */
export function setStatusLine(text: string, status: PlanStatus): string {
  return setTopLevelKey(text, 'status', `status: "${status}"`);
}

function removeInterruptedCallout(body: string): string {
  return removeMarkedCallout(body, INTERRUPTED_CALLOUT_MARK);
}
