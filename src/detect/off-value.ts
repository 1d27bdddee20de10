import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunctionNode, memberChain, propertyKeyName, propertyName, unwrapExpression, type Node } from './ast.js';

/**
 * With type information: whether an expression's type is boolean (`true`, `false` or `boolean`);
 * undefined when the type says nothing either way.
 */
export type BooleanTypeOf = (node: Node) => boolean | undefined;

/*
 * The hygiene article's rule 4, "always have a fallback for the flag off path", is about
 * `flag && createProcessor()`: when the flag is off the code gets `false` where it wanted a
 * processor. When the value is a boolean anyway (`flag && isAdmin`, `Boolean(flag && x)`,
 * `items.filter((item) => flag && item.visible)`), `false` is the right off value. These two
 * questions, asked by the analysis where a flag's `&&` ends in a value, decide which is which.
 */

/** Names that read as a yes/no answer: `isAdmin`, `hasAccess`, `user.enabled`, `showBanner`. */
const PREDICATE_NAME =
  /^(is|has|have|can|could|should|shall|must|will|was|were|did|does|do|show|hide|enable|disable|allow|deny|needs?|supports?|contains|includes|matches|use)[A-Z0-9_$]/;
const PREDICATE_WORDS = new Set([
  'enabled',
  'disabled',
  'visible',
  'hidden',
  'active',
  'inactive',
  'allowed',
  'on',
  'off',
  'ok',
  'valid',
  'ready',
  'checked',
  'selected',
  'open',
  'killSwitch',
]);
/** Methods that answer yes or no, whatever they are called on. */
const PREDICATE_METHODS = new Set([
  'Boolean',
  'includes',
  'some',
  'every',
  'has',
  'startsWith',
  'endsWith',
  'test',
  'isArray',
  'isInteger',
  'isFinite',
  'isNaN',
  'matches',
]);
/** Array methods whose callback's result is used as a condition. */
const CONDITION_CALLBACK_METHODS = new Set(['filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex']);
const COMPARISONS = new Set(['==', '===', '!=', '!==', '<', '<=', '>', '>=', 'in', 'instanceof']);

function isPredicateName(name: string): boolean {
  return PREDICATE_NAME.test(name) || PREDICATE_WORDS.has(name);
}

/** The last name of a plain member chain or identifier: `user.isAdmin` → `isAdmin`. */
function lastName(node: Node): string | undefined {
  const chain = memberChain(node);
  return chain?.at(-1);
}

/** What an expression yields, as far as its shape and name tell: a boolean, or not known to be one. */
function yieldsBoolean(node: Node, booleanTypeOf: BooleanTypeOf | undefined): boolean {
  const expression = unwrapExpression(node);
  const typed = booleanTypeOf?.(expression);
  if (typed !== undefined) return typed;
  switch (expression.type) {
    case 'Literal':
      return typeof expression.value === 'boolean';
    case 'BinaryExpression':
      return COMPARISONS.has(expression.operator);
    case 'UnaryExpression':
      return expression.operator === '!';
    case 'LogicalExpression':
      return (
        expression.operator !== '??' && yieldsBoolean(expression.left, booleanTypeOf) && yieldsBoolean(expression.right, booleanTypeOf)
      );
    case 'AwaitExpression':
      return yieldsBoolean(expression.argument, booleanTypeOf);
    case 'Identifier':
      return isPredicateName(expression.name);
    case 'MemberExpression': {
      const name = propertyName(expression);
      return name !== undefined && isPredicateName(name);
    }
    case 'CallExpression': {
      const name = lastName(expression.callee);
      // `useFeature()` is a hook returning anything: a `use…` call is not a predicate.
      return name !== undefined && (PREDICATE_METHODS.has(name) || (isPredicateName(name) && !name.startsWith('use')));
    }
    default:
      return false;
  }
}

/**
 * `flag && other`: when the flag is off the value is the flag's falsy value, a problem only when
 * `other` is something that is not a boolean (a processor, a string, a component's props …).
 */
export function offValueMixesTypes(other: Node, booleanTypeOf?: BooleanTypeOf): boolean {
  return !yieldsBoolean(other, booleanTypeOf);
}

/** The name a value is given where it is consumed: the variable, the property, the function returning it. */
function receivingName(node: Node): string | undefined {
  const parent = node.parent;
  if (parent === undefined) return undefined;
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.init === node && parent.id.type === 'Identifier' ? parent.id.name : undefined;
    case 'AssignmentExpression':
      return parent.right === node ? lastName(parent.left) : undefined;
    case 'Property':
      return parent.value === node ? propertyKeyName(parent) : undefined;
    case 'JSXExpressionContainer':
      return parent.parent?.type === 'JSXAttribute' && parent.parent.name.type === 'JSXIdentifier' ? parent.parent.name.name : undefined;
    default:
      return undefined;
  }
}

/** The function whose result this expression is (an arrow's body, or a `return` in it). */
function returnedFrom(
  node: Node,
): TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | undefined {
  const parent = node.parent;
  if (parent !== undefined && isFunctionNode(parent)) return parent.body === node ? parent : undefined;
  if (parent?.type !== 'ReturnStatement') return undefined;
  let current: Node | undefined = parent.parent;
  while (current !== undefined && !isFunctionNode(current)) current = current.parent;
  return current;
}

function functionName(
  fn: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression,
): string | undefined {
  if (fn.id != null) return fn.id.name;
  return receivingName(fn);
}

/**
 * Whether a value is consumed as a yes/no: itself a comparison or a negation, passed to
 * `Boolean()`, returned from a predicate or a `filter` callback, or stored under a predicate name
 * (`const canEdit = …`, `{ enabled: … }`, `disabled={…}`). Then the flag's `false` is a real value.
 */
export function consumedAsBoolean(node: Node, booleanTypeOf?: BooleanTypeOf): boolean {
  const expression = unwrapExpression(node);
  if (expression.type === 'UnaryExpression' && expression.operator === '!') return true;
  if (expression.type === 'BinaryExpression' && COMPARISONS.has(expression.operator)) return true;
  if (booleanTypeOf?.(expression) === true) return true;
  const parent = node.parent;
  if (parent?.type === 'CallExpression' && parent.arguments.includes(node as TSESTree.CallExpressionArgument)) {
    return lastName(parent.callee) === 'Boolean';
  }
  const receiver = receivingName(node);
  if (receiver !== undefined) return isPredicateName(receiver);
  const fn = returnedFrom(node);
  if (fn === undefined) return false;
  const name = functionName(fn);
  if (name !== undefined && isPredicateName(name)) return true;
  const call = fn.parent;
  return call?.type === 'CallExpression' && call.arguments[0] === fn && CONDITION_CALLBACK_METHODS.has(lastName(call.callee) ?? '');
}
