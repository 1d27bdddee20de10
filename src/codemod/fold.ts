// Over 400 lines: one fold round (foldOnce) and the node predicates only it uses, which read best beside it.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { walk, walkSubtree, type Node } from '../detect/ast.js';
import { alwaysExits, jumpsTo } from '../detect/control-flow.js';
import { parseSourceEstree } from '../detect/parse-source.js';
import { readsOf, Scopes } from '../detect/scope.js';
import { removeListItem } from './cleanup.js';
import { EditList, indentationAt, lineEndOf, lineStartOf, reindent, removalRange } from './text-edits.js';

/**
 * The constants a removal writes where the flag was. While the rounds run they are spelled as
 * names of their own, found nowhere in the file, so a fold can tell them (and the constants
 * folded from them) from the `true` and `false` the code already had: only the former are the
 * removal's to simplify. `finish` spells them as literals again.
 */
export class RemovalConstants {
  private readonly on: string;
  private readonly off: string;

  constructor(text: string) {
    let suffix = '';
    for (let attempt = 1; text.includes(`__flagHygieneOn${suffix}`) || text.includes(`__flagHygieneOff${suffix}`); attempt++)
      suffix = String(attempt);
    this.on = `__flagHygieneOn${suffix}`;
    this.off = `__flagHygieneOff${suffix}`;
  }

  /** The text of a constant the removal produced. */
  write(value: boolean): string {
    return value ? this.on : this.off;
  }

  /** The value of a node that is a constant the removal produced. */
  valueOf(node: Node): boolean | undefined {
    if (node.type !== 'Identifier') return undefined;
    return node.name === this.on ? true : node.name === this.off ? false : undefined;
  }

  /** The text with the removal's constants written as literals. */
  finish(text: string): string {
    return text.replaceAll(this.on, 'true').replaceAll(this.off, 'false');
  }
}

/** What the simplifier may touch: only what the removal itself produced. */
export interface FoldContext {
  constants: RemovalConstants;
  /** Statements that were already dead before the removal (left alone; not ours to delete). */
  preexistingDead: ReadonlySet<string>;
}

export interface ParsedSource {
  program: TSESTree.Program;
  scopes: Scopes;
  nodes: Node[];
}

/**
 * A rewrite parses the same text several times (to find nodes, the names in use, the dead code,
 * the test cases, then once per round); the last few parses are kept and reused. Trees are only
 * read, never changed, so sharing them is safe.
 */
const recentParses = new Map<string, ParsedSource>();
const RECENT_PARSES = 8;

export function parseWithScopes(file: string, text: string): ParsedSource {
  const key = `${file}\u0000${text}`;
  const recent = recentParses.get(key);
  if (recent !== undefined) return recent;
  const parsed = parseFresh(file, text);
  recentParses.set(key, parsed);
  if (recentParses.size > RECENT_PARSES) recentParses.delete(recentParses.keys().next().value!);
  return parsed;
}

function parseFresh(file: string, text: string): ParsedSource {
  return withScopes(parseSourceEstree(file, text));
}

/**
 * A parsed program with its scopes and its nodes in walk order. The program may be ESLint's own
 * (parents already set; the walk only sets missing ones, so it changes nothing there).
 */
export function withScopes(program: TSESTree.Program): ParsedSource {
  const scopes = new Scopes();
  const nodes: Node[] = [];
  walk(program, (node) => {
    scopes.visit(node);
    nodes.push(node);
  });
  scopes.finish();
  return { program, scopes, nodes };
}

function booleanLiteral(node: Node): boolean | undefined {
  return node.type === 'Literal' && typeof node.value === 'boolean' ? node.value : undefined;
}

/** Expressions whose evaluation cannot change anything (reading a property is taken as such). */
export function isPure(node: Node): boolean {
  switch (node.type) {
    case 'Literal':
    case 'Identifier':
    case 'ThisExpression':
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return true;
    case 'TemplateLiteral':
      return node.expressions.every(isPure);
    case 'UnaryExpression':
      return node.operator !== 'delete' && isPure(node.argument);
    case 'BinaryExpression':
    case 'LogicalExpression':
      return isPure(node.left) && isPure(node.right);
    case 'ConditionalExpression':
      return isPure(node.test) && isPure(node.consequent) && isPure(node.alternate);
    case 'MemberExpression':
      return isPure(node.object) && (!node.computed || isPure(node.property));
    case 'ChainExpression':
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
      return isPure(node.expression);
    case 'ArrayExpression':
      return node.elements.every((element) => element === null || (element.type !== 'SpreadElement' && isPure(element)));
    case 'ObjectExpression':
      return node.properties.every((property) => property.type === 'Property' && !property.computed && isPure(property.value));
    default:
      return false;
  }
}

/** Node types that bind tighter than any operator, so they can stand anywhere without parentheses. */
const PRIMARY = new Set([
  'Identifier',
  'Literal',
  'TemplateLiteral',
  'ThisExpression',
  'CallExpression',
  'NewExpression',
  'MemberExpression',
  'ArrayExpression',
  'JSXElement',
  'JSXFragment',
  'TaggedTemplateExpression',
  'ChainExpression',
  'Super',
]);

/** Positions that accept any expression but a comma sequence (argument lists, initialisers …). */
function isLoosePosition(node: Node): boolean {
  const parent = node.parent;
  switch (parent?.type) {
    case 'ExpressionStatement':
    case 'ReturnStatement':
    case 'ThrowStatement':
    case 'IfStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'SwitchStatement':
    case 'JSXExpressionContainer':
    case 'TemplateLiteral':
      return true;
    case 'VariableDeclarator':
      return parent.init === node;
    case 'AssignmentExpression':
      return parent.right === node;
    case 'CallExpression':
    case 'NewExpression':
      return parent.callee !== node;
    case 'ArrayExpression':
      return true;
    case 'Property':
      return parent.value === node;
    case 'ConditionalExpression':
      return parent.test !== node;
    case 'ArrowFunctionExpression':
      return parent.body === node;
    default:
      return false;
  }
}

/** Whether the source already wraps a node in parentheses of its own. */
function parenthesised(text: string, node: Node): boolean {
  return (
    /\(\s*$/.test(text.slice(Math.max(0, node.range[0] - 20), node.range[0])) &&
    /^\s*\)/.test(text.slice(node.range[1], node.range[1] + 20)) &&
    !isLoosePosition(node)
  );
}

/** The range of the parentheses around `node` inside `within` (`a && (\n  <X />\n)`), if it has some. */
function groupAround(text: string, node: Node, within: Node): [number, number] | undefined {
  const before = /\(\s*$/.exec(text.slice(within.range[0], node.range[0]));
  const after = /^\s*\)/.exec(text.slice(node.range[1], within.range[1]));
  return before === null || after === null ? undefined : [within.range[0] + before.index, node.range[1] + after[0].length];
}

/** The text to put where `target` was so it means `replacement`: parenthesised when needed. */
function substitute(text: string, target: Node, replacement: Node): string {
  const source = text.slice(replacement.range[0], replacement.range[1]);
  // `flag ? (\n  <Page>…</Page>\n) : null`: multi-line JSX keeps the parentheses it was written in.
  const group =
    (replacement.type === 'JSXElement' || replacement.type === 'JSXFragment') && source.includes('\n')
      ? groupAround(text, replacement, target)
      : undefined;
  if (group !== undefined)
    return reindent(text.slice(group[0], group[1]), indentationAt(text, group[0]), indentationAt(text, target.range[0]));
  if (parenthesised(text, target)) return source;
  const objectLike =
    replacement.type === 'ObjectExpression' || replacement.type === 'FunctionExpression' || replacement.type === 'ClassExpression';
  const statementStart =
    target.parent?.type === 'ExpressionStatement' || (target.parent?.type === 'ArrowFunctionExpression' && target.parent.body === target);
  if (objectLike && statementStart) return `(${source})`;
  if (
    PRIMARY.has(replacement.type) ||
    replacement.type === 'ObjectExpression' ||
    (isLoosePosition(target) && replacement.type !== 'SequenceExpression')
  )
    return source;
  return `(${source})`;
}

const COMPARISONS = new Set(['==', '!=', '===', '!==', '<', '<=', '>', '>=', 'instanceof', 'in']);

/**
 * Whether an expression's value is always true or false, so that next to a constant only its
 * truthiness matters anywhere (`!a && false` is false, where `count && false` may be 0).
 */
function isBooleanValued(node: Node): boolean {
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'boolean';
    case 'UnaryExpression':
      return node.operator === '!';
    case 'BinaryExpression':
      return COMPARISONS.has(node.operator);
    case 'LogicalExpression':
      return node.operator !== '??' && isBooleanValued(node.left) && isBooleanValued(node.right);
    default:
      return false;
  }
}

/** `(a && true) && b` is `a && b`, and `(a || false) || b` is `a || b`, whatever `a` is. */
function isLeftOfSame(node: TSESTree.LogicalExpression): boolean {
  const parent = node.parent;
  return parent?.type === 'LogicalExpression' && parent.operator === node.operator && parent.left === node;
}

/** Whether a value only matters for its truthiness here (an if test, a `!` operand, a logical operand of those). */
function inTestPosition(node: Node): boolean {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (parent === undefined || parent === null) return false;
    switch (parent.type) {
      case 'IfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
      case 'ForStatement':
      case 'ConditionalExpression':
        return (parent as { test?: Node | null }).test === current;
      case 'UnaryExpression':
        return parent.operator === '!';
      case 'LogicalExpression':
        if (parent.operator === '??') return false;
        current = parent;
        continue;
      default:
        return false;
    }
  }
}

type StatementList = TSESTree.BlockStatement | TSESTree.Program | TSESTree.SwitchCase | TSESTree.StaticBlock;

function isStatementList(node: Node | undefined | null): node is StatementList {
  return node?.type === 'BlockStatement' || node?.type === 'Program' || node?.type === 'SwitchCase' || node?.type === 'StaticBlock';
}

function statementsOf(list: StatementList): readonly Node[] {
  return list.type === 'SwitchCase' ? list.consequent : list.body;
}

/** Names statements declare in their block (let, const, class, function). */
function declaredNames(statements: readonly Node[]): string[] {
  const names: string[] = [];
  for (const statement of statements) {
    if (statement.type === 'VariableDeclaration' && statement.kind !== 'var') {
      for (const declarator of statement.declarations) {
        walkSubtree(declarator.id, (node) => {
          if (node.type === 'Identifier') names.push(node.name);
          return true;
        });
      }
    } else if ((statement.type === 'ClassDeclaration' || statement.type === 'FunctionDeclaration') && statement.id) {
      names.push(statement.id.name);
    }
  }
  return names;
}

/** The inside of a block as statements placed where the block's statement stood, comments included. */
function unwrappedBlock(text: string, block: TSESTree.BlockStatement, at: Node): string {
  let contentStart = block.range[0] + 1;
  const restOfBraceLine = text.slice(contentStart, lineEndOf(text, contentStart));
  if (restOfBraceLine.trim() === '') contentStart = lineEndOf(text, contentStart) + 1;
  let contentEnd = block.range[1] - 1;
  const closingLineStart = lineStartOf(text, contentEnd);
  if (text.slice(closingLineStart, contentEnd).trim() === '') contentEnd = Math.max(contentStart, closingLineStart - 1);
  const content = text.slice(contentStart, contentEnd);
  const firstLine = content.split('\n').find((line) => line.trim() !== '') ?? '';
  const from = /^[ \t]*/.exec(firstLine)![0];
  const to = indentationAt(text, at.range[0]);
  return reindent(content, from, to).replace(/^\s*/, '');
}

/**
 * Whether moving declarations out of their block into the statement list around `statement`
 * would let them collide with (or capture) names used there: any of the names read or declared
 * elsewhere in that list. When the moved statements always exit, the statements after them are
 * unreachable and do not count.
 */
function declaresAny(list: StatementList, names: readonly string[], statement: Node, exits: boolean): boolean {
  if (names.length === 0) return false;
  const wanted = new Set(names);
  const statements = statementsOf(list);
  const index = statements.indexOf(statement);
  const around = exits ? statements.slice(0, index) : statements.filter((other) => other !== statement);
  let clash = false;
  for (const other of around) {
    walkSubtree(other, (node) => {
      if (clash) return false;
      if (node.type !== 'Identifier' || !wanted.has(node.name)) return true;
      const parent = node.parent;
      const isPropertyName =
        (parent?.type === 'Property' && parent.key === node && !parent.computed && !parent.shorthand) ||
        (parent?.type === 'MemberExpression' && parent.property === node && !parent.computed);
      if (!isPropertyName) clash = true;
      return !clash;
    });
  }
  return clash;
}

/**
 * One round of simplification, as edits of `text` (given its parse): folds the removal's
 * constants out of operators, conditionals, ifs and loops, drops code a fold made unreachable,
 * inlines the variables the removal made constant, and unwraps JSX made constant. Constants the
 * code had before are left alone. Outer rewrites win; inner ones wait for the next round.
 */
export function foldOnce({ nodes, scopes }: ParsedSource, text: string, context: FoldContext): EditList | undefined {
  const edits = new EditList();
  const produced = (node: Node) => context.constants.valueOf(node);
  const constant = (value: boolean) => context.constants.write(value);
  const replaceNode = (node: Node, replacement: string) => edits.add(node.range[0], node.range[1], replacement);
  const removeStatement = (node: Node) => {
    const [start, end] = removalRange(text, node.range[0], node.range[1]);
    edits.add(start, end, '');
  };
  // A fold that decides a JSX child (`{flag && <Banner />}`) decides the child itself: it becomes
  // the element kept, or goes when what is kept renders nothing. `{…}` the code had stays.
  // A string kept in JSX is written as JSX: `{'Preferences'}` as text, `to={'/x'}` as `to="/x"`.
  const replaceExpression = (node: Node, kept: Node) => {
    const child = jsxChild(node);
    const attribute = jsxAttributeValue(node);
    if (child !== undefined && (kept.type === 'JSXElement' || kept.type === 'JSXFragment')) replaceNode(child, movedTo(text, kept, child));
    else if (child !== undefined && rendersNothing(kept, context.constants)) removeStatement(child);
    else if (child !== undefined && plainJsxText(kept) !== undefined) replaceNode(child, plainJsxText(kept)!);
    else if (attribute !== undefined && plainJsxAttribute(kept) !== undefined) replaceNode(attribute, plainJsxAttribute(kept)!);
    else if (attribute !== undefined && isUndefined(kept, scopes) && !setByASpreadBefore(attribute.parent as TSESTree.JSXAttribute))
      removeAttribute(attribute.parent as TSESTree.JSXAttribute);
    else if (!spreadInline(node, kept)) replaceNode(node, substitute(text, node, kept));
  };
  // `label={undefined}`: no attribute at all, but where a spread before it could set the same prop.
  const removeAttribute = (attribute: TSESTree.JSXAttribute) => {
    const [start, end] = removalRange(text, attribute.range[0], attribute.range[1]);
    edits.add(start === attribute.range[0] ? start - /[ \t]*$/.exec(text.slice(0, start))![0].length : start, end, '');
  };
  // `...(flag && { a })` kept: the object's properties (the array's elements) join the list around
  // it; a spread of nothing (`...false` in an object, `...[]`) goes. Whether it was done.
  const spreadInline = (node: Node, kept: Node): boolean => {
    const spread = node.parent;
    const list = spread?.parent;
    if (spread?.type !== 'SpreadElement' || spread.argument !== node) return false;
    if (list?.type !== 'ObjectExpression' && list?.type !== 'ArrayExpression') return false;
    const items = (list.type === 'ObjectExpression' ? list.properties : list.elements) as (Node | null)[];
    const nothing =
      list.type === 'ObjectExpression' &&
      (produced(kept) !== undefined || isUndefined(kept, scopes) || (kept.type === 'Literal' && kept.value === null));
    const inlined = nothing
      ? ''
      : kept.type === (list.type === 'ObjectExpression' ? 'ObjectExpression' : 'ArrayExpression')
        ? inlinedItems(text, kept as TSESTree.ObjectExpression | TSESTree.ArrayExpression, spread)
        : undefined;
    if (inlined === undefined) return false;
    if (inlined === '') return removeListItem(text, items, items.indexOf(spread), edits);
    return edits.add(spread.range[0], spread.range[1], inlined);
  };
  const replaceByConstant = (node: Node, value: boolean) => {
    const child = jsxChild(node);
    if (child !== undefined) removeStatement(child);
    else replaceNode(node, constant(value));
  };

  for (const node of nodes) {
    if (edits.overlaps(node.range[0], node.range[1]) && node.type !== 'Program') continue;
    switch (node.type) {
      case 'UnaryExpression': {
        const value = produced(node.argument);
        if (node.operator === '!' && value !== undefined) replaceByConstant(node, !value);
        break;
      }
      case 'CallExpression': {
        // `Boolean(<constant>)` is the constant.
        const value = node.arguments.length === 1 ? produced(node.arguments[0]!) : undefined;
        if (
          value !== undefined &&
          node.callee.type === 'Identifier' &&
          node.callee.name === 'Boolean' &&
          scopes.lookup('Boolean', node.callee) === undefined
        )
          replaceByConstant(node, value);
        break;
      }
      case 'ArrayExpression': {
        // A React hook's dependency list: a constant depends on nothing.
        const deps = isHookDependencyList(node)
          ? node.elements.filter((element) => element !== null && produced(element) !== undefined)
          : [];
        for (const element of deps) removeListItem(text, node.elements as Node[], node.elements.indexOf(element), edits);
        break;
      }
      case 'LogicalExpression': {
        const right = produced(node.right);
        // A literal the code had on the left decides too, once the removal's constant is on the right.
        const left = produced(node.left) ?? (right === undefined ? undefined : booleanLiteral(node.left));
        if (left !== undefined) {
          const keepsLeft = node.operator === '??' || (node.operator === '&&') !== left;
          replaceExpression(node, keepsLeft ? node.left : node.right);
        } else if (
          right !== undefined &&
          node.operator !== '??' &&
          (inTestPosition(node) || isBooleanValued(node.left) || (isLeftOfSame(node) && (node.operator === '&&') === right))
        ) {
          if ((node.operator === '&&') === right) replaceNode(node, substitute(text, node, node.left));
          else if (isPure(node.left)) replaceNode(node, constant(right));
        }
        break;
      }
      case 'BinaryExpression': {
        const value = decidedComparison(node, context.constants);
        if (value !== undefined) replaceByConstant(node, value);
        break;
      }
      case 'ConditionalExpression': {
        const test = produced(node.test);
        if (test !== undefined) replaceExpression(node, test ? node.consequent : node.alternate);
        break;
      }
      case 'IfStatement': {
        let test = produced(node.test);
        if (test === undefined && isStatementList(node.parent)) {
          // `if (track() || true)`: the branch is decided, the call must still run.
          const decided = decidedByRight(node.test, context.constants);
          if (decided !== undefined) {
            const kept = decided.value ? node.consequent : node.alternate;
            const call = `${text.slice(decided.operand.range[0], decided.operand.range[1])};`;
            const rest =
              kept == null
                ? ''
                : kept.type === 'BlockStatement'
                  ? kept.body.length === 0
                    ? ''
                    : unwrappedBlock(text, kept, node)
                  : text.slice(kept.range[0], kept.range[1]);
            replaceNode(node, rest === '' ? call : `${call}\n${indentationAt(text, node.range[0])}${rest}`);
            break;
          }
        }
        test = produced(node.test);
        if (test === undefined) break;
        const kept = test ? node.consequent : node.alternate;
        const parent = node.parent;
        if (parent?.type === 'IfStatement' && parent.alternate === node) {
          if (kept == null) edits.add(parent.consequent.range[1], node.range[1], '');
          else replaceNode(node, text.slice(kept.range[0], kept.range[1]));
        } else if (isStatementList(parent)) {
          if (kept == null || (kept.type === 'BlockStatement' && kept.body.length === 0) || kept.type === 'EmptyStatement')
            removeStatement(node);
          else if (kept.type === 'BlockStatement') {
            const keepBraces = declaresAny(parent, declaredNames(kept.body), node, alwaysExits(kept));
            replaceNode(node, keepBraces ? text.slice(kept.range[0], kept.range[1]) : unwrappedBlock(text, kept, node));
          } else replaceNode(node, text.slice(kept.range[0], kept.range[1]));
        } else {
          replaceNode(node, kept == null ? '{}' : text.slice(kept.range[0], kept.range[1]));
        }
        break;
      }
      case 'SwitchStatement': {
        if (!isStatementList(node.parent)) break;
        const replacement = decidedSwitch(node, node.parent, text, context.constants);
        if (replacement === '') removeStatement(node);
        else if (replacement !== undefined) replaceNode(node, replacement);
        break;
      }
      case 'WhileStatement':
      case 'ForStatement':
        if (node.test != null && produced(node.test) === false && isStatementList(node.parent)) removeStatement(node);
        break;
      case 'DoWhileStatement':
        // The body runs once. Unwrapped, a `break` or `continue` of this loop would leave an outer
        // loop instead (or be no longer legal): such a loop stays, as `do { … } while (false)`.
        if (produced(node.test) === false && !jumpsTo(node.body, { labels: labelsOf(node), breaks: true, continues: true })) {
          replaceNode(node, text.slice(node.body.range[0], node.body.range[1]));
        }
        break;
      case 'VariableDeclarator': {
        // A variable the removal made constant, directly or once its initialiser folded (`flags.x ?? false`).
        if (node.id.type !== 'Identifier' || node.init == null) break;
        const value = produced(node.init);
        const declaration = node.parent;
        if (value === undefined || declaration?.type !== 'VariableDeclaration' || declaration.declarations.length !== 1) break;
        if (declaration.parent?.type === 'ExportNamedDeclaration') break;
        const binding = scopes.lookup(node.id.name, node.id);
        if (binding === undefined || (binding.kind !== 'const' && binding.reassigned)) break;
        const reads = readsOf(scopes, binding);
        if (reads.some((read) => edits.overlaps(read.range[0], read.range[1]))) break;
        for (const read of reads) {
          const shorthand = read.parent?.type === 'Property' && read.parent.shorthand;
          edits.add(read.range[0], read.range[1], shorthand ? `${read.name}: ${constant(value)}` : constant(value));
        }
        removeStatement(declaration);
        break;
      }
      case 'JSXExpressionContainer':
        // `{v}` once the decision variable `v` is inlined: a child that renders nothing goes,
        // with its line when it had one to itself.
        if (jsxChild(node.expression) === node && produced(node.expression) !== undefined) removeStatement(node);
        break;
      default:
        if (isStatementList(node)) removeDeadCode(node, text, context, edits);
    }
  }
  return edits.size === 0 ? undefined : edits;
}

/** The `{…}` child of a JSX element or fragment that holds an expression, if the expression is one. */
function jsxChild(node: Node): TSESTree.JSXExpressionContainer | undefined {
  const container = node.parent;
  if (container?.type !== 'JSXExpressionContainer' || container.expression !== node) return undefined;
  return container.parent?.type === 'JSXElement' || container.parent?.type === 'JSXFragment' ? container : undefined;
}

/** The `{…}` value of a JSX attribute that holds an expression, if the expression is one. */
function jsxAttributeValue(node: Node): TSESTree.JSXExpressionContainer | undefined {
  const container = node.parent;
  if (container?.type !== 'JSXExpressionContainer' || container.expression !== node) return undefined;
  return container.parent?.type === 'JSXAttribute' ? container : undefined;
}

/** `undefined`, the global one. */
function isUndefined(node: Node, scopes: Scopes): boolean {
  return node.type === 'Identifier' && node.name === 'undefined' && scopes.lookup('undefined', node) === undefined;
}

/** Whether a `{...spread}` before the attribute in its element could set the same prop. */
function setByASpreadBefore(attribute: TSESTree.JSXAttribute): boolean {
  const element = attribute.parent as TSESTree.JSXOpeningElement;
  return element.attributes.slice(0, element.attributes.indexOf(attribute)).some((other) => other.type === 'JSXSpreadAttribute');
}

/**
 * The items of an object or array literal as they would read inside the list `spread` stands in
 * (moved to its indentation), '' when it has none; undefined when inlining could change what the
 * spread made (a getter, a setter, `__proto__`, a hole) or lose a comment inside its brackets.
 */
function inlinedItems(text: string, literal: TSESTree.ObjectExpression | TSESTree.ArrayExpression, spread: Node): string | undefined {
  const items = (literal.type === 'ObjectExpression' ? literal.properties : literal.elements) as (Node | null)[];
  if (items.length === 0) return text.slice(literal.range[0] + 1, literal.range[1] - 1).trim() === '' ? '' : undefined;
  if (items.some((item) => item === null)) return undefined;
  const special = (item: Node) =>
    item.type === 'Property' &&
    (item.kind !== 'init' ||
      (!item.computed &&
        ((item.key.type === 'Identifier' && item.key.name === '__proto__') ||
          (item.key.type === 'Literal' && item.key.value === '__proto__'))));
  if (items.some((item) => special(item!))) return undefined;
  const first = items[0]!;
  const last = items.at(-1)!;
  const inside = text.slice(literal.range[0] + 1, first.range[0]) + text.slice(last.range[1], literal.range[1] - 1);
  if (inside.replace(',', '').trim() !== '') return undefined;
  return reindent(text.slice(first.range[0], last.range[1]), indentationAt(text, first.range[0]), indentationAt(text, spread.range[0]));
}

/** A string literal as JSX text that reads the same: nothing JSX parses, trims or decodes in it. */
function plainJsxText(node: Node): string | undefined {
  if (node.type !== 'Literal' || typeof node.value !== 'string' || node.raw.includes('\\')) return undefined;
  const value = node.value;
  return value !== '' && !/[{}<>&\n\r]/.test(value) && value.trim() === value ? value : undefined;
}

/** A string literal as a JSX attribute value: `"…"`, when no quote, backslash or entity needs care. */
function plainJsxAttribute(node: Node): string | undefined {
  if (node.type !== 'Literal' || typeof node.value !== 'string' || node.raw.includes('\\')) return undefined;
  return /["&\n\r]/.test(node.value) ? undefined : `"${node.value}"`;
}

/** The last argument of `useEffect(f, [deps])`, `useMemo`, `useCallback` …: a list of dependencies. */
function isHookDependencyList(node: TSESTree.ArrayExpression): boolean {
  const call = node.parent;
  if (call?.type !== 'CallExpression' || call.arguments.length < 2 || call.arguments.at(-1) !== node) return false;
  const callee = call.callee.type === 'MemberExpression' && !call.callee.computed ? call.callee.property : call.callee;
  return callee.type === 'Identifier' && /^use[A-Z]/.test(callee.name);
}

/**
 * The text of `kept` to stand where `at` stands: its lines after the first moved from the
 * indentation of the line it starts on to that of `at`'s line (a JSX element out of its wrapper).
 */
export function movedTo(text: string, kept: Node, at: Node): string {
  return reindent(text.slice(kept.range[0], kept.range[1]), indentationAt(text, kept.range[0]), indentationAt(text, at.range[0]));
}

/** A value React renders as nothing: a boolean, null, undefined. */
function rendersNothing(node: Node, constants: RemovalConstants): boolean {
  if (constants.valueOf(node) !== undefined || booleanLiteral(node) !== undefined) return true;
  return (node.type === 'Literal' && node.value === null) || (node.type === 'Identifier' && node.name === 'undefined');
}

type Comparable = boolean | string | number;

/** A value a comparison can be decided on, and whether the removal produced (or chose) it. */
interface DecidedOperand {
  value: Comparable;
  ours: boolean;
}

/**
 * The value of an operand once the removal's folds are done: one of its constants, a literal, or
 * what a conditional or `&&` / `||` / `??` it decides keeps, when that is a literal. Undefined
 * when it is anything else.
 */
function decidedOperand(node: Node, constants: RemovalConstants): DecidedOperand | undefined {
  const constant = constants.valueOf(node);
  if (constant !== undefined) return { value: constant, ours: true };
  if (node.type === 'Literal') {
    const value = node.value;
    return typeof value === 'boolean' || typeof value === 'string' || typeof value === 'number' ? { value, ours: false } : undefined;
  }
  let kept: Node | undefined;
  if (node.type === 'ConditionalExpression') {
    const test = constants.valueOf(node.test);
    if (test !== undefined) kept = test ? node.consequent : node.alternate;
  } else if (node.type === 'LogicalExpression') {
    const left = constants.valueOf(node.left);
    if (left !== undefined) kept = node.operator === '??' || (node.operator === '&&') !== left ? node.left : node.right;
  }
  const decided = kept === undefined ? undefined : decidedOperand(kept, constants);
  return decided === undefined ? undefined : { value: decided.value, ours: true };
}

/** `==` between two primitives of these types: equal as they are when of one type, else as numbers. */
function looselyEqual(left: Comparable, right: Comparable): boolean {
  return typeof left === typeof right ? left === right : Number(left) === Number(right);
}

/**
 * The value of `===`, `!==`, `==` or `!=` between two decided operands, one of them the removal's:
 * `false === true` is the removal's to fold (tsc rejects it: TS2367). Comparisons the code had stay.
 */
function decidedComparison(node: TSESTree.BinaryExpression, constants: RemovalConstants): boolean | undefined {
  if (node.operator !== '===' && node.operator !== '!==' && node.operator !== '==' && node.operator !== '!=') return undefined;
  const left = decidedOperand(node.left, constants);
  const right = decidedOperand(node.right, constants);
  if (left === undefined || right === undefined || (!left.ours && !right.ours)) return undefined;
  const equal = node.operator.length === 3 ? left.value === right.value : looselyEqual(left.value, right.value);
  return node.operator.startsWith('!') ? !equal : equal;
}

/** `E || true` and `E && false` in a test, with the removal's constant: decided whatever E is, but E must still run. */
function decidedByRight(test: Node, constants: RemovalConstants): { operand: Node; value: boolean } | undefined {
  if (test.type !== 'LogicalExpression' || test.operator === '??') return undefined;
  const right = constants.valueOf(test.right);
  if (right === undefined || (test.operator === '&&') === right || isPure(test.left)) return undefined;
  return { operand: test.left, value: right };
}

/** The labels a statement carries (`outer: do { … } while (…)`). */
function labelsOf(statement: Node): Set<string> {
  const labels = new Set<string>();
  for (let parent = statement.parent; parent?.type === 'LabeledStatement'; parent = parent.parent) labels.add(parent.label.name);
  return labels;
}

function isPlainBreak(statement: Node | undefined): boolean {
  return statement?.type === 'BreakStatement' && statement.label === null;
}

/**
 * `switch (<constant>) { case true: …; break; case false: … }`, the removal's constant being the
 * discriminant or a case test: the case that matches, as statements, when every case is a literal
 * and ends by leaving the switch (no fall-through to untangle). A case written as one block
 * (`case true: { … }`) gives the block's statements. Undefined when the switch must stay.
 */
function decidedSwitch(node: TSESTree.SwitchStatement, list: StatementList, text: string, constants: RemovalConstants): string | undefined {
  const valueOf = (test: Node) => constants.valueOf(test) ?? booleanLiteral(test);
  const value = valueOf(node.discriminant);
  if (value === undefined) return undefined;
  let ours = constants.valueOf(node.discriminant) !== undefined;
  let chosen: TSESTree.SwitchCase | undefined;
  for (const switchCase of node.cases) {
    if (switchCase.test !== null) {
      if (valueOf(switchCase.test) === undefined) return undefined;
      if (constants.valueOf(switchCase.test) !== undefined) ours = true;
    }
    const last = switchCase.consequent.at(-1);
    const leaves = last === undefined || last.type === 'BreakStatement' || alwaysExits(last);
    if (!leaves && switchCase !== node.cases.at(-1)) return undefined;
    if (chosen === undefined && switchCase.test !== null && valueOf(switchCase.test) === value) chosen = switchCase;
  }
  if (!ours) return undefined;
  chosen ??= node.cases.find((switchCase) => switchCase.test === null);
  if (chosen === undefined) return '';

  let statements: readonly Node[] = chosen.consequent;
  let contentStart = caseBodyStart(text, chosen);
  const [first, second] = statements;
  if (first?.type === 'BlockStatement' && (statements.length === 1 || (statements.length === 2 && isPlainBreak(second)))) {
    statements = first.body;
    contentStart = first.range[0] + 1;
  }
  if (isPlainBreak(statements.at(-1))) statements = statements.slice(0, -1);
  if (statements.length === 0) return '';
  if (statements.some((statement) => jumpsTo(statement, { labels: labelsOf(node), breaks: true, continues: false }))) return undefined;
  // Case statements share the switch's scope; out of it, they must not meet the names around it.
  if (declaresAny(list, declaredNames(statements), node, statements.some(alwaysExits))) return undefined;
  return statementsAt(text, contentStart, statements.at(-1)!.range[1], node);
}

/** Where a case's statements may start: just after the colon of `case x:` / `default:`. */
function caseBodyStart(text: string, switchCase: TSESTree.SwitchCase): number {
  const headEnd = switchCase.test === null ? switchCase.range[0] + 'default'.length : switchCase.test.range[1];
  return text.indexOf(':', headEnd) + 1;
}

/**
 * Source text from `start` to `end` (statements), as text that stands where `at` stood: from the
 * next line when nothing but blanks follows `start` on its line (comments above the statements
 * come along), reindented to `at`'s indentation.
 */
function statementsAt(text: string, start: number, end: number, at: Node): string {
  const restOfLine = text.slice(start, lineEndOf(text, start));
  const fromLineStart = restOfLine.trim() === '';
  const contentStart = fromLineStart ? lineEndOf(text, start) + 1 : start + (/^\s*/.exec(restOfLine)?.[0].length ?? 0);
  const content = text.slice(contentStart, end);
  const lines = content.split('\n');
  // Statements that begin on the case line: the lines below them tell the indentation.
  const measured = (fromLineStart ? lines : lines.slice(1)).filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)![0]);
  if (measured.length === 0) return content.trim();
  const from = fromLineStart
    ? measured[0]!
    : measured.reduce((shortest, indentation) => (indentation.length < shortest.length ? indentation : shortest));
  return reindent(content, from, indentationAt(text, at.range[0])).replace(/^\s*/, '');
}

/** Statements after one that always exits are unreachable; hoisted declarations stay. */
function removeDeadCode(list: StatementList, text: string, context: FoldContext, edits: EditList): void {
  const statements = statementsOf(list);
  const exit = statements.findIndex((statement) => alwaysExits(statement));
  if (exit < 0) return;
  for (const statement of statements.slice(exit + 1)) {
    if (statement.type === 'FunctionDeclaration' || (statement.type === 'VariableDeclaration' && statement.kind === 'var')) continue;
    if (context.preexistingDead.has(text.slice(statement.range[0], statement.range[1]))) continue;
    const [start, end] = removalRange(text, statement.range[0], statement.range[1]);
    edits.add(start, end, '');
  }
}

/** The dead statements of a text, so a later round leaves the ones that were already there alone. */
export function deadStatements(nodes: readonly Node[], text: string): Set<string> {
  const dead = new Set<string>();
  for (const node of nodes) {
    if (!isStatementList(node)) continue;
    const statements = statementsOf(node);
    const exit = statements.findIndex((statement) => alwaysExits(statement));
    if (exit >= 0) for (const statement of statements.slice(exit + 1)) dead.add(text.slice(statement.range[0], statement.range[1]));
  }
  return dead;
}
