import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { walkSubtree, type Node } from '../detect/ast.js';
import { parseSourceEstree } from '../detect/parse-source.js';
import { typeScriptLocator } from '../line-positions.js';
import { withScopes, type ParsedSource } from './fold.js';
import type { EditList } from './text-edits.js';

/*
 * A rewrite round changes a few lines of a file and then needs the parse of the whole new text.
 * Parsing it whole again is most of what a rewrite costs (the ESLint rule no-stale-flag rewrites
 * every stale site of a file, one at a time). The top-level statements the edits did not touch
 * parse the same as before, only moved, so only the touched ones are parsed again.
 */

type Statement = TSESTree.ProgramStatement;

/**
 * The parse of `text`, which `edits` made of `source` (parsed as `previous`): the same tree as
 * parsing `text` whole. Only the top-level statements the edits touch are parsed again, in a copy
 * of `text` blanked around them (every character but line breaks made a space) so their ranges
 * and locations come out right as they are; the statements around them are kept, those after
 * moved by the change in length. A tree the caller owns (`owned`: no one else holds it) is reused
 * and changed in place; any other (ESLint's, one shared by rewrites) is copied and left as it was.
 *
 * Where a statement apart could parse otherwise than in the file, the text is parsed whole: when
 * the statement before the touched ones, or the last touched one, could be continued by what
 * follows it (no `;`, no closing block), when a string statement could become or stop being a
 * directive, when the file's module-ness is not the touched statements' own, or with a byte
 * order mark (which the parser drops, moving every range).
 */
export function reparse(file: string, previous: ParsedSource, source: string, edits: EditList, text: string, owned: boolean): ParsedSource {
  const whole = () => withScopes(parseSourceEstree(file, text));
  const extent = edits.extent();
  if (extent === undefined) return previous;
  if (source.startsWith('\uFEFF') || text.startsWith('\uFEFF')) return whole();
  const body = previous.program.body;
  const first = body.findIndex((statement) => statement.range[1] >= extent.start);
  const last = body.findLastIndex((statement) => statement.range[0] <= extent.end);
  if (first < 0 || last < first) return whole();
  const start = Math.min(extent.start, body[first]!.range[0]);
  const delta = text.length - source.length;
  const end = Math.max(extent.end, body[last]!.range[1]) + delta;
  const before = body.slice(0, first);
  const after = body.slice(last + 1);
  if (before.length > 0 && !closed(before.at(-1)!, source)) return whole();
  if (after.length > 0 && isStringStatement(after[0]!)) return whole();
  const outside = source.slice(0, start) + source.slice(end - delta);
  if (outside.includes('import.meta')) return whole();

  const blanked = blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end));
  let touched: TSESTree.Program;
  try {
    touched = parseSourceEstree(file, blanked);
    // The module-ness of the file may come from statements outside: give the parse a marker of it.
    if (touched.sourceType === 'script' && [...before, ...after].some(marksModule)) {
      touched = parseSourceEstree(file, `${blanked}\nexport {};`);
      touched.body.pop();
    }
  } catch {
    return whole();
  }
  const statements = touched.body;
  if (after.length > 0 && statements.length > 0 && !closed(statements.at(-1)!, text)) return whole();
  if (before.length > 0 && statements.length > 0 && isStringStatement(statements[0]!)) return whole();

  const locate = after.length > 0 && delta !== 0 ? typeScriptLocator(text) : undefined;
  const program: TSESTree.Program = {
    type: 'Program' as TSESTree.Program['type'],
    body: [],
    comments: undefined,
    sourceType: touched.sourceType,
    tokens: undefined,
    range: [0, text.length],
    loc: { start: { line: 1, column: 0 }, end: (locate ?? typeScriptLocator(text))(text.length) },
  } as unknown as TSESTree.Program;
  const keep = owned ? reuse : copy;
  program.body = [
    ...before.map((statement) => keep(statement, program, 0, undefined)),
    ...statements,
    ...after.map((statement) => keep(statement, program, delta, locate)),
  ];
  return withScopes(program);
}

function blank(part: string): string {
  return part.replace(/[^\n\r\u2028\u2029]+/g, (run) => ' '.repeat(run.length));
}

function isStringStatement(statement: Statement): boolean {
  return (
    statement.type === 'ExpressionStatement' && statement.expression.type === 'Literal' && typeof statement.expression.value === 'string'
  );
}

/** A top-level statement that makes a file a module for TypeScript (its `isAnExternalModuleIndicatorNode`). */
function marksModule(statement: Statement): boolean {
  switch (statement.type) {
    case 'ImportDeclaration':
    case 'ExportAllDeclaration':
    case 'ExportDefaultDeclaration':
    case 'ExportNamedDeclaration':
    case 'TSExportAssignment':
      return true;
    case 'TSImportEqualsDeclaration':
      return statement.moduleReference.type === 'TSExternalModuleReference';
    default:
      return false;
  }
}

/** Whether nothing after a statement can continue it: it ends with `;` or with a block of its own. */
function closed(statement: Node, text: string): boolean {
  if (text[statement.range[1] - 1] === ';') return true;
  switch (statement.type) {
    case 'BlockStatement':
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
    case 'SwitchStatement':
    case 'TryStatement':
    case 'TSInterfaceDeclaration':
    case 'TSEnumDeclaration':
      return true;
    case 'TSModuleDeclaration':
      return statement.body != null;
    case 'IfStatement':
      return closed(statement.alternate ?? statement.consequent, text);
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
    case 'WhileStatement':
    case 'LabeledStatement':
      return closed(statement.body, text);
    case 'ExportNamedDeclaration':
      return statement.declaration != null && closed(statement.declaration, text);
    case 'ExportDefaultDeclaration':
      return (
        statement.declaration.type === 'FunctionDeclaration' ||
        statement.declaration.type === 'ClassDeclaration' ||
        statement.declaration.type === 'TSInterfaceDeclaration'
      );
    default:
      return false;
  }
}

/**
 * A copy of a subtree under a new parent, its ranges moved by `delta` (and its locations
 * recomputed with `locate`). Own enumerable properties only: the deprecated aliases
 * typescript-estree defines as getters are not copied (the codemod reads none of them).
 */
function copy<T extends Node>(node: T, parent: Node, delta: number, locate: ((offset: number) => TSESTree.Position) | undefined): T {
  const result = { ...node, parent } as T & Record<string, unknown>;
  if (delta !== 0) {
    const range: [number, number] = [node.range[0] + delta, node.range[1] + delta];
    result.range = range;
    if (locate !== undefined) result.loc = { start: locate(range[0]), end: locate(range[1]) };
  }
  for (const key of visitorKeys[node.type] ?? []) {
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) result[key] = child.map((item: unknown) => (isNode(item) ? copy(item, result, delta, locate) : item));
    else if (isNode(child)) result[key] = copy(child, result, delta, locate);
  }
  return result;
}

/**
 * The same subtree under a new parent, its ranges moved by `delta` in place (ranges and locations
 * are replaced, never changed: a copy may share them with the tree it was copied from).
 */
function reuse<T extends Node>(node: T, parent: Node, delta: number, locate: ((offset: number) => TSESTree.Position) | undefined): T {
  (node as { parent: Node }).parent = parent;
  if (delta !== 0) {
    walkSubtree(node, (inner) => {
      const range: [number, number] = [inner.range[0] + delta, inner.range[1] + delta];
      inner.range = range;
      if (locate !== undefined) inner.loc = { start: locate(range[0]), end: locate(range[1]) };
    });
  }
  return node;
}

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string';
}
