/** Every readiness item, in the order of READINESS_ITEM_IDS. */
import type { ReadinessCheck } from '../context';
import { apiContracts } from './api-contracts';
import { completeness } from './completeness';
import { dataModels } from './data-models';
import { dependencies } from './dependencies';
import { envVars } from './env-vars';
import { errorHandling } from './error-handling';
import { frontmatter } from './frontmatter';
import { interfaces } from './interfaces';
import { tests } from './tests';
import { traceability } from './traceability';
import { unknownIds } from './unknown-ids';
import { wbsCoverage } from './wbs-coverage';

export const READINESS_CHECKS: readonly ReadinessCheck[] = [
  frontmatter,
  wbsCoverage,
  unknownIds,
  interfaces,
  dataModels,
  apiContracts,
  errorHandling,
  tests,
  envVars,
  dependencies,
  traceability,
  completeness,
];
