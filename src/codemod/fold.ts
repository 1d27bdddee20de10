import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { walk, walkSubtree, type Node } from '../detect/ast.js';
import { alwaysExits } from '../detect/control-flow.js';
import { parseSource } from '../detect/module-graph.js';
import { readsOf, Scopes } from '../detect/scope.js';
import { EditList, indentationAt, lineEndOf, lineStartOf, reindent, removalRange } from './text-edits.js';

/** What the simplifier may touch beyond constants: only what the removal itself produced. */
export interface FoldContext {
  /** Variables whose initializer the removal replaced by a constant: inlined, then dropped. */
  inline: Set<string>;
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
  const program = parseSource(file, text);
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
  return /\(\s*$/.test(text.slice(Math.max(0, node.range[0] - 20), node.range[0])) && /^\s*\)/.test(text.slice(node.range[1], node.range[1] + 20)) && !isLoosePosition(node);
}

/** The text to put where `target` was so it means `replacement`: parenthesised when needed. */
function substitute(text: string, target: Node, replacement: Node): string {
  const source = text.slice(replacement.range[0], replacement.range[1]);
  if (parenthesised(text, target)) return source;
  const objectLike = replacement.type === 'ObjectExpression' || replacement.type === 'FunctionExpression' || replacement.type === 'ClassExpression';
  const statementStart = target.parent?.type === 'ExpressionStatement' || (target.parent?.type === 'ArrowFunctionExpression' && target.parent.body === target);
  if (objectLike && statementStart) return `(${source})`;
  if (PRIMARY.has(replacement.type) || replacement.type === 'ObjectExpression' || (isLoosePosition(target) && replacement.type !== 'SequenceExpression')) return source;
  return `(${source})`;
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

function isStatementList(node: Node | undefined | null): node is TSESTree.BlockStatement | TSESTree.Program | TSESTree.SwitchCase | TSESTree.StaticBlock {
  return node?.type === 'BlockStatement' || node?.type === 'Program' || node?.type === 'SwitchCase' || node?.type === 'StaticBlock';
}

function statementsOf(list: TSESTree.BlockStatement | TSESTree.Program | TSESTree.SwitchCase | TSESTree.StaticBlock): readonly Node[] {
  return list.type === 'SwitchCase' ? list.consequent : list.body;
}

/** Names a block declares for itself (let, const, class, function). */
function blockDeclarations(block: TSESTree.BlockStatement): string[] {
  const names: string[] = [];
  for (const statement of block.body) {
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
 * Whether unwrapping a block would let its declarations collide with (or capture) names used
 * around it: any of the names read or declared elsewhere in the enclosing statement list. The
 * statements after a block that always exits are unreachable and do not count.
 */
function declaresAny(list: TSESTree.BlockStatement | TSESTree.Program | TSESTree.SwitchCase | TSESTree.StaticBlock, names: readonly string[], statement: Node, block: TSESTree.BlockStatement): boolean {
  if (names.length === 0) return false;
  const wanted = new Set(names);
  const statements = statementsOf(list);
  const index = statements.indexOf(statement);
  const around = alwaysExits(block) ? statements.slice(0, index) : statements.filter((other) => other !== statement);
  let clash = false;
  for (const other of around) {
    walkSubtree(other, (node) => {
      if (clash) return false;
      if (node.type !== 'Identifier' || !wanted.has(node.name)) return true;
      const parent = node.parent;
      const isPropertyName = (parent?.type === 'Property' && parent.key === node && !parent.computed && !parent.shorthand) || (parent?.type === 'MemberExpression' && parent.property === node && !parent.computed);
      if (!isPropertyName) clash = true;
      return !clash;
    });
  }
  return clash;
}

/**
 * One round of simplification: folds boolean constants out of operators, conditionals, ifs and
 * loops, drops code a fold made unreachable, inlines the variables the removal made constant, and
 * unwraps JSX made constant. Outer rewrites win; inner ones wait for the next round.
 */
export function foldOnce(file: string, text: string, context: FoldContext): string | undefined {
  const { nodes, scopes } = parseWithScopes(file, text);
  const edits = new EditList();
  const replaceNode = (node: Node, replacement: string) => edits.add(node.range[0], node.range[1], replacement);
  const removeStatement = (node: Node) => {
    const [start, end] = removalRange(text, node.range[0], node.range[1]);
    edits.add(start, end, '');
  };

  for (const node of nodes) {
    if (edits.overlaps(node.range[0], node.range[1]) && node.type !== 'Program') continue;
    switch (node.type) {
      case 'UnaryExpression': {
        const value = booleanLiteral(node.argument);
        if (node.operator === '!' && value !== undefined) replaceNode(node, String(!value));
        break;
      }
      case 'LogicalExpression': {
        const left = booleanLiteral(node.left);
        const right = booleanLiteral(node.right);
        if (left !== undefined) {
          if (node.operator === '??') replaceNode(node, String(left));
          else if ((node.operator === '&&') === left) replaceNode(node, substitute(text, node, node.right));
          else replaceNode(node, String(left));
        } else if (right !== undefined && node.operator !== '??' && inTestPosition(node)) {
          if ((node.operator === '&&') === right) replaceNode(node, substitute(text, node, node.left));
          else if (isPure(node.left)) replaceNode(node, String(right));
        }
        break;
      }
      case 'ConditionalExpression': {
        const test = booleanLiteral(node.test);
        if (test !== undefined) replaceNode(node, substitute(text, node, test ? node.consequent : node.alternate));
        break;
      }
      case 'IfStatement': {
        let test = booleanLiteral(node.test);
        if (test === undefined && isStatementList(node.parent)) {
          // `if (track() || true)`: the branch is decided, the call must still run.
          const decided = decidedByRight(node.test);
          if (decided !== undefined) {
            const kept = decided.value ? node.consequent : node.alternate;
            const call = `${text.slice(decided.operand.range[0], decided.operand.range[1])};`;
            const rest = kept == null ? '' : kept.type === 'BlockStatement' ? (kept.body.length === 0 ? '' : unwrappedBlock(text, kept, node)) : text.slice(kept.range[0], kept.range[1]);
            replaceNode(node, rest === '' ? call : `${call}\n${indentationAt(text, node.range[0])}${rest}`);
            break;
          }
        }
        test = booleanLiteral(node.test);
        if (test === undefined) break;
        const kept = test ? node.consequent : node.alternate;
        const parent = node.parent;
        if (parent?.type === 'IfStatement' && parent.alternate === node) {
          if (kept == null) edits.add(parent.consequent.range[1], node.range[1], '');
          else replaceNode(node, text.slice(kept.range[0], kept.range[1]));
        } else if (isStatementList(parent)) {
          if (kept == null || (kept.type === 'BlockStatement' && kept.body.length === 0) || kept.type === 'EmptyStatement') removeStatement(node);
          else if (kept.type === 'BlockStatement') {
            const keepBraces = declaresAny(parent, blockDeclarations(kept), node, kept);
            replaceNode(node, keepBraces ? text.slice(kept.range[0], kept.range[1]) : unwrappedBlock(text, kept, node));
          } else replaceNode(node, text.slice(kept.range[0], kept.range[1]));
        } else {
          replaceNode(node, kept == null ? '{}' : text.slice(kept.range[0], kept.range[1]));
        }
        break;
      }
      case 'SwitchStatement': {
        const replacement = decidedSwitch(node, text);
        if (replacement !== undefined && isStatementList(node.parent)) {
          if (replacement === '') removeStatement(node);
          else replaceNode(node, replacement);
        }
        break;
      }
      case 'WhileStatement':
      case 'ForStatement':
        if (node.test != null && booleanLiteral(node.test) === false && isStatementList(node.parent)) removeStatement(node);
        break;
      case 'DoWhileStatement':
        if (booleanLiteral(node.test) === false) replaceNode(node, text.slice(node.body.range[0], node.body.range[1]));
        break;
      case 'VariableDeclarator': {
        if (node.id.type !== 'Identifier' || !context.inline.has(node.id.name) || node.init == null) break;
        const value = booleanLiteral(node.init);
        const declaration = node.parent;
        if (value === undefined || declaration?.type !== 'VariableDeclaration' || declaration.declarations.length !== 1) break;
        if (declaration.parent?.type === 'ExportNamedDeclaration') break;
        const binding = scopes.lookup(node.id.name, node.id);
        if (binding === undefined || (binding.kind !== 'const' && binding.reassigned)) break;
        const reads = readsOf(scopes, binding);
        if (reads.some((read) => edits.overlaps(read.range[0], read.range[1]))) break;
        for (const read of reads) {
          const shorthand = read.parent?.type === 'Property' && read.parent.shorthand;
          edits.add(read.range[0], read.range[1], shorthand ? `${read.name}: ${value}` : String(value));
        }
        removeStatement(declaration);
        break;
      }
      case 'JSXExpressionContainer': {
        const parent = node.parent;
        if (parent?.type !== 'JSXElement' && parent?.type !== 'JSXFragment') break;
        const expression = node.expression;
        // A child that renders nothing goes, with its line when it had one to itself.
        if (booleanLiteral(expression) !== undefined || (expression.type === 'Literal' && expression.value === null)) removeStatement(node);
        else if (expression.type === 'JSXElement' || expression.type === 'JSXFragment') replaceNode(node, text.slice(expression.range[0], expression.range[1]));
        break;
      }
      default:
        if (isStatementList(node)) removeDeadCode(node, text, context, edits);
    }
  }
  return edits.size === 0 ? undefined : edits.apply(text);
}

/** `E || true` and `E && false` in a test: decided whatever E is, but E must still run. */
function decidedByRight(test: Node): { operand: Node; value: boolean } | undefined {
  if (test.type !== 'LogicalExpression' || test.operator === '??') return undefined;
  const right = booleanLiteral(test.right);
  if (right === undefined || (test.operator === '&&') === right || isPure(test.left)) return undefined;
  return { operand: test.left, value: right };
}

/**
 * `switch (true) { case true: …; break; case false: … }`: the case that matches, as statements,
 * when every case is a literal and ends by leaving the switch (no fall-through to untangle).
 */
function decidedSwitch(node: TSESTree.SwitchStatement, text: string): string | undefined {
  const value = booleanLiteral(node.discriminant);
  if (value === undefined) return undefined;
  let chosen: TSESTree.SwitchCase | undefined;
  for (const switchCase of node.cases) {
    if (switchCase.test !== null && booleanLiteral(switchCase.test) === undefined) return undefined;
    const last = switchCase.consequent.at(-1);
    const leaves = last === undefined || last.type === 'BreakStatement' || alwaysExits(last);
    if (!leaves && switchCase !== node.cases.at(-1)) return undefined;
    if (chosen === undefined && switchCase.test !== null && booleanLiteral(switchCase.test) === value) chosen = switchCase;
  }
  chosen ??= node.cases.find((switchCase) => switchCase.test === null);
  if (chosen === undefined) return '';
  const statements = chosen.consequent.filter((statement, index, all) => !(statement.type === 'BreakStatement' && statement.label === null && index === all.length - 1));
  if (statements.some(breaksOutOfSwitch)) return undefined;
  if (statements.length === 0) return '';
  const inner = text.slice(lineStartOf(text, statements[0]!.range[0]), statements.at(-1)!.range[1]);
  return reindent(inner, indentationAt(text, statements[0]!.range[0]), indentationAt(text, node.range[0])).replace(/^[ \t]*/, '');
}

/** A `break` that would leave the switch from inside the case (not inside its own loop or switch). */
function breaksOutOfSwitch(statement: Node): boolean {
  let found = false;
  walkSubtree(statement, (node) => {
    if (found) return false;
    if (node.type === 'BreakStatement' && node.label === null) found = true;
    const ownsBreak = /^(For|ForIn|ForOf|While|DoWhile|Switch)Statement$/.test(node.type) || node.type.includes('Function');
    return !ownsBreak || node === statement;
  });
  return found;
}

/** Statements after one that always exits are unreachable; hoisted declarations stay. */
function removeDeadCode(list: TSESTree.BlockStatement | TSESTree.Program | TSESTree.SwitchCase | TSESTree.StaticBlock, text: string, context: FoldContext, edits: EditList): void {
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
export function deadStatements(file: string, text: string): Set<string> {
  const dead = new Set<string>();
  const { nodes } = parseWithScopes(file, text);
  for (const node of nodes) {
    if (!isStatementList(node)) continue;
    const statements = statementsOf(node);
    const exit = statements.findIndex((statement) => alwaysExits(statement));
    if (exit >= 0) for (const statement of statements.slice(exit + 1)) dead.add(text.slice(statement.range[0], statement.range[1]));
  }
  return dead;
}

