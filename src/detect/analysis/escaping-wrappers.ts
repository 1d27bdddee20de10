/*
 * Key wrappers whose calls cannot all be seen. A function whose parameter is an accessor's key is
 * a wrapper, and its calls are the references; but a closure handed out of reach (returned from a
 * hook, passed as a callback, put in an object that is returned) is called where no key can be
 * read. Its key is then reported dynamic where the accessor reads it, never silently nothing.
 */
import { isFunctionNode, memberChain, unwrapExpression, type Node } from '../ast.js';
import type { Binding, FunctionNode } from '../scope.js';
import { FUNCTION_WRAPPERS } from './functions.js';
import type { Evaluation } from './matching.js';
import type { AnalysisState } from './state.js';
import type { KeyedByParameter } from './wrappers.js';

/** Puts back, as evaluations with their (dynamic) parameter keys, the keys of wrappers that escape their calls. */
export function reportEscapedWrapperKeys(
  state: AnalysisState,
  keyedByParameter: readonly KeyedByParameter[],
  evaluations: Map<Node, Evaluation>,
): void {
  const escapes = new Map<FunctionNode, boolean>();
  for (const { fn, keyNode, evaluation } of keyedByParameter) {
    let escaped = escapes.get(fn);
    if (escaped === undefined) escapes.set(fn, (escaped = escapesItsCalls(state, fn)));
    if (escaped) evaluations.set(keyNode, evaluation);
  }
}

/** Whether the function is used other than by calls this file can see (or by an export, which other files' calls answer). */
function escapesItsCalls(state: AnalysisState, fn: FunctionNode): boolean {
  const hook = returningHook(state, fn);
  if (hook !== undefined) return !hookResultsOnlyCalled(state, hook);
  const binding = nameBinding(state, fn);
  if (binding !== undefined)
    return state.scopes.readsOf(binding).some((read) => !isCalled(read) && read.parent?.type !== 'ExportSpecifier');
  const parent = fn.parent;
  if (parent?.type === 'ExportDefaultDeclaration') return false;
  // A method is found through its object (`api.isOn('x')`), unless that object is handed out.
  if (parent?.type === 'Property' || parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') {
    return parent.type === 'Property' && parent.parent?.type === 'ObjectExpression' && isReturned(parent.parent);
  }
  return true;
}

/** The function that returns `fn` (`return (name) => flags[name]`, or `return isOn`), when one does. */
function returningHook(state: AnalysisState, fn: FunctionNode): FunctionNode | undefined {
  const id = state.functions.enclosingId(fn);
  const outer = id === undefined ? undefined : state.nodes.functionNodes[id];
  return outer !== undefined && state.functions.returnedFunction(outer) === fn ? outer : undefined;
}

/**
 * Whether every result of a hook of this file is seen called: the hook is not exported, each of
 * its calls is a const's value (`const isOn = useFlagEvaluator()`), and that const is only called.
 */
function hookResultsOnlyCalled(state: AnalysisState, hook: FunctionNode): boolean {
  const binding = nameBinding(state, hook);
  if (binding === undefined || isExported(hook)) return false;
  return state.scopes.readsOf(binding).every((read) => {
    if (!isCalled(read)) return false;
    let call: Node = read.parent!;
    while (call.parent !== undefined && unwrapExpression(call.parent) !== call.parent) call = call.parent;
    const declarator = call.parent;
    if (declarator?.type !== 'VariableDeclarator' || declarator.init !== call || declarator.id.type !== 'Identifier') return false;
    const result = state.scopes.lookup(declarator.id.name, declarator.id);
    return result?.kind === 'const' && state.scopes.readsOf(result).every(isCalled);
  });
}

function isExported(fn: FunctionNode): boolean {
  let node: Node | undefined = fn.parent;
  if (node?.type === 'CallExpression') node = node.parent;
  if (node?.type === 'VariableDeclarator') node = node.parent?.parent;
  return node?.type === 'ExportNamedDeclaration' || node?.type === 'ExportDefaultDeclaration';
}

/** The variable or declaration that names the function, when there is one. */
function nameBinding(state: AnalysisState, fn: FunctionNode): Binding | undefined {
  let named: Node = fn;
  const wrapper = fn.parent;
  if (wrapper?.type === 'CallExpression' && FUNCTION_WRAPPERS.has(memberChain(wrapper.callee)?.at(-1) ?? '')) named = wrapper;
  const declarator = named.parent;
  let binding: Binding | undefined;
  if (declarator?.type === 'VariableDeclarator' && declarator.init === named && declarator.id.type === 'Identifier') {
    binding = state.scopes.lookup(declarator.id.name, declarator.id);
  } else if (fn.type === 'FunctionDeclaration' && fn.id) binding = state.scopes.lookup(fn.id.name, fn.id);
  return binding !== undefined && state.functions.boundTo(binding) === fn ? binding : undefined;
}

/** `f(…)`, `f!(…)`, `f?.(…)`: a read that calls the function. */
function isCalled(read: Node): boolean {
  let node = read;
  while (node.parent !== undefined && unwrapExpression(node.parent) !== node.parent) node = node.parent;
  return node.parent?.type === 'CallExpression' && node.parent.callee === node;
}

/** An expression a function returns: `return expr`, or the body of an arrow. */
function isReturned(expression: Node): boolean {
  let node = expression;
  while (node.parent !== undefined && unwrapExpression(node.parent) !== node.parent) node = node.parent;
  const parent = node.parent;
  return parent?.type === 'ReturnStatement' || (parent !== undefined && isFunctionNode(parent) && parent.body === node);
}
