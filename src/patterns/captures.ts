/*
 * Matching the parts of a pattern against code: a call's callee chain, the import gate, the
 * arguments and the receiver, into captures (keys and states). match.ts builds on these for each
 * pattern form.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberChain, propertyKeyName, unwrapExpression, type Node } from '../detect/ast.js';
import type { Scopes } from '../detect/scope.js';
import type { AccessorIndex } from './accessor-index.js';
import type { ArgumentMatcher, CallMatcher, CompiledAccessor } from './types.js';
import type { MatchedKey } from './match.js';

/** What one part of a pattern captured: a key, a state, or both. */
export interface Capture {
  key?: MatchedKey;
  state?: Node;
}

export type CallLike = TSESTree.CallExpression | TSESTree.NewExpression;

/** Where the root of a chain was imported from, when it was. */
function rootImport(node: Node, scopes: Scopes): { source: string; imported: string } | undefined {
  let current = unwrapExpression(node);
  while (current.type === 'MemberExpression') current = unwrapExpression(current.object);
  if (current.type !== 'Identifier') return undefined;
  return scopes.lookup(current.name, current)?.imported;
}

/**
 * The callee chain as the pattern should see it: an identifier imported under another name
 * (`import { useFlag as useF }`) is seen by its exported name.
 */
function calleeChain(callee: Node, scopes: Scopes): string[] | undefined {
  const chain = memberChain(callee);
  if (chain === undefined) return undefined;
  const imported = rootImport(callee, scopes)?.imported;
  if (imported !== undefined && imported !== 'default' && imported !== '*') chain[0] = imported;
  return chain;
}

export function chainEndsWith(chain: readonly string[], pattern: readonly string[]): boolean {
  const anyReceiver = pattern[0] === '*';
  const tail = anyReceiver ? pattern.slice(1) : pattern;
  if (chain.length < tail.length + (anyReceiver ? 1 : 0)) return false;
  const offset = chain.length - tail.length;
  return tail.every((name, index) => chain[offset + index] === name);
}

/** A pattern gated on imports matches only when the code's root name comes from one of those modules. */
export function passesImportGate(
  accessor: CompiledAccessor,
  chainPattern: readonly string[],
  root: Node,
  scopes: Scopes,
  index: AccessorIndex,
): boolean {
  if (accessor.imports.length === 0 || chainPattern[0] === '*') return true;
  const source = rootImport(root, scopes)?.source;
  return source !== undefined && index.importsFrom(accessor, source);
}

export function lastCalleeName(call: CallLike, scopes: Scopes): string | undefined {
  return calleeChain(call.callee, scopes)?.at(-1);
}

/** Combines captures of two parts: a single capture attaches to each of many. */
function combine(left: Capture[], right: Capture[]): Capture[] {
  if (left.length === 0 || right.length === 0) return [];
  if (left.length === 1) return right.map((capture) => ({ key: capture.key ?? left[0]!.key, state: capture.state ?? left[0]!.state }));
  if (right.length === 1) return left.map((capture) => ({ key: capture.key ?? right[0]!.key, state: capture.state ?? right[0]!.state }));
  return left.flatMap((a) => right.map((b) => ({ key: a.key ?? b.key, state: a.state ?? b.state })));
}

function objectPropertyValue(object: TSESTree.ObjectExpression, name: string): Node | undefined {
  let found: Node | undefined;
  for (const property of object.properties) {
    if (property.type === 'SpreadElement') found = undefined;
    else if (propertyKeyName(property) === name) found = property.value;
  }
  return found;
}

/**
 * The literal a structural pattern looks into: the expression itself, or, for a name, the object
 * or array literal a const binds it to (`const flags = { … }; new InMemoryProvider(flags)`).
 */
function structuralValue(node: Node, scopes: Scopes): Node {
  const expression = unwrapExpression(node);
  if (expression.type !== 'Identifier') return expression;
  const binding = scopes.lookup(expression.name, expression);
  const init = binding?.kind === 'const' && binding.init ? unwrapExpression(binding.init) : undefined;
  return init?.type === 'ObjectExpression' || init?.type === 'ArrayExpression' ? init : expression;
}

export function matchArgument(node: Node | undefined, matcher: ArgumentMatcher, scopes: Scopes): Capture[] | undefined {
  if (node === undefined) return undefined;
  if (node.type === 'SpreadElement') return matcher.type === 'key' ? [{ key: { node: node.argument } }] : undefined;
  const expression =
    matcher.type === 'key' || matcher.type === 'state' || matcher.type === 'any' ? unwrapExpression(node) : structuralValue(node, scopes);
  switch (matcher.type) {
    case 'any':
      return [{}];
    case 'key':
      return [{ key: { node } }];
    case 'state':
      return [{ state: node }];
    case 'each-entry': {
      if (expression.type !== 'ObjectExpression') return undefined;
      const captures: Capture[] = [];
      for (const property of expression.properties) {
        if (property.type === 'SpreadElement') {
          captures.push({ key: { node: property.argument } });
          continue;
        }
        const name = propertyKeyName(property);
        const key: MatchedKey = name === undefined ? { node: property.key } : { node: property.key, name };
        const inner = matchArgument(property.value, matcher.value, scopes);
        // A key in a flag map is a reference even when its value is not in the expected shape.
        captures.push(...(inner === undefined || inner.length === 0 ? [{ key }] : inner.map((capture) => ({ ...capture, key }))));
      }
      return captures;
    }
    case 'object': {
      if (expression.type !== 'ObjectExpression') return undefined;
      let captures: Capture[] = [{}];
      for (const [name, inner] of Object.entries(matcher.properties)) {
        const matched = matchArgument(objectPropertyValue(expression, name), inner, scopes);
        if (matched === undefined) return undefined;
        captures = combine(captures, matched);
      }
      return captures;
    }
    case 'each-element': {
      if (expression.type !== 'ArrayExpression') return undefined;
      return expression.elements.flatMap((element) => (element === null ? [] : (matchArgument(element, matcher.element, scopes) ?? [])));
    }
    case 'tuple': {
      if (expression.type !== 'ArrayExpression') return undefined;
      let captures: Capture[] = [{}];
      for (let i = 0; i < matcher.elements.length; i++) {
        const matched = matchArgument(expression.elements[i] ?? undefined, matcher.elements[i]!, scopes);
        if (matched === undefined) return undefined;
        captures = combine(captures, matched);
      }
      return captures;
    }
    case 'call':
      return expression.type === 'CallExpression' || expression.type === 'NewExpression'
        ? matchCall(expression, matcher, scopes)
        : undefined;
  }
}

/** Follows a fluent chain back from `x.a().b().c` to the call the pattern's receiver must match. */
function matchReceiver(object: Node, receiver: CallMatcher, scopes: Scopes): Capture[] | undefined {
  let current: Node = unwrapExpression(object);
  for (let hops = 0; hops < 16; hops++) {
    if (current.type === 'Identifier') {
      // `const fs = useFlagsmith(); fs.getValue('x')`
      const call = callBehind(current, scopes);
      if (call === undefined) return undefined;
      current = call;
    }
    if (current.type !== 'CallExpression' && current.type !== 'NewExpression') return undefined;
    const captures = matchCall(current, receiver, scopes);
    if (captures !== undefined) return captures;
    const callee = unwrapExpression(current.callee);
    if (callee.type !== 'MemberExpression') return undefined;
    current = unwrapExpression(callee.object);
  }
  return undefined;
}

export function matchCall(call: CallLike, matcher: CallMatcher, scopes: Scopes): Capture[] | undefined {
  if ((call.type === 'NewExpression') !== matcher.construct) return undefined;
  let captures: Capture[] = [{}];
  if (matcher.receiver !== undefined) {
    const callee = unwrapExpression(call.callee);
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
    if (callee.property.name !== matcher.callee[0]) return undefined;
    const fromReceiver = matchReceiver(callee.object, matcher.receiver, scopes);
    if (fromReceiver === undefined) return undefined;
    captures = fromReceiver;
  } else if (matcher.calleeCall !== undefined) {
    const result = callBehind(call.callee, scopes);
    const fromCallee = result === undefined ? undefined : matchCall(result, matcher.calleeCall, scopes);
    if (fromCallee === undefined) return undefined;
    captures = fromCallee;
  } else {
    const chain = calleeChain(call.callee, scopes);
    if (chain === undefined || !chainEndsWith(chain, matcher.callee)) return undefined;
  }
  for (let i = 0; i < matcher.args.length; i++) {
    const matched = matchArgument(call.arguments[i], matcher.args[i]!, scopes);
    if (matched === undefined) return undefined;
    captures = combine(captures, matched);
  }
  return captures;
}

export function keysOf(captures: Capture[] | undefined): MatchedKey[] | undefined {
  if (captures === undefined) return undefined;
  const keys = captures.flatMap((capture) =>
    capture.key === undefined ? [] : [{ ...capture.key, ...(capture.state ? { state: capture.state } : {}) }],
  );
  return keys.length > 0 ? keys : undefined;
}

/** `useFlags()` itself, or a const bound to it (`const flags = useFlags()`). */
export function callBehind(object: Node, scopes: Scopes): TSESTree.CallExpression | undefined {
  const expression = unwrapExpression(object);
  if (expression.type === 'CallExpression') return expression;
  if (expression.type === 'Identifier') {
    const binding = scopes.lookup(expression.name, expression);
    const init = binding?.kind === 'const' && binding.init !== undefined ? unwrapExpression(binding.init) : undefined;
    if (init?.type === 'CallExpression') return init;
    if (init?.type === 'AwaitExpression' && init.argument.type === 'CallExpression') return init.argument;
  }
  return undefined;
}
