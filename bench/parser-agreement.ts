import { isDeepStrictEqual } from 'node:util';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { analyzeFile } from '../src/detect/analyze.js';
import { nodeLocator, type Node, type NodeLocator } from '../src/detect/ast.js';
import { parseOptionsFor } from '../src/detect/parse-source.js';
import { parseInPieces } from '../src/detect/parse-in-pieces.js';
import { parseWithOxc } from '../src/oxc-parser.js';
import type { AccessorIndex } from '../src/patterns/index.js';
import { componentScript } from '../src/sfc/script-view.js';

/*
 * The two parsers of the detector side by side (src/oxc-parser.ts): typescript-estree's tree, as
 * ESLint hands it to the rules, and oxc's as the scanner reads it, for one text. Used by
 * test/detect/parser-agreement.test.ts and, on real code, by bench/parsers.ts --agree.
 */

/**
 * The first place two trees differ (`Program.body[2].expression.callee.range`), or undefined.
 * oxc's nodes have no `loc` (src/oxc-parser.ts): typescript-estree's must be what `nodeLocator`
 * makes of the oxc node's range in `text`, which is where the detector places it.
 */
export function firstTreeDifference(estree: unknown, oxc: unknown, text: string, path = 'Program'): string | undefined {
  return treeDifference(estree, oxc, nodeLocator(text), path);
}

function treeDifference(estree: unknown, oxc: unknown, locate: NodeLocator, path: string): string | undefined {
  if (estree === oxc) return undefined;
  if (typeof estree === 'bigint' || estree instanceof RegExp) return String(estree) === String(oxc) ? undefined : path;
  if (estree === null || oxc === null || typeof estree !== 'object' || typeof oxc !== 'object') return path;
  if (Array.isArray(estree) !== Array.isArray(oxc)) return path;
  const a = estree as Record<string, unknown>;
  const b = oxc as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    // oxc's own offsets, next to the `range` both have.
    if (key === 'start' || key === 'end') {
      if (typeof a.type === 'string' || typeof b.type === 'string') continue;
    }
    // typescript-estree's deprecated aliases (getters that warn), which nothing should read.
    if (Object.getOwnPropertyDescriptor(a, key)?.get !== undefined) continue;
    if (key === 'loc' && typeof b.type === 'string') {
      if (b.loc !== undefined) return `${path}.loc (oxc's nodes have none)`;
      // typescript-estree's node has a `loc`, which the locator reads; oxc's is placed from its range.
      if (!isDeepStrictEqual(locate(a as unknown as Node), locate(b as unknown as Node))) return `${path}.loc`;
      continue;
    }
    // The one difference left on purpose (src/oxc-parser.ts): the detector never reads it.
    if (key === 'value' && a.type === 'JSXText') continue;
    const difference = treeDifference(a[key], b[key], locate, `${path}.${key}`);
    if (difference !== undefined) return difference;
  }
  return undefined;
}

/** Both trees of a file (a component through its script view); oxc's is undefined where it rejects the text. */
export function bothTrees(file: string, fileText: string): { estree: TSESTree.Program; oxc: TSESTree.Program | undefined; text: string } {
  const component = componentScript(file, fileText);
  const text = component?.text ?? fileText.replace(/^\uFEFF/, '');
  const jsx = component?.jsx ?? parseOptionsFor(file).jsx;
  return { estree: parseInPieces(text, { ...parseOptionsFor(file), jsx }), oxc: parseWithOxc(file, text, jsx), text };
}

/** How the two parsers' trees of one text compare: 'same', or where the trees or the detector's facts from them differ. */
export function compareParsers(file: string, fileText: string, index: AccessorIndex): string {
  const { estree, oxc, text } = bothTrees(file, fileText);
  if (oxc === undefined) return 'oxc rejects it';
  const tree = firstTreeDifference(estree, oxc, text);
  if (tree !== undefined) return `trees differ at ${tree}`;
  const options = { index: index.forFile(file), test: false, text };
  const estreeFacts = JSON.stringify(analyzeFile(estree, options));
  const oxcFacts = JSON.stringify(analyzeFile(oxc, options));
  if (estreeFacts === oxcFacts) return 'same';
  let at = 0;
  while (estreeFacts[at] === oxcFacts[at]) at++;
  return `facts differ: …${estreeFacts.slice(Math.max(0, at - 80), at + 80)}… vs …${oxcFacts.slice(Math.max(0, at - 80), at + 80)}…`;
}
