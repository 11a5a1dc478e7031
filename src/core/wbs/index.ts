export { parseEstimate, normaliseUnit, sumEstimates, type ParseEstimateOptions } from './estimates';
export { findWorkstreams, parseWbs, parseWorkstreamRef } from './parse-wbs';
export { normaliseWorkstreamId, scanWorkstreamTokens, workstreamOfTaskId, type WorkstreamToken } from './workstream-id';
