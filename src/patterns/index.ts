/*
 * The pattern language of accessor settings (`flags.get($KEY)`, `useFlags().$KEY`, `<X a={$KEY} />`):
 * types.ts says what a compiled pattern is, compile.ts turns settings into one, parts.ts is the one
 * walk over a compiled pattern, prefilter.ts what a file's text must hold for it to match, and
 * accessor-index.ts with match.ts find its matches in a parsed file (imports.ts: which files an
 * `imports` entry names).
 */
export { AccessorIndex } from './accessor-index.js';
export { compileAccessor } from './compile.js';
export { withImportModules } from './imports.js';
export {
  matchCallExpression,
  matchDestructuring,
  matchJsxElement,
  matchMemberExpression,
  matchObjectLiteral,
  type AccessorMatch,
  type MatchedKey,
} from './match.js';
export * from './types.js';
