import * as fs from 'node:fs';
import * as path from 'node:path';
import { EscalationSchema } from '../../../src/core/contracts/escalation';
import type { EscalationContext } from '../../../src/core/escalation/context';
import { detectEscalations } from '../../../src/core/escalation/detect-escalations';
import { ESCALATION_RULES } from '../../../src/core/escalation/rules';
import { MesoPlanBuilder } from '../../support/builders/MesoPlanBuilder';
import { WbsBuilder } from '../../support/builders/WbsBuilder';
import { contextFrom } from './context-from-markdown';

const RULES_DIR = path.join(__dirname, '../../../src/core/escalation/rules');

/** One input per rule that trips that rule. */
const TRIGGERS: Record<string, () => EscalationContext> = {
  'meso-missing': () => contextFrom({ meso: null }),
  'meso-silent': () => contextFrom({ meso: '# Meso\n\n## W1: Platform Foundation\n\nRepository layout.\n' }),
  'workstream-not-in-wbs': () => contextFrom({ wbs: new WbsBuilder().without('W2').withDependsOn('W3', ['W1']).build() }),
  'no-tasks': () => contextFrom({ wbs: new WbsBuilder().withTasks('W2', []).build() }),
  'duplicate-workstream': () =>
    contextFrom({ wbs: new WbsBuilder().withExtraWorkstream('W2', 'Again', { tasks: [{ id: 'T9', title: 'x' }] }).build() }),
  'duplicate-task': () =>
    contextFrom({
      wbs: new WbsBuilder().withTasks('W2', [{ id: 'T1', title: 'a' }]).withTasks('W3', [{ id: 'T1', title: 'a' }]).build(),
    }),
  'undefined-dependency': () => contextFrom({ wbs: new WbsBuilder().withDependsOn('W2', ['W9']).build() }),
  'dependency-cycle': () => contextFrom({ wbs: new WbsBuilder().withDependsOn('W1', ['W2']).build() }),
  'unresolved-decision': () => contextFrom({ meso: new MesoPlanBuilder().withLines('W2 Data model', 'Keys: TBD').build() }),
  'conflicting-name': () => contextFrom({ meso: new MesoPlanBuilder().withHeading('W2: Inspection API', 'W2: Billing').build() }),
};

describe('detectEscalations', () => {
  it('lists one rule per file in the rules folder, each named after its file', () => {
    const files = fs
      .readdirSync(RULES_DIR)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(ESCALATION_RULES.map((r) => r.name).sort()).toEqual(files);
  });

  it('runs the rules in a fixed order', () => {
    expect(ESCALATION_RULES.map((r) => r.name)).toEqual([
      'meso-missing',
      'meso-silent',
      'workstream-not-in-wbs',
      'no-tasks',
      'duplicate-workstream',
      'duplicate-task',
      'undefined-dependency',
      'dependency-cycle',
      'unresolved-decision',
      'conflicting-name',
    ]);
  });

  it('has a trigger case for every rule', () => {
    expect(Object.keys(TRIGGERS).sort()).toEqual(ESCALATION_RULES.map((r) => r.name).sort());
  });

  it.each(ESCALATION_RULES.map((r) => r.name))('wires %s: its findings come back, tagged with its name', (name) => {
    const found = detectEscalations(TRIGGERS[name]!());
    expect(found.map((e) => e.rule)).toContain(name);
    for (const e of found) {
      expect(EscalationSchema.safeParse(e).success).toBe(true);
      expect(e.blocker.length).toBeGreaterThan(20);
      expect(e.recommendation.length).toBeGreaterThan(20);
    }
  });

  it('returns nothing for inputs that are fit to plan from', () => {
    for (const id of ['W1', 'W2', 'W3']) expect(detectEscalations(contextFrom({ workstreamId: id }))).toEqual([]);
  });

  it('returns nothing for the example vault', () => {
    const dir = path.join(__dirname, '../../../examples/vault/research/project-planning');
    const wbs = fs.readFileSync(path.join(dir, 'micro-level-plan.md'), 'utf8');
    const meso = fs.readFileSync(path.join(dir, 'meso-level-plan.md'), 'utf8');
    for (const id of ['W1', 'W2', 'W3']) expect(detectEscalations(contextFrom({ workstreamId: id, wbs, meso }))).toEqual([]);
  });

  it('keeps the fixed order across rules', () => {
    const ctx = contextFrom({
      wbs: new WbsBuilder().withDependsOn('W2', ['W1', 'W9']).build(),
      meso: new MesoPlanBuilder().withLines('W2 Data model', 'Keys: TBD').build(),
    });
    expect(detectEscalations(ctx).map((e) => e.rule)).toEqual(['undefined-dependency', 'unresolved-decision']);
  });
});
