import { hasCodeBlock, hasTable } from '../content';
import type { ReadinessCheck } from '../context';
import { checkModuleSubsections } from '../module-subsections';

/** Every module's `.3 Data Models` holds a code block or a table. */
export const dataModels: ReadinessCheck = {
  id: 'data-models',
  check: (ctx) =>
    checkModuleSubsections(ctx, {
      id: 'data-models',
      index: 3,
      title: 'Data Models',
      satisfied: (t) => hasCodeBlock(t) || hasTable(t),
      missing: 'code block or table defining the data models',
    }),
};
