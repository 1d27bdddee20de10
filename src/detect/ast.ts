import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { Location, Range } from './facts.js';
import { typeScriptLocator } from '../line-positions.js';

export type Node = TSESTree.Node;

const NOT_CHILDREN = new Set(['parent', 'loc', 'range', 'leadingComments', 'trailingComments']);

/**
 * The properties of a node that hold its children. Another parser's nodes (svelte-eslint-parser
 * puts a component's script under a SvelteScriptElement, vue-eslint-parser its template under
 * `templateBody`) have no typescript-estree visitor keys: their children are whatever properties
 * hold nodes, as ESLint itself falls back to. Without this, a Svelte component's script was never
 * walked and every rule was silent on it.
 */
function childKeys(node: Node): readonly string[] {
  const known = visitorKeys[node.type];
  if (known !== undefined) return known;
  return Object.keys(node).filter((key) => {
    if (NOT_CHILDREN.has(key)) return false;
    const value = (node as unknown as Record<string, unknown>)[key];
    const first = Array.isArray(value) ? value.find((item) => item !== null) : value;
    return typeof first === 'object' && first !== null && typeof (first as { type?: unknown }).type === 'string';
  });
}

/**
 * Visits every node once, depth first, parents before children, and sets `parent` where the
 * parser did not (ESLint's AST has it; typescript-estree's bare `parse` does not).
 */
export function walk(root: Node, enter: (node: Node) => void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    enter(node);
    const keys = childKeys(node);
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[keys[k]!];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) {
          const item = child[i] as Node | null;
          if (item !== null && typeof item === 'object' && typeof item.type === 'string') {
            if (item.parent == null && item !== root) (item as unknown as { parent: Node }).parent = node;
            stack.push(item);
          }
        }
      } else if (child !== null && typeof child === 'object' && typeof (child as Node).type === 'string') {
        const item = child as Node;
        if (item.parent == null && item !== root) (item as unknown as { parent: Node }).parent = node;
        stack.push(item);
      }
    }
  }
}

/** Visits a subtree without descending into the subtrees `skip` returns true for. */
export function walkSubtree(root: Node, enter: (node: Node) => boolean | void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (enter(node) === false) continue;
    const keys = childKeys(node);
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[keys[k]!];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) {
          const item = child[i] as Node | null;
          if (item !== null && typeof item === 'object' && typeof item.type === 'string') stack.push(item);
        }
      } else if (child !== null && typeof child === 'object' && typeof (child as Node).type === 'string') {
        stack.push(child as Node);
      }
    }
  }
}

export function rangeOf(node: Node): Range {
  return [node.range[0], node.range[1]];
}

/** Where a node is in the facts' terms (1-based columns). */
export type NodeLocator = (node: Node) => Location;

/**
 * Where the nodes of one tree of `text` are: from a node's `loc` where its parser wrote one (ESLint's
 * parsers, typescript-estree), else from its range, as TypeScript counts lines and UTF-16 columns.
 * The scanner's oxc trees have no `loc` (src/oxc-parser.ts): the facts need the places of a few
 * nodes per file, and making one for every node cost a tenth of the parse.
 */
export function nodeLocator(text: string): NodeLocator {
  let position: ((offset: number) => { line: number; column: number }) | undefined;
  return (node) => {
    const loc = node.loc as TSESTree.SourceLocation | undefined;
    if (loc !== undefined)
      return { line: loc.start.line, column: loc.start.column + 1, endLine: loc.end.line, endColumn: loc.end.column + 1 };
    position ??= typeScriptLocator(text);
    const start = position(node.range[0]);
    const end = position(node.range[1]);
    return { line: start.line, column: start.column + 1, endLine: end.line, endColumn: end.column + 1 };
  };
}

export function contains(outer: Range, inner: Range): boolean {
  return outer[0] <= inner[0] && inner[1] <= outer[1];
}

export function isFunctionNode(
  node: Node,
): node is TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** Parentheses leave no node; these wrappers change a type, not a value. */
export function unwrapExpression(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
        current = current.expression;
        break;
      case 'ChainExpression':
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The name one link of a member chain stands for (the node already unwrapped); undefined: not a plain link. */
function linkName(node: Node): string | undefined {
  switch (node.type) {
    case 'MemberExpression':
      return propertyName(node);
    case 'Identifier':
      return node.name;
    case 'ThisExpression':
      return 'this';
    case 'CallExpression':
    case 'Super':
      return '()';
    default:
      return undefined;
  }
}

/** The last name of `memberChain(node)` when that is a chain (and at times when it is not): no array made. */
export function lastChainName(node: Node): string | undefined {
  return linkName(unwrapExpression(node));
}

/** The member chain of a callee or object: `this.flags.get` → ['this', 'flags', 'get']; undefined if not a plain chain. */
export function memberChain(node: Node): string[] | undefined {
  const chain: string[] = [];
  let current: Node = unwrapExpression(node);
  for (;;) {
    const name = linkName(current);
    if (name === undefined) return undefined;
    chain.push(name);
    if (current.type !== 'MemberExpression') return chain.reverse();
    current = unwrapExpression(current.object);
  }
}

/** The static name of a member's property: `.x`, `['x']`, `[`x`]`. */
export function propertyName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed)
    return node.property.type === 'Identifier'
      ? node.property.name
      : node.property.type === 'PrivateIdentifier'
        ? `#${node.property.name}`
        : undefined;
  return staticString(node.property);
}

/** A string literal or a template without expressions. */
export function staticString(node: Node): string | undefined {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The name of a property key in an object literal or pattern, when static. */
export function propertyKeyName(property: TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition): string | undefined {
  if (!property.computed) {
    if (property.key.type === 'Identifier') return property.key.name;
    if (property.key.type === 'Literal') return String(property.key.value);
    return undefined;
  }
  return staticString(property.key);
}
