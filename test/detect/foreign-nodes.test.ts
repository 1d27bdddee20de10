import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/detect/analyze.js';
import { indexFor } from '../helpers/analyze-source.js';

/*
 * ESLint hands the rules whatever tree the project's parser makes. svelte-eslint-parser puts a
 * component's script statements under a SvelteScriptElement in Program.body: a node type
 * typescript-estree's visitor keys do not know, whose children were never walked, so every rule
 * was silent on .svelte files (issue 21, item 15). Here a program's statements are wrapped the way
 * that parser wraps them.
 */

const SCRIPT = ["if (flags.get('outer')) {", "  if (flags.get('inner')) run();", '}', ''].join('\n');

function asSvelteComponent(code: string): TSESTree.Program {
  const program = parse(code, { range: true, loc: true });
  const script = {
    type: 'SvelteScriptElement',
    name: { type: 'SvelteName', name: 'script' },
    body: program.body,
    range: program.range,
    loc: program.loc,
  };
  return { ...program, body: [script as unknown as TSESTree.ProgramStatement] };
}

describe('a tree with nodes of another parser', () => {
  it('finds the references and the nesting inside a node type typescript-estree does not know', () => {
    const facts = analyzeFile(asSvelteComponent(SCRIPT), { index: indexFor({ presets: ['seed'] }), test: false, text: SCRIPT });
    expect(facts.references.map((reference) => (reference.key.kind === 'static' ? reference.key.key : '?'))).toEqual(['outer', 'inner']);
    expect(facts.references.map((reference) => `${reference.loc.line}:${reference.loc.column}`)).toEqual(['1:15', '2:17']);
    expect(facts.decisions).toHaveLength(2);
  });
});
