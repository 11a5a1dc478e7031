/** Generation with a model: units, the section transform, events and their reducer, the ordered writer and the runner. */
export * from './units';
export * from './section-transform';
export * from './plan-events';
export * from './plan-state';
export * from './timers';
export * from './ordered-writer';
export * from './run-units';
