import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { parseEstree } from '../estree-parser.js';

/** What a matched expression does: evaluate a flag, or (in tests) force its state. */
export type AccessorRole = 'evaluate' | 'override';

/** How a key written in code maps to a manifest key; `camelCase` matches `new-checkout` as `newCheckout`. */
export type KeyCase = 'exact' | 'camelCase';

/**
 * What an evaluation returns, which decides how its use is read:
 * - `boolean`: on/off (truthy is on);
 * - `value`: a variant or typed value (compared or switched on, not on/off);
 * - `flag`: the flag object or undefined (a lookup: `.enabled`, `.killSwitch`; missing is the off path);
 * - `details` / `boolean-details`: an evaluation result with `.value` (a value, or a boolean), `.on`, `.enabled`, `.off`;
 * - `bag`: an object holding many flags (`useFlags()`), read through member patterns.
 */
export type AccessorReturns = 'boolean' | 'value' | 'flag' | 'details' | 'boolean-details' | 'bag';

export interface AccessorOptions {
  pattern: string;
  role?: AccessorRole;
  keyCase?: KeyCase;
  returns?: AccessorReturns;
  /** The accessor answers "is it off" (GrowthBook's `isOff`): truthy means off. */
  negated?: boolean;
  /** The accessor returns a promise: it cannot serve an instant (local) kill switch. */
  async?: boolean;
  /**
   * Modules the pattern's root name must be imported from (`useFlag` from `@unleash/proxy-client-react`),
   * so SDKs that share a name (`useFlag`, `useFlags`, `isEnabled`) are told apart. `*` receivers are not gated.
   */
  imports?: readonly string[];
}

/** An accessor as written in settings: a code-shaped pattern, or one with options. */
export type AccessorSetting = string | AccessorOptions;

/** One argument (or nested part of an argument) of a pattern. */
export type ArgumentMatcher =
  | { type: 'key' }
  | { type: 'state' }
  /** Something must be there; what it is does not matter. */
  | { type: 'any' }
  /** `{ $KEY: V }`: every property of an object is a key, its value matched against V. */
  | { type: 'each-entry'; value: ArgumentMatcher }
  /** `{ name: V, … }`: an object with these properties. */
  | { type: 'object'; properties: Readonly<Record<string, ArgumentMatcher>> }
  /** `[V]`: every element of an array matched against V. */
  | { type: 'each-element'; element: ArgumentMatcher }
  /** `[A, B]`: an array whose first elements match A and B (a Map entry). */
  | { type: 'tuple'; elements: readonly ArgumentMatcher[] }
  | CallMatcher;

export interface CallMatcher {
  type: 'call';
  /** `new X(…)` rather than `X(…)`. */
  construct: boolean;
  /** The callee's member chain, matched against the end of the code's chain; `*` is any receiver. */
  callee: readonly string[];
  /**
   * For a fluent chain (`td.flag($KEY).variationForAll($STATE)`): the call the chain starts from;
   * any number of calls may sit between it and `callee`.
   */
  receiver?: CallMatcher;
  args: readonly ArgumentMatcher[];
}

export interface MemberMatcher {
  type: 'member';
  /** The object: a member chain matched against the end of the code's chain, or a call. */
  object: { type: 'chain'; chain: readonly string[] } | CallMatcher;
}

export interface JsxMatcher {
  type: 'jsx';
  /** The element name, dotted for `<Flags.On>`. */
  element: string;
  attribute: string;
  value: ArgumentMatcher;
}

export type Matcher = CallMatcher | MemberMatcher | JsxMatcher;

export interface CompiledAccessor {
  /** The pattern as written: what `via` names for a reference it finds. */
  source: string;
  role: AccessorRole;
  keyCase: KeyCase;
  returns: AccessorReturns;
  negated: boolean;
  async: boolean;
  imports: readonly string[];
  matcher: Matcher;
  /** The key sits inside `{ $KEY: … }` or `[…]`: one match finds many keys, and its value is no single flag's. */
  manyKeys: boolean;
  /** How many things the pattern requires: the more specific of two patterns matching one key wins. */
  specificity: number;
  /** Identifier names that must all appear in a file's text for this pattern to match anywhere in it. */
  names: readonly string[];
  /**
   * Member calls the text must hold, as written (`flags.get`, `.isEnabled`, also `?.` and `['get']`):
   * much tighter than the names alone, since `get` is everywhere.
   */
  shapes: readonly RegExp[];
}

/** A pattern that cannot be compiled; `message` says why, in terms of the pattern. */
export class PatternError extends Error {
  constructor(
    readonly pattern: string,
    message: string,
  ) {
    super(message);
    this.name = 'PatternError';
  }
}

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
        if (element === null || element.type === 'SpreadElement') throw new PatternError(pattern, 'an array in a pattern cannot have holes or spreads');
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
    if (callee.computed || callee.property.type !== 'Identifier') throw new PatternError(pattern, 'a method in a chain must be a plain name');
    return {
      type: 'call',
      construct: node.type === 'NewExpression',
      callee: [callee.property.name],
      receiver: compileCall(callee.object, pattern),
      args,
    };
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
    if (value?.type === 'Literal' && value.value === '$KEY') return { type: 'jsx', element, attribute: attribute.name.name, value: { type: 'key' } };
    if (value?.type === 'JSXExpressionContainer' && value.expression.type !== 'JSXEmptyExpression') {
      const matcher = compileArgument(value.expression, pattern);
      if (countKeys(matcher) === 1) return { type: 'jsx', element, attribute: attribute.name.name, value: matcher };
    }
  }
  throw new PatternError(pattern, 'a JSX pattern needs an attribute holding the key, e.g. feature={$KEY}');
}

function countKeys(matcher: Matcher | ArgumentMatcher): number {
  switch (matcher.type) {
    case 'key':
      return 1;
    case 'each-entry':
      return 1 + countKeys(matcher.value);
    case 'each-element':
      return countKeys(matcher.element);
    case 'object':
      return Object.values(matcher.properties).reduce((sum, inner) => sum + countKeys(inner), 0);
    case 'tuple':
      return matcher.elements.reduce((sum, inner) => sum + countKeys(inner), 0);
    case 'call':
      return matcher.args.reduce((sum, argument) => sum + countKeys(argument), matcher.receiver ? countKeys(matcher.receiver) : 0);
    case 'member':
      return 1 + (matcher.object.type === 'call' ? countKeys(matcher.object) : 0);
    case 'jsx':
      return countKeys(matcher.value);
    default:
      return 0;
  }
}

function hasState(matcher: Matcher | ArgumentMatcher): boolean {
  switch (matcher.type) {
    case 'state':
      return true;
    case 'each-entry':
      return hasState(matcher.value);
    case 'each-element':
      return hasState(matcher.element);
    case 'object':
      return Object.values(matcher.properties).some(hasState);
    case 'tuple':
      return matcher.elements.some(hasState);
    case 'call':
      return matcher.args.some(hasState) || (matcher.receiver !== undefined && hasState(matcher.receiver));
    case 'jsx':
      return hasState(matcher.value);
    default:
      return false;
  }
}

/** True when the key is inside a repeated part (`{ $KEY: … }`, `[…]`), so one match finds many keys. */
function keyRepeats(matcher: Matcher | ArgumentMatcher, inRepeat = false): boolean {
  switch (matcher.type) {
    case 'key':
      return inRepeat;
    case 'each-entry':
      return true;
    case 'each-element':
      return keyRepeats(matcher.element, true);
    case 'object':
      return Object.values(matcher.properties).some((inner) => keyRepeats(inner, inRepeat));
    case 'tuple':
      return matcher.elements.some((inner) => keyRepeats(inner, inRepeat));
    case 'call':
      return matcher.args.some((inner) => keyRepeats(inner, inRepeat)) || (matcher.receiver !== undefined && keyRepeats(matcher.receiver, inRepeat));
    case 'jsx':
      return keyRepeats(matcher.value, inRepeat);
    default:
      return false;
  }
}

function specificityOf(matcher: Matcher | ArgumentMatcher): number {
  switch (matcher.type) {
    case 'call':
      return 1 + matcher.callee.length + matcher.args.reduce((sum, inner) => sum + specificityOf(inner), 0) + (matcher.receiver ? specificityOf(matcher.receiver) : 0);
    case 'object':
      return 1 + Object.values(matcher.properties).reduce((sum, inner) => sum + specificityOf(inner), 0);
    case 'each-entry':
      return 1 + specificityOf(matcher.value);
    case 'each-element':
      return 1 + specificityOf(matcher.element);
    case 'tuple':
      return 1 + matcher.elements.reduce((sum, inner) => sum + specificityOf(inner), 0);
    case 'member':
      return 1 + (matcher.object.type === 'call' ? specificityOf(matcher.object) : matcher.object.chain.length);
    case 'jsx':
      return 2 + specificityOf(matcher.value);
    default:
      return 1;
  }
}

/**
 * Every name a file's text must contain for the pattern to match in it (the prefilter): callee
 * and object chains, nested calls and the element name; `*` and `this` need nothing.
 */
function namesOf(matcher: Matcher | ArgumentMatcher): string[] {
  switch (matcher.type) {
    case 'call':
      return [
        ...matcher.callee.filter((name) => name !== '*' && name !== 'this'),
        ...(matcher.receiver ? namesOf(matcher.receiver) : []),
        ...matcher.args.flatMap(namesOf),
      ];
    case 'member':
      // `props.flags.$KEY` also matches a destructured `{ flags }` prop, so `props` need not appear.
      return matcher.object.type === 'call' ? namesOf(matcher.object) : matcher.object.chain.filter((name) => name !== '*' && name !== 'this' && name !== 'props');
    case 'jsx':
      return [matcher.element.split('.').at(-1)!];
    case 'each-entry':
      return namesOf(matcher.value);
    case 'each-element':
      return namesOf(matcher.element);
    case 'object':
      return [...Object.keys(matcher.properties), ...Object.values(matcher.properties).flatMap(namesOf)];
    case 'tuple':
      return matcher.elements.flatMap(namesOf);
    default:
      return [];
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&');
}

/** `receiver.method` as code may write it: `a.m`, `a?.m`, `a['m']`, with spaces and line breaks between. */
function memberShape(receiver: string | undefined, method: string): RegExp {
  const name = escapeRegExp(method);
  const access = `(?:\\??\\.\\s*${name}\\b|\\[\\s*['"\`]${name}['"\`]\\s*\\])`;
  return new RegExp(receiver === undefined ? access : `\\b${escapeRegExp(receiver)}\\s*${access}`);
}

/**
 * The shape of a member pattern's object chain: its last two names as a member access
 * (`uiConfig.flags`, `*.flags` as `.flags`). `props.flags` is also read as a destructured
 * `{ flags }` prop, so there either `props.flags` or a bare `flags` read as an object will do
 * (bare: not itself a property, unlike the `flags` of `list.flags.includes`).
 */
function chainShapes(chain: readonly string[]): RegExp[] {
  if (chain.length < 2) return [];
  const last = chain.at(-1)!;
  const previous = chain.at(-2)!;
  if (last === '*' || last === 'this') return [];
  if (chain.length === 2 && previous === 'props') {
    const name = escapeRegExp(last);
    return [new RegExp(`${memberShape('props', last).source}|(?<!\\.\\s*)(?<![\\w$])${name}\\s*(?:\\??\\.\\s*[\\w$]|(?:\\?\\.)?\\s*\\[)`)];
  }
  return [memberShape(previous === '*' || previous === 'this' ? undefined : previous, last)];
}

/** The member-call shapes of a pattern's calls (chains of two or more names, or `*` receivers). */
function shapesOf(matcher: Matcher | ArgumentMatcher): RegExp[] {
  switch (matcher.type) {
    case 'call': {
      const own: RegExp[] = [];
      const method = matcher.callee.at(-1)!;
      if (matcher.receiver !== undefined) own.push(memberShape(undefined, method), ...shapesOf(matcher.receiver));
      else if (matcher.callee.length >= 2) {
        const receiver = matcher.callee.at(-2)!;
        own.push(memberShape(receiver === '*' || receiver === 'this' ? undefined : receiver, method));
      }
      return [...own, ...matcher.args.flatMap(shapesOf)];
    }
    case 'member':
      return matcher.object.type === 'call' ? shapesOf(matcher.object) : chainShapes(matcher.object.chain);
    case 'each-entry':
      return shapesOf(matcher.value);
    case 'each-element':
      return shapesOf(matcher.element);
    case 'object':
      return Object.values(matcher.properties).flatMap(shapesOf);
    case 'tuple':
      return matcher.elements.flatMap(shapesOf);
    default:
      return [];
  }
}

function compileMatcher(pattern: string): Matcher {
  let program: TSESTree.Program;
  try {
    program = parseEstree(toParsableCode(pattern), { jsx: true, range: false, loc: true });
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
      return compileCall(expression, pattern);
    case 'MemberExpression': {
      if (expression.computed || !isPlaceholder(expression.property, '$KEY')) {
        throw new PatternError(pattern, 'a member pattern must end in .$KEY, like uiConfig.flags.$KEY');
      }
      const object =
        expression.object.type === 'CallExpression'
          ? compileCall(expression.object, pattern)
          : ({ type: 'chain', chain: chainOf(expression.object, pattern) } as const);
      return { type: 'member', object };
    }
    case 'JSXElement':
      return compileJsx(expression, pattern);
    default:
      throw new PatternError(pattern, `must be a call, a member access or a JSX element, not ${describe(expression)}`);
  }
}

/**
 * Names longer than this are refused: no real accessor has one, and the prefilter's regular
 * expressions cannot hold a name of tens of thousands of characters.
 */
export const MAX_NAME_LENGTH = 256;

/** Every name a pattern writes: callee and object chains, property names, the element and its attribute. */
function writtenNames(matcher: Matcher | ArgumentMatcher): string[] {
  switch (matcher.type) {
    case 'call':
      return [...matcher.callee, ...(matcher.receiver ? writtenNames(matcher.receiver) : []), ...matcher.args.flatMap(writtenNames)];
    case 'member':
      return matcher.object.type === 'call' ? writtenNames(matcher.object) : [...matcher.object.chain];
    case 'jsx':
      return [...matcher.element.split(/[.:]/), matcher.attribute, ...writtenNames(matcher.value)];
    case 'each-entry':
      return writtenNames(matcher.value);
    case 'each-element':
      return writtenNames(matcher.element);
    case 'object':
      return [...Object.keys(matcher.properties), ...Object.values(matcher.properties).flatMap(writtenNames)];
    case 'tuple':
      return matcher.elements.flatMap(writtenNames);
    default:
      return [];
  }
}

/** Compiles one accessor setting; throws PatternError when it is not a usable pattern. */
export function compileAccessor(setting: AccessorSetting): CompiledAccessor {
  const options: AccessorOptions = typeof setting === 'string' ? { pattern: setting } : setting;
  const source = options.pattern.trim();
  const role = options.role ?? 'evaluate';
  const matcher = compileMatcher(source);
  const longName = writtenNames(matcher).find((name) => name.length > MAX_NAME_LENGTH);
  if (longName !== undefined) {
    throw new PatternError(source, `has a name of ${longName.length} characters (${JSON.stringify(`${longName.slice(0, 20)}…`)}); a name is at most ${MAX_NAME_LENGTH}`);
  }
  const keys = countKeys(matcher);
  if (keys !== 1) {
    throw new PatternError(source, keys === 0 ? 'has no $KEY: mark where the flag key is' : 'has more than one $KEY');
  }
  if (role === 'override' && !hasState(matcher)) {
    throw new PatternError(source, 'is an override but has no $STATE: mark what forces the state');
  }
  const manyKeys = keyRepeats(matcher);
  return {
    source,
    role,
    keyCase: options.keyCase ?? 'exact',
    returns: options.returns ?? (manyKeys ? 'bag' : 'boolean'),
    negated: options.negated ?? false,
    async: options.async ?? false,
    imports: options.imports ?? [],
    matcher,
    manyKeys,
    specificity: specificityOf(matcher),
    names: [...new Set(namesOf(matcher))],
    shapes: shapesOf(matcher),
  };
}
