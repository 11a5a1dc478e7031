import { dumpAll, editYaml, errorStartLine, hasAnchors, renderKey, splitTopLevel } from '../../src/cli/frontmatter-edit';
import { parseFrontmatterYaml } from '../../src/cli/fs-vault';

const load = (yaml: string): Record<string, unknown> => {
  const p = parseFrontmatterYaml(yaml);
  if (p.kind === 'error') throw new Error(p.problem.detail);
  return p.kind === 'ok' ? p.data : {};
};

/** Runs `edit` on the parsed YAML and returns the edited YAML text. */
const edit = (yaml: string, change: (fm: Record<string, unknown>) => void, eol = '\n'): string => {
  const data = load(yaml);
  change(data);
  return editYaml(yaml, load(yaml), data, load, eol);
};

const LINK = '[[Planning/W1-micro-level-plan]]';

describe('splitTopLevel', () => {
  it('splits key blocks with their continuation lines, keeping trivia apart', () => {
    const yaml = '# head\na: 1\nlist:\n  - x\n\n  - y\n- z\n\n# between\nb: |\n  text\n\n  more\nc: [1, 2]\n';
    expect(splitTopLevel(yaml)).toEqual([
      { key: null, text: '# head\n' },
      { key: '', text: 'a: 1\n' },
      { key: '', text: 'list:\n  - x\n\n  - y\n- z\n' },
      { key: null, text: '\n' },
      { key: null, text: '# between\n' },
      { key: '', text: 'b: |\n  text\n\n  more\n' },
      { key: '', text: 'c: [1, 2]\n' },
    ]);
    expect(splitTopLevel(yaml)!.map((s) => s.text).join('')).toBe(yaml);
  });

  it('gives up on text it does not understand', () => {
    expect(splitTopLevel('  a: 1\n')).toBeNull();
    expect(splitTopLevel('? complex\n: key\n')).toBeNull();
    expect(splitTopLevel('%YAML 1.2\n')).toBeNull();
  });
});

describe('renderKey and dumpAll', () => {
  it('double-quotes wikilinks as Obsidian writes them, on one line however long', () => {
    expect(renderKey('workstream_plans', [LINK, 'plain'])).toBe(`workstream_plans:\n  - "${LINK}"\n  - plain\n`);
    expect(renderKey('up', '![[x|y]]')).toBe('up: "![[x|y]]"\n');
    const long = 'word '.repeat(40).trim();
    expect(renderKey('d', long)).toBe(`d: ${long}\n`);
    expect(renderKey('gone', undefined)).toBe('');
    expect(dumpAll({})).toBe('');
    expect(load(dumpAll({ a: [LINK, 'wikilinkq0z'], b: { c: LINK } }))).toEqual({ a: [LINK, 'wikilinkq0z'], b: { c: LINK } });
  });
});

describe('hasAnchors', () => {
  it('sees anchors and not lookalikes', () => {
    expect(hasAnchors('a: &x 1\nb: *x\n')).toBe(true);
    expect(hasAnchors('a: Tom & Jerry\nb: "*x"\n')).toBe(false);
  });
});

describe('editYaml', () => {
  it('changes only the edited key and keeps the rest as written (the meso plan case)', () => {
    const yaml =
      'aliases: ["Harbor meso plan"]\ntags: "#meso-level-plan #architecture"\n# plans below\nworkstream_plans:\n  - "[[A]]"\n\nstatus: draft  # by hand\ncats: [meso-level-plan]\n';
    expect(edit(yaml, (fm) => void (fm['workstream_plans'] as string[]).push(LINK))).toBe(
      `aliases: ["Harbor meso plan"]\ntags: "#meso-level-plan #architecture"\n# plans below\nworkstream_plans:\n  - "[[A]]"\n  - "${LINK}"\n\nstatus: draft  # by hand\ncats: [meso-level-plan]\n`,
    );
  });

  it('keeps a flow list in flow style when items are appended', () => {
    expect(edit('a: 1\nw: [x, "y z"] # mine\nb: 2\n', (fm) => void (fm['w'] as string[]).push(LINK))).toBe(
      `a: 1\nw: [x, "y z", "${LINK}"] # mine\nb: 2\n`,
    );
    expect(edit('w: [x,y]\n', (fm) => void (fm['w'] as string[]).push('z'))).toBe('w: [x,y,z]\n');
    expect(edit('w: []\n', (fm) => void (fm['w'] as string[]).push(LINK, 'b'))).toBe(`w: ["${LINK}", b]\n`);
    // Not an append: the key is re-rendered as a block list.
    expect(edit('w: [x, v]\nz: 1\n', (fm) => void (fm['w'] = ['v']))).toBe('w:\n  - v\nz: 1\n');
  });

  it('keeps a block list as written when items are appended, in its own indentation', () => {
    expect(edit('w:\n- y\n- no # kept\nz: 1\n', (fm) => void (fm['w'] as unknown[]).push(LINK, 'on'))).toBe(
      `w:\n- y\n- no # kept\n- "${LINK}"\n- 'on'\nz: 1\n`,
    );
    expect(edit('w: # mine\n    -   x\n', (fm) => void (fm['w'] as unknown[]).push(3))).toBe('w: # mine\n    -   x\n    -   3\n');
  });

  it('re-renders a changed scalar in place, drops a deleted key, appends a new one after the last content', () => {
    const yaml = '# top\na: "one"\nb: two\n\n# tail\n\n';
    expect(
      edit(yaml, (fm) => {
        fm['a'] = 'uno';
        delete fm['b'];
        fm['c'] = 3;
      }),
    ).toBe('# top\na: uno\n\n# tail\nc: 3\n\n');
  });

  it('returns the text untouched when nothing changed', () => {
    const yaml = 'a:   "x"\nb: [1,2]\n';
    expect(edit(yaml, () => undefined)).toBe(yaml);
    expect(edit(yaml, (fm) => void (fm['b'] = [1, 2]))).toBe(yaml);
  });

  it('writes new lines with the note\'s line endings and keeps old ones', () => {
    expect(edit('a: 1\r\nw:\r\n  - x\r\n', (fm) => void (fm['w'] as string[]).push('v'), '\r\n')).toBe('a: 1\r\nw:\r\n  - x\r\n  - v\r\n');
    expect(edit('a: 1\r\nw: [x]\r\n', (fm) => void (fm['w'] as string[]).push('v'), '\r\n')).toBe('a: 1\r\nw: [x, v]\r\n');
    expect(edit('a: 1\r\n', (fm) => void (fm['k'] = 'v'), '\r\n')).toBe('a: 1\r\nk: v\r\n');
  });

  it('falls back to a full re-dump for anchors and aliases', () => {
    expect(edit('a: &x [1]\nb: *x\nc: "q"\n', (fm) => void (fm['c'] = 'r'))).toBe('a:\n  - 1\nb:\n  - 1\nc: r\n');
  });

  it('keeps a block scalar with kept trailing lines correct', () => {
    const yaml = 'a: |+\n  text\n\nb: 1\n';
    const out = edit(yaml, (fm) => void (fm['b'] = 2));
    expect(load(out)).toEqual({ a: 'text\n\n', b: 2 });
  });
});

describe('errorStartLine', () => {
  it('blames the line that opened an unclosed flow collection or quote', () => {
    expect(errorStartLine('tags: [meso-level-plan\nstatus: : :\n', 1)).toBe(0);
    expect(errorStartLine('a: 1\nb: {x: 1,\n  y: 2\nc: 3\n', 3)).toBe(1);
    expect(errorStartLine('a: 1\ntitle: "abc\nstatus: x\n', 3)).toBe(1);
    expect(errorStartLine('a: 1\nl:\n  - [x,\n    y\n', 4)).toBe(2);
  });

  it("keeps js-yaml's line otherwise", () => {
    expect(errorStartLine('a: 1\nb: : :\n', 1)).toBe(1);
    expect(errorStartLine('a: [1, 2]\nb: don\'t [x\nc: : :\n', 2)).toBe(2);
    expect(errorStartLine('a: |\n  [open\n  "q\nb: : :\n', 3)).toBe(3);
    expect(errorStartLine('a: "x" # [not\nb: : :\n', 1)).toBe(1);
  });
});
