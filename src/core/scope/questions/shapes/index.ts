/**
 * The ways authors write a question's facts, one file each. Every shape reads every item; where two
 * report the same single fact the first in this list wins, and what they say it blocks adds up.
 * A new convention is one file in this folder plus one entry here.
 */
import { factLabels } from './fact-labels';
import { parenLabel } from './paren-label';
import type { QuestionShape } from './shape';
import { statusWords } from './status-words';
import { tableColumns } from './table-columns';

export type { QuestionShape } from './shape';

export const QUESTION_SHAPES: readonly QuestionShape[] = [parenLabel, factLabels, tableColumns, statusWords];
