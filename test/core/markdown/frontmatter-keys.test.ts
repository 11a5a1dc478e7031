import matter from 'gray-matter';
import { setTopLevelKey } from '../../../src/core/markdown/frontmatter-keys';

const parse = (t: string): Record<string, unknown> => matter(t, {}).data;

describe('setTopLevelKey', () => {
  it('replaces a one-line key and nothing else', () => {
    const t = '---\ntags: [a, b]\nstatus: "draft"\nplanner: {"x":1}\n---\nBody\n';
    expect(setTopLevelKey(t, 'status', 'status: "ready_for_decomposition"')).toBe('---\ntags: [a, b]\nstatus: "ready_for_decomposition"\nplanner: {"x":1}\n---\nBody\n');
  });

  it('replaces a key that Obsidian rewrote over several lines, leaving valid YAML', () => {
    const t = '---\nstatus: draft\nplanner:\n  version: 1\n  outline:\n    modules:\n      - name: A\naliases:\n  - Plan\n---\nBody\n';
    const out = setTopLevelKey(t, 'planner', 'planner: {"version":1,"provider":"anthropic"}');
    expect(parse(out)).toEqual({ status: 'draft', planner: { version: 1, provider: 'anthropic' }, aliases: ['Plan'] });
    expect(out.endsWith('---\nBody\n')).toBe(true);
  });

  it('adds a missing key before the closing fence, and keeps CRLF', () => {
    const t = '---\r\ntags: [a]\r\n---\r\nBody\r\n';
    const out = setTopLevelKey(t, 'status', 'status: "draft"');
    expect(out).toBe('---\r\ntags: [a]\r\nstatus: "draft"\r\n---\r\nBody\r\n');
  });

  it('leaves a note without frontmatter alone', () => {
    expect(setTopLevelKey('# Title\n', 'status', 'status: "x"')).toBe('# Title\n');
  });

  it('does not take a key-like line inside a block scalar for the key', () => {
    const t = '---\nnotes: |\n  status: not a key\nstatus: "draft"\n---\n';
    expect(parse(setTopLevelKey(t, 'status', 'status: "interrupted"'))).toEqual({ notes: 'status: not a key\n', status: 'interrupted' });
  });
});
