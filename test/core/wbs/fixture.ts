import { readFileSync } from 'fs';
import { join } from 'path';

/** The WBS fixtures, one per format; a typo in a name fails to compile. */
export type WbsFixture =
  | 'heading-list'
  | 'heading-table'
  | 'summary-table'
  | 'mixed'
  | 'workstream-name-id'
  | 'task-id-styles'
  | 'dependencies'
  | 'task-dependencies'
  | 'estimates'
  | 'duplicates'
  | 'code-blocks'
  | 'empty'
  | 'ws-prefixed-ids'
  | 'mid-line-dependencies';

export function readWbsFixture(name: WbsFixture): string {
  return readFileSync(join(__dirname, '../../fixtures/wbs', `${name}.md`), 'utf8');
}
