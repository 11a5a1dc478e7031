import type { PlanUnit, UnitPart } from '../../../src/core/generation/units';

const MODULE_TITLES = [
  'Purpose and Responsibilities',
  'Public Interfaces',
  'Data Models',
  'State Management',
  'Error Handling',
  'Testing Requirements',
  'Success Criteria',
];

/** `### 2.N <name>` with its seven model-owned `#### 2.N.k` parts. */
export function moduleUnit(n: number, name: string, key = `module-2.${n}`): PlanUnit {
  const parts: UnitPart[] = MODULE_TITLES.map((title, i) => ({
    number: `2.${n}.${i + 1}`,
    heading: `#### 2.${n}.${i + 1} ${title}`,
    level: 4,
    owner: 'model',
  }));
  return { key, kind: 'model', top: { heading: `### 2.${n} ${name}`, level: 3 }, parts, label: `Section 2.${n} ${name}` };
}

/** `## 1. Context and Dependencies`: 1.1 and 1.4 by the model, 1.2 and 1.3 core facts. */
export function contextUnit(): PlanUnit {
  return {
    key: 'section-1',
    kind: 'model',
    top: { heading: '## 1. Context and Dependencies', level: 2 },
    parts: [
      { number: '1.1', heading: '### 1.1 Workstream Position', level: 3, owner: 'model' },
      { number: '1.2', heading: '### 1.2 Upstream Dependencies', level: 3, owner: 'core', coreBody: '- W1 Storage (complete)' },
      { number: '1.3', heading: '### 1.3 Downstream Consumers', level: 3, owner: 'core', coreBody: '- W4 Reporting' },
      { number: '1.4', heading: '### 1.4 Cross-Workstream Contracts', level: 3, owner: 'model' },
    ],
    label: 'Section 1 Context and Dependencies',
  };
}

/** A model unit without parts, e.g. the executive summary. */
export function flatUnit(key = 'summary'): PlanUnit {
  return { key, kind: 'model', top: { heading: '## Executive Summary', level: 2 }, parts: [], label: 'Executive Summary' };
}

export function coreUnit(key: string, text: string): PlanUnit {
  return { key, kind: 'core', coreText: text, parts: [], label: key };
}

/** Lines outside fenced code (same fence rule as maskCode), for checking headings in output. */
export function linesOutsideFences(text: string): string[] {
  const res: string[] = [];
  let fence: { ch: string; len: number } | null = null;
  for (const line of text.split('\n')) {
    const m = /^(?:>\s?)*\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === null) {
      if (m && m[1] && !(m[1][0] === '`' && line.slice(m[0].length).includes('`'))) fence = { ch: m[1][0]!, len: m[1].length };
      else res.push(line);
    } else if (m && m[1] && m[1][0] === fence.ch && m[1].length >= fence.len && /^(?:>\s?)*\s{0,3}[`~]+\s*$/.test(line)) {
      fence = null;
    }
  }
  return res;
}
