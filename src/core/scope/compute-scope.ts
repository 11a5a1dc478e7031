import type { ContractRef, EndpointRef, MesoSectionRef, WorkstreamScope } from '../contracts/scope';
import type { Wbs } from '../contracts/wbs';
import type { NoteHeading } from '../vault/vault-port';
import { formatWikilink, headingLinkText } from '../vault/wikilinks';
import { findWorkstreams } from '../wbs/parse-wbs';
import { normaliseWorkstreamId } from '../wbs/workstream-id';
import { parseContractHeading } from './contract-heading';
import { findEndpoints } from './endpoints';
import { namesWorkstream } from './names-workstream';
import { sectionText } from './sections';

export interface ComputeScopeArgs {
  wbs: Wbs;
  /** The workstream to plan, in any spelling `normaliseWorkstreamId` accepts. */
  workstreamId: string;
  meso: { path: string; text: string; headings: NoteHeading[] };
  /** Link target for the meso plan, e.g. its basename, or its full path when basenames clash. */
  mesoLinkTarget: string;
}

/**
 * What the plan of one workstream must cover. For a duplicated id the first definition is used
 * (the duplicate is an escalation for a later stage). Precondition: the id is in the WBS — callers
 * pick it from `wbs.workstreams`; an unknown id is a bug and throws.
 */
export function computeScope(args: ComputeScopeArgs): WorkstreamScope {
  const { wbs, meso, mesoLinkTarget } = args;
  const id = normaliseWorkstreamId(args.workstreamId);
  const workstream = id ? findWorkstreams(wbs, id)[0] : undefined;
  if (!id || !workstream) throw new Error(`computeScope: workstream ${args.workstreamId} is not in the WBS`);

  const downstream: string[] = [];
  for (const w of wbs.workstreams) {
    if (w.id !== id && w.dependsOn.includes(id) && !downstream.includes(w.id)) downstream.push(w.id);
  }

  const link = (h: NoteHeading): string => formatWikilink(mesoLinkTarget, headingLinkText(h.text));
  const mesoSections: MesoSectionRef[] = [];
  const provides: ContractRef[] = [];
  const consumes: ContractRef[] = [];
  const endpoints: EndpointRef[] = [];
  const addEndpoints = (text: string, source: string): void => {
    for (const e of findEndpoints(text)) {
      if (!endpoints.some((x) => x.method === e.method && x.path === e.path)) endpoints.push({ ...e, source });
    }
  };
  for (const t of workstream.tasks) addEndpoints(t.title, t.id);

  const headings = [...meso.headings].sort((a, b) => a.line - b.line);
  for (const h of headings) {
    const contract = parseContractHeading(h.text);
    if (contract && (contract.from === id || contract.to === id)) {
      const ref: ContractRef = { from: contract.from, to: contract.to, heading: h.text, line: h.line, link: link(h) };
      mesoSections.push({ heading: h.text, level: h.level, line: h.line, link: ref.link, reason: 'contract' });
      if (contract.from === id) {
        provides.push(ref);
        // The contract's whole section, sub-headings included, up to the next contract heading.
        addEndpoints(sectionText(meso.text, headings, h, (sub) => parseContractHeading(sub.text) !== null), h.text);
      }
      if (contract.to === id) consumes.push(ref);
    } else if (!contract && namesWorkstream(h.text, id, workstream.name)) {
      mesoSections.push({ heading: h.text, level: h.level, line: h.line, link: link(h), reason: 'names-workstream' });
    }
  }

  return {
    workstream,
    upstream: [...workstream.dependsOn],
    downstream,
    mesoSections,
    provides,
    consumes,
    endpoints,
    mesoPath: meso.path,
    mesoLinkTarget,
  };
}
