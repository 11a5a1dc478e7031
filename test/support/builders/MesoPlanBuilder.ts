/**
 * Builds the Markdown of a meso-level plan for tests. The default covers W1–W3 with settled
 * decisions, two contracts and a resolved open question, so it raises no escalation; a test adds or
 * changes one section. Values persist across `build()` calls: take a fresh builder in each test.
 */
export interface MesoSectionSpec {
  level: number;
  heading: string;
  /** Lines under the heading. */
  body: string[];
}

export class MesoPlanBuilder {
  private frontmatter = true;
  private sections: MesoSectionSpec[] = [
    { level: 1, heading: 'Tidewater: Meso-Level Architecture Plan', body: ['Architecture decisions for phase 1.'] },
    { level: 2, heading: 'System overview', body: ['An API in front of PostgreSQL, and a worker that syncs with AssetHub.'] },
    { level: 2, heading: 'W1: Platform Foundation', body: ['Shared platform services.'] },
    { level: 3, heading: 'W1 Configuration', body: ['Typed config loaded once at start-up; the process exits on invalid values.'] },
    { level: 2, heading: 'W2: Inspection API', body: ['The REST API for inspections.'] },
    { level: 3, heading: 'W2 Data model', body: ['Inspections own defects and photos; ids are UUIDv7.'] },
    { level: 3, heading: 'W2 Endpoints and versioning', body: ['All routes live under `/v1`; breaking changes need `/v2`.'] },
    { level: 2, heading: 'W3: Sync Worker', body: ['Imports work orders and exports condition reports.'] },
    { level: 2, heading: 'Cross-Workstream Contracts', body: [] },
    { level: 3, heading: 'W1 → W2: Platform services for the API', body: ['W1 provides config, auth, database and logging.'] },
    { level: 3, heading: 'W2 → W3: Inspection REST API', body: ['W2 provides the inspection endpoints to the worker.'] },
    { level: 2, heading: 'Open Questions', body: ['- Resolved: Should the worker read the database directly? No; it uses the W2 API.'] },
  ];

  /** Adds a section at the end, or before the section whose heading is `before`. */
  withSection(level: number, heading: string, body: string[] = [], before?: string): this {
    const spec = { level, heading, body };
    const at = before === undefined ? -1 : this.sections.findIndex((s) => s.heading === before);
    if (at >= 0) this.sections.splice(at, 0, spec);
    else this.sections.push(spec);
    return this;
  }

  /** Appends lines to the body of the section with this heading. */
  withLines(heading: string, ...lines: string[]): this {
    this.find(heading).body.push(...lines);
    return this;
  }

  /** Replaces the body of the section with this heading. */
  withBody(heading: string, ...lines: string[]): this {
    this.find(heading).body = lines;
    return this;
  }

  withHeading(heading: string, newHeading: string): this {
    this.find(heading).heading = newHeading;
    return this;
  }

  /** Replaces the items of the "Open Questions" section. */
  withOpenQuestions(...items: string[]): this {
    return this.withBody('Open Questions', ...items);
  }

  without(heading: string): this {
    this.find(heading);
    this.sections = this.sections.filter((s) => s.heading !== heading);
    return this;
  }

  /** No sections at all: with the frontmatter, the note is "empty" to the planner. */
  empty(): this {
    this.sections = [];
    return this;
  }

  withoutFrontmatter(): this {
    this.frontmatter = false;
    return this;
  }

  build(): string {
    const out: string[] = [];
    if (this.frontmatter) out.push('---', 'tags: [meso-level-plan]', 'status: approved', 'version: "1.0"', '---');
    for (const s of this.sections) out.push(`${'#'.repeat(s.level)} ${s.heading}`, ...s.body, '');
    const text = out.join('\n');
    // Notes end with a line break, as editors save them.
    return text.endsWith('\n') ? text : `${text}\n`;
  }

  private find(heading: string): MesoSectionSpec {
    const s = this.sections.find((x) => x.heading === heading);
    if (!s) throw new Error(`MesoPlanBuilder: no section ${JSON.stringify(heading)}`);
    return s;
  }
}
