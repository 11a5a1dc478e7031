/**
 * What a built bundle must not hold, found by parsing it (acorn) and its regular expressions
 * (regexpp), not by searching its text: a lookbehind inside a character class or an escaped `(?<`
 * is no lookbehind, and `Function.prototype` is no code generation.
 */
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import { RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';

export interface Finding {
  line: number;
  column: number;
  text: string;
}

function parse(code: string): acorn.Program {
  return acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script', locations: true, allowHashBang: true });
}

function at(node: acorn.Node, code: string): Finding {
  const loc = node.loc!.start;
  return { line: loc.line, column: loc.column, text: code.slice(node.start, Math.min(node.end, node.start + 120)) };
}

/** Regular-expression literals with a lookbehind assertion (`(?<=…)` or `(?<!…)`). */
export function lookbehindLiterals(code: string): Finding[] {
  const parser = new RegExpParser({ ecmaVersion: 2025 });
  const found: Finding[] = [];
  walk.full(parse(code), (node) => {
    const lit = node as acorn.Literal;
    if (lit.type !== 'Literal' || !lit.regex) return;
    const ast = parser.parseLiteral(`/${lit.regex.pattern}/${lit.regex.flags}`);
    let hit = false;
    visitRegExpAST(ast, {
      onAssertionEnter(a) {
        if (a.kind === 'lookbehind') hit = true;
      },
    });
    if (hit) found.push(at(lit, code));
  });
  return found;
}

/**
 * Run-time code generation: any use of `eval`, and of `Function` other than reading
 * `Function.prototype` (calling it, `new`-ing it, or passing it around, as zod's JIT does with
 * `const F = Function`). Also `x["Function"]` / `x["eval"]`.
 */
export function codeGeneration(code: string): Finding[] {
  const found: Finding[] = [];
  walk.fullAncestor(parse(code), (node, _state, ancestors) => {
    if (node.type === 'Identifier') {
      const name = (node as acorn.Identifier).name;
      if (name !== 'Function' && name !== 'eval') return;
      const parent = ancestors[ancestors.length - 2] as acorn.Node | undefined;
      if (name === 'Function' && parent?.type === 'MemberExpression') {
        const m = parent as acorn.MemberExpression;
        const prop = m.property as acorn.Identifier;
        if (m.object === node && !m.computed && prop.name === 'prototype') return;
      }
      found.push(at(node, code));
      return;
    }
    if (node.type === 'MemberExpression') {
      const m = node as acorn.MemberExpression;
      const p = m.property as acorn.Literal;
      if (m.computed && p.type === 'Literal' && (p.value === 'Function' || p.value === 'eval')) found.push(at(m, code));
    }
  });
  return found;
}

/** The module ids the bundle `require`s at run time (Obsidian gives `obsidian` and CodeMirror). */
export function requiredModules(code: string): string[] {
  const ids = new Set<string>();
  walk.simple(parse(code), {
    CallExpression(node) {
      const callee = node.callee as acorn.Identifier;
      const arg = node.arguments[0] as acorn.Literal | undefined;
      if (callee.type === 'Identifier' && callee.name === 'require' && arg?.type === 'Literal' && typeof arg.value === 'string') ids.add(arg.value);
    },
  });
  return [...ids].sort();
}
