/**
 * The escalation rules, in the order `detectEscalations` runs them and the escalation note lists
 * their findings: missing inputs first, then the WBS's own problems, then the meso plan's.
 * A new rule is one file in this folder plus one entry here.
 */
import type { EscalationRule } from '../context';
import { conflictingName } from './conflicting-name';
import { dependencyCycle } from './dependency-cycle';
import { duplicateTask } from './duplicate-task';
import { duplicateWorkstream } from './duplicate-workstream';
import { mesoMissing } from './meso-missing';
import { mesoSilent } from './meso-silent';
import { noTasks } from './no-tasks';
import { undefinedDependency } from './undefined-dependency';
import { unresolvedDecision } from './unresolved-decision';
import { workstreamNotInWbs } from './workstream-not-in-wbs';

export interface NamedRule {
  /** The rule's file name, also written to `Escalation.rule`. */
  name: string;
  check: EscalationRule;
}

export const ESCALATION_RULES: readonly NamedRule[] = [
  { name: 'meso-missing', check: mesoMissing },
  { name: 'meso-silent', check: mesoSilent },
  { name: 'workstream-not-in-wbs', check: workstreamNotInWbs },
  { name: 'no-tasks', check: noTasks },
  { name: 'duplicate-workstream', check: duplicateWorkstream },
  { name: 'duplicate-task', check: duplicateTask },
  { name: 'undefined-dependency', check: undefinedDependency },
  { name: 'dependency-cycle', check: dependencyCycle },
  { name: 'unresolved-decision', check: unresolvedDecision },
  { name: 'conflicting-name', check: conflictingName },
];
