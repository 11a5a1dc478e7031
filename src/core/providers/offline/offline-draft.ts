/**
 * The offline provider: the whole plan skeleton with everything that can be derived without a
 * model (header, counts, dependencies, module stubs with their tasks, meso links and excerpts of
 * what the meso plan says there, names that look like environment variables, endpoint headings,
 * UoW boundaries, estimate totals) and a `> [!todo]` callout wherever a model would write. It is a draft and says so: its status is `draft` and it fails the readiness items that
 * need written content.
 */
import type { PlanInput } from '../../contracts/plan-input';
import type { MesoSectionRef, ScopeEnvVar, ScopeInterface, WorkstreamScope } from '../../contracts/scope';
import { foldName } from '../../scope/workstream-name';
import { describeCarried } from '../../scope/questions/carried';
import type { WbsTask } from '../../contracts/wbs';
import { workstreamEstimate } from '../../wbs/estimates';
import { findWorkstreams, taskCriticalPath } from '../../wbs';
import { longestUpstreamChain, workstreamLabel } from '../../plan/dependency-facts';
import { planParts, renderPart, type PlanPart } from '../../plan/render-plan';
import { formatWikilink, headingLinkText, normaliseHeadingForLink } from '../../vault/wikilinks';
import { OFFLINE_DRAFT_TITLE, TODO_CELL } from '../../checker/placeholders';
import { envVarNames, excerptBlockquote, mesoSectionLines, mesoSource, shorten } from './meso-excerpt';
import { possibleEndpointsCallout } from './possible-endpoints';

export const OFFLINE_DRAFT_BANNER = [
  `> [!warning] ${OFFLINE_DRAFT_TITLE}`,
  '> Written without a model: it holds only what the WBS and the meso-level plan state. Every',
  '> `[!todo]` callout marks content still to be written. This is not a finished plan.',
].join('\n');

/** A `> [!todo]` callout asking for what `hint` describes. */
export function todoCallout(hint: string): string {
  return `> [!todo] To be written\n> ${hint}`;
}

/** "5d, 4h, 3 pts"; "none stated" when no task has an estimate. */
export function formatTotals(totals: Record<string, number>): string {
  const entries = Object.entries(totals);
  if (entries.length === 0) return 'none stated in the WBS';
  return entries.map(([unit, n]) => (unit === '' ? `${n}` : unit.length <= 2 ? `${n}${unit}` : `${n} ${unit}`)).join(', ');
}

const taskKey = (id: string): string => id.trim().toUpperCase();

/** The workstream's tasks as the WBS lists them (every definition of a duplicated id), else the scope's. */
function wbsTasks(input: PlanInput): WbsTask[] {
  const found = findWorkstreams(input.wbs, input.scope.workstream.id).flatMap((w) => w.tasks);
  return found.length > 0 ? found : input.scope.workstream.tasks;
}

/** True when some task of the workstream depends on another of its tasks (itself aside). */
function hasTaskDependencies(tasks: WbsTask[]): boolean {
  const ids = new Set(tasks.map((t) => taskKey(t.id)));
  return tasks.some((t) => (t.dependsOn ?? []).some((d) => taskKey(d) !== taskKey(t.id) && ids.has(taskKey(d))));
}

/**
 * The critical path the WBS supports: the longest chain of workstream dependencies, then, within
 * the workstream, the chain of task dependencies `taskCriticalPath` finds; the tasks in WBS order
 * only when no task depends on another of the workstream's tasks.
 */
export function criticalPathText(input: PlanInput): string {
  const ws = input.scope.workstream;
  const chain = longestUpstreamChain(input.wbs, ws.id);
  const tasks = wbsTasks(input);
  const via = chain.length > 1 ? `${chain.join(' → ')} (longest chain of workstream dependencies in the WBS)` : `${ws.id} (no upstream workstreams)`;
  if (tasks.length === 0) return via;
  if (hasTaskDependencies(tasks)) return `${via}; within ${ws.id}, by task dependencies: ${taskCriticalPath(input.wbs, ws.id).join(' → ')}`;
  const elsewhere = tasks.some((t) => (t.dependsOn ?? []).length > 0);
  // Tasks that depend only on other workstreams' tasks have no order among themselves: no chain to invent.
  if (elsewhere) return `${via}; within ${ws.id}, the WBS states no order between the tasks, so they can run in parallel once their own dependencies are met: ${tasks.map((t) => t.id).join(', ')}`;
  return `${via}; within ${ws.id}, ${tasks.map((t) => t.id).join(' → ')} in WBS order (the WBS states no task-level dependencies)`;
}

/** An estimate as written, with its unit added when the unit came from a column header (`Est (h)`: "4" → "4h"). */
function estimateText(e: NonNullable<WbsTask['estimate']>): string {
  return /[a-z]/i.test(e.raw) || e.unit === '' ? e.raw : `${e.raw}${e.unit}`;
}

/** "W2.3 Payment gateway adapter (4h), depends on W2.1, W1.2". */
const taskLine = (t: WbsTask): string => {
  const deps = (t.dependsOn ?? []).length > 0 ? `, depends on ${t.dependsOn!.join(', ')}` : '';
  return `${t.id} ${t.title}${t.estimate ? ` (${estimateText(t.estimate)})` : ''}${deps}`;
};

function mesoRef(scope: WorkstreamScope, heading: string): MesoSectionRef | undefined {
  const want = normaliseHeadingForLink(heading);
  return scope.mesoSections.find((s) => normaliseHeadingForLink(s.heading) === want);
}

/**
 * One list item per traced meso heading: its link and, when the meso text was passed in, the
 * first lines of what the section says, quoted under the link.
 */
function mesoItems(input: PlanInput, headings: string[], quotedEarlier: (heading: string) => string | null = () => null): string[] {
  const src = mesoSource(input);
  return headings.map((h) => {
    const ref = mesoRef(input.scope, h);
    const link = `- ${ref ? ref.link : formatWikilink(input.scope.mesoLinkTarget, headingLinkText(h))}`;
    if (!src) return link;
    // Several modules often trace the same meso section: quote it once, then point back to it.
    const earlier = quotedEarlier(h);
    if (earlier) return `${link}

  Quoted under ${earlier}.`;
    const section = mesoSectionLines(src, h, ref?.line);
    if (section === null) return link;
    const quote = excerptBlockquote(section, '  ');
    return `${link}\n\n${quote ?? '  The meso-level plan has no text under this heading.'}`;
  });
}

function execBody(input: PlanInput): string {
  const ws = input.scope.workstream;
  const upstream = input.scope.upstream.map((id) => workstreamLabel(input.wbs, id));
  return [
    '**Purpose:**',
    '',
    todoCallout('One or two paragraphs on what this workstream delivers.'),
    '',
    '**Scope:**',
    '',
    todoCallout('What is included and what is explicitly excluded.'),
    '',
    `**Dependencies:** ${upstream.length > 0 ? `${upstream.join(', ')} must be complete first.` : `none: ${ws.id} depends on no other workstream.`}`,
    '',
    '**Exit Criteria:**',
    '',
    exitCriteriaSummary(input),
    '',
    '**Estimated Effort:**',
    `- Total Tasks: ${ws.tasks.length} (from WBS)`,
    `- WBS Estimates: ${formatTotals(workstreamEstimate(ws))}`,
    '- Estimated LOC: not estimated in this draft',
    '- Estimated Implementation Tokens: not estimated in this draft',
    `- Critical Path: ${criticalPathText(input)}`,
  ].join('\n');
}

function positionBody(input: PlanInput): string {
  const ws = input.scope.workstream;
  const n = input.wbs.workstreams.length;
  const index = input.wbs.workstreams.findIndex((w) => w.id === ws.id);
  const fact = index >= 0 ? `${ws.id} is workstream ${index + 1} of ${n} in the WBS, with ${ws.tasks.length} task${ws.tasks.length === 1 ? '' : 's'}.` : `${ws.id} has ${ws.tasks.length} tasks.`;
  return `${fact}\n\n${todoCallout('How this workstream fits into the project as a whole.')}`;
}

/** `- **Availability** (interface): GET /v1/berths/{id}/availability … — [[meso-level-plan#3.2 Interfaces]]` */
function interfaceItem(i: ScopeInterface): string {
  const summary = i.summary && foldName(i.summary) !== foldName(i.name) ? `: ${shorten(i.summary.replace(/^[^:]*:\s*/, ''), 160)}` : '';
  return `- **${i.name}** (${i.kind === 'interface' ? 'interface' : 'integration point'})${summary} — ${i.section.link}`;
}

function contractsBody(input: PlanInput): string {
  const { consumes, provides, workstream } = input.scope;
  const contracts = new Set([...consumes, ...provides].map((c) => c.line));
  const interfaces = (input.scope.interfaces ?? []).filter((i) => i.kind === 'interface' && !contracts.has(i.section.line));
  const lines: string[] = [];
  if (consumes.length === 0 && provides.length === 0 && interfaces.length === 0) lines.push(`The meso-level plan names no contract with ${workstream.id}.`);
  if (consumes.length > 0) lines.push('**Consumed:**', '', ...consumes.map((c) => `- ${c.from} → ${c.to}: ${c.link}`), '');
  if (provides.length > 0) lines.push('**Provided:**', '', ...provides.map((c) => `- ${c.from} → ${c.to}: ${c.link}`), '');
  if (interfaces.length > 0) lines.push(`**Interfaces in the meso-level plan's data and interface design that concern ${workstream.id}:**`, '', ...interfaces.map(interfaceItem), '');
  return `${lines.join('\n').trimEnd()}\n\n${todoCallout('The interfaces each contract fixes, and their types.')}`;
}

/** Section 6: the meso plan's integration points (and interfaces) that concern the workstream, to specify one by one. */
function integrationBody(input: PlanInput, hint: string): string {
  const all = input.scope.interfaces ?? [];
  if (all.length === 0) return todoCallout(hint);
  const id = input.scope.workstream.id;
  return [
    `The meso-level plan names these integration points and interfaces for ${id}; give each one a \`### 6.N\` subsection with its contract, integration point and tests:`,
    '',
    ...all.map(interfaceItem),
    '',
    todoCallout(hint),
  ].join('\n');
}

function moduleBody(input: PlanInput, part: PlanPart): string | null {
  const m = /^2\.(\d+)\.(\d+)$/.exec(part.key);
  if (!m) return null;
  const mod = input.outline.modules[Number(m[1]) - 1];
  if (mod && m[2] === '7') return successCriteriaBody(input, mod.taskIds, part.hint ?? 'Verifiable conditions under which the module is done.');
  if (!mod || m[2] !== '1') return todoCallout(part.hint ?? 'Content for this section.');
  const tasks = mod.taskIds.map((id) => {
    const t = input.scope.workstream.tasks.find((x) => x.id === id);
    return `- ${t ? taskLine(t) : id}`;
  });
  const index = Number(m[1]) - 1;
  const firstTracing = (h: string): string | null => {
    const want = normaliseHeadingForLink(h);
    const j = input.outline.modules.findIndex((other) => other.mesoHeadings.some((x) => normaliseHeadingForLink(x) === want));
    return j >= 0 && j < index ? `2.${j + 1}.1` : null;
  };
  const links = mesoItems(input, mod.mesoHeadings, firstTracing);
  return [
    mod.summary,
    '',
    '**WBS tasks:**',
    '',
    ...(tasks.length > 0 ? tasks : ['- none']),
    '',
    '**Meso-level plan:**',
    '',
    ...(links.length > 0 ? links.join('\n\n').split('\n') : ['- no meso heading traced']),
    '',
    todoCallout(part.hint ?? 'Purpose and responsibilities.'),
  ].join('\n');
}

function endpointBody(input: PlanInput, part: PlanPart): string | null {
  const m = /^3\.(\d+)$/.exec(part.key);
  if (!m) return null;
  const e = input.outline.endpoints[Number(m[1]) - 1];
  const source = e ? `${e.summary}\n\n` : '';
  return `${source}${todoCallout('Purpose, authentication, request, response, status codes and rate limiting.')}`;
}

/** `no (15)` → required "No", default "15"; anything else as written. */
function requiredAndDefault(v: ScopeEnvVar): { required: string | null; default: string | null } {
  const m = v.required ? /^(yes|no|required|optional|true|false)\b\s*(?:\((.*)\))?/i.exec(v.required.trim()) : null;
  if (!m) return { required: v.required, default: v.default };
  const required = /^(?:yes|required|true)$/i.test(m[1]!) ? 'Yes' : 'No';
  return { required, default: v.default ?? m[2]?.trim() ?? null };
}

/**
 * 5.1: the environment variables the micro plan's "Configuration and Secrets" lists for the
 * workstream (its cells filled in where the note says), then the names in the workstream's meso
 * sections that look like environment variables, as the output format's table with `TODO` for
 * what the notes do not say, and the placeholder callout kept so the draft stays a draft.
 */
function envVarsBody(input: PlanInput, hint: string): string {
  const id = input.scope.workstream.id;
  const t = TODO_CELL;
  const fromMicro = input.scope.envVars ?? [];
  const src = mesoSource(input);
  const fromMeso = src ? envVarNames(src, input.scope.mesoSections).filter((n) => !fromMicro.some((v) => v.name === n)) : [];
  if (fromMicro.length === 0 && fromMeso.length === 0) {
    // Nothing read, nothing said; what was searched is named, without claiming there are none.
    if (!src && input.scope.envVars === undefined) return todoCallout(hint);
    const searched = [
      ...(input.scope.envVars !== undefined ? [`the micro-level plan's Configuration and Secrets lists nothing that ${id}'s modules read`] : []),
      ...(src ? [`the meso-level plan's sections on ${id} name nothing that looks like an environment variable`] : []),
    ].join('; ');
    return `${searched.charAt(0).toUpperCase()}${searched.slice(1)}.\n\n${todoCallout(hint)}`;
  }
  const cell = (v: string | null): string => (v === null || v.trim() === '' ? t : v.replace(/\|/g, '\\|'));
  const rows = [
    ...fromMicro.map((v) => {
      const rd = requiredAndDefault(v);
      const description = v.description ?? (v.usedBy ? `Read by ${v.usedBy}.` : null);
      return `| \`${v.name}\` | ${cell(rd.required)} | ${cell(rd.default)} | ${cell(description)} | ${cell(v.validation)} |`;
    }),
    ...fromMeso.map((n) => `| \`${n}\` | ${t} | ${t} | ${t} | ${t} |`),
  ];
  const sources: string[] = [];
  for (const v of fromMicro) sources.push(`- \`${v.name}\`: ${v.source}, line ${v.line}${v.attributed ? '' : ' (the note does not say which module reads it)'}`);
  if (fromMeso.length > 0) sources.push(`- ${fromMeso.map((n) => `\`${n}\``).join(', ')}: named in the meso-level plan's sections on ${id}, where they look like environment variables (UPPER_SNAKE_CASE)`);
  return [
    '| Variable | Required | Default | Description | Validation |',
    '|----------|----------|---------|-------------|------------|',
    ...rows,
    '',
    'Where each comes from:',
    '',
    ...sources,
    '',
    todoCallout(`Fill in every ${t} cell, remove variables ${id} does not read, and add those the notes do not name.`),
  ].join('\n');
}

function uowBody(input: PlanInput): string {
  const tasks = input.scope.workstream.tasks;
  const width = Math.max(2, String(tasks.length).length);
  const lines = tasks.map((t, i) => `- U${String(i + 1).padStart(width, '0')}: ${t.id} ${t.title}`);
  return `${lines.length > 0 ? `One unit of work per WBS task, as a starting point:\n\n${lines.join('\n')}` : 'The WBS lists no tasks.'}\n\n${todoCallout('Merge or split these where the specification suggests other boundaries.')}`;
}

function complexityBody(input: PlanInput): string {
  const ws = input.scope.workstream;
  const missing = ws.tasks.filter((t) => !t.estimate).map((t) => t.id);
  return [
    `- Total tasks: ${ws.tasks.length}`,
    `- WBS estimates, summed per unit: ${formatTotals(workstreamEstimate(ws))}`,
    ...(missing.length > 0 ? [`- Tasks without an estimate: ${missing.join(', ')}`] : []),
    `- Critical path: ${criticalPathText(input)}`,
    '',
    todoCallout('Lines of code and implementation tokens.'),
  ].join('\n');
}

/**
 * Appendix A when the planning notes leave questions open that this workstream plans on (or notes):
 * each assumption with its validation and source line, then the deferred and not-blocking questions
 * that concern it. Null when there are none.
 */
export function assumptionsAppendix(input: PlanInput): string | null {
  const all = input.scope.assumptions ?? [];
  if (all.length === 0) return null;
  const id = input.scope.workstream.id;
  const assumed = all.filter((a) => a.kind === 'assumption');
  const noted = all.filter((a) => a.kind !== 'assumption');
  const lines: string[] = [ASSUMPTIONS_APPENDIX_HEADING, ''];
  if (assumed.length > 0) {
    lines.push(`The planning notes leave these questions open; ${id} is planned on the assumption each proposes. Revisit the plan when one is validated otherwise.`, '');
    for (const a of assumed) lines.push(`- ${describeCarried(a)}`);
    lines.push('');
  }
  if (noted.length > 0) {
    lines.push(`Open questions that concern ${id} but do not block it:`, '');
    for (const a of noted) lines.push(`- ${describeCarried(a)}`);
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

/** The heading of the appendix that lists the carried assumptions. */
export const ASSUMPTIONS_APPENDIX_HEADING = '### Appendix A: Assumptions and Open Questions';

function appendicesBody(input: PlanInput, hint: string): string {
  const appendix = assumptionsAppendix(input);
  if (appendix === null) return todoCallout(hint);
  return `${appendix}\n\n${todoCallout('Further supporting material, each under `### Appendix B: <title>` and onwards, or remove this callout if there is none.')}`;
}

/** The workstream's (epic's) exit criteria from the WBS, and whether any task states its own. */
function wbsExits(input: PlanInput): { epic: string | null; tasks: WbsTask[] } {
  const defs = findWorkstreams(input.wbs, input.scope.workstream.id);
  const epic = defs.map((w) => w.exit).find((e): e is string => !!e && e.trim() !== '') ?? null;
  return { epic, tasks: wbsTasks(input).filter((t) => t.exit && t.exit.trim() !== '') };
}

/** A criterion as written, capitalised, without its closing full stop (a note in brackets follows it). */
const criterion = (s: string): string => {
  const t = s.trim().replace(/\s+/g, ' ').replace(/[.;]+$/, '');
  return t.charAt(0).toUpperCase() + t.slice(1);
};

/** The executive summary's exit criteria: the epic's, from the WBS (else the tasks'), or the placeholder when it states none. */
function exitCriteriaSummary(input: PlanInput): string {
  const { epic, tasks } = wbsExits(input);
  if (epic) return `${criterion(epic)} (the WBS's exit criteria for ${workstreamLabel(input.wbs, input.scope.workstream.id)}; each task's own are in its module's success criteria).`;
  if (tasks.length > 0) return ['The WBS states exit criteria per task:', '', ...tasks.map((t) => `- ${t.id}: ${criterion(t.exit!)}`)].join('\n');
  return todoCallout('The high-level success criteria from the WBS.');
}

/** 2.N.7: the exit criteria of the module's tasks as checkboxes, then the placeholder for the rest. */
function successCriteriaBody(input: PlanInput, taskIds: readonly string[], hint: string): string {
  const exits = wbsTasks(input).filter((t) => taskIds.includes(t.id) && t.exit && t.exit.trim() !== '');
  if (exits.length === 0) return todoCallout(hint);
  return [
    ...exits.map((t) => `- [ ] ${criterion(t.exit!)} (exit criterion of ${t.id} in the WBS)`),
    '',
    todoCallout('The remaining verifiable conditions: functional, non-functional, tests, documentation, integration.'),
  ].join('\n');
}

/** 10.1: the epic's and the tasks' exit criteria from the WBS as checkboxes, then the placeholder. */
function functionalBody(input: PlanInput, hint: string): string {
  const { epic, tasks } = wbsExits(input);
  if (!epic && tasks.length === 0) return todoCallout(hint);
  const id = input.scope.workstream.id;
  return [
    ...(epic ? [`- [ ] ${criterion(epic)} (exit criteria of ${workstreamLabel(input.wbs, id)} in the WBS)`] : []),
    ...tasks.map((t) => `- [ ] ${criterion(t.exit!)} (${t.id})`),
    '',
    todoCallout(hint),
  ].join('\n');
}

/** The body the offline provider writes for a model-owned part. */
export function offlineBody(input: PlanInput, part: PlanPart): string {
  switch (part.key) {
    case 'exec':
      return execBody(input);
    case '1.1':
      return positionBody(input);
    case '1.4':
      return contractsBody(input);
    case '6':
      return integrationBody(input, part.hint ?? 'Integrations between modules.');
    case '10.1':
      return functionalBody(input, part.hint ?? 'Features working as specified.');
    case '5.1':
      return envVarsBody(input, part.hint ?? 'The environment variables.');
    case '11.2':
      return uowBody(input);
    case '11.3':
      return complexityBody(input);
    case 'appendices':
      return appendicesBody(input, part.hint ?? 'Supporting material.');
    default:
      return moduleBody(input, part) ?? endpointBody(input, part) ?? todoCallout(part.hint ?? 'Content for this section.');
  }
}

/**
 * Section 3's own text: the core's (the no-endpoints sentence, or nothing when the outline lists
 * endpoints), then the paths that may be endpoints whose method the sources do not state.
 */
function apiContractsIntro(input: PlanInput, core: string): string {
  const possible = possibleEndpointsCallout(input);
  return possible ? [core, possible].filter((t) => t !== '').join('\n\n') : core;
}

/** The offline draft of the plan note (status `draft`, 11.1 unticked until the checker runs). */
export function renderOfflineDraft(input: PlanInput): string {
  return planParts(input, 'draft', { banner: OFFLINE_DRAFT_BANNER })
    .map((p) => {
      if (p.owner === 'model') return renderPart(p, offlineBody(input, p));
      return renderPart(p, p.key === '3' ? apiContractsIntro(input, p.coreBody ?? '') : (p.coreBody ?? ''));
    })
    .join('');
}
