/*
 * Accessor matching: what the configured patterns find among the collected nodes, as evaluations,
 * one per key node. Wrappers of this file (wrappers.ts) produce evaluations of the same shape.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { AccessorReturns, CompiledAccessor } from '../../patterns/index.js';
import { contains, propertyKeyName, propertyName, rangeOf, unwrapExpression, type Node } from '../ast.js';
import {
  matchCallExpression,
  matchDestructuring,
  matchJsxElement,
  matchMemberExpression,
  matchObjectLiteral,
  type AccessorMatch,
  type ArgumentsOf,
  type MatchedKey,
} from '../../patterns/index.js';
import type { AnalysisState } from './state.js';

/** An evaluation of a flag, and how it was found: by a pattern or through a wrapper function of this file. */
export interface Evaluation {
  key: MatchedKey;
  value: Node;
  via: string;
  role: CompiledAccessor['role'];
  keyCase: CompiledAccessor['keyCase'];
  returns: AccessorReturns;
  negated: boolean;
  async: boolean;
  manyKeys: boolean;
  boundTo?: TSESTree.Identifier;
  jsx: boolean;
  specificity: number;
}

/** The evaluations the patterns find, by key node; every call a pattern matched is marked handled. */
export function matchAccessors(state: AnalysisState): Map<Node, Evaluation> {
  const { index } = state.options;
  const { scopes, nodes } = state;
  const matches: AccessorMatch[] = [];
  for (const call of nodes.calls) matches.push(...matchCallExpression(call, index, scopes));
  const argumentsOf = passedArguments(state);
  for (const member of nodes.members) matches.push(...matchMemberExpression(member, index, scopes, argumentsOf));
  for (const declarator of nodes.destructurings) matches.push(...matchDestructuring(declarator, index, scopes, argumentsOf));
  for (const element of nodes.jsxElements) matches.push(...matchJsxElement(element, index, scopes));
  if (index.hasObjectPatterns) for (const object of nodes.objects) matches.push(...matchObjectLiteral(object, index, scopes));

  // One key, one reference: `isFeatureEnabled(flags.get('x'), ctx)` is found by both seed
  // patterns; the outer evaluation wins, then the more specific pattern.
  const evaluations = new Map<Node, Evaluation>();
  // Every call a pattern matched is an accessor call, even where an outer match wins its key.
  for (const match of matches) state.handledCalls.add(match.value);
  for (const match of matches) {
    if (isKeyMention(state, match)) continue;
    for (const key of match.keys) {
      const accessor = match.accessor;
      const evaluation: Evaluation = {
        key,
        value: match.value,
        via: accessor.source,
        role: accessor.role,
        keyCase: accessor.keyCase,
        returns: accessor.returns,
        negated: accessor.negated,
        async: accessor.async,
        manyKeys: accessor.manyKeys,
        jsx: match.value.type === 'JSXElement',
        specificity: accessor.specificity,
      };
      const bound = match.boundTo?.get(key);
      if (bound) evaluation.boundTo = bound;
      const existing = evaluations.get(key.node);
      if (existing === undefined || preferable(evaluation, existing)) evaluations.set(key.node, evaluation);
    }
  }
  return evaluations;
}

/**
 * A member pattern (`FLAGS.$KEY`) also finds a flag catalog's keys where they are only named, not
 * evaluated: in the module that declares the catalog (`export const FLAGS = { a: 'a' }`), as a
 * computed property name (`{ [FLAGS.a]: z.boolean() }`) and as an element of a list of keys
 * (`[FLAGS.a, FLAGS.b]`). Those mention a flag; they must not keep it alive.
 */
function isKeyMention(state: AnalysisState, match: AccessorMatch): boolean {
  const member = match.value;
  if (member.type !== 'MemberExpression' || match.accessor.matcher.type !== 'member') return false;
  if (readsLocalKeyCatalog(state, member)) return true;
  let node: Node = member;
  while (node.parent !== undefined && unwrapExpression(node.parent) !== node.parent) node = node.parent;
  const parent = node.parent;
  const named = (parent?.type === 'Property' && parent.computed && parent.key === node) || parent?.type === 'ArrayExpression';
  if (!named) return false;
  const resolved = state.resolver.resolve(member);
  return resolved.kind === 'static' || resolved.kind === 'imported';
}

/** `FLAGS.a` where this file declares `const FLAGS = { a: 'a', … }`: the member's value is a key, written right here. */
function readsLocalKeyCatalog(state: AnalysisState, member: TSESTree.MemberExpression): boolean {
  const names: string[] = [];
  let current: Node = member;
  while (current.type === 'MemberExpression') {
    const name = propertyName(current);
    if (name === undefined) return false;
    names.unshift(name);
    current = unwrapExpression(current.object);
  }
  if (current.type !== 'Identifier') return false;
  const binding = state.scopes.lookup(current.name, current);
  if (binding?.kind !== 'const' || binding.init === undefined) return false;
  let value: Node | undefined = unwrapExpression(binding.init);
  for (const name of names) {
    if (value?.type !== 'ObjectExpression') return false;
    value = objectProperty(value, name);
    value = value === undefined ? undefined : unwrapExpression(value);
  }
  return value !== undefined && state.resolver.resolve(value).kind === 'static';
}

function objectProperty(object: TSESTree.ObjectExpression, name: string): Node | undefined {
  for (const property of object.properties) {
    if (property.type === 'Property' && !property.computed && propertyKeyName(property) === name) return property.value;
  }
  return undefined;
}

function preferable(candidate: Evaluation, existing: Evaluation): boolean {
  const [a, b] = [rangeOf(candidate.value), rangeOf(existing.value)];
  if (contains(a, b) && (a[0] !== b[0] || a[1] !== b[1])) return true;
  if (contains(b, a) && (a[0] !== b[0] || a[1] !== b[1])) return false;
  return candidate.specificity > existing.specificity;
}

/**
 * What a plain parameter of a function of this file receives: the argument each of its calls
 * passes there (`Nav(useFlags())` for `function Nav(flags)`); undefined when a call passes none or
 * spreads, or the function is not called here.
 */
function passedArguments(state: AnalysisState): ArgumentsOf {
  return (binding) => {
    const of = binding.parameterOf;
    if (of === undefined) return undefined;
    let param: Node | undefined = of.fn.params[of.index];
    if (param?.type === 'TSParameterProperty') param = param.parameter;
    if (param?.type === 'AssignmentPattern') param = param.left;
    if (param?.type !== 'Identifier' || param.name !== binding.name) return undefined;
    const passed: Node[] = [];
    for (const call of state.functions.callsOf(of.fn)) {
      const argument = call.arguments[of.index];
      if (argument === undefined || call.arguments.slice(0, of.index + 1).some((arg) => arg.type === 'SpreadElement')) return undefined;
      passed.push(argument);
    }
    return passed.length > 0 ? passed : undefined;
  };
}

/**
 * One site, one reference: an evaluation that is itself the key of another (`FLAGS.x` in
 * `flag({ key: FLAGS.x })`, found by `FLAGS.$KEY` and by `flag({ key: $KEY })`) is that key, not a
 * second use: the outer evaluation, the call, stands for both. (An evaluation merely inside a
 * key expression, `get(get('a') ? 'b' : 'c')`, is a use of its own.)
 */
export function dropEvaluationsThatAreKeys(evaluations: Map<Node, Evaluation>): void {
  const keys: Node[] = [];
  for (const [keyNode, evaluation] of evaluations) {
    for (let node: Node | undefined = evaluation.value; node !== undefined; node = keepsValue(node.parent) ? node.parent : undefined) {
      const outer = evaluations.get(node);
      if (outer !== undefined && outer !== evaluation) {
        keys.push(keyNode);
        break;
      }
    }
  }
  for (const keyNode of keys) evaluations.delete(keyNode);
}

/** `x as T`, `x!`, `a?.b` as a whole: the same value as the expression inside. */
function keepsValue(node: Node | undefined): node is Node {
  return node !== undefined && node.type !== 'Program' && unwrapExpression(node) !== node;
}
