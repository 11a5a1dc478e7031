/** The readiness checker's public surface, for the planner and the adapters. */
export { checkPlan, type CheckPlanInput } from './check-plan';
export { isPlanNote } from './is-plan-note';
export { READINESS_CHECKLIST, renderReadinessChecklist, replaceReadinessChecklist } from './readiness-checklist';
export { findPlaceholders, OFFLINE_DRAFT_TITLE, TODO_CELL, type Placeholder, type PlaceholderKind } from './placeholders';
export { MAX_COMPLETENESS_REASONS } from './items/completeness';
