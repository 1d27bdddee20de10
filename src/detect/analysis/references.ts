/*
 * References: every flag reference of the file is made here, by one constructor. Evaluations
 * (found by patterns or wrappers) become references with their sites. Calls of imported functions
 * become possible wrapper calls, with sites too, pending the module graph's word on whether the
 * callee is a wrapper (resolve.ts turns the confirmed ones into references).
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { AccessorReturns } from '../../patterns/index.js';
import { rangeOf, type Node } from '../ast.js';
import type { CandidateArgument, FlagReference, KeyRef, WrapperCall } from '../facts.js';
import type { MatchedKey } from '../../patterns/index.js';
import { addJsxComponentDecision } from './decisions.js';
import { importedCallee, keyParameter } from './functions.js';
import type { Evaluation } from './matching.js';
import { overrideStateOf } from './overrides.js';
import { insideNetworkCallback, nondeterministicInputs } from './probes.js';
import { addSite, hasBooleanDefault, readsOf, truthOf } from './sites.js';
import type { AnalysisState } from './state.js';

/** What a possible wrapper call calls, and with what. */
export type CallTarget = Pick<WrapperCall, 'callee' | 'args' | 'argStates' | 'argSpans' | 'through'>;

/** What makes a reference, besides where it is. */
interface ReferenceFields {
  key: KeyRef;
  keyCase: FlagReference['keyCase'];
  role: FlagReference['role'];
  via: string;
  valueKind: AccessorReturns;
  negated: boolean;
  asyncAccessor: boolean;
}

/**
 * The one constructor of a reference, added to the file's references: the key written at
 * `keyNode` (or the call that stands for it), evaluated by `value`.
 */
function createReference(state: AnalysisState, keyNode: Node, value: Node, fields: ReferenceFields): FlagReference {
  const reference: FlagReference = {
    id: state.references.length,
    key: fields.key,
    keyCase: fields.keyCase,
    role: fields.role,
    via: fields.via,
    keyText: state.resolver.textOf(keyNode),
    range: rangeOf(keyNode),
    loc: state.locate(keyNode),
    valueRange: rangeOf(value),
    valueKind: fields.valueKind,
    negated: fields.negated,
    awaited: false,
    asyncAccessor: fields.asyncAccessor,
    insideNetworkCallback: insideNetworkCallback(keyNode),
  };
  const functionId = state.functions.enclosingId(keyNode);
  if (functionId !== undefined) reference.functionId = functionId;
  state.references.push(reference);
  return reference;
}

function resolveKey(state: AnalysisState, key: MatchedKey): KeyRef {
  if (key.name !== undefined) return { kind: 'static', key: key.name };
  const resolved = state.resolver.resolve(key.node);
  return resolved.kind === 'parameter' ? { kind: 'dynamic', text: state.resolver.textOf(key.node) } : resolved;
}

/**
 * An evaluation as a reference, with the sites where its value is read. `fixedKey`: the key of a
 * fixed-key wrapper, whose call stands for the key.
 */
export function addEvaluation(state: AnalysisState, evaluation: Evaluation, fixedKey?: KeyRef): FlagReference {
  const reference = createReference(state, evaluation.key.node, evaluation.value, {
    key: fixedKey ?? resolveKey(state, evaluation.key),
    keyCase: evaluation.keyCase,
    role: evaluation.role,
    via: evaluation.via,
    valueKind: evaluation.manyKeys ? 'bag' : evaluation.returns,
    negated: evaluation.negated,
    asyncAccessor: evaluation.async,
  });
  if (evaluation.role === 'override') reference.state = overrideStateOf(evaluation.key.state);
  if (evaluation.role === 'evaluate') {
    const sources = nondeterministicInputs(state, evaluation.value, evaluation.key.node);
    if (sources.length > 0) reference.nondeterministic = sources;
  }
  if (evaluation.role === 'evaluate' && !evaluation.manyKeys) addEvaluationSites(state, reference, evaluation);
  return reference;
}

function addEvaluationSites(state: AnalysisState, reference: FlagReference, evaluation: Evaluation): void {
  let kind = evaluation.returns;
  if ((kind === 'value' || kind === 'details') && hasBooleanDefault(evaluation.value, evaluation.key.node)) {
    kind = kind === 'value' ? 'boolean' : 'boolean-details';
    reference.valueKind = kind;
  }
  // An object a flag gates (`{ path: '/beta', flag: 'beta_nav' }`) is no read of the flag's value.
  if (kind === 'bag' || evaluation.value.type === 'ObjectExpression') return;
  const truth = truthOf(kind, evaluation.negated);
  if (evaluation.jsx) {
    if (kind === 'boolean') addJsxComponentDecision(state, reference.id, evaluation.value as TSESTree.JSXElement, truth);
    return;
  }
  if (evaluation.boundTo !== undefined) {
    for (const read of readsOf(state, evaluation.boundTo))
      addSite(state, { subject: { reference: reference.id }, node: read, kind, truth, variable: evaluation.boundTo.name });
    return;
  }
  addSite(state, { subject: { reference: reference.id }, node: evaluation.value, kind, truth });
}

/** Calls to imported functions: flag accessors if the module graph finds those are wrappers. */
export function addCandidates(state: AnalysisState): void {
  const { resolver } = state;
  for (const call of state.nodes.calls) {
    if (state.handledCalls.has(call) || call.type !== 'CallExpression') continue;
    const callee = importedCallee(call.callee, state.scopes);
    if (callee === undefined) continue;
    const args: CandidateArgument[] = call.arguments.map((argument) => {
      const resolved = resolver.resolve(argument);
      if (resolved.kind === 'parameter') {
        const parameter = keyParameter(resolver, { node: argument });
        const id = parameter === undefined ? undefined : state.functions.idOf(parameter.fn);
        if (parameter !== undefined && id !== undefined) return { kind: 'parameter', index: parameter.index, functionId: id };
        return { kind: 'dynamic', text: resolver.textOf(argument) };
      }
      return resolved;
    });
    const via = callee.path.length > 0 ? `${callee.name}.${callee.path.join('.')}` : callee.name;
    addWrapperCall(state, call, via, {
      callee,
      args,
      argStates: call.arguments.map((argument) => overrideStateOf(argument)),
      argSpans: call.arguments.map((argument) => ({
        range: rangeOf(argument),
        loc: state.locate(argument),
        text: resolver.textOf(argument),
      })),
    });
  }
}

/** The one constructor of a possible wrapper call: a boolean site, pending the module graph. */
export function addWrapperCall(state: AnalysisState, call: TSESTree.CallExpression, via: string, target: CallTarget): void {
  const wrapperCall: WrapperCall = {
    id: state.wrapperCalls.length,
    via,
    text: state.resolver.textOf(call),
    range: rangeOf(call),
    loc: state.locate(call),
    ...target,
    awaited: false,
    insideNetworkCallback: insideNetworkCallback(call),
  };
  const functionId = state.functions.enclosingId(call);
  if (functionId !== undefined) wrapperCall.functionId = functionId;
  state.wrapperCalls.push(wrapperCall);
  addSite(state, { subject: { wrapperCall: wrapperCall.id }, node: call, kind: 'boolean', truth: truthOf('boolean', false) });
}
