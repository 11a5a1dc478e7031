import { resolveLinkpath, shortestLinkTarget } from '../../../src/core/vault/link-resolver';

const PATHS = [
  'Home.md',
  'Projects/Alpha/Plan.md',
  'Projects/Beta/Plan.md',
  'Projects/Beta/Notes/Deep.md',
  'Plan.md',
  'research/project-planning/PRD.md',
  'Other/Deep.md',
  'Solo Note.md',
  'v1.2 release.md',
];

describe('resolveLinkpath', () => {
  it('resolves a unique basename from anywhere', () => {
    expect(resolveLinkpath('PRD', 'Home.md', PATHS)).toBe('research/project-planning/PRD.md');
  });

  it('accepts an optional .md and ignores case', () => {
    expect(resolveLinkpath('prd.MD', 'Home.md', PATHS)).toBe('research/project-planning/PRD.md');
    expect(resolveLinkpath('solo note', 'Home.md', PATHS)).toBe('Solo Note.md');
  });

  it('keeps dots that are part of the name', () => {
    expect(resolveLinkpath('v1.2 release', 'Home.md', PATHS)).toBe('v1.2 release.md');
  });

  it('prefers an exact full path over basename matches', () => {
    expect(resolveLinkpath('Plan', 'Projects/Beta/Notes/Deep.md', PATHS)).toBe('Plan.md');
    expect(resolveLinkpath('Projects/Alpha/Plan', 'Projects/Beta/Plan.md', PATHS)).toBe('Projects/Alpha/Plan.md');
  });

  it('resolves a partial path by its ending', () => {
    expect(resolveLinkpath('Beta/Plan', 'Home.md', PATHS)).toBe('Projects/Beta/Plan.md');
    expect(resolveLinkpath('beta/notes/deep', 'Home.md', PATHS)).toBe('Projects/Beta/Notes/Deep.md');
  });

  it('prefers the note in the same folder for an ambiguous basename', () => {
    expect(resolveLinkpath('Deep', 'Other/x.md', PATHS)).toBe('Other/Deep.md');
    expect(resolveLinkpath('Deep', 'Projects/Beta/Notes/x.md', PATHS)).toBe('Projects/Beta/Notes/Deep.md');
  });

  it('then prefers the note the fewest folder steps away', () => {
    // From Projects/Beta: Notes/Deep is one step down, Other/Deep three steps away.
    expect(resolveLinkpath('Deep', 'Projects/Beta/Plan.md', PATHS)).toBe('Projects/Beta/Notes/Deep.md');
    // From the root: Other/Deep is one step, Projects/Beta/Notes/Deep three.
    expect(resolveLinkpath('Deep', 'Home.md', PATHS)).toBe('Other/Deep.md');
  });

  it('breaks a tie in distance with the shallower then the alphabetically first path', () => {
    const paths = ['b/N.md', 'a/N.md'];
    expect(resolveLinkpath('N', 'c/x.md', paths)).toBe('a/N.md');
  });

  it('resolves relative links from the source folder', () => {
    expect(resolveLinkpath('./Plan', 'Projects/Alpha/x.md', PATHS)).toBe('Projects/Alpha/Plan.md');
    expect(resolveLinkpath('../Beta/Plan', 'Projects/Alpha/x.md', PATHS)).toBe('Projects/Beta/Plan.md');
    expect(resolveLinkpath('../../../Plan', 'Projects/Alpha/x.md', PATHS)).toBeNull();
  });

  it('treats a leading slash as the vault root', () => {
    expect(resolveLinkpath('/Plan', 'Projects/Alpha/x.md', PATHS)).toBe('Plan.md');
    expect(resolveLinkpath('/Deep', 'Other/x.md', PATHS)).toBeNull();
  });

  it('resolves an empty link path to the source note', () => {
    expect(resolveLinkpath('', 'Home.md', PATHS)).toBe('Home.md');
    expect(resolveLinkpath('', 'Nowhere.md', PATHS)).toBeNull();
  });

  it('returns null for unknown notes and non-markdown targets', () => {
    expect(resolveLinkpath('Missing', 'Home.md', PATHS)).toBeNull();
    expect(resolveLinkpath('image.png', 'Home.md', PATHS)).toBeNull();
    expect(resolveLinkpath('lan', 'Home.md', PATHS)).toBeNull(); // no partial-word match
  });
});

describe('shortestLinkTarget', () => {
  it('uses the basename when it is unique', () => {
    expect(shortestLinkTarget('research/project-planning/PRD.md', PATHS)).toBe('PRD');
  });

  it('uses the full path when another note shares the basename, whatever its case', () => {
    expect(shortestLinkTarget('Projects/Alpha/Plan.md', PATHS)).toBe('Projects/Alpha/Plan');
    expect(shortestLinkTarget('x/prd.md', [...PATHS, 'x/prd.md'])).toBe('x/prd');
  });

  it('round-trips through resolveLinkpath from any source', () => {
    for (const target of PATHS) {
      for (const source of PATHS) {
        expect(resolveLinkpath(shortestLinkTarget(target, PATHS), source, PATHS)).toBe(target);
      }
    }
  });
});
