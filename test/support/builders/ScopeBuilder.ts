/**
 * A workstream's scope, WBS and plan input with sensible defaults: W2 "Billing" with five tasks,
 * W1 upstream, W3 downstream, two meso sub-headings and two endpoints. Each test takes a fresh
 * builder and changes only what it is about.
 */
import type { EndpointRef, MesoSectionRef, ContractRef, WorkstreamScope } from '../../../src/core/contracts/scope';
import type { Wbs, WbsTask, Workstream } from '../../../src/core/contracts/wbs';
import type { PlanInput } from '../../../src/core/contracts/plan-input';
import type { Outline } from '../../../src/core/contracts/outline';
import { deriveOutline } from '../../../src/core/plan/derive-outline';
import { formatWikilink, headingLinkText } from '../../../src/core/vault/wikilinks';
import { parseHeadings } from '../../../src/core/markdown/headings';
import type { NoteHeading } from '../../../src/core/vault/vault-port';

export const MESO_PATH = 'research/project-planning/meso-level-plan.md';
export const MESO_TARGET = 'meso-level-plan';

const task = (id: string, title: string, estimate?: string, line = 10, dependsOn?: string[]): WbsTask => {
  const m = estimate ? /^(\d+(?:\.\d+)?)\s*(\w+)$/.exec(estimate) : null;
  return { id, title, line, ...(m ? { estimate: { value: Number(m[1]), unit: m[2]!, raw: estimate! } } : {}), ...(dependsOn ? { dependsOn } : {}) };
};

const meso = (heading: string, level: number, line: number, reason: MesoSectionRef['reason'] = 'names-workstream'): MesoSectionRef => ({
  heading,
  level,
  line,
  link: formatWikilink(MESO_TARGET, headingLinkText(heading)),
  reason,
});

export class ScopeBuilder {
  private id = 'W2';
  private name = 'Billing';
  private tasks: WbsTask[] = [
    task('W2.1', 'Invoice service data model', '3d', 20),
    task('W2.2', 'Invoice service API: POST /v1/invoices', '2d', 21),
    task('W2.3', 'Payment gateway adapter', '4h', 22),
    task('W2.4', 'Payment gateway webhooks', '1d', 23),
    task('W2.5', 'Monthly statement export', undefined, 24),
  ];
  private upstream = ['W1'];
  private downstream = ['W3'];
  private mesoSections: MesoSectionRef[] = [
    meso('4. W2: Billing', 2, 40),
    meso('4.1 W2 Invoice Service', 3, 44),
    meso('4.2 W2 Payment Gateway', 3, 60),
    meso('5.1 W1 → W2 Customer Accounts', 3, 80, 'contract'),
    meso('5.2 W2 → W3 Billing Events', 3, 90, 'contract'),
  ];
  private endpoints: EndpointRef[] = [
    { method: 'POST', path: '/v1/invoices', source: 'W2.2' },
    { method: 'GET', path: '/v1/invoices/{id}', source: '5.2 W2 → W3 Billing Events' },
  ];

  private mesoText: string | undefined;
  private mesoHeadingList: NoteHeading[] | undefined;
  private mesoVersion: string | null = '1.2';

  /**
   * Gives the plan input the meso plan's text, and takes the scope's meso sections from its
   * headings as the scope stage would: a heading `Wa → Wb` with this workstream on one side is a
   * contract, any other heading naming it names the workstream. With `passHeadings` false the
   * input carries the text only, as a caller that has no parsed headings would pass it.
   */
  withMesoText(text: string, passHeadings = true): this {
    const headings = parseHeadings(text);
    this.mesoText = text;
    this.mesoHeadingList = passHeadings ? headings : undefined;
    const names = new RegExp(`\\b${this.id}\\b`);
    this.mesoSections = headings
      .filter((h) => names.test(h.text))
      .map((h) => meso(h.text, h.level, h.line, /\bW\d+\s*→\s*W\d+\b/.test(h.text) ? 'contract' : 'names-workstream'));
    return this;
  }
  withMesoVersion(version: string | null): this {
    this.mesoVersion = version;
    return this;
  }
  withTasks(tasks: Array<{ id: string; title: string; estimate?: string; dependsOn?: string[] }>): this {
    this.tasks = tasks.map((t, i) => task(t.id, t.title, t.estimate, 20 + i, t.dependsOn));
    return this;
  }
  /** Sets the task dependencies (`WbsTask.dependsOn`) of the given tasks, keeping the rest as they are. */
  withTaskDependencies(deps: Record<string, string[]>): this {
    this.tasks = this.tasks.map((t) => (deps[t.id] ? { ...t, dependsOn: deps[t.id] } : t));
    return this;
  }
  withUpstream(ids: string[]): this {
    this.upstream = ids;
    return this;
  }
  withDownstream(ids: string[]): this {
    this.downstream = ids;
    return this;
  }
  withEndpoints(endpoints: Array<{ method: string; path: string; source?: string }>): this {
    this.endpoints = endpoints.map((e) => ({ method: e.method, path: e.path, source: e.source ?? 'W2.2' }));
    return this;
  }
  withMesoSections(sections: Array<{ heading: string; level: number; reason?: MesoSectionRef['reason'] }>): this {
    this.mesoSections = sections.map((s, i) => meso(s.heading, s.level, 40 + i * 10, s.reason));
    return this;
  }

  private contracts(): { consumes: ContractRef[]; provides: ContractRef[] } {
    const consumes: ContractRef[] = [];
    const provides: ContractRef[] = [];
    for (const s of this.mesoSections.filter((m) => m.reason === 'contract')) {
      const m = /\b(W\d+)\s*→\s*(W\d+)\b/.exec(s.heading);
      if (!m) continue;
      const ref = { from: m[1]!, to: m[2]!, heading: s.heading, line: s.line, link: s.link };
      if (ref.to === this.id) consumes.push(ref);
      if (ref.from === this.id) provides.push(ref);
    }
    return { consumes, provides };
  }

  workstream(): Workstream {
    return { id: this.id, name: this.name, tasks: this.tasks, dependsOn: this.upstream, line: 18, format: 'heading' };
  }

  build(): WorkstreamScope {
    return {
      workstream: this.workstream(),
      upstream: this.upstream,
      downstream: this.downstream,
      mesoSections: this.mesoSections,
      ...this.contracts(),
      endpoints: this.endpoints,
      mesoPath: MESO_PATH,
      mesoLinkTarget: MESO_TARGET,
    };
  }

  /** W1 Foundation, then this workstream, then W3 Reporting depending on it (plus any other upstream). */
  buildWbs(): Wbs {
    const known = new Set(['W1', this.id, 'W3']);
    const extra = this.upstream.filter((u) => !known.has(u) && u !== 'W9');
    const ws = (id: string, name: string, dependsOn: string[], line: number): Workstream => ({ id, name, tasks: [], dependsOn, line, format: 'heading' });
    return {
      workstreams: [
        ws('W1', 'Foundation', [], 5),
        ...extra.map((id, i) => ws(id, `Workstream ${id}`, [], 6 + i)),
        this.workstream(),
        ws('W3', 'Reporting', [this.id], 30),
      ],
    };
  }

  mesoHeadings(): string[] {
    return this.mesoSections.map((s) => s.heading);
  }

  buildInput(outline?: Outline): PlanInput {
    const scope = this.build();
    const wbs = this.buildWbs();
    return {
      scope,
      wbs,
      outline: outline ?? deriveOutline(scope, wbs),
      projectName: 'Tidewater',
      projectLink: '[[01-Projects/Tidewater]]',
      sourcePlanLink: `[[${MESO_TARGET}]]`,
      created: '2025-03-14',
      mesoVersion: this.mesoVersion,
      ...(this.mesoText !== undefined ? { mesoText: this.mesoText } : {}),
      ...(this.mesoHeadingList !== undefined ? { mesoHeadings: this.mesoHeadingList } : {}),
    };
  }
}
