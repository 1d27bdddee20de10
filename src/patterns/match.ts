import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { lastChainName, memberChain, propertyKeyName, unwrapExpression, walkSubtree, type Node } from '../detect/ast.js';
import type { FunctionNode, Scopes } from '../detect/scope.js';
import type { AccessorIndex } from './accessor-index.js';
import { jsxNameOf } from './compile.js';
import type { ArgumentsOf, CallMatcher, ChainObject, CompiledAccessor } from './types.js';
import {
  callBehind,
  chainEndsWith,
  keysOf,
  lastCalleeName,
  matchArgument,
  matchCall,
  passesImportGate,
  type CallLike,
} from './captures.js';

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
 * A React component by its looks: named with a capital (its own name, or the variable it
 * initializes), or unnamed and rendering JSX (what `withLDConsumer()(…)` or `memo(…)` is handed).
 * `function parseCli({ input, flags })` (a command-line parser's flags, found on novu) is none.
 */
function looksLikeComponent(fn: FunctionNode): boolean {
  const parent = fn.parent;
  const name = fn.id?.name ?? (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : undefined);
  if (name !== undefined) return /^[A-Z]/.test(name);
  let rendersJsx = false;
  walkSubtree(fn.body, (node) => {
    if (node.type === 'JSXElement' || node.type === 'JSXFragment') rendersJsx = true;
    return !rendersJsx;
  });
  return rendersJsx;
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
    binding.parameterOf.fn.params[0] === pattern &&
    looksLikeComponent(binding.parameterOf.fn)
  );
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
  // Most objects end in a name no member pattern has: their whole chain is not needed.
  const end = lastChainName(member.object);
  const objectChain = end !== undefined && index.membersOf(end).length > 0 ? memberChain(member.object) : undefined;
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
