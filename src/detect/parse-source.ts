import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { parseWithOxc } from '../oxc-parser.js';
import { parseInPieces } from './parse-in-pieces.js';

/*
 * How the detector parses a file: with oxc where it can, typescript-estree where it cannot, and
 * typescript-estree always for the codemod (which needs its scopes and exact JSX text).
 */

/**
 * The typescript-estree parse options for a file, by extension: JSX only where the language allows
 * it. JSDoc is not parsed: the detector never reads it, and skipping it makes parsing faster.
 */
export function parseOptionsFor(file: string): { jsx: boolean; range: true; loc: true; comment: false; jsDocParsingMode: 'none' } {
  return { jsx: !/\.[cm]?ts$/.test(file), range: true, loc: true, comment: false, jsDocParsingMode: 'none' };
}

/**
 * A file's tree for the detector: oxc's, as typescript-estree would give it (src/oxc-parser.ts) but
 * for `loc` (place nodes with `nodeLocator`), or typescript-estree's where oxc cannot parse it (and
 * then its error, as thrown).
 */
export function parseSource(file: string, text: string): TSESTree.Program {
  return parseText(file, text.replace(/^\uFEFF/, ''), parseOptionsFor(file).jsx);
}

/** parseSource of a text as TSX (`jsx`) or TS whatever the file's extension: a component's script view. */
export function parseText(file: string, text: string, jsx: boolean): TSESTree.Program {
  return parseWithOxc(file, text, jsx) ?? parseInPieces(text, { ...parseOptionsFor(file), jsx });
}

/** typescript-estree's tree of a file, for what needs its scopes or its exact JSX text (the codemod). */
export function parseSourceEstree(file: string, text: string): TSESTree.Program {
  return parseInPieces(text.replace(/^\uFEFF/, ''), parseOptionsFor(file));
}
