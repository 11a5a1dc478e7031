import type { Estimate } from '../../contracts/wbs';
import type { EpicKey } from '../epic-label';
import type { WbsDocument } from '../wbs-document';

/** A task as a shape reads it, before ids and references are resolved. */
export interface TaskDraft {
  /** The id the note writes (`2.3`, `W2.1`); absent when the note names the task by position only. */
  id?: string;
  title: string;
  line: number;
  estimate?: Estimate;
  /** The dependency cell or clause as written (`Task 2.1, 1.4`, `Epic 2 complete`, `User input`). */
  deps?: string;
  /** Task ids named in the title itself (`(after W1.1)`). */
  inlineDeps?: string[];
  exit?: string;
}

/** An epic as a shape reads it. */
export interface EpicDraft {
  /** `Epic 2`, `Epic B`, `E3`. */
  label: string;
  key: EpicKey;
  name: string;
  line: number;
  format: 'heading' | 'list';
  tasks: TaskDraft[];
  entry?: { text: string; line: number };
  exit?: string;
  /** Dependency statements in the epic's text (`Depends on: Epic 1`). */
  statements: Array<{ text: string; line: number }>;
}

/**
 * One way of writing a WBS of epics: one file per shape, registered in `EPIC_SHAPES`. A shape
 * reads the WBS section of the note and returns the epics written its way, in line order; it never
 * throws and returns `[]` when the note does not use it.
 */
export interface EpicShape {
  /** What the shape looks like, for the README and test names. */
  name: string;
  read(doc: WbsDocument): EpicDraft[];
}
