/*
 * Accessor matching: what the configured patterns find among the collected nodes, as evaluations,
 * one per key node. Wrappers of this file (wrappers.ts) produce evaluations of the same shape.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { AccessorReturns, CompiledAccessor } from '../../patterns/index.js';
import { contains, rangeOf, type Node } from '../ast.js';
import { matchCallExpression, matchDestructuring, matchJsxElement, matchMemberExpression, type AccessorMatch, type MatchedKey } from '../../patterns/index.js';
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
  for (const member of nodes.members) matches.push(...matchMemberExpression(member, index, scopes));
  for (const declarator of nodes.destructurings) matches.push(...matchDestructuring(declarator, index, scopes));
  for (const element of nodes.jsxElements) matches.push(...matchJsxElement(element, index, scopes));

  // One key, one reference: `isFeatureEnabled(flags.get('x'), ctx)` is found by both seed
  // patterns; the outer evaluation wins, then the more specific pattern.
  const evaluations = new Map<Node, Evaluation>();
  // Every call a pattern matched is an accessor call, even where an outer match wins its key.
  for (const match of matches) state.handledCalls.add(match.value);
  for (const match of matches) {
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

function preferable(candidate: Evaluation, existing: Evaluation): boolean {
  const [a, b] = [rangeOf(candidate.value), rangeOf(existing.value)];
  if (contains(a, b) && (a[0] !== b[0] || a[1] !== b[1])) return true;
  if (contains(b, a) && (a[0] !== b[0] || a[1] !== b[1])) return false;
  return candidate.specificity > existing.specificity;
}
