import type { PlanStatus } from '../contracts/plan-frontmatter';
import type { ReadinessReport } from '../contracts/readiness';
import { splitFrontmatter } from '../markdown/frontmatter-block';
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
  if (fm.yaml !== null) head = head.replace(/^status:.*$/m, `status: "${status}"`);

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
    ...failing.map((i) => `> - **${i.id}**${i.line ? ` (line ${i.line})` : ''}: ${i.reasons[0] ?? 'fails'}`),
  ];
  return lines.join('\n') + '\n';
}

function removeStatusCallout(body: string): string {
  const lines = body.split('\n');
  const start = lines.findIndex((l) => l.startsWith('> [!warning]') && l.includes(STATUS_CALLOUT_MARK));
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
