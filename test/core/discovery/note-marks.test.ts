import { frontmatterTags, isInArchiveFolder, retiredBecause, rolesFromName, rolesFromTags } from '../../../src/core/discovery/note-marks';

describe('frontmatterTags', () => {
  it('reads lists and strings, with or without #, in any case', () => {
    expect(frontmatterTags({ tags: ['#PRD', 'draft'] })).toEqual(['prd', 'draft']);
    expect(frontmatterTags({ tags: '#prd, macro-level-plan other' })).toEqual(['prd', 'macro-level-plan', 'other']);
    expect(frontmatterTags({ tag: 'project' })).toEqual(['project']);
    expect(frontmatterTags({ tags: [null, 3, { a: 1 }] })).toEqual(['3']);
    expect(frontmatterTags(null)).toEqual([]);
  });
});

describe('retiredBecause', () => {
  it('retires by status, tag or archive folder', () => {
    expect(retiredBecause('a.md', { status: 'Superseded' })).toMatch(/superseded/);
    expect(retiredBecause('a.md', { tags: ['#archived'] })).toMatch(/archived/);
    expect(retiredBecause('x/archive/a.md', null)).toMatch(/archive folder/);
    expect(retiredBecause('a.md', { status: 'active', tags: ['prd'] })).toBeNull();
  });

  it('treats only folders as archives', () => {
    expect(isInArchiveFolder('Archive.md')).toBe(false);
    expect(isInArchiveFolder('Notes/Archive Plan/a.md')).toBe(false);
    expect(isInArchiveFolder('a/b/ARCHIVES/c/d.md')).toBe(true);
    expect(isInArchiveFolder('04-Archive/d.md')).toBe(true);
  });
});

describe('rolesFromTags and rolesFromName', () => {
  it('reads roles from tags, and from the file name', () => {
    expect(rolesFromTags(['prd', 'common-pitfalls'])).toEqual(['prd', 'pitfalls']);
    expect(rolesFromTags([])).toEqual([]);
    expect(rolesFromName('x/Meso-Level Plan.md')).toEqual(['meso']);
    expect(rolesFromName('x/Alpha PRD.md')).toEqual(['prd']);
    expect(rolesFromName('x/Approach.md')).toEqual([]);
  });
});
