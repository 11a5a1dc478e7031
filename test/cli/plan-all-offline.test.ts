/**
 * `plan --all` without a key (offline drafts) on a fixture vault whose planning set has warnings of its
 * own: each is printed once, after the drafts, with the line it names in the files as the run left them
 * (every draft adds a link to the meso plan's frontmatter, which moves the meso plan's lines).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { cli } from '../support/run-cli';
import { tempVault, type TempVault } from '../support/temp-vault';

const MESO = '01-Projects/Lantern/Planning/meso-level-plan.md';

describe('plan --all offline prints the planning set\'s warnings once', () => {
  let v: TempVault;
  beforeEach(() => {
    v = tempVault('upstream-w-headings');
  });
  afterEach(() => v.cleanup());

  it('after the drafts, each once, naming the line where it is now', async () => {
    const r = await cli(['plan', '--all', '--vault', v.dir]);
    expect(r.code).toBe(0);
    const lines = r.err.split('\n');
    const warnings = lines.filter((l) => l.startsWith('warning: '));
    expect(warnings).toEqual([...new Set(warnings)]);
    expect(warnings).toEqual([
      'warning: The code standards note "04-Agent-Reference-Files/Code-Standards.md" is empty.',
      'warning: The common pitfalls note "04-Agent-Reference-Files/Common-Pitfalls-to-Avoid.md" is empty.',
      expect.stringMatching(/^warning: 01-Projects\/Lantern\/Planning\/meso-level-plan\.md \(line \d+, "10\. Readiness for Micro-Level Planning"\) numbers its workstreams differently/),
    ]);
    // After the last draft line: the set as the run left it.
    expect(lines.findIndex((l) => l.startsWith('warning: '))).toBeGreaterThan(lines.findIndex((l) => l.startsWith('W3  draft written')));
    const named = Number(/\(line (\d+),/.exec(warnings[2]!)![1]);
    const meso = readFileSync(path.join(v.dir, MESO), 'utf8').split('\n');
    expect(meso[0]).toBe('---'); // the run linked the drafts from the meso plan's frontmatter
    expect(meso[named - 1]).toBe('## 10. Readiness for Micro-Level Planning');
  });
});
