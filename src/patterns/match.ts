import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberChain, propertyKeyName, unwrapExpression, type Node } from '../detect/ast.js';
import type { Scopes } from '../detect/scope.js';
import type { AccessorIndex } from './accessor-index.js';
import { jsxNameOf } from './compile.js';
import type { ArgumentMatcher, ArgumentsOf, CallMatcher, ChainObject, CompiledAccessor } from './types.js';

/** A key found by a pattern: an expression to resolve, or a name written as a property. */
export interface MatchedKey {
  node: Node;
  /** Set when the key is written as a property name (`flags.newCheckout`, `{ 'new-checkout': true }`). */
  name?: string;
  /** For overrides: the expression that forces the state. */
  state?: Node;
}

export interface AccessorMatch {
  accessor: CompiledAccessor;
  keys: MatchedKey[];
  /** The expression whose value is the flag's (the call, the member access, the element). */
  value: Node;
  /** Destructured from a hook (`const { newCheckout } = useFlags()`): the local each key is bound to. */
  boundTo?: Map<MatchedKey, TSESTree.Identifier>;
}

/** What one part of a pattern captured: a key, a state, or both. */
interface Capture {
  key?: MatchedKey;
  state?: Node;
}

type CallLike = TSESTree.CallExpression | TSESTree.NewExpression;

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

function chainEndsWith(chain: readonly string[], pattern: readonly string[]): boolean {
  const anyReceiver = pattern[0] === '*';
  const tail = anyReceiver ? pattern.slice(1) : pattern;
  if (chain.length < tail.length + (anyReceiver ? 1 : 0)) return false;
  const offset = chain.length - tail.length;
  return tail.every((name, index) => chain[offset + index] === name);
}

/** A pattern gated on imports matches only when the code's root name comes from one of those modules. */
function passesImportGate(
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

function lastCalleeName(call: CallLike, scopes: Scopes): string | undefined {
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

function matchArgument(node: Node | undefined, matcher: ArgumentMatcher, scopes: Scopes): Capture[] | undefined {
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

function matchCall(call: CallLike, matcher: CallMatcher, scopes: Scopes): Capture[] | undefined {
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

function keysOf(captures: Capture[] | undefined): MatchedKey[] | undefined {
  if (captures === undefined) return undefined;
  const keys = captures.flatMap((capture) =>
    capture.key === undefined ? [] : [{ ...capture.key, ...(capture.state ? { state: capture.state } : {}) }],
  );
  return keys.length > 0 ? keys : undefined;
}

/** Accessor patterns matching a call (`flags.get('x')`, `isFeatureEnabled(flags.get('x'), ctx)`, `new TestData({…})`). */
export function matchCallExpression(call: CallLike, index: AccessorIndex, scopes: Scopes): AccessorMatch[] {
  const matches: AccessorMatch[] = matchCallOfCallResult(call, index, scopes);
  const name = lastCalleeName(call, scopes);
  if (name === undefined) return matches;
  for (const accessor of index.callsNamed(name)) {
    const matcher = accessor.matcher as CallMatcher;
    if (!passesImportGate(accessor, matcher.receiver ? ['*'] : matcher.callee, call.callee, scopes, index)) continue;
    const keys = keysOf(matchCall(call, matcher, scopes));
    if (keys !== undefined) matches.push({ accessor, keys, value: call });
  }
  return matches;
}

/** `useFlagEvaluator()('x')`, and `isOn('x')` after `const isOn = useFlagEvaluator()`, for `useFlagEvaluator()($KEY)`. */
function matchCallOfCallResult(call: CallLike, index: AccessorIndex, scopes: Scopes): AccessorMatch[] {
  if (call.type !== 'CallExpression') return [];
  const result = callBehind(call.callee, scopes);
  const name = result === undefined ? undefined : lastCalleeName(result, scopes);
  const matches: AccessorMatch[] = [];
  for (const accessor of name === undefined ? [] : index.callsOfCallResultNamed(name)) {
    const matcher = accessor.matcher as CallMatcher;
    if (!passesImportGate(accessor, matcher.calleeCall!.callee, result!.callee, scopes, index)) continue;
    const keys = keysOf(matchCall(call, matcher, scopes));
    if (keys !== undefined) matches.push({ accessor, keys, value: call });
  }
  return matches;
}

/** The key of a member access: `.newCheckout`, `['new-checkout']`, `[FLAG]`. */
function memberKey(member: TSESTree.MemberExpression): MatchedKey {
  if (!member.computed && member.property.type === 'Identifier') return { node: member.property, name: member.property.name };
  return { node: member.property };
}

/** True when the member is the callee of a call (a method, not a flag read) or is written to. */
function isNotARead(member: TSESTree.MemberExpression): boolean {
  let node: Node = member;
  while (node.parent?.type === 'ChainExpression') node = node.parent;
  const parent = node.parent;
  if (parent?.type === 'CallExpression' && parent.callee === node) return true;
  return parent?.type === 'AssignmentExpression' && parent.left === node;
}

/**
 * A chain marked `destructuredProp` (`props.flags.$KEY`) also matches `flags.x` where `flags` is
 * destructured from a component's props (`function Banner({ flags }) { … flags.x … }`), the way
 * React code reads injected props.
 */
function isDestructuredProp(object: Node, { chain, destructuredProp }: ChainObject, scopes: Scopes): boolean {
  if (!destructuredProp) return false;
  const expression = unwrapExpression(object);
  if (expression.type !== 'Identifier' || expression.name !== chain[1]) return false;
  const binding = scopes.lookup(expression.name, expression);
  const property = binding?.id.parent;
  const pattern = property?.parent;
  return (
    binding?.kind === 'param' &&
    binding.parameterOf?.index === 0 &&
    property?.type === 'Property' &&
    propertyKeyName(property) === chain[1] &&
    pattern?.type === 'ObjectPattern' &&
    binding.parameterOf.fn.params[0] === pattern
  );
}

/** `useFlags()` itself, or a const bound to it (`const flags = useFlags()`). */
function callBehind(object: Node, scopes: Scopes): TSESTree.CallExpression | undefined {
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

/** The calls an object stands for: `useFlags()`, a const bound to it, or a parameter every call passes one to (`Nav(useFlags())`). */
function callsBehind(object: Node, scopes: Scopes, argumentsOf: ArgumentsOf | undefined): TSESTree.CallExpression[] {
  const call = callBehind(object, scopes);
  if (call !== undefined) return [call];
  const expression = unwrapExpression(object);
  if (argumentsOf === undefined || expression.type !== 'Identifier') return [];
  const binding = scopes.lookup(expression.name, expression);
  const passed = binding?.kind === 'param' ? argumentsOf(binding) : undefined;
  const calls = (passed ?? []).map((argument) => callBehind(argument, scopes));
  return calls.length > 0 && calls.every((found) => found !== undefined) ? (calls as TSESTree.CallExpression[]) : [];
}

/** The member patterns over a call (`useFlags().$KEY`) that every one of the calls matches. */
function objectCallAccessors(calls: readonly TSESTree.CallExpression[], scopes: Scopes, index: AccessorIndex): CompiledAccessor[] {
  const name = calls[0] === undefined ? undefined : lastCalleeName(calls[0], scopes);
  if (name === undefined) return [];
  return index.membersOfCallNamed(name).filter((accessor) => calls.every((call) => matchesObjectCall(call, accessor, scopes, index)));
}

function matchesObjectCall(call: TSESTree.CallExpression, accessor: CompiledAccessor, scopes: Scopes, index: AccessorIndex): boolean {
  const matcher = accessor.matcher;
  if (matcher.type !== 'member' || matcher.object.type !== 'call') return false;
  return (
    passesImportGate(accessor, matcher.object.callee, call.callee, scopes, index) && matchCall(call, matcher.object, scopes) !== undefined
  );
}

/** Member patterns: `uiConfig.flags.newCheckout`, `useFlags().newCheckout`, `flags.newCheckout` after `const flags = useFlags()`. */
export function matchMemberExpression(
  member: TSESTree.MemberExpression,
  index: AccessorIndex,
  scopes: Scopes,
  argumentsOf?: ArgumentsOf,
): AccessorMatch[] {
  if (isNotARead(member)) return [];
  const matches: AccessorMatch[] = [];
  const objectChain = memberChain(member.object);
  const last = objectChain?.at(-1);
  if (objectChain !== undefined && last !== undefined) {
    for (const accessor of index.membersOf(last)) {
      const matcher = accessor.matcher;
      if (matcher.type !== 'member' || matcher.object.type !== 'chain') continue;
      if (!chainEndsWith(objectChain, matcher.object.chain) && !isDestructuredProp(member.object, matcher.object, scopes)) continue;
      if (!passesImportGate(accessor, matcher.object.chain, member.object, scopes, index)) continue;
      matches.push({ accessor, keys: [memberKey(member)], value: member });
    }
  }
  for (const accessor of objectCallAccessors(callsBehind(member.object, scopes, argumentsOf), scopes, index)) {
    matches.push({ accessor, keys: [memberKey(member)], value: member });
  }
  return matches;
}

/**
 * `const { newCheckout, darkMode: dark } = useFlags()`, or from a const bound to that call
 * (`const flags = useFlags(); const { newNav } = flags`), or from a parameter passed that call
 * (`function Nav(flags) { const { newNav } = flags }`): each destructured property is a key.
 */
export function matchDestructuring(
  declarator: TSESTree.VariableDeclarator,
  index: AccessorIndex,
  scopes: Scopes,
  argumentsOf?: ArgumentsOf,
): AccessorMatch[] {
  if (declarator.id.type !== 'ObjectPattern' || declarator.init == null) return [];
  const matches: AccessorMatch[] = [];
  for (const accessor of objectCallAccessors(callsBehind(declarator.init, scopes, argumentsOf), scopes, index)) {
    const keys: MatchedKey[] = [];
    const boundTo = new Map<MatchedKey, TSESTree.Identifier>();
    for (const property of declarator.id.properties) {
      if (property.type !== 'Property') continue;
      const keyName = propertyKeyName(property);
      const key: MatchedKey = keyName === undefined ? { node: property.key } : { node: property.key, name: keyName };
      keys.push(key);
      const target = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
      if (target.type === 'Identifier') boundTo.set(key, target);
    }
    if (keys.length > 0) matches.push({ accessor, keys, value: declarator, boundTo });
  }
  return matches;
}

/** `<IfFeatureEnabled feature="new-checkout">`, `<OpenFeatureTestProvider flagValueMap={{ … }}>`. */
export function matchJsxElement(element: TSESTree.JSXOpeningElement, index: AccessorIndex, scopes: Scopes): AccessorMatch[] {
  const name = jsxNameOf(element.name);
  const matches: AccessorMatch[] = [];
  for (const accessor of index.elementsNamed(name.split('.').at(-1)!)) {
    const matcher = accessor.matcher;
    if (matcher.type !== 'jsx' || (matcher.element !== name && !name.endsWith(`.${matcher.element}`))) continue;
    if (accessor.imports.length > 0) {
      const root = element.name.type === 'JSXIdentifier' ? element.name.name : name.split('.')[0]!;
      const source = scopes.lookup(root, element)?.imported?.source;
      if (source === undefined || !index.importsFrom(accessor, source)) continue;
    }
    for (const attribute of element.attributes) {
      if (attribute.type !== 'JSXAttribute' || attribute.name.type !== 'JSXIdentifier' || attribute.name.name !== matcher.attribute)
        continue;
      const value = attribute.value;
      let keys: MatchedKey[] | undefined;
      if (value?.type === 'Literal' && typeof value.value === 'string') {
        keys = matcher.value.type === 'key' ? [{ node: value, name: value.value }] : undefined;
      } else if (value?.type === 'JSXExpressionContainer' && value.expression.type !== 'JSXEmptyExpression') {
        keys = keysOf(matchArgument(value.expression, matcher.value, scopes));
      }
      if (keys !== undefined) matches.push({ accessor, keys, value: element.parent });
    }
  }
  return matches;
}

/** `{ path: '/beta', flag: 'beta_nav' }` for `{ flag: $KEY }`: the key is a reference, the object what it gates. */
export function matchObjectLiteral(object: TSESTree.ObjectExpression, index: AccessorIndex, scopes: Scopes): AccessorMatch[] {
  const matches: AccessorMatch[] = [];
  for (const property of object.properties) {
    const name = property.type === 'Property' && !property.computed ? propertyKeyName(property) : undefined;
    for (const accessor of name === undefined ? [] : index.objectsWith(name)) {
      if (accessor.matcher.type !== 'object') continue;
      const keys = keysOf(matchArgument(object, accessor.matcher, scopes));
      if (keys !== undefined) matches.push({ accessor, keys, value: object });
    }
  }
  return matches;
}
