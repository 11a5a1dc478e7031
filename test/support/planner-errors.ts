import type { PlannerError } from '../../src/core/contracts/errors';

type Samples = { [K in PlannerError['kind']]: Array<Extract<PlannerError, { kind: K }>> };

/**
 * At least one failure of every kind (the type makes a new kind a compile error here until it has
 * one), with the variants that change the wording: a path or none, a role or none, one batch or more.
 */
export const ERROR_SAMPLES: Samples = {
  'bad-workstream-id': [{ kind: 'bad-workstream-id', input: 'Wx' }],
  'unknown-workstream': [
    { kind: 'unknown-workstream', id: 'W9', known: ['W1', 'W2'] },
    { kind: 'unknown-workstream', id: 'W9', known: [] },
  ],
  'missing-note': [
    { kind: 'missing-note', role: 'meso', path: 'Planning/meso.md' },
    { kind: 'missing-note', role: 'micro', path: null, near: ['P/Planning'] },
    { kind: 'missing-note', role: 'prd', path: null },
  ],
  'unreadable-note': [
    { kind: 'unreadable-note', role: 'meso', file: 'Planning/meso.md', reason: 'missing' },
    { kind: 'unreadable-note', role: 'micro', file: 'Planning/micro', reason: 'is-folder' },
    { kind: 'unreadable-note', role: null, file: 'x.png', reason: 'binary' },
    { kind: 'unreadable-note', role: 'prd', file: 'prd.md', reason: 'not-utf8', line: 7 },
  ],
  'ambiguous-role': [{ kind: 'ambiguous-role', role: 'micro', candidates: ['a.md', 'b.md'], setting: 'paths.micro' }],
  'ambiguous-project': [{ kind: 'ambiguous-project', candidates: ['A.md', 'B.md'] }],
  'ambiguous-planning-set': [{ kind: 'ambiguous-planning-set', candidates: [{ folder: 'A/Planning', project: 'A' }, { folder: '', project: 'Root' }], within: 'Projects' }],
  'no-planning-set': [
    { kind: 'no-planning-set', target: 'P', incomplete: [] },
    { kind: 'no-planning-set', target: 'P', incomplete: [{ folder: 'P/Planning', missing: 'micro-level-plan note' }] },
  ],
  'project-not-found': [{ kind: 'project-not-found', path: 'Projects/P.md' }],
  'plan-exists': [{ kind: 'plan-exists', file: 'Planning/W2.md' }],
  'plan-of-other-project': [{ kind: 'plan-of-other-project', file: 'Planning/W2.md', project: 'Other' }],
  'nothing-to-resume': [{ kind: 'nothing-to-resume', file: 'Planning/W2.md' }],
  'write-failed': [{ kind: 'write-failed', file: 'Planning/W2.md', detail: 'EACCES: permission denied.' }],
  'bad-frontmatter': [{ kind: 'bad-frontmatter', file: 'Planning/meso.md', line: 3, detail: 'bad indentation of a mapping entry' }],
  'bad-settings': [{ kind: 'bad-settings', file: '.obsidian/plugins/workstream-planner/data.json', detail: 'concurrency: expected number' }],
  'note-not-a-plan': [{ kind: 'note-not-a-plan', file: 'Notes/x.md', detail: 'it has no workstream in its frontmatter' }],
  'context-too-large': [{ kind: 'context-too-large', message: 'The planning notes come to about 250000 tokens, more than the context budget of 150000.' }],
  'cost-cap': [{ kind: 'cost-cap', estimateUsd: 2.5, capUsd: 1 }],
  'api-failure': [{ kind: 'api-failure', failure: { kind: 'overloaded', message: 'The API is overloaded (529) and stayed so after 4 tries.' } }],
  'no-api-key': [{ kind: 'no-api-key' }],
  'unknown-model': [
    { kind: 'unknown-model', model: 'claude-x', available: ['claude-sonnet-4-5'] },
    { kind: 'unknown-model', model: 'claude-2', available: [], retiredOn: '2025-07-21' },
  ],
  'no-price': [{ kind: 'no-price', model: 'claude-x' }],
  'plan-all-in-progress': [
    { kind: 'plan-all-in-progress', workstreams: ['W2'], batches: ['msgbatch_1'] },
    { kind: 'plan-all-in-progress', workstreams: ['W2', 'W3'], batches: ['msgbatch_1', 'msgbatch_2'] },
  ],
};

export const ALL_ERROR_SAMPLES: PlannerError[] = Object.values(ERROR_SAMPLES).flat();
