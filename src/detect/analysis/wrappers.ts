/*
 * Wrappers of this file: functions that are flag accessors themselves, found to a fixed point.
 * - key-parameter wrappers: a parameter flows into an accessor's key (`(name) => flags.get(name)`);
 * - fixed-key wrappers: the function returns one evaluation of a fixed key (`() => flags.isEnabled('x')`);
 * - fixed-call wrappers: it returns a call of an imported function with fixed arguments, pending the module graph.
 * Calls of a wrapper become evaluations (references.ts).
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { AccessorReturns } from '../../patterns/index.js';
import { unwrapExpression, type Node } from '../ast.js';
import type { FlagReference, KeyRef, WrapperCall, WrapperSpec } from '../facts.js';
import { PositionQueue } from '../position-queue.js';
import type { FunctionNode } from '../scope.js';
import { keyParameter } from './functions.js';
import type { Evaluation } from './matching.js';
import { addEvaluation, addWrapperCall, type CallTarget } from './references.js';
import type { Subject } from './sites.js';
import type { AnalysisState } from './state.js';

/**
 * A function whose parameter flows into an accessor's key is an accessor itself: its calls are
 * references (with `via` naming it), and the use of the parameter inside is not a dynamic key.
 * Wrappers of wrappers too, to a fixed point.
 *
 * That is passes over the file's calls in order, each taking the calls of the wrappers known when
 * it gets to them, until a pass finds no new wrapper. Which call makes a function a wrapper first
 * decides what kind of wrapper it is, so that order is kept; but a pass visits only the calls of
 * wrappers (a queue of their positions), as wrappers declared in the reverse order of their use
 * would otherwise take as many passes over every call as there are wrappers.
 */
export function inferKeyParameterWrappers(state: AnalysisState, evaluations: Map<Node, Evaluation>): KeyedByParameter[] {
  const { calls } = state.nodes;
  const keyedByParameter: KeyedByParameter[] = [];
  for (const [node, evaluation] of evaluations) {
    const parameter = keyParameter(state.resolver, evaluation.key);
    if (parameter === undefined) continue;
    evaluations.delete(node);
    keyedByParameter.push({ fn: parameter.fn, keyNode: node, evaluation });
    registerKeyWrapper(state, parameter.fn, parameter.index, evaluation);
  }
  const position = new Map(calls.map((call, index) => [call as Node, index]));
  let pass = new PositionQueue();
  for (const fn of state.wrappers.keys()) for (const call of state.functions.callsOf(fn)) pass.push(position.get(call)!);
  while (pass.size > 0) {
    const nextPass = new PositionQueue();
    for (let at = pass.pop(); at !== undefined; at = pass.pop()) {
      const call = calls[at]!;
      if (state.handledCalls.has(call)) continue;
      const fn = state.functions.calleeOf(call);
      const spec = fn === undefined ? undefined : state.wrappers.get(fn);
      if (spec === undefined || spec.kind !== 'key-param') continue;
      const argument = call.arguments[spec.param];
      if (argument === undefined) continue;
      state.handledCalls.add(call);
      const stateArgument = spec.stateParam === undefined ? undefined : call.arguments[spec.stateParam];
      const evaluation: Evaluation = {
        key: stateArgument === undefined ? { node: argument } : { node: argument, state: stateArgument },
        value: call,
        via: spec.name,
        role: spec.role,
        keyCase: spec.keyCase,
        returns: spec.valueKind,
        negated: spec.negated,
        async: spec.asyncAccessor,
        manyKeys: false,
        jsx: false,
        specificity: 0,
      };
      const parameter = keyParameter(state.resolver, evaluation.key);
      if (parameter === undefined) {
        evaluations.set(argument, evaluation);
        continue;
      }
      keyedByParameter.push({ fn: parameter.fn, keyNode: argument, evaluation });
      if (!registerKeyWrapper(state, parameter.fn, parameter.index, evaluation)) continue;
      // Calls of the new wrapper later in this pass are taken in it; earlier ones, in the next.
      for (const later of state.functions.callsOf(parameter.fn)) {
        const laterAt = position.get(later)!;
        (laterAt > at ? pass : nextPass).push(laterAt);
      }
    }
    pass = nextPass;
  }
  return keyedByParameter;
}

/** An evaluation whose key is a parameter of `fn`: taken as a wrapper's key, not a reference. */
export interface KeyedByParameter {
  fn: FunctionNode;
  keyNode: Node;
  evaluation: Evaluation;
}

function registerKeyWrapper(state: AnalysisState, fn: FunctionNode, param: number, evaluation: Evaluation): boolean {
  if (state.wrappers.has(fn)) return false;
  const spec: WrapperSpec = {
    kind: 'key-param',
    param,
    role: evaluation.role,
    keyCase: evaluation.keyCase,
    valueKind: evaluation.manyKeys ? 'bag' : evaluation.returns,
    negated: evaluation.negated,
    asyncAccessor: evaluation.async,
    name: state.functions.nameOf(fn),
  };
  const stateParameter = evaluation.key.state === undefined ? undefined : keyParameter(state.resolver, { node: evaluation.key.state });
  if (evaluation.role === 'override' && stateParameter?.fn === fn) spec.stateParam = stateParameter.index;
  state.wrappers.set(fn, spec);
  return true;
}

/**
 * A function that returns a flag evaluation of a fixed key (`const isNewCheckout = () =>
 * flags.isEnabled('new_checkout')`) makes each of its calls an evaluation of that flag.
 * Rounds until one finds no new wrapper (at most eight: wrappers of wrappers of …).
 */
export function inferFixedKeyWrappers(state: AnalysisState): void {
  // No function returns a flag evaluation when no evaluation's value is read anywhere.
  if (state.sites.length === 0) return;
  // What each function returns does not change from round to round; only the sites do.
  const expressions = returnedExpressions(state);
  for (let round = 0; round < 8; round++) {
    let changed = false;
    for (const fn of state.nodes.functionNodes) {
      if (state.wrappers.has(fn)) continue;
      const expression = expressions.get(fn);
      const returned = expression === undefined ? undefined : returnedFlag(state, expression);
      if (returned === undefined) continue;
      if ('wrapperCall' in returned.subject) {
        const call = state.wrapperCalls[returned.subject.wrapperCall]!;
        // Passing its own parameter on makes it a forwarding wrapper, not a fixed one.
        const fnId = state.functions.idOf(fn);
        const forwards = call.args.some((arg) => arg.kind === 'parameter' && arg.functionId === fnId);
        if (call.through !== undefined || forwards) continue;
        registerFixedCallWrapper(state, fn, call, returned.negated);
        changed = true;
        continue;
      }
      const reference = state.references[returned.subject.reference]!;
      if (reference.key.kind === 'dynamic' && reference.indirect !== true) continue;
      const key = reference.indirect ? fixedKeyOf(reference) : reference.key;
      if (key === undefined) continue;
      const spec: WrapperSpec = {
        kind: 'fixed-key',
        key,
        negated: returned.negated,
        valueKind: returned.kind,
        name: state.functions.nameOf(fn),
      };
      state.wrappers.set(fn, spec);
      changed = true;
      for (const call of state.functions.callsOf(fn)) {
        if (state.handledCalls.has(call)) continue;
        state.handledCalls.add(call);
        const evaluation: Evaluation = {
          key: { node: call },
          value: call,
          via: spec.name,
          role: 'evaluate',
          keyCase: reference.keyCase,
          returns: returned.kind,
          negated: returned.negated,
          async: reference.asyncAccessor,
          manyKeys: false,
          jsx: false,
          specificity: 0,
        };
        addEvaluation(state, evaluation, key).indirect = true;
      }
    }
    if (!changed) return;
  }
}

/**
 * A function returning a call of an imported function with fixed arguments: a fixed-key wrapper
 * when the module graph finds that function is a key wrapper. Its local calls stay pending too.
 */
function registerFixedCallWrapper(state: AnalysisState, fn: FunctionNode, returned: WrapperCall, negated: boolean): void {
  const name = state.functions.nameOf(fn);
  state.wrappers.set(fn, { kind: 'fixed-call', target: returned.callee, args: returned.args, negated, name });
  const target: CallTarget = {
    callee: returned.callee,
    args: returned.args,
    argStates: returned.argStates,
    argSpans: returned.argSpans,
    through: { name, negated },
  };
  for (const call of state.functions.callsOf(fn)) {
    if (state.handledCalls.has(call) || call.type !== 'CallExpression') continue;
    state.handledCalls.add(call);
    addWrapperCall(state, call, name, target);
  }
}

function fixedKeyOf(reference: FlagReference): KeyRef | undefined {
  return reference.key.kind === 'dynamic' ? undefined : reference.key;
}

/**
 * The one expression each function returns, if it returns one: its expression body, or the
 * argument of its only `return` (each `return` belongs to the function nearest around it).
 */
function returnedExpressions(state: AnalysisState): Map<FunctionNode, Node> {
  const { functionNodes } = state.nodes;
  const returns = new Map<FunctionNode, TSESTree.ReturnStatement | null>();
  for (const statement of state.nodes.returns) {
    const id = state.functions.enclosingId(statement);
    if (id === undefined) continue;
    const fn = functionNodes[id]!;
    returns.set(fn, returns.has(fn) ? null : statement);
  }
  const expressions = new Map<FunctionNode, Node>();
  for (const fn of functionNodes) {
    const expression = fn.body.type === 'BlockStatement' ? returns.get(fn)?.argument : fn.body;
    if (expression != null) expressions.set(fn, expression);
  }
  return expressions;
}

/** What a function's returned expression is, when it is one flag evaluation (possibly negated). */
function returnedFlag(state: AnalysisState, returned: Node): { subject: Subject; negated: boolean; kind: AccessorReturns } | undefined {
  let negated = false;
  let node: Node = returned;
  let siteIndex = state.siteByNode.get(node);
  while (siteIndex === undefined) {
    if (node.type === 'UnaryExpression' && node.operator === '!') {
      negated = !negated;
      node = node.argument;
    } else if (node.type === 'AwaitExpression') node = node.argument;
    else if (unwrapExpression(node) !== node) node = unwrapExpression(node);
    else break;
    siteIndex = state.siteByNode.get(node);
  }
  if (siteIndex === undefined && node.type === 'Identifier') {
    const binding = state.scopes.lookup(node.name, node);
    if (binding?.kind === 'const' && binding.init)
      siteIndex = state.siteByNode.get(unwrapExpression(binding.init)) ?? state.siteByNode.get(binding.init);
  }
  if (siteIndex === undefined) return undefined;
  const site = state.sites[siteIndex]!;
  if (site.kind !== 'boolean') return undefined;
  const siteNegated = site.truth.whenTruthy === 'off';
  return { subject: site.subject, negated: negated !== siteNegated, kind: site.kind };
}
