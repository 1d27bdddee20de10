import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { parseEstree } from '../estree-parser.js';
import { parseWithOxc } from '../oxc-parser.js';
import { partsOf } from './parts.js';
import { prefilterOf } from './prefilter.js';
import {
  PatternError,
  type AccessorOptions,
  type AccessorSetting,
  type ArgumentMatcher,
  type CallMatcher,
  type CompiledAccessor,
  type JsxMatcher,
  type Matcher,
  type PatternPart,
} from './types.js';

const ANY = '$ANY';

/** `*.isEnabled($KEY)` and `foo(…)` are not JavaScript; rewrite them into code that parses. */
function toParsableCode(pattern: string): string {
  return pattern
    .replace(/(^|[^\w$.])\*(?=\s*\.)/g, `$1${ANY}`)
    .replace(/,\s*(?:…|\.\.\.)\s*(?=[)\]}])/g, '')
    .replace(/\(\s*(?:…|\.\.\.)\s*\)/g, '()');
}

function describe(node: TSESTree.Node): string {
  return node.type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function isPlaceholder(node: TSESTree.Node, name: '$KEY' | '$STATE'): boolean {
  return node.type === 'Identifier' && node.name === name;
}

function chainOf(node: TSESTree.Node, pattern: string): string[] {
  if (node.type === 'Identifier') {
    if (node.name === '$KEY' || node.name === '$STATE') throw new PatternError(pattern, `${node.name} cannot be the callee`);
    return [node.name === ANY ? '*' : node.name];
  }
  if (node.type === 'ThisExpression') return ['this'];
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    if (node.property.name === '$KEY' || node.property.name === '$STATE') {
      throw new PatternError(pattern, '$KEY can only be the last property of a member pattern');
    }
    return [...chainOf(node.object, pattern), node.property.name];
  }
  throw new PatternError(pattern, `expected a name or a dotted member chain, found ${describe(node)}`);
}

function staticPropertyName(property: TSESTree.Property): string | undefined {
  if (property.computed) return undefined;
  if (property.key.type === 'Identifier') return property.key.name;
  if (property.key.type === 'Literal') return String(property.key.value);
  return undefined;
}

function compileArgument(node: TSESTree.Node, pattern: string): ArgumentMatcher {
  switch (node.type) {
    case 'Identifier':
      if (node.name === '$KEY') return { type: 'key' };
      if (node.name === '$STATE') return { type: 'state' };
      return { type: 'any' };
    case 'CallExpression':
    case 'NewExpression':
      return compileCall(node, pattern);
    case 'ObjectExpression': {
      const [first] = node.properties;
      if (node.properties.length === 1 && first?.type === 'Property' && isPlaceholder(first.key, '$KEY')) {
        return { type: 'each-entry', value: compileArgument(first.value, pattern) };
      }
      const properties: Record<string, ArgumentMatcher> = {};
      for (const property of node.properties) {
        const name = property.type === 'Property' ? staticPropertyName(property) : undefined;
        if (property.type !== 'Property' || name === undefined || name === '$KEY') {
          throw new PatternError(pattern, 'an object in a pattern is { $KEY: … } or has plain property names');
        }
        properties[name] = compileArgument(property.value, pattern);
      }
      return { type: 'object', properties };
    }
    case 'ArrayExpression': {
      const elements = node.elements.map((element) => {
        if (element === null || element.type === 'SpreadElement')
          throw new PatternError(pattern, 'an array in a pattern cannot have holes or spreads');
        return compileArgument(element, pattern);
      });
      if (elements.length === 1) return { type: 'each-element', element: elements[0]! };
      return { type: 'tuple', elements };
    }
    default:
      // A literal or any other expression stands for "some argument here".
      return { type: 'any' };
  }
}

function compileCall(node: TSESTree.CallExpression | TSESTree.NewExpression, pattern: string): CallMatcher {
  const args = node.arguments.map((argument) => compileArgument(argument, pattern));
  const callee = node.callee;
  if (callee.type === 'MemberExpression' && (callee.object.type === 'CallExpression' || callee.object.type === 'NewExpression')) {
    if (callee.computed || callee.property.type !== 'Identifier')
      throw new PatternError(pattern, 'a method in a chain must be a plain name');
    return {
      type: 'call',
      construct: node.type === 'NewExpression',
      callee: [callee.property.name],
      receiver: compileCall(callee.object, pattern),
      args,
    };
  }
  if (callee.type === 'CallExpression') {
    if (node.type === 'NewExpression') throw new PatternError(pattern, 'new of a call result is not a flag accessor');
    return { type: 'call', construct: false, callee: [], calleeCall: compileCall(callee, pattern), args };
  }
  return { type: 'call', construct: node.type === 'NewExpression', callee: chainOf(callee, pattern), args };
}

export function jsxNameOf(name: TSESTree.JSXTagNameExpression): string {
  switch (name.type) {
    case 'JSXIdentifier':
      return name.name;
    case 'JSXMemberExpression':
      return `${jsxNameOf(name.object)}.${name.property.name}`;
    default:
      return `${name.namespace.name}:${name.name.name}`;
  }
}

function compileJsx(node: TSESTree.JSXElement, pattern: string): JsxMatcher {
  const opening = node.openingElement;
  const element = jsxNameOf(opening.name);
  for (const attribute of opening.attributes) {
    if (attribute.type !== 'JSXAttribute' || attribute.name.type !== 'JSXIdentifier') continue;
    const value = attribute.value;
    if (value?.type === 'Literal' && value.value === '$KEY')
      return { type: 'jsx', element, attribute: attribute.name.name, value: { type: 'key' } };
    if (value?.type === 'JSXExpressionContainer' && value.expression.type !== 'JSXEmptyExpression') {
      const matcher = compileArgument(value.expression, pattern);
      if (countKeys(matcher) === 1) return { type: 'jsx', element, attribute: attribute.name.name, value: matcher };
    }
  }
  throw new PatternError(pattern, 'a JSX pattern needs an attribute holding the key, e.g. feature={$KEY}');
}

/** How many keys a pattern captures per match: each `$KEY`, each `{ $KEY: … }`, and a member pattern's property. */
function countKeys(matcher: PatternPart): number {
  return partsOf(matcher).filter(({ part }) => part.type === 'key' || part.type === 'each-entry' || part.type === 'member').length;
}

/** What a part adds to a pattern's specificity: one for itself, plus every name it writes. */
function ownSpecificity(part: PatternPart): number {
  switch (part.type) {
    case 'call':
      return 1 + part.callee.length;
    case 'member':
      return 1 + (part.object.type === 'chain' ? part.object.chain.length : 0);
    case 'jsx':
      return 2;
    default:
      return 1;
  }
}

/** Every name a part writes: callee and object chains, the element and its attribute, property names. */
function ownWrittenNames(part: PatternPart): readonly string[] {
  switch (part.type) {
    case 'call':
      return part.callee;
    case 'member':
      return part.object.type === 'chain' ? part.object.chain : [];
    case 'jsx':
      return [...part.element.split(/[.:]/), part.attribute];
    case 'object':
      return Object.keys(part.properties);
    default:
      return [];
  }
}

function compileMatcher(pattern: string, destructuredProp: boolean): Matcher {
  let program: TSESTree.Program;
  try {
    // `{ flag: $KEY }` as a statement is a block: in parentheses it is the object literal.
    const code = toParsableCode(pattern);
    const parsable = code.startsWith('{') ? `(${code})` : code;
    // oxc where it parses the pattern; typescript-estree for the message when it does not.
    program = parseWithOxc('pattern.tsx', parsable, true) ?? parseEstree(parsable, { jsx: true, range: false, loc: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new PatternError(pattern, `does not parse as code: ${message}`);
  }
  const [statement, ...rest] = program.body;
  if (statement?.type !== 'ExpressionStatement' || rest.length > 0) {
    throw new PatternError(pattern, 'must be a single expression, like flags.get($KEY)');
  }
  const expression = statement.expression;
  switch (expression.type) {
    case 'CallExpression':
    case 'NewExpression':
      if (destructuredProp) throw new PatternError(pattern, DESTRUCTURED_PROP_SHAPE);
      return compileCall(expression, pattern);
    case 'MemberExpression': {
      if (expression.computed || !isPlaceholder(expression.property, '$KEY')) {
        throw new PatternError(pattern, 'a member pattern must end in .$KEY, like uiConfig.flags.$KEY');
      }
      if (expression.object.type === 'CallExpression') {
        if (destructuredProp) throw new PatternError(pattern, DESTRUCTURED_PROP_SHAPE);
        return { type: 'member', object: compileCall(expression.object, pattern) };
      }
      const chain = chainOf(expression.object, pattern);
      if (destructuredProp && (chain.length !== 2 || chain.some((name) => name === '*' || name === 'this')))
        throw new PatternError(pattern, DESTRUCTURED_PROP_SHAPE);
      return { type: 'member', object: { type: 'chain', chain, destructuredProp } };
    }
    case 'JSXElement':
      if (destructuredProp) throw new PatternError(pattern, DESTRUCTURED_PROP_SHAPE);
      return compileJsx(expression, pattern);
    case 'ObjectExpression': {
      if (destructuredProp) throw new PatternError(pattern, DESTRUCTURED_PROP_SHAPE);
      const matcher = compileArgument(expression, pattern);
      // `{ $KEY: … }` on its own would take every object literal's properties for keys.
      if (matcher.type !== 'object')
        throw new PatternError(pattern, 'an object pattern names the property holding the key, like { flag: $KEY }');
      return matcher;
    }
    default:
      throw new PatternError(pattern, `must be a call, a member access, a JSX element or an object literal, not ${describe(expression)}`);
  }
}

const DESTRUCTURED_PROP_SHAPE = 'has destructuredProp, which needs a member pattern on two names, like props.flags.$KEY';

/**
 * Names longer than this are refused: no real accessor has one, and the prefilter's regular
 * expressions cannot hold a name of tens of thousands of characters.
 */
export const MAX_NAME_LENGTH = 256;

/** Compiles one accessor setting; throws PatternError when it is not a usable pattern. */
export function compileAccessor(setting: AccessorSetting): CompiledAccessor {
  const options: AccessorOptions = typeof setting === 'string' ? { pattern: setting } : setting;
  const source = options.pattern.trim();
  const role = options.role ?? 'evaluate';
  const matcher = compileMatcher(source, options.destructuredProp ?? false);
  const parts = partsOf(matcher);
  const longName = parts.flatMap(({ part }) => ownWrittenNames(part)).find((name) => name.length > MAX_NAME_LENGTH);
  if (longName !== undefined) {
    throw new PatternError(
      source,
      `has a name of ${longName.length} characters (${JSON.stringify(`${longName.slice(0, 20)}…`)}); a name is at most ${MAX_NAME_LENGTH}`,
    );
  }
  const keys = countKeys(matcher);
  if (keys !== 1) {
    throw new PatternError(source, keys === 0 ? 'has no $KEY: mark where the flag key is' : 'has more than one $KEY');
  }
  // A member pattern captures only its property: a $STATE inside its object could force nothing.
  if (role === 'override' && (matcher.type === 'member' || !parts.some(({ part }) => part.type === 'state'))) {
    throw new PatternError(source, 'is an override but has no $STATE: mark what forces the state');
  }
  const manyKeys = parts.some(({ part, repeated }) => part.type === 'each-entry' || (part.type === 'key' && repeated));
  return {
    source,
    role,
    keyCase: options.keyCase ?? 'exact',
    returns: options.returns ?? (manyKeys ? 'bag' : 'boolean'),
    negated: options.negated ?? false,
    async: options.async ?? false,
    imports: options.imports ?? [],
    importModules: [],
    matcher,
    manyKeys,
    specificity: parts.reduce((sum, { part }) => sum + ownSpecificity(part), 0),
    ...prefilterOf(matcher),
  };
}
