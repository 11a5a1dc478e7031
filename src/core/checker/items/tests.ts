import { hasCheckbox } from '../content';
import type { ReadinessCheck } from '../context';
import { checkModuleSubsections } from '../module-subsections';

/** Every module's `.6 Testing Requirements` has checkbox items (`- [ ]` or `- [x]`). */
export const tests: ReadinessCheck = {
  id: 'tests',
  check: (ctx) =>
    checkModuleSubsections(ctx, {
      id: 'tests',
      index: 6,
      title: 'Testing Requirements',
      satisfied: hasCheckbox,
      missing: 'checkbox items (`- [ ]`) listing the tests',
    }),
};
