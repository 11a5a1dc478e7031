/**
 * The outline call: Claude proposes the plan's modules as JSON (`OutlineSchema`, asked for in the instruction). The answer
 * is checked for shape (zod) and meaning (`validateOutline`); a bad answer gets ONE retry that names
 * its problems, and a second bad answer gives way to the derived outline, with a warning. An outline
 * that carries an escalation comes back as an `Escalation` (rule `model`): the caller writes the
 * escalation note and no plan.
 */
import { OutlineSchema, type Outline } from '../../contracts/outline';
import type { Escalation } from '../../contracts/escalation';
import type { PlannerWarning } from '../../contracts/planning-set';
import type { WorkstreamScope } from '../../contracts/scope';
import type { Wbs } from '../../contracts/wbs';
import { deriveOutline, validateOutline } from '../../plan/derive-outline';
import { err, ok, type Result } from '../../result';
import type { PlannerContext } from './context';
import { isAnthropicFailure, translateError, type AnthropicFailure } from './errors';
import type { PriceOverride } from './pricing';
import { outlineRequest, type RequestSettings } from './requests';
import { streamCall, type StreamCallDeps } from './stream-call';
import { callUsage, type CallUsage } from './usage';

export interface OutlineCallInput {
  context: PlannerContext;
  settings: RequestSettings;
  scope: WorkstreamScope;
  wbs: Wbs;
  /** Every heading text of the meso-level plan (traced headings must be among them). */
  mesoHeadings: readonly string[];
  prices?: Record<string, PriceOverride>;
  onUsage?: (usage: CallUsage) => void;
}

export type OutlineOutcome =
  | { kind: 'outline'; outline: Outline; source: 'model' | 'fallback'; warnings: PlannerWarning[] }
  | { kind: 'escalation'; escalation: Escalation };

/** Shape and meaning problems of an answer, one sentence each; the outline when there are none. */
export function checkOutlineAnswer(
  text: string,
  scope: WorkstreamScope,
  mesoHeadings: readonly string[],
): { outline: Outline; problems: string[] } | { outline: null; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(jsonPart(text));
  } catch {
    return { outline: null, problems: ['The answer was not valid JSON.'] };
  }
  const parsed = OutlineSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}.`);
    return { outline: null, problems };
  }
  if (parsed.data.escalation) return { outline: parsed.data, problems: [] };
  return { outline: parsed.data, problems: validateOutline(parsed.data, scope, [...mesoHeadings]) };
}

/**
 * The JSON object of an answer. Without structured output (see requests.ts) a model may still wrap
 * it in a code fence or put a sentence before it; the object runs from the first `{` to the last `}`.
 */
export function jsonPart(text: string): string {
  const fenced = /```(?:json)?[ \t]*\n([\s\S]*?)\n[ \t]*```/.exec(text);
  const body = fenced ? fenced[1]! : text;
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  return start >= 0 && end > start ? body.slice(start, end + 1) : body.trim();
}

export function escalationFromOutline(outline: Outline, scope: WorkstreamScope): Escalation | null {
  const e = outline.escalation;
  if (!e) return null;
  return {
    rule: 'model',
    workstreamId: scope.workstream.id,
    workstreamName: scope.workstream.name || scope.workstream.id,
    blocker: e.blocker,
    mesoSection: e.mesoSection,
    evidence: e.evidence.length > 0 ? e.evidence : ['The model gave no specific evidence.'],
    questions: e.questions.length > 0 ? e.questions : ['What is missing for this workstream to be planned?'],
    recommendation: e.recommendation,
  };
}

async function ask(deps: StreamCallDeps, input: OutlineCallInput, call: string, retry: { problems: string[] } | undefined, signal: AbortSignal): Promise<{ text: string; truncated: boolean }> {
  const params = outlineRequest(input.context, input.settings, retry);
  const stream = streamCall(deps, params, signal);
  let text = '';
  let step = await stream.next();
  while (!step.done) {
    const item = step.value;
    if (item.type === 'text') text += item.text;
    else if (item.type === 'restart') text = '';
    else input.onUsage?.({ ...callUsage(call, item.params.model, item.usage, input.prices), ...(item.partial ? { partial: true } : {}) });
    step = await stream.next();
  }
  return { text, truncated: step.value.outcome !== 'complete' };
}

/**
 * Asks for the outline. Err only when the API fails (after retries) or the call is cancelled; an
 * answer that does not validate twice is not an error but a fallback.
 */
export async function requestOutline(deps: StreamCallDeps, input: OutlineCallInput, signal: AbortSignal): Promise<Result<OutlineOutcome, AnthropicFailure>> {
  let problems: string[] = [];
  try {
    for (const call of ['outline', 'outline-retry'] as const) {
      const answer = await ask(deps, input, call, call === 'outline' ? undefined : { problems: problems.slice(0, 10) }, signal);
      const checked = answer.truncated ? { outline: null, problems: ['The answer stopped before the JSON was complete.'] } : checkOutlineAnswer(answer.text, input.scope, input.mesoHeadings);
      if (checked.outline) {
        const escalation = escalationFromOutline(checked.outline, input.scope);
        if (escalation) return ok({ kind: 'escalation', escalation });
      }
      if (checked.outline && checked.problems.length === 0) return ok({ kind: 'outline', outline: checked.outline, source: 'model', warnings: [] });
      problems = checked.problems;
    }
  } catch (e) {
    return err(isAnthropicFailure(e) ? e : translateError(e, { model: input.settings.model, apiKey: deps.apiKey, baseURL: deps.client.baseURL }));
  }
  const shown = problems.slice(0, 3).join(' ');
  return ok({
    kind: 'outline',
    outline: deriveOutline(input.scope, input.wbs),
    source: 'fallback',
    warnings: [{ kind: 'outline-fallback', message: `Claude's outline did not validate twice, so the outline was derived from the WBS instead (${shown.replace(/\.$/, '')}).` }],
  });
}
