import { parsePlanSections, flattenSections } from '../../../src/core/plan/parse-plan';
import { noEndpointsSentence, planParts, renderPart } from '../../../src/core/plan/render-plan';
import { renderPlan } from '../../support/render-whole-plan';
import { FOOTER_BY_STATUS } from '../../../src/core/plan/skeleton';
import { PLAN_STATUSES } from '../../../src/core/contracts/plan-frontmatter';
import { ScopeBuilder } from '../../support/builders/ScopeBuilder';

describe('planParts', () => {
  const input = new ScopeBuilder().buildInput();
  const parts = planParts(input);

  it('lists the parts in document order with stable keys', () => {
    const keys = parts.map((p) => p.key);
    expect(keys.slice(0, 9)).toEqual(['frontmatter', 'title', 'exec', '1', '1.1', '1.2', '1.3', '1.4', '2']);
    expect(keys).toContain('2.3.7');
    expect(keys.slice(keys.indexOf('3'), keys.indexOf('4'))).toEqual(['3', '3.1', '3.2']);
    expect(keys.slice(-6)).toEqual(['11', '11.1', '11.2', '11.3', 'appendices', 'footer']);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('writes the exact headings of the output format, annotations removed', () => {
    const headings = parts.map((p) => p.heading).filter((h): h is string => h !== null);
    expect(headings).toEqual(
      expect.arrayContaining([
        '# Workstream W2 Micro-Level Plan: Billing',
        '## Executive Summary',
        '## 1. Context and Dependencies',
        '### 1.2 Upstream Dependencies',
        '### 2.1 Invoice Service',
        '#### 2.1.4 State Management',
        '## 3. API Contracts',
        '### 3.1 POST /v1/invoices',
        '### 5.2 Feature Flags',
        '## 6. Cross-Module Integration',
        '### 11.1 Readiness Checklist',
        '## Appendices',
      ]),
    );
    expect(headings.some((h) => /if applicable|</.test(h))).toBe(false);
  });

  it('keeps the core parts to frontmatter, title, headings, 1.2, 1.3, 11.1 and footer', () => {
    const withBody = parts.filter((p) => p.owner === 'core' && p.coreBody !== '').map((p) => p.key);
    expect(withBody).toEqual(['frontmatter', 'title', '1.2', '1.3', '11.1', 'footer']);
    expect(parts.find((p) => p.key === '1.2')!.coreBody).toContain('W1: Foundation');
    expect(parts.find((p) => p.key === '1.3')!.coreBody).toContain('[[meso-level-plan#5.2 W2 → W3 Billing Events]]');
    expect(parts.filter((p) => p.owner === 'model').every((p) => p.heading !== null && p.hint)).toBe(true);
  });

  it('says there are no endpoints when the outline has none', () => {
    const none = planParts(new ScopeBuilder().withEndpoints([]).buildInput());
    expect(none.find((p) => p.key === '3')!.coreBody).toBe(noEndpointsSentence('W2'));
    expect(none.some((p) => p.key === '3.1')).toBe(false);
  });

  it('names an upstream workstream the WBS does not define', () => {
    const odd = planParts(new ScopeBuilder().withUpstream(['W9']).buildInput());
    expect(odd.find((p) => p.key === '1.2')!.coreBody).toContain('W9 (not defined in the WBS)');
  });
});

describe('renderPlan', () => {
  const input = new ScopeBuilder().buildInput();

  it.each(PLAN_STATUSES)('states the real status %s in frontmatter and footer', (status) => {
    const text = renderPlan(input, () => 'Body.', status);
    expect(text).toContain(`\nstatus: "${status}"\n`);
    expect(text.endsWith(`**Status:** ${FOOTER_BY_STATUS[status].status}\n**Next Step:** ${FOOTER_BY_STATUS[status].nextStep}\n`)).toBe(true);
  });

  it('puts a rule before every level-2 heading and the footer, and reads back section by section', () => {
    const text = renderPlan(input, (p) => `Body of ${p.key}.`, 'in_progress');
    const lines = text.split('\n');
    lines.forEach((l, i) => {
      if (l.startsWith('## ')) expect(lines.slice(i - 2, i)).toEqual(['---', '']);
    });
    const sections = parsePlanSections(text);
    const numbered = flattenSections(sections).filter((s) => s.number !== null && s.number.startsWith('2.1.'));
    expect(numbered.map((s) => s.body.trim())).toEqual([1, 2, 3, 4, 5, 6, 7].map((k) => `Body of 2.1.${k}.`));
  });

  it('is the concatenation of its parts, so a stream can append them one by one', () => {
    const bodies = (p: { key: string }) => `B ${p.key}`;
    const appended = planParts(input, 'draft')
      .map((p) => renderPart(p, p.owner === 'core' ? p.coreBody ?? '' : bodies(p)))
      .join('');
    expect(renderPlan(input, bodies, 'draft')).toBe(appended);
  });

  it('writes the meso version the meso plan states', () => {
    expect(renderPlan(input, () => 'x', 'draft')).toContain('\n**Meso-Level Plan Version:** 1.2\n');
  });

  it('says the meso version is not stated rather than inventing one', () => {
    const text = renderPlan({ ...input, mesoVersion: null }, () => 'x', 'draft');
    expect(text).toContain('\n**Meso-Level Plan Version:** not stated in the meso-level plan\n');
    expect(text).not.toMatch(/Meso-Level Plan Version:\*\* (?:1\.0|null)/);
  });

  it('writes every line of 11.1 unticked: the checker ticks them once the note is written', () => {
    const text = renderPlan(input, () => 'x', 'ready_for_decomposition');
    const body = text.slice(text.indexOf('### 11.1 Readiness Checklist\n\n') + '### 11.1 Readiness Checklist\n\n'.length).split('\n\n')[0]!;
    expect(body.split('\n')).toHaveLength(8);
    expect(body.split('\n').every((l) => l.startsWith('- [ ] '))).toBe(true);
  });
});
