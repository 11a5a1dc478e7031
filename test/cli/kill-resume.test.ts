/**
 * A plan killed outright (SIGKILL: no handler runs, nothing marks the note) resumes to a whole plan:
 * the real CLI, bundled and run as a child process, is killed at a chosen write to the plan note
 * (test/support/kill-resume.ts), and `plan --resume` has to finish what it left into the same plan
 * an uninterrupted run writes, with the meso plan linked back. `npm run test:kill-sweep` kills it
 * after every write of a run instead (too slow for `npm test`).
 */
import { bodyOf, killResumeHarness, sectionCall, statusOf, type Paced } from '../support/kill-resume';

const { reference, killAndResume } = killResumeHarness();

const killPoints: { name: string; args: string[]; paced?: Paced; kill: object | null; left: (note: string) => void; sectionCalls: (n: number) => void }[] = [
  {
    name: 'during the outline call: no note yet, the resume plans from the start',
    args: ['--concurrency', '1'],
    paced: { killOnOutline: true },
    kill: null,
    left: (note) => expect(note).toBe(''),
    sectionCalls: (n) => expect(n).toBe(reference().sectionCalls + 1),
  },
  {
    name: 'right after the outline: the note holds its frontmatter and title only',
    args: ['--concurrency', '1'],
    kill: { at: 'created' },
    left: (note) => {
      expect(statusOf(note)).toBe('in_progress');
      expect(note).not.toContain('## Executive Summary');
    },
    sectionCalls: (n) => expect(n).toBe(reference().sectionCalls),
  },
  {
    name: 'in the middle of a section (3.2 written, 3.6 not)',
    args: ['--concurrency', '1'],
    paced: { slow: sectionCall('## 3. API Contracts') },
    kill: { at: 'after-append', when: '^### 3\\.2 ' },
    left: (note) => {
      expect(note).toMatch(/^### 3\.2 /m);
      expect(note).not.toMatch(/^### 3\.6 /m);
    },
    sectionCalls: (n) => expect(n).toBeLessThan(reference().sectionCalls),
  },
  {
    name: 'between sections (4 whole, the heading of 5 written, none of its text)',
    args: ['--concurrency', '1'],
    paced: { late: sectionCall('## 5. Configuration and Secrets') },
    kill: { at: 'after-append', when: '^## 5\\. Configuration and Secrets\\n*(?![\\s\\S])' },
    left: (note) => {
      expect(note).toMatch(/^### 4\.3 /m);
      expect(note).toMatch(/^---\n\n## 5\. Configuration and Secrets\n*$/m);
    },
    sectionCalls: (n) => expect(n).toBeLessThan(reference().sectionCalls),
  },
  {
    name: 'before a section reaches the note (the write holding the heading of 5 never lands)',
    args: ['--concurrency', '1'],
    paced: { late: sectionCall('## 4. Data Models and Persistence') },
    kill: { at: 'before-append', when: '^## 5\\. ' },
    left: (note) => {
      expect(note).toMatch(/^## 4\. /m);
      expect(note).not.toMatch(/^## 5\. /m);
    },
    sectionCalls: (n) => expect(n).toBeLessThan(reference().sectionCalls),
  },
  {
    name: 'in the middle of a module while other modules stream at once (concurrency 4)',
    args: ['--concurrency', '4'],
    paced: { slow: /under the heading `### 2\.2 / },
    kill: { at: 'after-append', when: '^### 2\\.2 ' },
    left: (note) => {
      expect(note).toMatch(/^### 2\.2 /m);
      expect(note).not.toMatch(/^## 3\. /m);
    },
    sectionCalls: (n) => expect(n).toBeLessThan(reference().sectionCalls),
  },
  {
    name: 'after the last section, before the final rewrite',
    args: ['--concurrency', '1'],
    kill: { at: 'after-append', when: '^\\*\\*Next Step:\\*\\*' },
    left: (note) => {
      expect(statusOf(note)).toBe('in_progress');
      expect(note).toMatch(/^## Appendices$/m);
    },
    sectionCalls: (n) => expect(n).toBe(0),
  },
  {
    name: 'during the final rewrite (written to its temporary file, not yet moved over the note)',
    args: ['--concurrency', '1'],
    kill: { at: 'before-rename', when: '^status: "ready_for_decomposition"' },
    left: (note) => expect(statusOf(note)).toBe('in_progress'),
    sectionCalls: (n) => expect(n).toBe(0),
  },
  {
    name: 'right after the final rewrite, before the meso plan is linked back',
    args: ['--concurrency', '1'],
    kill: { at: 'after-rename', when: '^status: "ready_for_decomposition"' },
    left: (note) => expect(statusOf(note)).toBe('ready_for_decomposition'),
    sectionCalls: (n) => expect(n).toBe(0),
  },
];

describe('a plan killed outright resumes to a whole plan', () => {
  it.each(killPoints)('killed $name', async ({ args, paced, kill, left, sectionCalls }) => {
    const r = await killAndResume(args, paced ?? {}, kill);
    expect(r.signal).toBe('SIGKILL');
    left(r.left);
    expect(r.resumed).toEqual({ code: 0, err: '' });
    expect(statusOf(r.done)).toBe('ready_for_decomposition');
    // The same plan as an uninterrupted run: every section once, in order, nothing doubled or lost.
    expect(bodyOf(r.done)).toBe(bodyOf(reference().plan));
    expect(r.meso).toBe(reference().meso);
    sectionCalls(r.calls);
  });
});
