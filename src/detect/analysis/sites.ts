/*
 * Sites: the places where a flag's value is read, and what the value tells there. A site climbs
 * from the evaluation through what keeps it the flag's value (`await`, `?.`, type assertions, a
 * result's `.enabled` or `.value`); decisions.ts then follows it to what it decides.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { AccessorReturns } from '../../patterns/index.js';
import { propertyName, rangeOf, unwrapExpression, type Node } from '../ast.js';
import type { FlagReference, Range, RegionState, WrapperCall } from '../facts.js';
import type { Binding } from '../scope.js';
import type { AnalysisState } from './state.js';

/** What the flag's value tells, where an expression derived from it is truthy or falsy. */
export interface Truth {
  whenTruthy: RegionState | undefined;
  whenFalsy: RegionState | undefined;
}

/** What a site reads: a reference, or a possible wrapper call (by index). */
export type Subject = { reference: number } | { wrapperCall: number };

/** A place where a flag's value is read, and how to read it. */
export interface Site {
  subject: Subject;
  node: Node;
  kind: AccessorReturns;
  truth: Truth;
  variable?: string;
}

export type ClimbedSite = Site & { awaited: boolean; uncheckedLookup?: Range };

export function truthOf(kind: AccessorReturns, negated: boolean): Truth {
  let truth: Truth;
  switch (kind) {
    case 'boolean':
      truth = { whenTruthy: 'on', whenFalsy: 'off' };
      break;
    case 'value':
      truth = { whenTruthy: 'variant', whenFalsy: 'variant' };
      break;
    case 'flag':
      truth = { whenTruthy: undefined, whenFalsy: 'missing' };
      break;
    default:
      truth = { whenTruthy: undefined, whenFalsy: undefined };
  }
  return negated ? swap(truth) : truth;
}

export function swap(truth: Truth): Truth {
  return { whenTruthy: truth.whenFalsy, whenFalsy: truth.whenTruthy };
}

/** `getFeatureValue('x', false)`: a boolean default says the flag is a boolean. */
export function hasBooleanDefault(value: Node, keyNode: Node): boolean {
  if (value.type !== 'CallExpression') return false;
  return value.arguments.some((argument) => argument !== keyNode && argument.type === 'Literal' && typeof argument.value === 'boolean');
}

/** Reading a field of an evaluation result: what the field is. */
export function fieldEffect(kind: AccessorReturns, field: string): { kind: AccessorReturns; truth: Truth } | undefined {
  const on: Truth = { whenTruthy: 'on', whenFalsy: 'off' };
  switch (kind) {
    case 'flag':
      if (field === 'enabled') return { kind: 'boolean', truth: on };
      if (field === 'killSwitch') return { kind: 'boolean', truth: swap(on) };
      return { kind: 'value', truth: { whenTruthy: 'variant', whenFalsy: 'variant' } };
    case 'details':
    case 'boolean-details':
      if (field === 'value') {
        return kind === 'boolean-details'
          ? { kind: 'boolean', truth: on }
          : { kind: 'value', truth: { whenTruthy: 'variant', whenFalsy: 'variant' } };
      }
      if (field === 'on' || field === 'enabled') return { kind: 'boolean', truth: on };
      if (field === 'off') return { kind: 'boolean', truth: swap(on) };
      if (field === 'name' || field === 'variant') return { kind: 'value', truth: { whenTruthy: 'variant', whenFalsy: 'variant' } };
      return undefined;
    case 'bag':
      return undefined;
    default:
      return { kind: 'value', truth: { whenTruthy: 'variant', whenFalsy: 'variant' } };
  }
}

/** Reads of a variable: identifiers in its scope that resolve to it, other than its declaration. */
export function readsOf(state: AnalysisState, id: TSESTree.Identifier): readonly TSESTree.Identifier[] {
  const binding = state.scopes.lookup(id.name, id);
  return binding === undefined ? [] : state.scopes.readsOf(binding);
}

/** The reference or wrapper call a site reads. */
export function subjectOf(state: AnalysisState, subject: Subject): FlagReference | WrapperCall {
  return 'reference' in subject ? state.references[subject.reference]! : state.wrapperCalls[subject.wrapperCall]!;
}

/** Notes a lookup read without a check on the reference (a wrapper call's value is a boolean, never a lookup). */
export function noteUncheckedLookup(state: AnalysisState, site: Site, climbed: ClimbedSite): void {
  if (climbed.uncheckedLookup === undefined || !('reference' in site.subject)) return;
  const reference = state.references[site.subject.reference]!;
  if (reference.uncheckedLookup === undefined) reference.uncheckedLookup = climbed.uncheckedLookup;
}

/** Records a site (climbed) and what it tells what it reads: folds, awaited, an unchecked lookup. */
export function addSite(state: AnalysisState, site: Site): void {
  const climbed = climbSite(state, site);
  if (climbed === undefined) return;
  const read = subjectOf(state, site.subject);
  const { whenTruthy, whenFalsy } = climbed.truth;
  if ((whenTruthy === 'on' && whenFalsy === 'off') || (whenTruthy === 'off' && whenFalsy === 'on')) {
    (read.folds ??= []).push({ range: rangeOf(climbed.node), whenOn: whenTruthy === 'on' });
  }
  if (climbed.awaited) read.awaited = true;
  noteUncheckedLookup(state, site, climbed);
  state.siteByNode.set(climbed.node, state.sites.length);
  state.sites.push(climbed);
}

/**
 * From an evaluation outwards through what keeps it the flag's value: `await`, `?.`, type
 * assertions, and fields of a result (`.enabled`, `.killSwitch`, `.value`).
 */
export function climbSite(state: AnalysisState, site: Site): ClimbedSite | undefined {
  let { node, kind, truth } = site;
  let awaited = false;
  let uncheckedLookup: Range | undefined;
  for (;;) {
    const parent = node.parent;
    if (parent == null) break;
    if (
      parent.type === 'ChainExpression' ||
      parent.type === 'TSAsExpression' ||
      parent.type === 'TSNonNullExpression' ||
      parent.type === 'TSSatisfiesExpression' ||
      parent.type === 'TSTypeAssertion'
    ) {
      node = parent;
      continue;
    }
    if (parent.type === 'AwaitExpression') {
      awaited = true;
      node = parent;
      continue;
    }
    if (parent.type === 'MemberExpression' && parent.object === node && !isMethodCallee(parent)) {
      const field = propertyName(parent);
      const effect = field === undefined ? undefined : fieldEffect(kind, field);
      if (effect === undefined) return undefined;
      if (kind === 'flag' && !parent.optional && !lookupIsChecked(state, site)) uncheckedLookup = rangeOf(parent);
      kind = effect.kind;
      truth = effect.truth;
      node = parent;
      continue;
    }
    break;
  }
  // `const flagsNow = await client.getEnvironmentFlags(); flagsNow.isFeatureEnabled('x')`: the answer waited on a fetch.
  if (!awaited && site.node.type === 'CallExpression') awaited = receiverWasAwaited(state, site.node);
  const climbed: ClimbedSite = { ...site, node, kind, truth, awaited };
  if (uncheckedLookup) climbed.uncheckedLookup = uncheckedLookup;
  return climbed;
}

function receiverWasAwaited(state: AnalysisState, call: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== 'MemberExpression') return false;
  const receiver = unwrapExpression(callee.object);
  if (receiver.type === 'AwaitExpression') return true;
  if (receiver.type !== 'Identifier') return false;
  const binding = state.scopes.lookup(receiver.name, receiver);
  if (binding?.kind !== 'const' || binding.init === undefined || unwrapExpression(binding.init).type !== 'AwaitExpression') return false;
  // Awaited in the same function (a fetch per call), not a client awaited once at start-up.
  return state.functions.enclosingId(binding.id) === state.functions.enclosingId(call);
}

function isMethodCallee(member: TSESTree.MemberExpression): boolean {
  let node: Node = member;
  while (node.parent?.type === 'ChainExpression') node = node.parent;
  return node.parent?.type === 'CallExpression' && node.parent.callee === node;
}

/** A lookup held in a variable counts as checked when any read of it tests it. */
function lookupIsChecked(state: AnalysisState, site: Site): boolean {
  if (site.variable === undefined || site.node.type !== 'Identifier') return false;
  const binding = state.scopes.lookup(site.node.name, site.node);
  if (binding === undefined) return false;
  // Asked at every read of the variable: answered once.
  let checked = state.lookupChecked.get(binding);
  if (checked === undefined) {
    checked = anyReadChecks(state, binding);
    state.lookupChecked.set(binding, checked);
  }
  return checked;
}

function anyReadChecks(state: AnalysisState, binding: Binding): boolean {
  return state.scopes.readsOf(binding).some((read) => {
    const parent = read.parent;
    if (parent == null) return false;
    if (parent.type === 'UnaryExpression' && parent.operator === '!') return true;
    if (parent.type === 'LogicalExpression' && parent.left === read) return true;
    if ((parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') && parent.test === read) return true;
    // `processor?.enabled ? … processor.x … : …`: reading with ?. is handling the missing case.
    if (parent.type === 'MemberExpression' && parent.object === read && parent.optional) return true;
    return parent.type === 'BinaryExpression' && ['==', '===', '!=', '!=='].includes(parent.operator);
  });
}
