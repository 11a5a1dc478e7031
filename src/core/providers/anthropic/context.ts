/**
 * What the model is allowed to see: the planning set the core discovered, the plans of upstream
 * workstreams (when the setting allows) and the workstream's scope. Nothing else from the vault is
 * ever sent. The instructions and the planning notes form the cached prefix, so they hold nothing that
 * varies per workstream or per run; the assignment (scope, upstream plans) comes after it.
 */
import { ROLES, ROLE_LABELS, type Role } from '../../contracts/settings';
import type { PlanningSet } from '../../contracts/planning-set';
import type { MesoSectionRef, WorkstreamScope } from '../../contracts/scope';
import { splitFrontmatter } from '../../markdown/frontmatter-block';
import { describeCarried } from '../../scope/questions/carried';
import { err, ok, type Result } from '../../result';

/** Tokens are estimated locally as ceil(characters / 4); nothing is sent to count them. */
export const CHARS_PER_TOKEN = 4;
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** Frontmatter keys the planner itself writes into planning notes: never sent, so linking back keeps the prefix stable. */
export const PLANNER_WRITTEN_KEYS: readonly string[] = ['workstream_plans', 'planner'];

/** The line that separates the stable instructions from the per-workstream assignment in a template. */
export const ASSIGNMENT_MARKER = '<!-- per-workstream';

/** Used when a template note has no assignment part of its own. */
export const DEFAULT_ASSIGNMENT = 'Plan workstream **{{workstream_id}}: {{workstream_name}}**.\n\n{{scope}}\n\n{{upstream_plans}}';

/** A plan already written for an upstream workstream, passed in by the caller. */
export interface UpstreamPlan {
  workstreamId: string;
  path: string;
  text: string;
}

export type SentRole = Role | 'upstream-plan';

export interface SentNote {
  role: SentRole;
  path: string;
  tokens: number;
}

export interface PlannerContext {
  /** System block 1: the instructions, identical for every workstream and run. */
  instructions: string;
  /** System block 2 (cache breakpoint 1): the planning notes, in role order. */
  notesBlock: string;
  /** Start of the first user message: the filled-in assignment (scope, upstream plans). */
  assignment: string;
  /** Exactly the notes sent, in the order sent. */
  sent: SentNote[];
  /** Estimated tokens of instructions + notes + assignment. */
  tokens: number;
}

export interface ContextTooLarge {
  kind: 'context-too-large';
  tokens: number;
  budget: number;
  /** The largest notes sent, biggest first (at most three). */
  largest: SentNote[];
  message: string;
}

export interface ContextInput {
  set: PlanningSet;
  scope: WorkstreamScope;
  /** The built-in template, or the text of the note named by `promptTemplateNote`. */
  template: string;
  upstreamPlans?: readonly UpstreamPlan[];
  /** `settings.includeUpstreamPlans`. */
  includeUpstreamPlans: boolean;
  /** `settings.contextBudgetTokens`. */
  budgetTokens: number;
  /** Tokens kept free for the outline and each call's own instruction. @default 2000 */
  reserveTokens?: number;
}

/**
 * Removes the planner-written top-level keys (and their indented or list continuation lines) from a
 * note's frontmatter, textually: the core never parses YAML. A frontmatter left empty is dropped.
 */
export function stripPlannerKeys(text: string): string {
  const fm = splitFrontmatter(text);
  if (fm.yaml === null) return text;
  const open = text.indexOf('\n') + 1;
  // Lines with their line breaks (no lookbehind: iOS before 16.4 lacks it).
  const lines = fm.yaml.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const kept: string[] = [];
  let skipping = false;
  for (const line of lines) {
    const key = /^([^\s#'"\-:][^:]*?)\s*:(?:\s|$)/.exec(line)?.[1];
    if (key !== undefined) {
      skipping = PLANNER_WRITTEN_KEYS.includes(key);
      if (!skipping) kept.push(line);
      continue;
    }
    if (skipping && (/^[ \t]/.test(line) || /^-(?:\s|$)/.test(line) || line.trim() === '')) continue;
    skipping = false;
    kept.push(line);
  }
  if (kept.length === lines.length) return text;
  const yaml = kept.join('');
  const body = text.slice(fm.bodyOffset);
  if (yaml.trim() === '') return body;
  const closing = text.slice(open + fm.yaml.length, fm.bodyOffset);
  return text.slice(0, open) + yaml + closing + body;
}

const attr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

function noteElement(attrs: Record<string, string>, text: string): string {
  const a = Object.entries(attrs)
    .map(([k, v]) => `${k}="${attr(v)}"`)
    .join(' ');
  return `<note ${a}>\n${text.replace(/\s+$/, '')}\n</note>`;
}

/** Splits a template into the stable instructions and the per-workstream assignment. */
export function splitTemplate(template: string): { instructions: string; assignment: string } {
  const lines = template.split('\n');
  const at = lines.findIndex((l) => l.trimStart().startsWith(ASSIGNMENT_MARKER));
  if (at < 0) return { instructions: template.trim(), assignment: DEFAULT_ASSIGNMENT };
  return { instructions: lines.slice(0, at).join('\n').trim(), assignment: lines.slice(at + 1).join('\n').trim() };
}

/** Replaces `{{name}}` placeholders; unknown names are left as written. */
export function fillTemplate(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, name: string) => (name in values ? values[name]! : whole));
}

/** The scope as the model reads it: tasks, neighbours, meso sections, contracts and endpoints. */
export function renderScope(scope: WorkstreamScope): string {
  const ws = scope.workstream;
  const out: string[] = ['### Scope', '', `WBS tasks of ${ws.id} (every one must be specified):`];
  for (const t of ws.tasks) {
    const facts = [
      t.label && `written as ${t.label}`,
      t.estimate && `estimate ${t.estimate.raw}`,
      (t.dependsOn ?? []).length > 0 && `after ${t.dependsOn!.join(', ')}`,
      (t.prerequisites ?? []).length > 0 && `waits for ${t.prerequisites!.join('; ')}`,
      t.exit && `exit: ${t.exit}`,
    ].filter((x): x is string => !!x);
    out.push(`- ${t.id}: ${t.title}${facts.length > 0 ? ` (${facts.join('; ')})` : ''}`);
  }
  if (ws.tasks.length === 0) out.push('- (none listed)');
  out.push('', `Upstream workstreams: ${scope.upstream.join(', ') || 'none'}.`, `Downstream workstreams: ${scope.downstream.join(', ') || 'none'}.`);
  out.push(...renderDependencies(scope));
  out.push('', 'Meso-level sections about this workstream (cite each as written here):');
  const why: Record<MesoSectionRef['reason'], string> = {
    'names-workstream': 'names it',
    contract: 'a contract with it',
    component: 'a component its modules implement',
    interface: 'an interface it implements or uses',
    integration: 'an integration point it implements',
  };
  for (const s of scope.mesoSections) out.push(`- ${s.link} (${why[s.reason]})`);
  if (scope.mesoSections.length === 0) out.push('- (none found)');
  out.push(...renderModules(scope));
  if (scope.provides.length > 0) out.push('', 'Contracts it provides:', ...scope.provides.map((c) => `- ${c.heading} (${c.from} → ${c.to})`));
  if (scope.consumes.length > 0) out.push('', 'Contracts it consumes:', ...scope.consumes.map((c) => `- ${c.heading} (${c.from} → ${c.to})`));
  if (scope.endpoints.length > 0) out.push('', 'Endpoints it must specify:', ...scope.endpoints.map((e) => `- ${e.method.toUpperCase()} ${e.path} (from ${e.source})`));
  out.push(...renderEnvVars(scope));
  out.push(...renderAssumptions(scope));
  return out.join('\n');
}

/** Where the dependencies were found, what the workstream waits for outside the WBS, its entry and exit criteria. */
function renderDependencies(scope: WorkstreamScope): string[] {
  const ws = scope.workstream;
  const out: string[] = [];
  const sources = ws.dependencySources ?? [];
  if (sources.length > 0) {
    out.push('Where the notes state its dependencies:');
    for (const s of sources) out.push(`- ${s.source}: ${s.on.join(', ') || 'none'} (${s.file ?? 'the overall micro-level plan'}, line ${s.line})`);
  }
  if ((ws.prerequisites ?? []).length > 0) out.push(`It also waits for, outside the WBS: ${ws.prerequisites!.join('; ')}.`);
  if (ws.entry) out.push(`Entry criteria: ${ws.entry}`);
  if (ws.exit) out.push(`Exit criteria: ${ws.exit}`);
  return out;
}

/** The modules the notes describe for the workstream (micro §4 components, meso §2), with the tasks that touch each. */
function renderModules(scope: WorkstreamScope): string[] {
  const modules = scope.modules ?? [];
  if (modules.length === 0) return [];
  const out = ['', "Modules the planning notes describe for it, with the tasks that touch each (start the outline from these; tasks under the workstream's own name touch no described component):"];
  for (const m of modules) {
    const traced = m.mesoSections.map((s) => s.link).join(', ');
    out.push(`- ${m.name}: ${m.taskIds.join(', ') || 'no tasks'}${m.microCitation ? `; specified in ${m.microCitation}` : ''}${traced ? `; implements ${traced}` : ''}`);
  }
  return out;
}

/** The environment variables the micro plan's configuration section gives the workstream. */
function renderEnvVars(scope: WorkstreamScope): string[] {
  const vars = scope.envVars ?? [];
  if (vars.length === 0) return [];
  return [
    '',
    "Environment variables the micro-level plan's Configuration and Secrets lists for it:",
    ...vars.map((v) => {
      const facts = [v.required && `required: ${v.required}`, v.default && `default: ${v.default}`, v.description, v.usedBy && `read by ${v.usedBy}`].filter((x): x is string => !!x);
      return `- ${v.name}${facts.length > 0 ? ` (${facts.join('; ')})` : ''}${v.attributed ? '' : ' (the note does not say which module reads it)'}; ${v.source}, line ${v.line}`;
    }),
  ];
}

/**
 * The open questions the plan carries instead of escalating: the assumptions it plans on (each to be
 * stated where relied on and listed in Appendix A with its source line) and the questions noted as
 * deferred or not blocking. Nothing when there are none.
 */
function renderAssumptions(scope: WorkstreamScope): string[] {
  const all = scope.assumptions ?? [];
  const out: string[] = [];
  const assumed = all.filter((a) => a.kind === 'assumption');
  const noted = all.filter((a) => a.kind !== 'assumption');
  if (assumed.length > 0) {
    out.push('', 'Assumptions it plans on (open questions the notes answer with a proposed assumption; rely on each as stated, say so where the plan depends on it, and list them all under `### Appendix A: Assumptions and Open Questions` with their source):');
    for (const a of assumed) out.push(`- ${describeCarried(a)}`);
  }
  if (noted.length > 0) {
    out.push('', 'Open questions that concern it but do not block it (list them in Appendix A too; do not decide them):');
    for (const a of noted) out.push(`- ${describeCarried(a)}`);
  }
  return out;
}

/**
 * Builds the context, or says which notes to trim when it exceeds the budget (before anything is sent).
 */
export function buildContext(input: ContextInput): Result<PlannerContext, ContextTooLarge> {
  const sent: SentNote[] = [];
  const noteTexts: string[] = [];
  for (const role of ROLES) {
    const note = input.set.notes[role];
    if (!note) continue;
    const el = noteElement({ role, label: ROLE_LABELS[role], path: note.path }, stripPlannerKeys(note.text));
    noteTexts.push(el);
    sent.push({ role, path: note.path, tokens: estimateTokens(el) });
  }
  const upstreamTexts: string[] = [];
  if (input.includeUpstreamPlans) {
    const wanted = new Set(input.scope.upstream);
    const plans = [...(input.upstreamPlans ?? [])].filter((p) => wanted.has(p.workstreamId)).sort((a, b) => a.workstreamId.localeCompare(b.workstreamId, 'en', { numeric: true }));
    for (const p of plans) {
      const el = noteElement({ role: 'upstream-plan', workstream: p.workstreamId, path: p.path }, stripPlannerKeys(p.text));
      upstreamTexts.push(el);
      sent.push({ role: 'upstream-plan', path: p.path, tokens: estimateTokens(el) });
    }
  }
  const { instructions, assignment: assignmentTemplate } = splitTemplate(input.template);
  const ws = input.scope.workstream;
  const assignment = fillTemplate(assignmentTemplate, {
    workstream_id: ws.id,
    workstream_name: ws.name || ws.id,
    scope: renderScope(input.scope),
    upstream_plans: upstreamTexts.length > 0 ? `### Plans of upstream workstreams\n\n${upstreamTexts.join('\n\n')}` : '',
  }).trim();
  const notesBlock = noteTexts.join('\n\n');
  const tokens = estimateTokens(instructions) + estimateTokens(notesBlock) + estimateTokens(assignment);
  const reserve = input.reserveTokens ?? 2000;
  if (tokens + reserve > input.budgetTokens) {
    const largest = [...sent].sort((a, b) => b.tokens - a.tokens).slice(0, 3);
    const names = largest.map((n) => `${n.path} (about ${n.tokens} tokens)`).join(', ');
    return err({
      kind: 'context-too-large',
      tokens: tokens + reserve,
      budget: input.budgetTokens,
      largest,
      message: `The planning notes come to about ${tokens + reserve} tokens, more than the context budget of ${input.budgetTokens}; the largest are ${names}.`,
    });
  }
  return ok({ instructions, notesBlock, assignment, sent, tokens });
}
