/** Shared inputs of the anthropic provider tests: a planning set, a scope, units, timers and a client on the local server. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanningNote, PlanningSet } from '../../../../src/core/contracts/planning-set';
import type { Role } from '../../../../src/core/contracts/settings';
import type { PlanUnit } from '../../../../src/core/generation/units';
import { buildContext, type PlannerContext, type UpstreamPlan } from '../../../../src/core/providers/anthropic/context';
import { createAnthropicClient } from '../../../../src/core/providers/anthropic/client';
import type { Timers } from '../../../../src/core/providers/anthropic/stream-call';
import { ScopeBuilder } from '../../../support/builders/ScopeBuilder';

/** A key the tests look for in every message, body and record. */
export const API_KEY = 'sk-ant-api03-TESTKEY-abcdef0123456789-do-not-leak';

export const TEMPLATE = readFileSync(join(__dirname, '..', '..', '..', '..', 'src', 'prompts', 'planner-instructions.md'), 'utf8');

export const realTimers: Timers = {
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

const note = (role: Role, path: string, text: string): PlanningNote => ({
  role,
  path,
  foundBy: 'default-path',
  text,
  meta: { frontmatter: null, frontmatterError: null, bodyStartLine: 1, headings: [] },
});

/** Every note of the test vault: the planning set plus notes that must never be sent. */
export const VAULT_NOTES: Record<string, string> = {
  'research/project-planning/PRD.md': '# PRD\n\nInvoices must be issued monthly. ' + 'Requirement text. '.repeat(40),
  'research/project-planning/macro-level-plan.md': '# Macro\n\nThree workstreams. ' + 'Macro text. '.repeat(40),
  'research/project-planning/meso-level-plan.md':
    '---\nversion: 1.2\nworkstream_plans:\n  - "[[Planning/W1-micro-level-plan]]"\n  - "[[Planning/W2-micro-level-plan]]"\nplanner:\n  last: W2\n---\n# Meso\n\n## 4. W2: Billing\n\n### 4.1 W2 Invoice Service\n\n![[diagram.png]]\n\n' +
    'Meso text. '.repeat(60),
  'research/project-planning/micro-level-plan.md': '# Micro\n\n## W2: Billing\n- W2.1 Invoice service data model\n' + 'WBS text. '.repeat(40),
  '04-Agent-Reference-Files/Code-Standards.md': '# Standards\n\nUse result types. ' + 'Standard. '.repeat(30),
  'Private/diary.md': '# Diary\n\nSECRET-DIARY-CONTENT must never leave the vault.',
  'Planning/W3-micro-level-plan.md': '# W3 plan\n\nDOWNSTREAM-PLAN-CONTENT',
};

const ROLE_OF: Record<string, Role> = {
  'research/project-planning/PRD.md': 'prd',
  'research/project-planning/macro-level-plan.md': 'macro',
  'research/project-planning/meso-level-plan.md': 'meso',
  'research/project-planning/micro-level-plan.md': 'micro',
  '04-Agent-Reference-Files/Code-Standards.md': 'codeStandards',
};

export function planningSet(overrides: Partial<Record<string, string>> = {}): PlanningSet {
  const notes: PlanningSet['notes'] = {};
  for (const [path, role] of Object.entries(ROLE_OF)) notes[role] = note(role, path, overrides[path] ?? VAULT_NOTES[path]!);
  return { project: { path: '01-Projects/Tidewater.md', name: 'Tidewater' }, folder: null, notes, missing: ['pitfalls'], warnings: [] };
}

export const UPSTREAM: UpstreamPlan[] = [
  { workstreamId: 'W1', path: 'Planning/W1-micro-level-plan.md', text: '---\nstatus: ready_for_decomposition\nplanner:\n  outline: {}\n---\n# W1 plan\n\nUPSTREAM-W1-CONTENT' },
  { workstreamId: 'W3', path: 'Planning/W3-micro-level-plan.md', text: VAULT_NOTES['Planning/W3-micro-level-plan.md']! },
];

export function context(opts: { builder?: ScopeBuilder; set?: PlanningSet; includeUpstreamPlans?: boolean; budgetTokens?: number } = {}): PlannerContext {
  const builder = opts.builder ?? new ScopeBuilder();
  const result = buildContext({
    set: opts.set ?? planningSet(),
    scope: builder.build(),
    template: TEMPLATE,
    upstreamPlans: UPSTREAM,
    includeUpstreamPlans: opts.includeUpstreamPlans ?? true,
    budgetTokens: opts.budgetTokens ?? 150_000,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

export function unit(n: number, name: string): PlanUnit {
  return {
    key: `module-2.${n}`,
    kind: 'model',
    top: { heading: `### 2.${n} ${name}`, level: 3 },
    parts: [
      { number: `2.${n}.1`, heading: `#### 2.${n}.1 Purpose and Responsibilities`, level: 4, owner: 'model', hint: 'What the module does and why.' },
      { number: `2.${n}.2`, heading: `#### 2.${n}.2 Public Interfaces`, level: 4, owner: 'model' },
    ],
    label: `Section 2.${n} ${name}`,
  };
}

export function client(baseURL: string, extra: { maxRetries?: number } = {}) {
  return createAnthropicClient({ apiKey: API_KEY, baseURL, ...extra });
}

/** Drains a generator, returning what it yielded and what it returned (or threw). */
export async function drain<Y, R>(gen: AsyncGenerator<Y, R>): Promise<{ items: Y[]; result?: R; error?: unknown }> {
  const items: Y[] = [];
  try {
    let step = await gen.next();
    while (!step.done) {
      items.push(step.value);
      step = await gen.next();
    }
    return { items, result: step.value };
  } catch (error) {
    return { items, error };
  }
}
