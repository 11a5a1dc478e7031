import type { DependencySource } from '../../contracts/wbs';

/** `to` depends on `from`, as one line of one note states it. */
export interface DependencyEdge {
  from: string;
  to: string;
  line: number;
  source: DependencySource['source'];
  /** How the ends were named: by label or number (`Epic 2`, `2)`, `B`), or by name. */
  by: Array<{ id: string; by: 'number' | 'name'; number?: number }>;
}
