export { ReadinessView, READINESS_VIEW_TYPE, READINESS_VIEW_ICON, REFRESH_DEBOUNCE_MS } from './ReadinessView';
export type { ReadinessViewDeps, PlanProgressSource, PanelState } from './ReadinessView';
export { activateReadinessView, openNoteAtLine } from './activate';
export { RUN_STATUS_LABELS, planAllBar, type PlanAllProgressSource, type PlanAllSnapshot, type RowProgress } from './plan-all-model';
