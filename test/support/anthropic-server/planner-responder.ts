/**
 * A stand-in for a diligent model answering the planner's own calls: a valid outline for the outline
 * call, and for each section call a body under every heading it was asked for, with the content the
 * readiness checker looks for (signatures in code, tables, failure lists, checkboxes, endpoint labels,
 * links to the meso headings the outline traces). Built from the request alone, as a model would.
 */
import type { Outline } from '../../../src/core/contracts/outline';
import type { MockRequest, Responder, ResponseScript } from './types';
import { lastUserText } from './scripts';
import { OUTLINE_INSTRUCTION_START } from '../../../src/core/providers/anthropic/requests';

export interface PlannerResponderOptions {
  outline: Outline;
  /** The meso plan's link target, e.g. `meso-level-plan`. */
  mesoTarget: string;
  /** Extra fields for every section answer (speed, faults…). */
  script?: Partial<ResponseScript>;
  /** Per-request override; return null for the normal answer. */
  override?: (req: MockRequest, kind: 'outline' | 'section') => ResponseScript | null;
  /**
   * Answer as a known-good plan does for modules without UI state: leave 2.N.4 State Management out, keeping
   * the template's numbers (`gap`: 2.N.3 then 2.N.5) or renumbering the rest (`renumber`: 2.N.4 Error Handling…).
   */
  leaveOutStateManagement?: 'gap' | 'renumber';
}

export function plannerResponder(opts: PlannerResponderOptions): Responder {
  return (req) => {
    // The outline call carries no output_config.format (it would break the shared cache prefix): it is recognised by its instruction.
    const isOutline = lastUserText(req).includes(OUTLINE_INSTRUCTION_START);
    const o = opts.override?.(req, isOutline ? 'outline' : 'section');
    if (o) return o;
    if (isOutline) return { text: JSON.stringify(opts.outline) };
    return { ...opts.script, text: sectionAnswer(lastUserText(req), opts) };
  };
}

/** The headings the instruction asks for, in order: lines like "- `#### 2.1.2 Public Interfaces`: …". */
function askedHeadings(instruction: string): string[] {
  return [...instruction.matchAll(/^- `(#{1,6} [^`]+)`/gm)].map((m) => m[1]!);
}

function sectionAnswer(prompt: string, opts: PlannerResponderOptions): string {
  const instruction = prompt.slice(prompt.lastIndexOf('Write the section'));
  const heading = /under the heading `([^`]+)`/.exec(instruction)?.[1] ?? '';
  let asked = askedHeadings(instruction);
  if (asked.length === 0) return freeSection(heading);
  const bodies = asked.map((h) => partBody(h, heading, opts));
  if (opts.leaveOutStateManagement && /^### 2\.\d+ /.test(heading)) {
    const at = asked.findIndex((h) => / State Management$/.test(h));
    if (at >= 0) {
      asked = asked.filter((_, i) => i !== at);
      bodies.splice(at, 1);
      if (opts.leaveOutStateManagement === 'renumber') {
        asked = asked.map((h, i) => (i >= at ? h.replace(/^(#+ 2\.\d+\.)(\d+)/, (_m, p: string, n: string) => `${p}${Number(n) - 1}`) : h));
      }
    }
  }
  return asked.map((h, i) => `${h}\n\n${bodies[i]}`).join('\n\n') + '\n';
}

function freeSection(heading: string): string {
  if (/Executive Summary/.test(heading)) {
    return '**Purpose:** Deliver the workstream as the meso-level plan describes.\n\n**Scope:** Everything its WBS tasks name; nothing else.\n\n**Dependencies:** As listed in section 1.\n\n**Exit Criteria:** Every module meets its success criteria.\n\n**Estimated Effort:**\n- Total Tasks: as in the WBS\n- Estimated LOC: ~1,200\n';
  }
  if (/Cross-Module Integration/.test(heading)) return '### 6.1 Modules and storage\n\nThe modules share the data layer.\n\n- [ ] Integration test across the modules\n';
  if (/Appendices/.test(heading)) return '### Appendix A: Glossary\n\nTerms as in the PRD.\n';
  return 'Content for this section.\n';
}

function partBody(part: string, top: string, opts: PlannerResponderOptions): string {
  const num = /^#+ (\d+(?:\.\d+)*)/.exec(part)?.[1] ?? '';
  const moduleIndex = /^### 2\.(\d+) /.exec(top)?.[1];
  const sub = num.split('.').pop();
  if (moduleIndex !== undefined) {
    const mod = opts.outline.modules[Number(moduleIndex) - 1];
    switch (sub) {
      case '1': {
        const links = (mod?.mesoHeadings ?? []).map((h) => `[[${opts.mesoTarget}#${h.replace(/[#|^:%[\]]/g, ' ').replace(/\s+/g, ' ').trim()}]]`);
        return `Implements ${(mod?.taskIds ?? []).join(', ')}. Traces to ${links.join(', ') || 'the meso-level plan'}.\n\n**In scope:**\n- What the tasks name\n\n**Out of scope:**\n- Other workstreams`;
      }
      case '2':
        return '```ts\nexport interface Service {\n  /** Does the work. */\n  run(input: Input): Promise<Result<Output, ServiceError>>;\n}\n```';
      case '3':
        return '| Field | Type | Rule |\n|---|---|---|\n| id | uuid | required |';
      case '4':
        return 'This module holds no UI state.';
      case '5':
        return '| Error | Scenario | Recovery |\n|---|---|---|\n| NotFound | missing record | 404 to the caller |';
      case '6':
        return '- [ ] returns the record when it exists\n- [ ] returns NotFound otherwise';
      case '7':
        return '- [ ] All unit tests pass';
    }
  }
  if (/^### 3\.\d+ [A-Z]+ \//.test(part)) {
    return '**Authentication:** Bearer token.\n\n**Request:**\n```http\nGET /x HTTP/1.1\n```\n\n**Response:**\n```json\n{}\n```\n\n**Status codes:** 200, 401, 404.';
  }
  if (num === '5.1') return '| Variable | Required | Default | Description |\n|---|---|---|---|\n| APP_DATABASE_URL | Yes | - | Database |';
  if (num === '11.2') return '- U01: the first module';
  return `Details for ${num}.`;
}

/** The workstream a planner request is about: the assignment says "Plan workstream **W2: …**". */
export function workstreamOfRequest(req: MockRequest): string | null {
  return /Plan workstream \*\*(W\d+)\b/.exec(lastUserText(req))?.[1] ?? null;
}

/**
 * The planner responder for a whole project (`plan --all`): each request answered with the outline
 * of the workstream it is about.
 */
export function projectResponder(opts: Omit<PlannerResponderOptions, 'outline'> & { outlines: Record<string, Outline> }): Responder {
  const byId = new Map(Object.entries(opts.outlines).map(([id, outline]) => [id, plannerResponder({ ...opts, outline })]));
  return (req) => {
    const id = workstreamOfRequest(req);
    const responder = id ? byId.get(id) : undefined;
    if (!responder) return { text: `No outline was set up for ${id ?? 'this request'}.` };
    return responder(req);
  };
}
