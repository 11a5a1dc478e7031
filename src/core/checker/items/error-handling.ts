import { hasList, hasTable } from '../content';
import type { ReadinessCheck } from '../context';
import { checkModuleSubsections } from '../module-subsections';

/** Every module's `.5 Error Handling` lists its failures, as a table or a list. */
export const errorHandling: ReadinessCheck = {
  id: 'error-handling',
  check: (ctx) =>
    checkModuleSubsections(ctx, {
      id: 'error-handling',
      index: 5,
      title: 'Error Handling',
      satisfied: (t) => hasTable(t) || hasList(t),
      missing: 'table or list of expected failures',
    }),
};
