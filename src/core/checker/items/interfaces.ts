import { hasCodeBlock } from '../content';
import type { ReadinessCheck } from '../context';
import { checkModuleSubsections } from '../module-subsections';

/** Every module's `.2 Public Interfaces` holds a fenced code block with its signatures. */
export const interfaces: ReadinessCheck = {
  id: 'interfaces',
  check: (ctx) =>
    checkModuleSubsections(ctx, {
      id: 'interfaces',
      index: 2,
      title: 'Public Interfaces',
      satisfied: hasCodeBlock,
      missing: 'fenced code block with the interface signatures',
    }),
};
