import type { MesoMention, Wbs, Workstream } from './wbs';

/** A meso-plan heading relevant to the workstream, with a link that resolves to it. */
export interface MesoSectionRef {
  heading: string;
  level: number;
  /** 1-based line in the meso plan. */
  line: number;
  /** `[[<meso link>#<heading>]]`, resolvable from the plan note's folder. */
  link: string;
  /**
   * Why it is relevant: it names the workstream, it is a contract heading with it on one side, or it
   * describes a component (meso §2), an interface (§3) or an integration point (§5) the workstream's
   * modules implement.
   */
  reason: 'names-workstream' | 'contract' | 'component' | 'interface' | 'integration';
}

/** A contract heading such as `W2 → W3` in the meso plan; `W1 → W2, W3` gives one ref per pair. */
export interface ContractRef {
  from: string;
  to: string;
  heading: string;
  line: number;
  link: string;
}

/**
 * An HTTP endpoint named as `METHOD /path` in the WBS tasks, in a contract the workstream provides,
 * or in a meso section that names the workstream.
 */
export interface EndpointRef {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Where it was found: a task id, or the meso heading (contract or the workstream's section). */
  source: string;
}

/**
 * An open question of the planning notes that the workstream's plan carries rather than escalates:
 * the assumption it plans on, or a question noted as deferred or not blocking. Cited by its line.
 */
export interface ScopeAssumption {
  /** `assumption`: the plan relies on it; `deferred` / `not-blocking`: noted, not relied on. */
  kind: 'assumption' | 'deferred' | 'not-blocking';
  /** `workstream`: the question names this workstream or something it owns; `project`: nothing in particular. */
  reach: 'workstream' | 'project';
  /** The question's subject: "Payment provider". */
  topic: string;
  /** The assumption, or what the note says about the deferral or why it does not block, as written. */
  statement: string;
  /** How the assumption is to be validated, when the note says. */
  validation: string | null;
  /** Vault path of the note it is in. */
  file: string;
  /** 1-based line of the statement. */
  line: number;
  /** 1-based first line of the question. */
  questionLine: number;
  /** `[[<note>#<heading>]]` or `[[<note>]]`, resolvable from the plan note's folder. */
  link: string;
  /**
   * The line the citation counts from: the heading `link` points at, else the plain title line of
   * the open-questions block; null when there is neither (then `line` is cited as it is). Counting
   * from it keeps a citation right when the note's frontmatter grows, as the meso plan's does each
   * time a plan is linked back to it.
   */
  anchor?: CitationAnchor | null;
}

/** A line a citation counts from (see `ScopeAssumption.anchor`). */
export interface CitationAnchor {
  /** `heading`: an ATX heading; `numbered`: a plain numbered section line (`8. Risks, …`); `line`: a plain title line. */
  kind: 'heading' | 'numbered' | 'line';
  /** 1-based line of it in the note as read. */
  line: number;
  /** How the citation names it: the section number for `numbered`, the title for `line`. */
  label: string;
}

/** A module of the workstream's plan, from the components the notes describe (see `scope/modules.ts`). */
export interface ScopeModule {
  name: string;
  taskIds: string[];
  /** The meso sections it implements: its §2 component, then the §3 interfaces and §5 integration points that concern it. */
  mesoSections: MesoSectionRef[];
  /** Where the micro plan specifies it (`[[micro-level-plan]] §4.2 Catalog Module`); null when it does not. */
  microCitation: string | null;
  summary: string;
}

/** An interface (meso §3) or integration point (§5) that concerns the workstream. */
export interface ScopeInterface {
  kind: 'interface' | 'integration';
  name: string;
  /** Its first line as written, without the list marker or emphasis. */
  summary: string;
  section: MesoSectionRef;
  /** 1-based line of the entry in the meso plan. */
  line: number;
}

/** An environment variable from the micro plan's "Configuration and Secrets" (or its variable catalog). */
export interface ScopeEnvVar {
  name: string;
  /** The table's cells for it, as written; null where the note has no such column or leaves it empty. */
  required: string | null;
  default: string | null;
  description: string | null;
  validation: string | null;
  /** Who reads it, as the note says (a module or the workstream); null when it does not say. */
  usedBy: string | null;
  /** True when the note says who reads it (and that is this workstream); false when it says for no one. */
  attributed: boolean;
  /** The section it is listed in, as a citation (`[[micro-level-plan#7. Configuration and Secrets]]`). */
  source: string;
  /** 1-based line in the micro plan. */
  line: number;
}

export interface WorkstreamScope {
  workstream: Workstream;
  /** Direct upstream dependencies, as written in the WBS. */
  upstream: string[];
  /** Workstreams that list this one in their dependsOn. */
  downstream: string[];
  /** Meso sections that name the workstream or are contracts with it. */
  mesoSections: MesoSectionRef[];
  /** Contracts where this workstream provides (`from`) or consumes (`to`). */
  provides: ContractRef[];
  consumes: ContractRef[];
  /** Endpoints the plan's section 3 must cover. */
  endpoints: EndpointRef[];
  /**
   * Open questions the plan carries: assumptions it relies on and questions noted as deferred or not
   * blocking, from the meso plan and the overall micro-level plan. Absent when the notes were not read for them.
   */
  assumptions?: ScopeAssumption[];
  /**
   * The modules the notes describe for this workstream (micro §4 components, else meso §2) with the
   * tasks that touch them; empty or absent when the notes describe no components.
   */
  modules?: ScopeModule[];
  /** The meso plan's interfaces (§3) and integration points (§5) that concern the workstream. */
  interfaces?: ScopeInterface[];
  /** The environment variables the micro plan lists for the workstream (see `scope/env-vars.ts`). */
  envVars?: ScopeEnvVar[];
  /** Path of the meso plan the scope was computed against. */
  mesoPath: string;
  /** The shortest unambiguous wikilink target for the meso plan (full path when a basename clashes). */
  mesoLinkTarget: string;
}

/** What the scope stage hands on: the parsed inputs plus the chosen workstream's scope. */
export interface ScopeInputs {
  wbs: Wbs;
  mesoMentions: MesoMention[];
}
