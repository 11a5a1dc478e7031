import type { ContractRef, EndpointRef, MesoSectionRef, WorkstreamScope } from '../contracts/scope';
import type { Wbs } from '../contracts/wbs';
import type { NoteHeading } from '../contracts/note-meta';
import { citeSection } from '../vault/cite-section';
import { findWorkstreams } from '../wbs/parse-wbs';
import { normaliseWorkstreamId, scanWorkstreamTokens } from '../wbs/workstream-id';
import { parseContractHeadingAll, type ContractHeading } from '../wbs/contract-heading';
import { findEndpoints } from './endpoints';
import { namesWorkstream } from './names-workstream';
import { sectionText } from './sections';
import { foldName, nameSource } from './workstream-name';
import { carriedQuestions, type CarriedNote } from './questions/carried';
import { questionSubject } from './questions/subject';
import { workstreamModules } from './modules';
import { workstreamEnvVars } from './env-vars';

export interface ComputeScopeArgs {
  wbs: Wbs;
  /** The workstream to plan, in any spelling `normaliseWorkstreamId` accepts. */
  workstreamId: string;
  /** `headings`: the meso plan's section heads (`readSections`: headings and plain numbered lines), or its headings alone. */
  meso: { path: string; text: string; headings: NoteHeading[] };
  /** Link target for the meso plan, e.g. its basename, or its full path when basenames clash. */
  mesoLinkTarget: string;
  /**
   * The overall micro-level plan, read for its open questions and assumptions (with its link target);
   * without it only the meso plan's are carried.
   */
  micro?: { path: string; text: string; headings: NoteHeading[]; linkTarget: string };
}

/**
 * What the plan of one workstream must cover. Endpoints (`METHOD /path`) come from its WBS task
 * titles, from the sections of the contracts it provides, and from the meso sections that name it
 * (with their sub-sections, short of a contract or another workstream's sub-section); never from
 * contracts it only consumes nor from other workstreams' sections. A contract heading with lists
 * (`W1 → W2, W3`) counts for each pair. For a duplicated id the first definition is used
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

  // A heading gets a heading link; a plain numbered section (`2.1 Components`) a `§2.1` citation.
  const link = (h: NoteHeading): string => citeSection(mesoLinkTarget, h);
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
  const { isContract, isOthers } = sectionStops(args.wbs, id, workstream.name);
  for (const h of headings) {
    const pairs: ContractHeading[] = parseContractHeadingAll(idsForNames(h.text, args.wbs));
    const mine: ContractHeading[] = pairs.filter((c) => c.from === id || c.to === id);
    if (mine.length > 0) {
      const refLink = link(h);
      mesoSections.push({ heading: h.text, level: h.level, line: h.line, link: refLink, reason: 'contract' });
      for (const c of mine) {
        const ref: ContractRef = { from: c.from, to: c.to, heading: h.text, line: h.line, link: refLink };
        if (c.from === id) provides.push(ref);
        if (c.to === id) consumes.push(ref);
      }
      // The contract's whole section, sub-headings included, up to the next contract heading.
      if (mine.some((c) => c.from === id)) addEndpoints(sectionText(meso.text, headings, h, isContract), h.text);
    } else if (pairs.length === 0 && namesWorkstream(h.text, id, workstream.name)) {
      mesoSections.push({ heading: h.text, level: h.level, line: h.line, link: link(h), reason: 'names-workstream' });
      // Its own section and sub-sections, up to a contract or another workstream's sub-section.
      addEndpoints(sectionText(meso.text, headings, h, (sub) => isContract(sub) || isOthers(sub)), h.text);
    }
  }

  const notes: CarriedNote[] = [{ path: meso.path, text: meso.text, headings: meso.headings, linkTarget: mesoLinkTarget }];
  if (args.micro && args.micro.path !== meso.path) notes.push(args.micro);
  const { modules, interfaces } = workstreamModules(
    workstream,
    wbs,
    { text: meso.text, heads: meso.headings, linkTarget: mesoLinkTarget },
    args.micro ? { text: args.micro.text, heads: args.micro.headings, linkTarget: args.micro.linkTarget } : null,
  );
  // The sections the modules implement are the plan's meso sections too (quoted, linked, traced).
  for (const r of [...modules.flatMap((m) => m.mesoSections), ...interfaces.map((i) => i.section)]) {
    if (!mesoSections.some((s) => s.line === r.line)) mesoSections.push(r);
  }
  const moduleNames = new Map([[id, modules.map((m) => m.name)]]);
  const envVars = args.micro ? workstreamEnvVars({ text: args.micro.text, heads: args.micro.headings, linkTarget: args.micro.linkTarget }, id, wbs, [workstream.name, ...modules.map((m) => m.name)]) : [];
  const assumptions = carriedQuestions(notes, questionSubject(wbs, id, moduleNames), (h) => namesWorkstream(h, id, workstream.name));

  return {
    workstream,
    upstream: [...workstream.dependsOn],
    downstream,
    mesoSections,
    provides,
    consumes,
    endpoints,
    assumptions,
    modules,
    interfaces,
    envVars,
    mesoPath: meso.path,
    mesoLinkTarget,
  };
}

/**
 * Where a workstream's reading of a meso section stops: at a contract heading (`W2 → W3`, or with
 * the workstreams' names), and at another workstream's own sub-section (it names that one and not
 * this), which is not this workstream's to read.
 */
export function sectionStops(wbs: Wbs, id: string, name: string): { isContract: (h: NoteHeading) => boolean; isOthers: (h: NoteHeading) => boolean } {
  return {
    isContract: (sub) => parseContractHeadingAll(idsForNames(sub.text, wbs)).length > 0,
    isOthers: (sub) => !namesWorkstream(sub.text, id, name) && scanWorkstreamTokens(sub.text).some((t) => t.id !== id),
  };
}

/**
 * A contract heading may name the workstreams instead of their ids (`Transformation → Serving`):
 * put each WBS name's id in its place, so the heading reads `W2 → W3`. Longer names first, whole
 * words only, compared folded (`&`/`and`, case, punctuation), names of one word only as written
 * (as `namesWorkstream` does).
 */
export function idsForNames(text: string, wbs: Wbs): string {
  if (!/(?:→|⟶|->|=>|\bto\b)/i.test(text)) return text;
  const named = wbs.workstreams.filter((w) => w.name.trim() !== '').sort((a, b) => b.name.length - a.name.length);
  let out = text;
  for (const w of named) {
    const oneWord = !foldName(w.name).includes(' ');
    const name = oneWord ? w.name.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : nameSource(w.name);
    if (name === null) continue;
    out = out.replace(new RegExp(`(^|[^\\p{L}\\p{N}_])${name}(?=$|[^\\p{L}\\p{N}_])`, oneWord ? 'gu' : 'giu'), (_m, pre: string) => `${pre}${w.id}`);
  }
  return out;
}
