/*
 * Regions, once every decision is known: which variables each decision's regions assign (values
 * derived from the decision), and which calls and rendered components run inside a region (for
 * nesting through helper functions and components).
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { rangeOf, type Node } from '../ast.js';
import { containersOf } from '../containment.js';
import type { Range, RegionCall } from '../facts.js';
import { importedCallee, type LocalFunctions } from './functions.js';
import type { FunctionNode } from '../scope.js';
import type { CallLike } from './collection.js';
import type { AnalysisState } from './state.js';

/** A call or a rendered component, with how to find what it runs. */
export interface Invocation {
  node: Node;
  callee: () => RegionCall['callee'] | undefined;
}

/** Every decision's regions, as one list (for containersOf), with the decision and index of each. */
function allRegions(state: AnalysisState): { decision: number; regionIndex: number; range: Range }[] {
  return state.decisions.flatMap((decision) =>
    decision.regions.map((region, regionIndex) => ({ decision: decision.id, regionIndex, range: region.range })),
  );
}

/**
 * Each decision's `assigned`: the names assigned or declared inside its regions (a region's
 * `algorithm = 'v2'` is a value derived from the decision), then the variable receiving its value.
 */
export function fillAssigned(state: AnalysisState): void {
  const regions = allRegions(state);
  const names = state.decisions.map(() => new Set<string>());
  const { assignmentTargets } = state.nodes;
  const holding = containersOf(
    regions.map((region) => region.range),
    assignmentTargets.map((target) => rangeOf(target)),
  );
  assignmentTargets.forEach((target, index) => {
    for (const region of holding[index]!) names[regions[region]!.decision]!.add(target.name);
  });
  for (const decision of state.decisions) decision.assigned = [...new Set([...names[decision.id]!, ...state.receivers[decision.id]!])];
}

export function collectRegionCalls(state: AnalysisState): RegionCall[] {
  const regionCalls: RegionCall[] = [];
  if (state.decisions.length === 0) return regionCalls;
  const regions = allRegions(state);
  const found = invocations(state);
  const ranges = found.map((invocation) => rangeOf(invocation.node));
  const holding = containersOf(
    regions.map((region) => region.range),
    ranges,
  );
  found.forEach((invocation, index) => {
    if (holding[index]!.length === 0) return;
    const callee = invocation.callee();
    if (callee === undefined) return;
    for (const region of holding[index]!) {
      const { decision, regionIndex } = regions[region]!;
      regionCalls.push({ decision, regionIndex, callee, range: ranges[index]!, loc: state.locate(invocation.node) });
    }
  });
  return regionCalls;
}

/** Calls and rendered components, each with how to find what it runs. */
export function invocations(state: AnalysisState): Invocation[] {
  return [
    ...state.nodes.calls.map((call) => ({ node: call as Node, callee: () => calleeRef(state, call) })),
    ...state.nodes.jsxElements.map((element) => ({ node: element as Node, callee: () => componentRef(state, element) })),
  ];
}

function localRef(functions: LocalFunctions, fn: FunctionNode | undefined): RegionCall['callee'] | undefined {
  const id = fn === undefined ? undefined : functions.idOf(fn);
  return id === undefined ? undefined : { kind: 'local', functionId: id };
}

function calleeRef(state: AnalysisState, call: CallLike): RegionCall['callee'] | undefined {
  const local = localRef(state.functions, state.functions.calleeOf(call));
  if (local !== undefined) return local;
  const imported = call.type === 'CallExpression' ? importedCallee(call.callee, state.scopes) : undefined;
  return imported === undefined ? undefined : { kind: 'imported', ...imported };
}

/** `<ExpressSection />` renders (calls) a component: the local function or the imported one it names. */
function componentRef(state: AnalysisState, element: TSESTree.JSXOpeningElement): RegionCall['callee'] | undefined {
  if (element.name.type !== 'JSXIdentifier' || !/^[A-Z]/.test(element.name.name)) return undefined;
  const binding = state.scopes.lookup(element.name.name, element);
  const local = localRef(state.functions, state.functions.boundTo(binding));
  if (local !== undefined) return local;
  const imported = binding?.imported;
  if (imported === undefined || imported.imported === '*') return undefined;
  return { kind: 'imported', source: imported.source, name: imported.imported, path: [] };
}
