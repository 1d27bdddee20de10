/*
 * Function facts: per function of this file, its name, the names it is exported as, the decisions
 * written in it, what it calls (for nesting through helpers) and, when it decides, the calls it
 * makes with what their arguments mention (for decision logging).
 */
import { isFunctionNode, memberChain, rangeOf, type Node } from '../ast.js';
import type { FunctionFact, RegionCall } from '../facts.js';
import type { FunctionNode } from '../scope.js';
import { exportName } from './module-summary.js';
import { mentionsOf } from './probes.js';
import { invocations } from './regions.js';
import type { AnalysisState } from './state.js';

export function functionFacts(state: AnalysisState): FunctionFact[] {
  const { functions } = state;
  const exportedAs = exportedFunctionNames(state);
  const facts: FunctionFact[] = state.nodes.functionNodes.map((fn, id) => {
    const fact: FunctionFact = {
      id,
      name: functions.nameOf(fn),
      range: rangeOf(fn),
      exportedAs: exportedAs.get(fn) ?? [],
      decisions: [],
      calls: [],
    };
    const wrapper = state.wrappers.get(fn);
    if (wrapper) fact.wrapper = wrapper;
    return fact;
  });
  // The functions a node is written in, innermost first (each fact's lists keep the nodes' order).
  const first = (node: Node) => functions.enclosingId(node);
  const next = (id: number) => functions.outerOf(id);
  for (const decision of state.decisions) {
    for (let id = first(state.decisionSites[decision.id]!); id !== undefined; id = next(id))
      (facts[id]!.decisions as number[]).push(decision.id);
  }
  // Calls made inside a function that decides: only those functions have any decision now.
  if (facts.some((fact) => fact.decisions.length > 0)) {
    for (const call of state.nodes.calls) {
      if (call.type !== 'CallExpression') continue;
      let entry: NonNullable<FunctionFact['calledWith']>[number] | undefined;
      for (let id = first(call); id !== undefined; id = next(id)) {
        const fact = facts[id]!;
        if (fact.decisions.length === 0) continue;
        entry ??= {
          callee: memberChain(call.callee)?.join('.') ?? '',
          mentions: mentionsOf(call),
          range: rangeOf(call),
          loc: state.locate(call),
        };
        (fact.calledWith ??= []).push(entry);
      }
    }
  }
  for (const invocation of invocations(state)) {
    let id = first(invocation.node);
    if (id === undefined) continue;
    const callee = invocation.callee();
    if (callee === undefined) continue;
    for (; id !== undefined; id = next(id)) {
      const fact = facts[id]!;
      if (!(callee.kind === 'local' && callee.functionId === fact.id)) (fact.calls as RegionCall['callee'][]).push(callee);
    }
  }
  return facts;
}

function exportedFunctionNames(state: AnalysisState): Map<FunctionNode, string[]> {
  const { scopes, functions } = state;
  const names = new Map<FunctionNode, string[]>();
  const addName = (fn: FunctionNode | undefined, name: string) => {
    if (fn === undefined) return;
    names.set(fn, [...(names.get(fn) ?? []), name]);
  };
  for (const node of state.nodes.exportNodes) {
    if (node.type === 'ExportDefaultDeclaration') {
      const declaration = node.declaration;
      if (isFunctionNode(declaration)) addName(declaration, 'default');
      else if (declaration.type === 'Identifier') addName(functions.boundTo(scopes.lookup(declaration.name, declaration)), 'default');
    } else if (node.type === 'ExportNamedDeclaration' && node.source == null) {
      const declaration = node.declaration;
      if (declaration?.type === 'FunctionDeclaration' && declaration.id) addName(declaration, declaration.id.name);
      if (declaration?.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === 'Identifier')
            addName(functions.boundTo(scopes.lookup(declarator.id.name, declarator.id)), declarator.id.name);
        }
      }
      for (const specifier of node.specifiers) {
        if (specifier.local.type !== 'Identifier') continue;
        addName(functions.boundTo(scopes.lookup(specifier.local.name, specifier.local)), exportName(specifier.exported));
      }
    }
  }
  return names;
}
