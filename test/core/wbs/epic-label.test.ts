import fc from 'fast-check';
import { leadingEpic, leadingShortEpic, scanEpicRefs } from '../../../src/core/wbs/epic-label';

describe('epic labels', () => {
  it.each([
    ['**Epic 2: Notification Service**', 'Epic 2', 'Notification Service'],
    ['Epic B — Sync Core', 'Epic B', 'Sync Core'],
    ['EPIC 4. Charting', 'Epic 4', 'Charting'],
    ['Epic-3 Import', 'Epic 3', 'Import'],
    // What follows the bold name is about the epic, not its name; an estimate after it stays for the estimate reader.
    ['**Epic 2: API** (after Epic 1)', 'Epic 2', 'API'],
    ['**Epic 3: UI** — 2d', 'Epic 3', 'UI — 2d'],
    ['**Epic 4: Bold** and __plain__', 'Epic 4', 'Bold'],
  ])('reads %s', (text, label, name) => {
    expect(leadingEpic(text)).toMatchObject({ label, name });
  });

  it('does not read dotted sub-epics, lower-case letters or words as epics', () => {
    expect(leadingEpic('Epic 1.1: Project Setup')).toBeNull();
    expect(leadingEpic('Epic a tale')).toBeNull();
    expect(leadingEpic('Epics are big')).toBeNull();
  });

  it('reads short ids, but not sentences about them or E2E', () => {
    expect(leadingShortEpic('E4 Charting')).toMatchObject({ label: 'E4', name: 'Charting' });
    expect(leadingShortEpic('**E4**: Charting')).toMatchObject({ label: 'E4', name: 'Charting' });
    expect(leadingShortEpic('E2 and E1 can run in parallel')).toBeNull();
    expect(leadingShortEpic('E2E tests')).toBeNull();
  });

  it('finds references in running text', () => {
    const refs = scanEpicRefs('After Epic 1 and Epics 2 & 3, E4, WS-5 and Workstream 6; not Epic 7.1, E2E or e8.');
    expect(refs.map((r) => `${r.kind}:${r.key.n}`)).toEqual(['epic:1', 'epic:2', 'epic:3', 'short:4', 'workstream:5', 'workstream:6']);
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('E', 'p', 'i', 'c', ' ', '1', '2', '.', 'A', '*', ':', '&', 'W', 'S', '-'), maxLength: 40 }), (s) => {
        leadingEpic(s);
        leadingShortEpic(s);
        scanEpicRefs(s);
      }),
    );
  });
});
