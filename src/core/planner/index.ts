export * from './plan-workstream';
export * from './list-workstreams';
export * from './check-plan-note';
export * from './planning-context';
export * from './prepare-plan';
export * from './list-planning-sets';
