/**
 * A plan note that passes every readiness item by default, written through the real renderer
 * with complete bodies. A test changes one thing (a body, a removed section, a frontmatter key, a
 * raw edit) and asserts the one item that fails. Values persist across `build()` calls: take a
 * fresh builder per test.
 */
import { parse as parseYaml } from 'yaml';
import type { PlanStatus } from '../../../src/core/contracts/plan-frontmatter';
import type { PlanInput } from '../../../src/core/contracts/plan-input';
import type { CheckPlanInput } from '../../../src/core/checker/context';
import { splitFrontmatter } from '../../../src/core/markdown/frontmatter-block';
import { parseHeadings } from '../../../src/core/markdown/headings';
import { planParts, renderPart, type PlanPart } from '../../../src/core/plan/render-plan';
import { normaliseHeadingForLink, formatWikilink, headingLinkText, type Wikilink } from '../../../src/core/vault/wikilinks';
import { MESO_PATH, MESO_TARGET, ScopeBuilder } from './ScopeBuilder';

export const PLAN_PATH = 'Planning/W2-micro-level-plan.md';

/** Complete bodies for every model-owned part. */
export function completeBody(input: PlanInput, part: PlanPart): string {
  const mod = /^2\.(\d+)\.(\d)$/.exec(part.key);
  if (mod) {
    const m = input.outline.modules[Number(mod[1]) - 1]!;
    switch (mod[2]) {
      case '1':
        return [
          `Covers ${m.taskIds.join(', ')}. ${m.summary}`,
          '',
          `Traces to ${m.mesoHeadings.map((h) => formatWikilink(MESO_TARGET, headingLinkText(h))).join(', ')}.`,
        ].join('\n');
      case '2':
        return ['```ts', `export interface ${pascal(m.name)}Service {`, '  /** Looks one record up. */', '  get(id: string): Promise<Result>;', '}', '```'].join('\n');
      case '3':
        return ['| Field | Type | Rule |', '|-------|------|------|', '| id | string | UUID |', '| amount | number | > 0 |'].join('\n');
      case '4':
        return 'The module keeps no state between calls.';
      case '5':
        return ['| Error | Recovery |', '|---|---|', '| `NotFound` | Return 404 |', '| `Timeout` | Retry twice |'].join('\n');
      case '6':
        return ['**Unit Tests:**', '', '- [ ] `get()` returns the record', '- [ ] `get()` fails with NotFound'].join('\n');
      default:
        return '- [ ] All tests pass';
    }
  }
  if (/^3\.\d+$/.test(part.key)) {
    return [
      '**Purpose:** Serves the record.',
      '',
      '**Authentication:** Required (bearer token).',
      '',
      '**Request:**',
      '```http',
      `${part.heading!.replace(/^### 3\.\d+ /, '')} HTTP/1.1`,
      '```',
      '',
      '**Response (Success):**',
      '```json',
      '{ "id": "inv_1" }',
      '```',
      '',
      '**Status Codes:**',
      '- `200 OK`: found',
      '- `401 Unauthorized`: no token',
    ].join('\n');
  }
  if (part.key === '5.1') {
    return ['| Variable | Required | Default | Description |', '|---|---|---|---|', '| `BILLING_API_KEY` | Yes | - | Gateway key |'].join('\n');
  }
  if (part.key === 'exec') {
    return ['**Purpose:** Bill customers.', '', '**Scope:** Invoices and payments.', '', '**Dependencies:** W1.', '', '**Exit Criteria:** Invoices are paid.', '', '**Estimated Effort:**', '- Total Tasks: 5 (from WBS)'].join('\n');
  }
  return `Written content for section ${part.key}.`;
}

const pascal = (s: string): string => s.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase());

/** A resolver that knows the meso plan's headings (from the scope) and the note's own headings. */
export function fakeResolver(headings: string[], text: () => string): (link: Wikilink, source: string) => Promise<boolean> {
  const meso = new Set(headings.map(normaliseHeadingForLink));
  return async (link) => {
    if (link.subpath === null) return link.linkpath === MESO_TARGET || link.linkpath === MESO_PATH;
    const sub = normaliseHeadingForLink(link.subpath.split('#').pop() ?? '');
    if (link.linkpath === '') return parseHeadings(text()).some((h) => normaliseHeadingForLink(h.text) === sub);
    if (link.linkpath !== MESO_TARGET && link.linkpath !== MESO_PATH.replace(/\.md$/, '')) return false;
    return meso.has(sub);
  };
}

export class PlanNoteBuilder {
  private scopeBuilder = new ScopeBuilder();
  private bodies = new Map<string, string>();
  private removed = new Set<string>();
  private edits: Array<(text: string) => string> = [];
  private fmChanges: Array<[string, unknown]> = [];
  private status: PlanStatus = 'ready_for_decomposition';
  private noScope = false;

  withScope(scope: ScopeBuilder): this {
    this.scopeBuilder = scope;
    return this;
  }
  /** Replaces the body of a model-owned part (keys as in planParts: '2.1.3', '3.1', '5.1', …). */
  withBody(key: string, body: string): this {
    this.bodies.set(key, body);
    return this;
  }
  /** Leaves a part (heading and body) out of the note. */
  withoutPart(key: string): this {
    this.removed.add(key);
    return this;
  }
  /** A raw edit of the finished text (before the frontmatter is read back). */
  edit(fn: (text: string) => string): this {
    this.edits.push(fn);
    return this;
  }
  /** Sets (or with `undefined`, deletes) a key of the frontmatter the checker receives. */
  withFrontmatterField(key: string, value: unknown): this {
    this.fmChanges.push([key, value]);
    return this;
  }
  withStatus(status: PlanStatus): this {
    this.status = status;
    return this;
  }
  /** The checker gets `scope: null`, as when the workstream is not in the WBS. */
  withoutScope(): this {
    this.noScope = true;
    return this;
  }

  input(): PlanInput {
    return this.scopeBuilder.buildInput();
  }

  text(): string {
    const input = this.input();
    let text = planParts(input, this.status)
      .filter((p) => !this.removed.has(p.key))
      .map((p) => renderPart(p, this.bodies.get(p.key) ?? (p.owner === 'core' ? (p.coreBody ?? '') : completeBody(input, p))))
      .join('');
    for (const e of this.edits) text = e(text);
    return text;
  }

  build(): CheckPlanInput {
    const text = this.text();
    const { yaml } = splitFrontmatter(text);
    const frontmatter = yaml === null ? null : ({ ...(parseYaml(yaml) as Record<string, unknown>) });
    if (frontmatter) {
      for (const [k, v] of this.fmChanges) {
        if (v === undefined) delete frontmatter[k];
        else frontmatter[k] = v;
      }
    }
    return {
      path: PLAN_PATH,
      text,
      frontmatter,
      frontmatterError: null,
      scope: this.noScope ? null : this.scopeBuilder.build(),
      resolveLink: fakeResolver(this.scopeBuilder.mesoHeadings(), () => text),
    };
  }
}
