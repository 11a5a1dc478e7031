import { dumpAll, editYaml, errorStartLine, hasAnchors, renderKey } from '../../src/cli/frontmatter-edit';
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

describe('editYaml keeps the author’s comments, flow style and quoting', () => {
  it('keeps every comment: before keys, after values, inside a list, at the end', () => {
    const yaml = '# why this note exists\nstatus: draft # set by hand\nw:\n  - a   # first\n  # between items\n  - b\nz: 1\n\n# tail comment\n';
    const out = edit(yaml, (fm) => {
      fm['status'] = 'ready';
      (fm['w'] as unknown[]).push('c');
      fm['added'] = 'new';
    });
    expect(out).toBe('# why this note exists\nstatus: ready # set by hand\nw:\n  - a   # first\n  # between items\n  - b\n  - c\nz: 1\n\n# tail comment\nadded: new\n');
  });

  it('keeps a flow list over several lines in its shape when it gains items', () => {
    expect(edit('w: [\n  a,\n  b\n]\nz: 1\n', (fm) => void (fm['w'] as unknown[]).push('c'))).toBe('w: [\n  a,\n  b,\n  c\n]\nz: 1\n');
  });

  it('leaves flow maps, quoted keys and every quoting style of the other keys alone', () => {
    const yaml = "meta: {a: 1, b: [x, y]}\nq: 'single'\nd: \"tab\\tx\"\nh: a#b\n\"my key\": 1\nw: []\n";
    const out = edit(yaml, (fm) => void (fm['w'] as unknown[]).push('plain'));
    expect(out).toBe("meta: {a: 1, b: [x, y]}\nq: 'single'\nd: \"tab\\tx\"\nh: a#b\n\"my key\": 1\nw: [plain]\n");
  });

  it('quotes what a reader could take for something else: flow separators, YAML 1.1 booleans, dates, comments; wikilinks in double quotes', () => {
    const flow = edit('w: []\n', (fm) => void (fm['w'] as unknown[]).push('a,b', 'on', '2024-05-01', '[[N]]', "it's"));
    expect(flow).toBe(`w: ['a,b', 'on', '2024-05-01', "[[N]]", it's]\n`);
    const block = edit('w:\n  - x\n', (fm) => void (fm['w'] as unknown[]).push('yes', 'a, b', '#x', 'no # comment'));
    expect(block).toBe("w:\n  - x\n  - 'yes'\n  - a, b\n  - '#x'\n  - 'no # comment'\n");
    expect(load(flow)['w']).toEqual(['a,b', 'on', '2024-05-01', '[[N]]', "it's"]);
    expect(load(block)['w']).toEqual(['x', 'yes', 'a, b', '#x', 'no # comment']);
  });

  it('quotes new items as every item of the list is quoted, and decides only when the list is mixed or plain', () => {
    expect(edit('tags: ["project/x", "plan"]\n', (fm) => void (fm['tags'] as unknown[]).push('workstream-plan'))).toBe('tags: ["project/x", "plan", "workstream-plan"]\n');
    expect(edit("tags:\n  - 'a'\n  - 'b'\n", (fm) => void (fm['tags'] as unknown[]).push('c', 7))).toBe("tags:\n  - 'a'\n  - 'b'\n  - 'c'\n  - 7\n");
    expect(edit('tags: [a, "b c"]\n', (fm) => void (fm['tags'] as unknown[]).push('d'))).toBe('tags: [a, "b c", d]\n');
  });

  it('keeps a value’s trailing comment only when the value stays on one line', () => {
    expect(edit('a: x # note\nb: 1\n', (fm) => void (fm['a'] = ['l']))).toBe('a:\n  - l\nb: 1\n');
    expect(edit('a: |\n  text\nb: 1\n', (fm) => void (fm['a'] = 'changed\nlines'))).toBe('a: |-\n  changed\n  lines\nb: 1\n');
  });

  it('leaves out values YAML cannot hold (functions, symbols), as a JSON dump would', () => {
    const out = edit('a: 1\n', (fm) => {
      fm['f'] = () => 1;
      fm['s'] = Symbol('x');
      fm['b'] = 2;
    });
    expect(out).toBe('a: 1\nb: 2\n');
  });
});

describe('errorStartLine, nested', () => {
  it('blames the outermost unclosed flow list, and an unclosed single quote with a doubled quote inside', () => {
    expect(errorStartLine('a: [1, [2, 3]\nb: 1\n', 1)).toBe(0);
    expect(errorStartLine("a: 'it''s\nb: 1\n", 1)).toBe(0);
    expect(errorStartLine('a: [1, [2, 3]]\nb: : :\n', 1)).toBe(1);
  });
});
