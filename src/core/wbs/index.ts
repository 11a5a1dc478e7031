export { parseContractHeading, parseContractHeadingAll, type ContractHeading } from './contract-heading';
export { parseEstimate, normaliseUnit, sumEstimates, type ParseEstimateOptions } from './estimates';
export { findWorkstreams, parseWbs, parseWorkstreamRef } from './parse-wbs';
export { taskCriticalPath } from './task-critical-path';
export { splitTaskDependencies } from './wbs-lines';
export {
  normaliseWorkstreamId,
  scanTaskIds,
  scanWorkstreamTokens,
  taskIdKey,
  workstreamOfTaskId,
  type WorkstreamToken,
} from './workstream-id';
