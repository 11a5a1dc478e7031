export { computeScope, type ComputeScopeArgs } from './compute-scope';
export { findEndpoints, type Endpoint } from './endpoints';
export { parseMesoMentions } from './meso-mentions';
export { namesWorkstream } from './names-workstream';
export { sectionText, splitSections, type NoteSection } from './sections';
