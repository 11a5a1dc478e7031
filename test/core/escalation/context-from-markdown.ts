/** Builds an `EscalationContext` the way the planner does: by running the real parsers on Markdown. */
import type { EscalationContext } from '../../../src/core/escalation/context';
import { parseHeadings } from '../../../src/core/markdown/headings';
import { parseMesoMentions } from '../../../src/core/scope/meso-mentions';
import { parseWbs } from '../../../src/core/wbs/parse-wbs';
import { MesoPlanBuilder } from '../../support/builders/MesoPlanBuilder';
import { WbsBuilder } from '../../support/builders/WbsBuilder';

export const MESO_PATH = 'research/project-planning/meso-level-plan.md';
export const MESO_LINK = 'research/project-planning/meso-level-plan';
export const WBS_PATH = 'research/project-planning/micro-level-plan.md';

export interface ContextArgs {
  workstreamId?: string;
  /** WBS Markdown; a default `WbsBuilder` when absent. */
  wbs?: string;
  /** Meso Markdown; a default `MesoPlanBuilder` when absent; null for "no meso plan". */
  meso?: string | null;
  /** Pass the WBS text as `wbsSource` (default true). */
  withWbsSource?: boolean;
}

export function contextFrom(args: ContextArgs = {}): EscalationContext {
  const wbsText = args.wbs ?? new WbsBuilder().build();
  const mesoText = args.meso === undefined ? new MesoPlanBuilder().build() : args.meso;
  const ctx: EscalationContext = {
    workstreamId: args.workstreamId ?? 'W2',
    wbs: parseWbs(wbsText),
    mesoMentions: mesoText === null ? [] : parseMesoMentions(mesoText),
    meso: mesoText === null ? null : { path: MESO_PATH, text: mesoText, headings: parseHeadings(mesoText) },
    mesoLinkTarget: mesoText === null ? null : MESO_LINK,
  };
  if (args.withWbsSource !== false) ctx.wbsSource = { path: WBS_PATH, text: wbsText };
  return ctx;
}
