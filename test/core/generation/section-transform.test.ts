import fc from 'fast-check';
import { createSectionTransform, stoppedCallout, todoCallout } from '../../../src/core/generation/section-transform';
import type { PlanUnit, UnitOutcome } from '../../../src/core/generation/units';
import { contextUnit, flatUnit, linesOutsideFences, moduleUnit } from './units-fixture';
import { MODULE_SUBSECTIONS } from '../../../src/core/plan/skeleton';

function run(unit: PlanUnit, text: string, outcome: UnitOutcome = 'complete'): string {
  const t = createSectionTransform(unit);
  return t.push(text) + t.end(outcome);
}

const headingsOf = (text: string): string[] => linesOutsideFences(text).filter((l) => /^ {0,3}#{1,6}(\s|$)/.test(l));

const FULL_MODULE = [
  '#### 2.3.1 Purpose and Responsibilities',
  '',
  'Syncs notes.',
  '',
  '#### 2.3.2 Public Interfaces',
  '',
  '```ts',
  'export function sync(): void;',
  '```',
  '',
  '#### 2.3.3 Data Models',
  'None.',
  '#### 2.3.4 State Management',
  'Stateless.',
  '#### 2.3.5 Error Handling',
  'Retries.',
  '#### 2.3.6 Testing Requirements',
  '- [ ] unit',
  '#### 2.3.7 Success Criteria',
  'Works.',
  '',
].join('\n');

describe('createSectionTransform', () => {
  const unit = moduleUnit(3, 'Sync client');

  it('writes the top heading first, then the model text under the core headings', () => {
    const out = run(unit, FULL_MODULE);
    expect(out.startsWith('### 2.3 Sync client\n\n#### 2.3.1 Purpose and Responsibilities\n\nSyncs notes.\n')).toBe(true);
    expect(headingsOf(out)).toEqual(['### 2.3 Sync client', ...unit.parts.map((p) => p.heading)]);
    expect(out).toContain('```ts\nexport function sync(): void;\n```\n');
    expect(out.endsWith('Works.\n')).toBe(true);
  });

  it('returns the top heading from push(\'\') before any model text', () => {
    const t = createSectionTransform(unit);
    expect(t.push('')).toBe('### 2.3 Sync client\n');
  });

  it('holds back a partial line until its line break arrives', () => {
    const t = createSectionTransform(unit);
    t.push('');
    expect(t.push('#### 2.3.1 Purp')).toBe('');
    expect(t.push('ose\nText that is not fin')).toBe('\n#### 2.3.1 Purpose and Responsibilities\n');
    expect(t.push('ished\n')).toBe('\nText that is not finished\n');
  });

  it.each([
    ['#### 2.3.2 public interfaces'],
    ['### 2.3.2 Public interfaces'],
    ['## 2.3.2. Interfaces'],
    ['**2.3.2 Public Interfaces**'],
    ['#### **2.3.2 Public Interfaces**'],
    ['#### Public Interfaces'],
    ['#### 2.3.2 Public Interfaces ##'],
  ])('replaces the model heading %j by the core heading line', (modelHeading) => {
    const out = run(unit, `#### 2.3.1 Purpose\nA\n${modelHeading}\nB\n`);
    expect(out).toContain('#### 2.3.2 Public Interfaces\n\nB\n');
    expect(out).not.toContain(modelHeading + '\n');
  });

  it('inserts skipped model parts with a todo callout before the part the model reached', () => {
    const out = run(unit, '#### 2.3.1 Purpose\nA\n#### 2.3.4 State\nB\n');
    expect(out).toContain(
      '#### 2.3.2 Public Interfaces\n\n> [!todo] Not written by the model\n> Write this part by hand, or generate the section again.\n\n#### 2.3.3 Data Models\n\n> [!todo]',
    );
    expect(out.indexOf('#### 2.3.3 Data Models')).toBeLessThan(out.indexOf('#### 2.3.4 State Management'));
    expect(out).toContain('#### 2.3.4 State Management\n\nB\n');
  });

  it('quotes the part hint in the todo callout when there is one', () => {
    const u: PlanUnit = { ...unit, parts: unit.parts.map((p) => ({ ...p, hint: `Hint for ${p.number}.` })) };
    expect(run(u, '#### 2.3.7 Success\nDone.\n')).toContain('> [!todo] Not written by the model\n> Hint for 2.3.1.\n');
  });

  it('writes core parts with their bodies and drops what the model wrote there', () => {
    const out = run(contextUnit(), '### 1.1 Position\nFits.\n### 1.2 Upstream\nMODEL WORDS\n## Stray\nMORE\n### 1.3 Downstream\nX\n### 1.4 Contracts\nY\n');
    expect(out).toBe(
      [
        '## 1. Context and Dependencies',
        '',
        '### 1.1 Workstream Position',
        '',
        'Fits.',
        '',
        '### 1.2 Upstream Dependencies',
        '',
        '- W1 Storage (complete)',
        '',
        '### 1.3 Downstream Consumers',
        '',
        '- W4 Reporting',
        '',
        '### 1.4 Cross-Workstream Contracts',
        '',
        'Y',
        '',
      ].join('\n'),
    );
  });

  it('inserts skipped core parts with their bodies', () => {
    const out = run(contextUnit(), '### 1.1 Position\nFits.\n### 1.4 Contracts\nY\n');
    expect(out).toContain('### 1.2 Upstream Dependencies\n\n- W1 Storage (complete)\n\n### 1.3 Downstream Consumers\n\n- W4 Reporting\n\n### 1.4');
  });

  it('puts text before the first expected heading under the first part', () => {
    const out = run(unit, 'Intro sentence.\n#### 2.3.2 Interfaces\nB\n');
    expect(out.startsWith('### 2.3 Sync client\n\n#### 2.3.1 Purpose and Responsibilities\n\nIntro sentence.\n\n#### 2.3.2 Public Interfaces\n')).toBe(true);
  });

  it('drops a repeat of the top heading before any text, and leading blank lines', () => {
    const out = run(unit, '\n\n### 2.3 Sync Client\n\n#### 2.3.1 Purpose\nA\n');
    expect(out.startsWith('### 2.3 Sync client\n\n#### 2.3.1 Purpose and Responsibilities\n\nA\n')).toBe(true);
  });

  it('keeps text of a unit without parts under its top heading', () => {
    expect(run(flatUnit(), '**Purpose:** things\n\n\n**Scope:** more\n')).toBe('## Executive Summary\n\n**Purpose:** things\n\n**Scope:** more\n');
  });

  it('demotes other headings at or above the deepest level, and keeps deeper ones', () => {
    const out = run(unit, '#### 2.3.1 Purpose\n## Big\n#### Same level\n##### Deeper\n');
    expect(out).toContain('##### Big\n');
    expect(out).toContain('##### Same level\n');
    expect(out).toContain('##### Deeper\n');
    expect(headingsOf(out).filter((h) => /^#{1,4} /.test(h))).toEqual(['### 2.3 Sync client', ...unit.parts.map((p) => p.heading)]);
  });

  it('turns a heading into bold text when demoting would pass level 6', () => {
    const deep: PlanUnit = {
      key: 'deep',
      kind: 'model',
      top: { heading: '##### 9.9 Deep', level: 5 },
      parts: [{ number: '9.9.1', heading: '###### 9.9.1 Leaf', level: 6, owner: 'model' }],
      label: 'Deep',
    };
    expect(run(deep, '###### 9.9.1 Leaf\n# Title\n')).toContain('\n**Title**\n');
  });

  it('never treats lines inside fenced code as headings', () => {
    const out = run(unit, '#### 2.3.1 Purpose\n~~~md\n#### 2.3.2 Public Interfaces\n## Not a heading\n~~~\n');
    expect(out).toContain('~~~md\n#### 2.3.2 Public Interfaces\n## Not a heading\n~~~\n');
    // 2.3.2 was not reached: it is appended after the code block with a todo.
    expect(out.indexOf('~~~\n')).toBeLessThan(out.lastIndexOf('#### 2.3.2 Public Interfaces\n\n> [!todo]'));
  });

  it('demotes a heading for a part already passed instead of reordering', () => {
    const out = run(unit, '#### 2.3.1 Purpose\nA\n#### 2.3.3 Data\nB\n#### 2.3.2 Interfaces\nC\n');
    expect(out).toContain('##### 2.3.2 Interfaces\n\nC\n');
    const order = headingsOf(out).filter((h) => h.startsWith('#### '));
    expect(order).toEqual(unit.parts.map((p) => p.heading));
  });

  it('appends the parts not reached at the end, each with a todo callout', () => {
    const out = run(unit, '#### 2.3.1 Purpose\nA\n');
    for (const p of unit.parts.slice(1)) expect(out).toContain(`${p.heading}\n\n> [!todo] Not written by the model\n`);
    expect(out.match(/\[!todo\]/g)).toHaveLength(6);
  });

  it.each([
    ['truncated', 'it hit its output limit'],
    ['refused', 'it declined to continue'],
  ] as const)('marks a %s section with a warning where the model stopped', (outcome, words) => {
    const out = run(unit, '#### 2.3.1 Purpose\nHalf a sent', outcome);
    expect(out).toContain(`Half a sent\n\n> [!warning] Section incomplete\n> The model stopped early (${words})`);
    expect(out.indexOf('[!warning]')).toBeLessThan(out.indexOf('#### 2.3.2'));
  });

  it('closes a fence the model left open', () => {
    const out = run(unit, '#### 2.3.1 Purpose\n```ts\nconst a = 1;\n', 'truncated');
    expect(out).toContain('```ts\nconst a = 1;\n```\n\n> [!warning]');
    expect(headingsOf(out)).toContain('#### 2.3.7 Success Criteria');
  });

  it('separates a --- line from the text above so it cannot make a setext heading', () => {
    const out = run(unit, '#### 2.3.1 Purpose\nSome text\n---\nMore\n');
    expect(out).toContain('Some text\n\n---\nMore\n');
  });

  it('writes CRLF input with LF line breaks', () => {
    expect(run(unit, '#### 2.3.1 Purpose\r\nA\r\n')).toContain('#### 2.3.1 Purpose and Responsibilities\n\nA\n');
  });

  it('writes a todo under a part-less unit when the model wrote nothing', () => {
    expect(run(flatUnit(), '')).toBe('## Executive Summary\n\n> [!todo] Not written by the model\n> The model returned no text for this section.\n');
  });

  it('refuses a core unit and calls after end, saying which unit', () => {
    expect(() => createSectionTransform({ key: 'c', kind: 'core', coreText: 'x', parts: [], label: 'c' })).toThrow(
      new Error('createSectionTransform: unit c is not a model unit'),
    );
    const t = createSectionTransform(unit);
    t.end('complete');
    expect(() => t.push('x')).toThrow(new Error('section transform for module-2.3: push after end'));
    expect(() => t.end('complete')).toThrow(new Error('section transform for module-2.3: end called twice'));
  });
});

describe('createSectionTransform properties', () => {
  const units = [moduleUnit(3, 'Sync client'), contextUnit(), flatUnit()];
  const lineArb = fc.oneof(
    fc.constantFrom(
      '#### 2.3.1 Purpose',
      '#### 2.3.2 Public Interfaces',
      '### 2.3.3 Data',
      '**2.3.4 State Management**',
      '#### Error Handling',
      '## 2.3.6',
      '#### 2.3.7 Success Criteria',
      '### 2.3 Sync client',
      '### 1.1 Position',
      '### 1.2 Upstream Dependencies',
      '### 1.3 Downstream',
      '## 1.4 Contracts',
      '## Executive Summary',
      '# Stray',
      '##### Deep',
      '```ts',
      '```',
      '~~~',
      '````',
      '---',
      '===',
      '',
      '> quote',
      '- item',
      'plain text',
    ),
    fc.string({ maxLength: 12 }),
  );
  const textArb = fc.tuple(fc.array(lineArb, { maxLength: 30 }), fc.boolean()).map(([lines, nl]) => lines.join('\n') + (nl ? '\n' : ''));
  const outcomeArb = fc.constantFrom<UnitOutcome>('complete', 'truncated', 'refused');

  it('gives the same output for any split of the text into deltas', () => {
    fc.assert(
      fc.property(fc.constantFrom(...units), textArb, fc.array(fc.nat(), { maxLength: 10 }), outcomeArb, (unit, text, cuts, outcome) => {
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const t = createSectionTransform(unit);
        let out = '';
        let prev = 0;
        for (const p of [...points, text.length]) {
          out += t.push(text.slice(prev, p));
          prev = p;
        }
        out += t.end(outcome);
        expect(out).toBe(run(unit, text, outcome));
      }),
      { numRuns: 300 },
    );
  });

  it('always ends with a line break and holds every expected heading once, in order', () => {
    fc.assert(
      fc.property(fc.constantFrom(...units), textArb, outcomeArb, (unit, text, outcome) => {
        const out = run(unit, text, outcome);
        expect(out.endsWith('\n')).toBe(true);
        const expected = [unit.top!.heading, ...unit.parts.map((p) => p.heading)];
        const found = linesOutsideFences(out).filter((l) => expected.includes(l));
        expect(found).toEqual(expected);
        // Nothing the model wrote outside code may sit at or above the skeleton's deepest level.
        const deepest = Math.max(unit.top!.level, ...unit.parts.map((p) => p.level));
        const shallow = linesOutsideFences(out).filter((l) => {
          const m = /^ {0,3}(#{1,6})(\s|$)/.exec(l);
          return m && m[1]!.length <= deepest && !expected.includes(l);
        });
        expect(shallow).toEqual([]);
        // Everything the core writes is outside code.
        expect(linesOutsideFences(out).join('\n').length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('a conditional part the model leaves out (2.N.4 State Management, "if UI component")', () => {
  // The unit as the planner builds it, with the skeleton's own "not applicable" sentence.
  const unit: PlanUnit = {
    ...moduleUnit(2, 'Ledger'),
    parts: MODULE_SUBSECTIONS.map((s) => ({
      number: `2.2.${s.index}`,
      heading: `#### 2.2.${s.index} ${s.title}`,
      level: 4,
      owner: 'model' as const,
      hint: s.hint,
      ...(s.notApplicable ? { notApplicable: s.notApplicable } : {}),
    })),
  };
  const NA = MODULE_SUBSECTIONS[3]!.notApplicable!;
  const body = (titles: Array<[string, string]>): string => titles.map(([h, b]) => `${h}\n\n${b}\n`).join('\n');

  it('keeping the template numbers (2.2.3 then 2.2.5): 2.2.4 is written as not applicable, with the reason', () => {
    const out = run(
      unit,
      body([
        ['#### 2.2.1 Purpose and Responsibilities', 'Keeps the ledger.'],
        ['#### 2.2.2 Public Interfaces', '```ts\nexport function post(): void;\n```'],
        ['#### 2.2.3 Data Models', '| Field | Type |\n|---|---|\n| id | uuid |'],
        ['#### 2.2.5 Error Handling', '- Conflict: retry'],
        ['#### 2.2.6 Testing Requirements', '- [ ] posts'],
        ['#### 2.2.7 Success Criteria', '- [ ] tests pass'],
      ]),
    );
    expect(headingsOf(out)).toEqual(['### 2.2 Ledger', ...unit.parts.map((p) => p.heading)]);
    expect(out).toContain(`#### 2.2.4 State Management\n\n${NA}\n`);
    expect(out).not.toContain('[!todo]');
    expect(NA).toMatch(/^Not applicable: .*no UI state/);
  });

  it('renumbering the rest (2.2.4 Error Handling, 2.2.5 Testing…): headings follow the titles, nothing lands under the wrong heading', () => {
    const out = run(
      unit,
      body([
        ['#### 2.2.1 Purpose and Responsibilities', 'Keeps the ledger.'],
        ['#### 2.2.2 Public Interfaces', '```ts\nexport function post(): void;\n```'],
        ['#### 2.2.3 Data Models', 'None beyond the entry.'],
        ['#### 2.2.4 Error Handling', '- Conflict: retry'],
        ['#### 2.2.5 Testing Requirements', '- [ ] posts'],
        ['#### 2.2.6 Success Criteria', '- [ ] tests pass'],
      ]),
    );
    expect(headingsOf(out)).toEqual(['### 2.2 Ledger', ...unit.parts.map((p) => p.heading)]);
    expect(out).toContain(`#### 2.2.4 State Management\n\n${NA}\n\n#### 2.2.5 Error Handling\n\n- Conflict: retry\n`);
    expect(out).toContain('#### 2.2.6 Testing Requirements\n\n- [ ] posts\n');
    expect(out).toContain('#### 2.2.7 Success Criteria\n\n- [ ] tests pass\n');
    expect(out).not.toContain('[!todo]');
  });

  it('bold headings without numbers, and the part left out at the end, work the same', () => {
    const out = run(unit, body([
      ['**2.2.1 Purpose and Responsibilities**', 'Keeps the ledger.'],
      ['#### Public Interfaces', 'x'],
      ['#### Data Models', 'y'],
      ['#### Error Handling', 'z'],
      ['#### Testing Requirements', '- [ ] t'],
      ['#### Success Criteria', 'done'],
    ]));
    expect(out).toContain(`#### 2.2.4 State Management\n\n${NA}\n`);
    expect(out).not.toContain('[!todo]');
  });

  it('a truncated answer keeps the [!todo] for parts it never reached, conditional or not', () => {
    const out = run(unit, body([['#### 2.2.1 Purpose and Responsibilities', 'Keeps the']]), 'truncated');
    expect(out).toContain('#### 2.2.4 State Management\n\n> [!todo]');
    expect(out).not.toContain(NA);
  });

  it('a part that is not conditional still gets its [!todo] when left out', () => {
    const out = run(unit, body([
      ['#### 2.2.1 Purpose and Responsibilities', 'a'],
      ['#### 2.2.3 Data Models', 'b'],
      ['#### 2.2.4 State Management', 'Stateless.'],
      ['#### 2.2.5 Error Handling', 'c'],
      ['#### 2.2.6 Testing Requirements', 'd'],
      ['#### 2.2.7 Success Criteria', 'e'],
    ]));
    expect(out).toContain('#### 2.2.2 Public Interfaces\n\n> [!todo]');
    expect(out).toContain('#### 2.2.4 State Management\n\nStateless.\n');
  });
});

describe('createSectionTransform, line by line', () => {
  const unit = moduleUnit(3, 'Sync client');
  /** The output between 2.3.1's heading and 2.3.2's, when the model writes `lines` under 2.3.1 and then reaches 2.3.2. */
  const under231 = (lines: string): string => {
    const out = run(unit, `#### 2.3.1 Purpose\n${lines}\n#### 2.3.2 Public Interfaces\nAPI.\n`);
    const from = out.indexOf('#### 2.3.1 Purpose and Responsibilities\n\n') + '#### 2.3.1 Purpose and Responsibilities\n\n'.length;
    return out.slice(from, out.indexOf('#### 2.3.2 Public Interfaces\n\nAPI.\n'));
  };

  it.each<[string, string, string]>([
    ['a tag at the start of a line is text, not a heading', '#sync notes', '#sync notes\n\n'],
    ['seven hashes are text, not a heading', '####### deep', '####### deep\n\n'],
    ['a heading indented four spaces is text', '    ## Not a heading', '    ## Not a heading\n\n'],
    ['a heading with nothing in it is dropped', 'Before.\n##\nAfter.', 'Before.\nAfter.\n\n'],
    ['a heading deeper than the skeleton is kept as it is, with blank lines', 'Text\n###### Detail\nMore', 'Text\n\n###### Detail\n\nMore\n\n'],
    ['a line with hashes after its first word is text', 'Use the C ## operator', 'Use the C ## operator\n\n'],
    ['a demoted heading loses its closing hashes', '## Overview ##', '##### Overview\n\n'],
    ['closing hashes with blanks after them', '## Overview ###  ', '##### Overview\n\n'],
    ['hashes inside the text are not a closing run', '## Use ## in text', '##### Use ## in text\n\n'],
    ['a hash glued to a word is not a closing run', '## Notes on C#', '##### Notes on C#\n\n'],
    ['a heading that is only a closing run is empty, and dropped', 'Before.\n## ##\nAfter.', 'Before.\nAfter.\n\n'],
    ['blanks after a demoted heading go', '## Overview   ', '##### Overview\n\n'],
    ['a bold part name inside a sentence is text', 'See **2.3.2 Public Interfaces** below', 'See **2.3.2 Public Interfaces** below\n\n'],
    ['a line that only starts bold is text', '**2.3.2 Public Interfaces** and more', '**2.3.2 Public Interfaces** and more\n\n'],
    ['a line of blanks is a blank line', 'A\n   \nB', 'A\n\nB\n\n'],
    ['a list right after text stays attached', 'A\n- item', 'A\n- item\n\n'],
    ['a line of == after text gets a blank line before it', 'A\n==', 'A\n\n==\n\n'],
    ['a line of --- with blanks after it gets one too', 'A\n--- ', 'A\n\n--- \n\n'],
    ['a line of dashes and letters is text', 'A\n--x', 'A\n--x\n\n'],
    ['dashes at the end of a line are text', 'A\nB --', 'A\nB --\n\n'],
    ['a heading demoted below the skeleton keeps its text', '## Overview', '##### Overview\n\n'],
    ['a bold line that names no part stays bold text', '**Note:** see below', '**Note:** see below\n\n'],
    ['a bold line with only a title is text: bold titles match by number only', '**Public Interfaces**', '**Public Interfaces**\n\n'],
    ['a line of = after text gets a blank line before it', 'Text\n===', 'Text\n\n===\n\n'],
    ['a line of --- after a blank line stays where it is', 'Text\n\n---', 'Text\n\n---\n\n'],
    ['runs of blank lines collapse to one', 'A\n\n\n\nB', 'A\n\nB\n\n'],
    ['only a line break at the end of a line is dropped, a carriage return inside stays', 'A\rB\r', 'A\rB\n\n'],
  ])('%s', (_name, lines, expected) => {
    expect(under231(lines)).toBe(expected);
  });

  it.each<[string, string, string]>([
    ['a shorter fence does not close a longer one', '````\n```\n#### 2.3.2 Public Interfaces\n````', '````\n```\n#### 2.3.2 Public Interfaces\n````\n\n'],
    ['a tilde line does not close a backtick fence', '```\n~~~\n#### 2.3.2 Public Interfaces\n```', '```\n~~~\n#### 2.3.2 Public Interfaces\n```\n\n'],
    ['a fence line with an info string does not close it', '```\n```js\n#### 2.3.2 Public Interfaces\n```', '```\n```js\n#### 2.3.2 Public Interfaces\n```\n\n'],
    ['a longer fence line closes it', '```\n#### 2.3.2 Public Interfaces\n`````\nAfter.', '```\n#### 2.3.2 Public Interfaces\n`````\nAfter.\n\n'],
    ['a fence inside a quote is a fence', '> ```\n> #### 2.3.2 Public Interfaces\n> ```', '> ```\n> #### 2.3.2 Public Interfaces\n> ```\n\n'],
    ['blank lines inside code are kept', '```\na\n\n\nb\n```', '```\na\n\n\nb\n```\n\n'],
    ['a fence in a quote without a blank after >', '>```\n>#### 2.3.2 Public Interfaces\n>```\nAfter.', '>```\n>#### 2.3.2 Public Interfaces\n>```\nAfter.\n\n'],
    ['an indented closing fence closes', '```\ncode\n   ```\nAfter.', '```\ncode\n   ```\nAfter.\n\n'],
    ['a fence line with text after its backticks does not close', '```\n``` not the end ```\n#### 2.3.2 Public Interfaces\n```', '```\n``` not the end ```\n#### 2.3.2 Public Interfaces\n```\n\n'],
    ['a tilde fence may have backticks in its info string', '~~~ `x`\n#### 2.3.2 Public Interfaces\n~~~', '~~~ `x`\n#### 2.3.2 Public Interfaces\n~~~\n\n'],
    ['a fence in a nested quote closes in it', '> > ```\n> > x\n> > ```', '> > ```\n> > x\n> > ```\n\n'],
    // As the checker's maskCode reads it: a fence opened in a quote runs to its closing line, quoted or not.
    ['a fence opened in a quote without a blank after > runs past the quote', '>```\n#### 2.3.2 Public Interfaces\n```', '>```\n#### 2.3.2 Public Interfaces\n```\n\n'],
  ])('%s', (_name, lines, expected) => {
    expect(under231(lines)).toBe(expected);
  });

  it.each([
    ['a backtick line whose info string holds a backtick', '```js`x'],
    ['backticks inside a line', 'Use ``` for code'],
    ['a quote line with other text before its backticks', '>x```'],
    ['tildes after other text', 'Use ~~~ to fence code'],
  ])('takes %s for text, not a fence', (_name, line) => {
    expect(run(unit, `#### 2.3.1 Purpose\n${line}\n#### 2.3.2 Public Interfaces\nB\n`)).toContain(`${line}\n\n#### 2.3.2 Public Interfaces\n\nB\n`);
  });

  it('matches a part written as bold with underscores, or with a colon after it', () => {
    expect(run(unit, '__2.3.1 Purpose__\nA\n**2.3.2 Public Interfaces**:\nB\n')).toContain('#### 2.3.1 Purpose and Responsibilities\n\nA\n\n#### 2.3.2 Public Interfaces\n\nB\n');
  });

  it('demotes to level 6 when the skeleton goes down to level 5', () => {
    const u: PlanUnit = {
      key: 'd5',
      kind: 'model',
      top: { heading: '#### 9.9 Deep', level: 4 },
      parts: [{ number: '9.9.1', heading: '##### 9.9.1 Leaf', level: 5, owner: 'model' }],
      label: 'Deep',
    };
    expect(run(u, '##### 9.9.1 Leaf\n# Title\nText\n')).toBe('#### 9.9 Deep\n\n##### 9.9.1 Leaf\n\n###### Title\n\nText\n');
  });

  it('keeps a repeat of the top heading once the model has written text, demoted', () => {
    const out = run(unit, '#### 2.3.1 Purpose\nA\n### 2.3 Sync client\nB\n');
    expect(out).toContain('A\n\n##### 2.3 Sync client\n\nB\n');
  });

  it('drops a repeat of the top heading by its number alone, before any text', () => {
    expect(run(unit, '## **2.3 The sync client**\nA\n')).toMatch(/^### 2\.3 Sync client\n\n#### 2\.3\.1 Purpose and Responsibilities\n\nA\n/);
  });

  it('drops code the model wrote under a core part, and closes nothing for it', () => {
    const out = run(contextUnit(), '### 1.1 Position\nFits.\n### 1.2 Upstream\n```\nmodel code\n', 'truncated');
    expect(out).not.toContain('model code');
    expect(out).not.toContain('```');
    expect(out).toContain('- W1 Storage (complete)\n\n> [!warning] Section incomplete');
  });

  it('puts text after a core part that the model wrote before any part under the first model part, even when it is code', () => {
    const out = run(contextUnit(), '```\ncode first\n```\n');
    expect(out).toBe(
      '## 1. Context and Dependencies\n\n### 1.1 Workstream Position\n\n```\ncode first\n```\n\n### 1.2 Upstream Dependencies\n\n- W1 Storage (complete)\n\n### 1.3 Downstream Consumers\n\n- W4 Reporting\n\n### 1.4 Cross-Workstream Contracts\n\n> [!todo] Not written by the model\n> Write this part by hand, or generate the section again.\n',
    );
  });

  it('writes a line break for a unit with nothing to show (no heading, no parts, an empty heading from the model)', () => {
    const bare: PlanUnit = { key: 'bare', kind: 'model', parts: [], label: 'Bare' };
    expect(run(bare, '#\n')).toBe('\n');
    expect(run(bare, 'Text\n')).toBe('Text\n');
  });

  it('marks a truncated part-less unit with only the warning, not the "no text" todo', () => {
    expect(run(flatUnit(), '', 'truncated')).toBe(`## Executive Summary\n\n${stoppedCallout('truncated')}\n`);
  });

  it('quotes the default hint when a part has none', () => {
    expect(todoCallout({ number: '1', heading: '## 1 X', level: 2, owner: 'model' })).toBe('> [!todo] Not written by the model\n> Write this part by hand, or generate the section again.');
  });

  it('matches a part written as bold with blanks around its colon, or its number alone in bold', () => {
    expect(run(unit, '**2.3.1 Purpose** :\nA\n**2.3.2 Public Interfaces**: \nB\n#### **2.3.3**\nC\n')).toContain(
      '#### 2.3.1 Purpose and Responsibilities\n\nA\n\n#### 2.3.2 Public Interfaces\n\nB\n\n#### 2.3.3 Data Models\n\nC\n',
    );
  });

  it('goes by the title when it names the first part and the number another', () => {
    const out = run(unit, '#### 2.3.5 Purpose and Responsibilities\nA\n');
    expect(out).toContain('#### 2.3.1 Purpose and Responsibilities\n\nA\n\n#### 2.3.2 Public Interfaces');
  });

  it('goes by the number when number and title agree, even if another part has the same title', () => {
    const twins: PlanUnit = {
      key: 'section-3',
      kind: 'model',
      top: { heading: '## 3. API Contracts', level: 2 },
      parts: [
        { number: '3.1', heading: '### 3.1 GET /items', level: 3, owner: 'model' },
        { number: '3.2', heading: '### 3.2 GET /items', level: 3, owner: 'model' },
      ],
      label: 'Section 3',
    };
    expect(run(twins, '### 3.2 GET /items\nSecond.\n')).toBe(
      `## 3. API Contracts\n\n### 3.1 GET /items\n\n${todoCallout(twins.parts[0]!)}\n\n### 3.2 GET /items\n\nSecond.\n`,
    );
  });

  it('does not match a heading with a number only to a part without a title', () => {
    const untitled: PlanUnit = {
      key: 'u',
      kind: 'model',
      top: { heading: '## 5. Configuration', level: 2 },
      parts: [{ number: '5.1', heading: '### 5.1', level: 3, owner: 'model' }],
      label: 'U',
    };
    expect(run(untitled, '### 5.1\nA\n### 9.9\nB\n')).toBe('## 5. Configuration\n\n### 5.1\n\nA\n\n#### 9.9\n\nB\n');
  });

  it('demotes a title-only heading for a part already passed', () => {
    const out = run(unit, '#### 2.3.1 Purpose\nA\n#### 2.3.3 Data\nB\n#### Purpose and Responsibilities\nC\n');
    expect(out).toContain('B\n\n##### Purpose and Responsibilities\n\nC\n');
    expect(out.match(/^#### 2\.3\.1 /gm)).toHaveLength(1);
  });

  it('keeps a repeat of the top heading once a part was reached, even with no text yet', () => {
    expect(run(unit, '#### 2.3.1 Purpose\n### 2.3 Sync client\nA\n')).toContain('#### 2.3.1 Purpose and Responsibilities\n\n##### 2.3 Sync client\n\nA\n');
  });

  it('drops an exact repeat of an unnumbered top heading, and keeps any other heading before text', () => {
    expect(run(flatUnit(), '## Executive Summary\nText\n')).toBe('## Executive Summary\n\nText\n');
    expect(run(flatUnit(), '## Overview\nText\n')).toBe('## Executive Summary\n\n### Overview\n\nText\n');
    expect(run(unit, '## Overview\nText\n')).toContain('#### 2.3.1 Purpose and Responsibilities\n\n##### Overview\n\nText\n');
  });

  it('counts a heading or code as text the model wrote: no "no text" todo under a part-less unit', () => {
    expect(run(flatUnit(), '# Overview\n')).toBe('## Executive Summary\n\n### Overview\n');
    expect(run(flatUnit(), '```\ncode\n```\n')).toBe('## Executive Summary\n\n```\ncode\n```\n');
    expect(run(contextUnit(), '')).not.toContain('returned no text');
  });

  it('puts text before any heading under the first model part, after the core parts before it', () => {
    const u: PlanUnit = {
      key: 'section-11',
      kind: 'model',
      top: { heading: '## 11. Handoff', level: 2 },
      parts: [
        { number: '11.1', heading: '### 11.1 Checklist', level: 3, owner: 'core', coreBody: '- [ ] ready' },
        { number: '11.2', heading: '### 11.2 Notes', level: 3, owner: 'model' },
      ],
      label: 'Section 11',
    };
    expect(run(u, 'Text first.\n')).toBe('## 11. Handoff\n\n### 11.1 Checklist\n\n- [ ] ready\n\n### 11.2 Notes\n\nText first.\n');
  });

  it('drops all model text of a unit whose parts are all the core\'s, code included', () => {
    const u: PlanUnit = {
      key: 'facts',
      kind: 'model',
      top: { heading: '## 1. Facts', level: 2 },
      parts: [
        { number: '1.1', heading: '### 1.1 Up', level: 3, owner: 'core', coreBody: 'Up facts.\n\n' },
        { number: '1.2', heading: '### 1.2 Down', level: 3, owner: 'core' },
        { number: '1.3', heading: '### 1.3 Empty', level: 3, owner: 'core', coreBody: '' },
      ],
      label: 'Facts',
    };
    expect(run(u, '```\nmodel code\n```\nModel text.\n')).toBe('## 1. Facts\n\n### 1.1 Up\n\nUp facts.\n\n### 1.2 Down\n\n### 1.3 Empty\n');
  });

  it('writes not-applicable for a conditional part a complete answer never reached', () => {
    const na: PlanUnit = { ...unit, parts: unit.parts.map((p, i) => (i === 3 ? { ...p, notApplicable: 'Not applicable: no UI.' } : p)) };
    const out = run(na, '#### 2.3.1 Purpose\nA\n#### 2.3.2 Interfaces\nB\n#### 2.3.3 Data\nC\n');
    expect(out).toContain('#### 2.3.4 State Management\n\nNot applicable: no UI.\n\n#### 2.3.5 Error Handling\n\n> [!todo]');
  });
});

describe('createSectionTransform, emphasis and numbers in headings', () => {
  const unit = moduleUnit(3, 'Sync client');
  const PARTS_1_2 = '#### 2.3.1 Purpose and Responsibilities\n\nA\n\n#### 2.3.2 Public Interfaces\n\nB\n';

  it.each([
    ['a bold number in a heading', '#### **2.3.2** Public Interfaces'],
    ['an italic title after the number', '#### 2.3.2 _Public Interfaces_'],
    ['bold with blanks inside its marks', '#### ** 2.3.2 Public Interfaces **'],
    ['a bold line with blanks inside its marks', '** 2.3.2 Public Interfaces **'],
  ])('reaches the part named by %s', (_name, heading) => {
    expect(run(unit, `#### 2.3.1 Purpose\nA\n${heading}\nB\n`)).toContain(PARTS_1_2);
  });

  it('takes text that ends with a bold part name for text', () => {
    expect(run(unit, '#### 2.3.1 Purpose\nA\nSee **2.3.2 Public Interfaces**\n')).toContain(
      '#### 2.3.1 Purpose and Responsibilities\n\nA\nSee **2.3.2 Public Interfaces**\n\n#### 2.3.2 Public Interfaces\n\n> [!todo]',
    );
  });

  it('goes by the number of a heading without a title, past a part without a title', () => {
    const untitled: PlanUnit = {
      key: 'u',
      kind: 'model',
      top: { heading: '## 5. Configuration', level: 2 },
      parts: [
        { number: '5.1', heading: '### 5.1', level: 3, owner: 'model' },
        { number: '5.2', heading: '### 5.2 Defaults', level: 3, owner: 'model' },
      ],
      label: 'U',
    };
    expect(run(untitled, '### 5.2\nB\n')).toBe(`## 5. Configuration\n\n### 5.1\n\n${todoCallout(untitled.parts[0]!)}\n\n### 5.2 Defaults\n\nB\n`);
  });
});
