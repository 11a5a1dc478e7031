/**
 * Builds the Markdown of an overall micro-level plan (the WBS) for tests. The default is a healthy
 * three-workstream WBS (W1 → W2 → W3) that raises no escalation; a test changes one thing.
 * Values persist across `build()` calls: take a fresh builder in each test.
 */
export interface WbsTaskSpec {
  id: string;
  title: string;
  /** As written, e.g. `2d`, `6h`, `3 pts`. */
  estimate?: string;
}

export interface WbsWorkstreamSpec {
  id: string;
  name: string;
  tasks: WbsTaskSpec[];
  /** Ids written on the `Depends on:` line; empty writes `Depends on: none`. */
  dependsOn: string[];
  /** `heading`: `### W1: Name` and task bullets; `table`: a heading and an ID/Task/Estimate table. */
  format: 'heading' | 'table';
}

export class WbsBuilder {
  private title = 'Tidewater: Overall Micro-Level Plan';
  private frontmatter = true;
  private workstreams: WbsWorkstreamSpec[] = [
    {
      id: 'W1',
      name: 'Platform Foundation',
      format: 'heading',
      dependsOn: [],
      tasks: [
        { id: 'W1.1', title: 'Monorepo scaffold with strict tsconfig and linting', estimate: '1d' },
        { id: 'W1.2', title: 'CI pipeline: lint, type-check, tests, image build', estimate: '2d' },
      ],
    },
    {
      id: 'W2',
      name: 'Inspection API',
      format: 'heading',
      dependsOn: ['W1'],
      tasks: [
        { id: 'W2.1', title: 'Migrations for inspections, defects and photos', estimate: '6h' },
        { id: 'W2.2', title: 'Implement `POST /v1/inspections` with idempotent create', estimate: '8h' },
        { id: 'W2.3', title: 'Implement `GET /v1/inspections/{id}`', estimate: '4h' },
      ],
    },
    {
      id: 'W3',
      name: 'Sync Worker',
      format: 'heading',
      dependsOn: ['W2'],
      tasks: [
        { id: 'W3.1', title: 'Worker process skeleton with graceful shutdown', estimate: '1d' },
        { id: 'W3.2', title: 'Rate-limited AssetHub client', estimate: '2d' },
      ],
    },
  ];
  private trailer: string[] = [];

  /** Replaces the workstream with this id (adds it at the end when absent). */
  withWorkstream(id: string, name: string, changes: Partial<Omit<WbsWorkstreamSpec, 'id' | 'name'>> = {}): this {
    const spec: WbsWorkstreamSpec = { id, name, tasks: [], dependsOn: [], format: 'heading', ...changes };
    const at = this.workstreams.findIndex((w) => w.id === id);
    if (at >= 0) this.workstreams[at] = spec;
    else this.workstreams.push(spec);
    return this;
  }

  /** Adds another definition even when the id is already there (for duplicate ids). */
  withExtraWorkstream(id: string, name: string, changes: Partial<Omit<WbsWorkstreamSpec, 'id' | 'name'>> = {}): this {
    this.workstreams.push({ id, name, tasks: [], dependsOn: [], format: 'heading', ...changes });
    return this;
  }

  withTasks(id: string, tasks: WbsTaskSpec[]): this {
    return this.change(id, { tasks });
  }

  withDependsOn(id: string, dependsOn: string[]): this {
    return this.change(id, { dependsOn });
  }

  withName(id: string, name: string): this {
    return this.change(id, { name });
  }

  withFormat(id: string, format: 'heading' | 'table'): this {
    return this.change(id, { format });
  }

  without(id: string): this {
    this.workstreams = this.workstreams.filter((w) => w.id !== id);
    return this;
  }

  withoutFrontmatter(): this {
    this.frontmatter = false;
    return this;
  }

  /** Extra Markdown lines after the WBS. */
  withTrailer(...lines: string[]): this {
    this.trailer.push(...lines);
    return this;
  }

  build(): string {
    const out: string[] = [];
    if (this.frontmatter) out.push('---', 'tags: [micro-level-plan]', 'status: approved', 'project: "[[Tidewater]]"', '---');
    out.push(`# ${this.title}`, '', 'Work breakdown for phase 1.', '', '## Work Breakdown Structure', '');
    for (const w of this.workstreams) {
      if (w.format === 'table') {
        out.push(`### ${w.id}: ${w.name}`, '', '| ID | Task | Estimate |', '| --- | --- | --- |');
        for (const t of w.tasks) out.push(`| ${t.id} | ${t.title} | ${t.estimate ?? ''} |`);
      } else {
        out.push(`### ${w.id}: ${w.name}`);
        for (const t of w.tasks) out.push(`- **${t.id}** ${t.title}${t.estimate ? ` — ${t.estimate}` : ''}`);
      }
      out.push('', `Depends on: ${w.dependsOn.length ? w.dependsOn.join(', ') : 'none'}`, '');
    }
    out.push(...this.trailer);
    return out.join('\n');
  }

  private change(id: string, changes: Partial<WbsWorkstreamSpec>): this {
    const w = this.workstreams.find((x) => x.id === id);
    if (!w) throw new Error(`WbsBuilder: no workstream ${id}`);
    Object.assign(w, changes);
    return this;
  }
}

/** The 1-based line of the first line containing `needle`; throws when there is none (a test bug). */
export function lineOf(text: string, needle: string, from = 1): number {
  const lines = text.split('\n');
  for (let i = from - 1; i < lines.length; i++) if (lines[i]!.includes(needle)) return i + 1;
  throw new Error(`lineOf: ${JSON.stringify(needle)} not found`);
}
