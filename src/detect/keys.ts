import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyKeyName, propertyName, staticString, unwrapExpression, type Node } from './ast.js';
import type { ExportedValue, ImportedName, KeyRef } from './facts.js';
import type { Binding, Scopes } from './scope.js';

/**
 * With type information, the string literal type of an expression (`'new-checkout'`), if it is
 * exactly one; supplied by typed linting or the scanner's program.
 */
export type StringLiteralTypeOf = (node: Node) => string | undefined;

/** A key expression, resolved as far as the file allows: a key, or a parameter of a possible wrapper (resolve.ts's ResolvedKey is the key across modules). */
export type KeyOrParameter = KeyRef | { kind: 'parameter'; binding: Binding };

const MAX_DEPTH = 24;
const MAX_DYNAMIC_TEXT = 120;
/** Whitespace that collapsing changes: a run of two, or any but a plain space. */
const COLLAPSIBLE = /\s\s|[^\S ]/;

/** An object whose properties cannot change: `{…} as const`, `Object.freeze({…})`, an enum. */
type FrozenObject =
  | { kind: 'literal'; node: TSESTree.ObjectExpression }
  | { kind: 'enum'; node: TSESTree.TSEnumDeclaration }
  | ({ kind: 'imported' } & ImportedName);

function isAsConst(node: Node): node is TSESTree.TSAsExpression {
  return (
    node.type === 'TSAsExpression' &&
    node.typeAnnotation.type === 'TSTypeReference' &&
    node.typeAnnotation.typeName.type === 'Identifier' &&
    node.typeAnnotation.typeName.name === 'const'
  );
}

function isObjectFreeze(node: Node): node is TSESTree.CallExpression {
  return (
    node.type === 'CallExpression' &&
    node.callee.type === 'MemberExpression' &&
    node.callee.object.type === 'Identifier' &&
    node.callee.object.name === 'Object' &&
    propertyName(node.callee) === 'freeze' &&
    node.arguments[0]?.type === 'ObjectExpression'
  );
}

function withoutSatisfies(node: Node): Node {
  let current = node;
  while (current.type === 'TSSatisfiesExpression') current = current.expression;
  return current;
}

/**
 * Resolves keys and exported constants through this file's declarations: literals, templates
 * without expressions, consts (and lets never reassigned), enum members, `as const` and frozen
 * objects, destructuring of those, and imports (left symbolic for the module graph).
 */
export class KeyResolver {
  constructor(
    private readonly scopes: Scopes,
    private readonly text: string,
    private readonly stringLiteralTypeOf: StringLiteralTypeOf | undefined,
  ) {}

  resolve(node: Node): KeyOrParameter {
    const value = this.resolveValue(node, 0);
    if (value?.kind === 'static') return value;
    // A parameter or an import may still end dynamic; a single string literal type settles it now.
    const typed = this.stringLiteralTypeOf?.(node);
    if (typed !== undefined) return { kind: 'static', key: typed };
    return value ?? { kind: 'dynamic', text: this.textOf(node) };
  }

  /**
   * An expression's text, whitespace collapsed, cut at MAX_DYNAMIC_TEXT. Only a prefix is
   * collapsed when that already runs past the cut (every argument of every call that may be a
   * wrapper call gets a text, and one can be a whole object literal): a prefix's collapsed text is
   * a prefix of the whole one's.
   */
  textOf(node: Node): string {
    const [start, end] = node.range;
    const collapsed = (raw: string) => (COLLAPSIBLE.test(raw) ? raw.replace(/\s+/g, ' ') : raw);
    let text = collapsed(this.text.slice(start, Math.min(end, start + 4 * MAX_DYNAMIC_TEXT)));
    if (text.length <= MAX_DYNAMIC_TEXT && end > start + 4 * MAX_DYNAMIC_TEXT) text = collapsed(this.text.slice(start, end));
    return text.length > MAX_DYNAMIC_TEXT ? `${text.slice(0, MAX_DYNAMIC_TEXT - 1)}…` : text;
  }

  private resolveValue(node: Node, depth: number): KeyOrParameter | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const expression = unwrapExpression(node);
    const literal = staticString(expression);
    if (literal !== undefined) return { kind: 'static', key: literal };
    if (expression.type === 'Identifier') return this.resolveIdentifier(expression, depth);
    if (expression.type === 'MemberExpression') {
      const property = propertyName(expression);
      if (property === undefined) return undefined;
      const object = this.resolveObject(expression.object, depth + 1);
      return object === undefined ? undefined : this.propertyOf(object, property, depth + 1);
    }
    return undefined;
  }

  private resolveIdentifier(id: TSESTree.Identifier, depth: number): KeyOrParameter | undefined {
    const binding = this.scopes.lookup(id.name, id);
    if (binding === undefined) return undefined;
    switch (binding.kind) {
      case 'param':
        return { kind: 'parameter', binding };
      case 'import':
        return importedKey(binding.imported!, []);
      case 'const':
      case 'let':
      case 'var':
        if (binding.kind !== 'const' && binding.reassigned) return undefined;
        if (binding.init !== undefined) return this.resolveValue(binding.init, depth + 1);
        if (binding.destructured !== undefined) return this.resolvePath(binding.destructured.from, binding.destructured.path, depth + 1);
        return undefined;
      default:
        return undefined;
    }
  }

  private resolvePath(from: Node, path: readonly string[], depth: number): KeyOrParameter | undefined {
    let object = this.resolveObject(from, depth);
    for (let i = 0; i < path.length - 1 && object !== undefined; i++) {
      object = this.objectProperty(object, path[i]!, depth + 1);
    }
    const last = path.at(-1);
    return object === undefined || last === undefined ? undefined : this.propertyOf(object, last, depth + 1);
  }

  /** Resolves an expression that should denote a frozen object. */
  private resolveObject(node: Node, depth: number, inFrozen = false): FrozenObject | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const outer = withoutSatisfies(node);
    if (isAsConst(outer)) return this.resolveObject(outer.expression, depth + 1, true);
    if (isObjectFreeze(outer)) return { kind: 'literal', node: outer.arguments[0] as TSESTree.ObjectExpression };
    const expression = unwrapExpression(outer);
    if (expression.type === 'ObjectExpression') return inFrozen ? { kind: 'literal', node: expression } : undefined;
    if (expression.type === 'Identifier') {
      const binding = this.scopes.lookup(expression.name, expression);
      if (binding === undefined) return undefined;
      if (binding.kind === 'enum') return { kind: 'enum', node: binding.enumDeclaration! };
      if (binding.kind === 'import') {
        const { source, imported } = binding.imported!;
        return { kind: 'imported', source, name: imported, path: [] };
      }
      if (binding.kind === 'const' && binding.init !== undefined) return this.resolveObject(binding.init, depth + 1);
      return undefined;
    }
    if (expression.type === 'MemberExpression') {
      const property = propertyName(expression);
      const object = property === undefined ? undefined : this.resolveObject(expression.object, depth + 1);
      return object === undefined || property === undefined ? undefined : this.objectProperty(object, property, depth + 1);
    }
    return undefined;
  }

  private objectProperty(object: FrozenObject, name: string, depth: number): FrozenObject | undefined {
    if (object.kind === 'imported') return { ...importedObject(object, name) };
    if (object.kind === 'enum') return undefined;
    const value = findProperty(object.node, name);
    return value === undefined ? undefined : this.resolveObject(value, depth, true);
  }

  private propertyOf(object: FrozenObject, name: string, depth: number): KeyOrParameter | undefined {
    switch (object.kind) {
      case 'imported':
        return importedKey({ source: object.source, imported: object.name }, [...object.path, name]);
      case 'enum': {
        const member = object.node.body.members.find((candidate) => enumMemberName(candidate) === name);
        const initializer = member?.initializer;
        if (initializer === undefined) return undefined;
        const value = staticString(initializer);
        return value === undefined ? undefined : { kind: 'static', key: value };
      }
      case 'literal': {
        const value = findProperty(object.node, name);
        return value === undefined ? undefined : this.resolveValue(value, depth);
      }
    }
  }

  /** What an exported binding offers other modules as keys (strings and frozen objects of strings). */
  exportedValue(node: Node, depth = 0): ExportedValue | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const key = this.resolveValue(node, depth);
    if (key?.kind === 'static') return { kind: 'string', value: key.key };
    if (key?.kind === 'imported') return key;
    const object = this.resolveObject(node, depth);
    if (object === undefined) return undefined;
    if (object.kind === 'imported') return object;
    const entries: Record<string, ExportedValue> = {};
    if (object.kind === 'enum') {
      for (const member of object.node.body.members) {
        const name = enumMemberName(member);
        const value = member.initializer === undefined ? undefined : staticString(member.initializer);
        if (name !== undefined && value !== undefined) entries[name] = { kind: 'string', value };
      }
      return { kind: 'object', entries };
    }
    for (const property of object.node.properties) {
      if (property.type !== 'Property') continue;
      const name = propertyKeyName(property);
      if (name === undefined) continue;
      const frozen = this.resolveObject(property.value, depth + 1, true);
      const value =
        frozen !== undefined && frozen.kind !== 'imported'
          ? this.exportedValueOfFrozen(frozen, depth + 1)
          : this.exportedValue(property.value, depth + 1);
      if (value !== undefined) entries[name] = value;
    }
    return { kind: 'object', entries };
  }

  private exportedValueOfFrozen(object: Exclude<FrozenObject, { kind: 'imported' }>, depth: number): ExportedValue | undefined {
    if (object.kind === 'enum') return this.exportedValue(object.node.id, depth);
    const entries: Record<string, ExportedValue> = {};
    for (const property of object.node.properties) {
      if (property.type !== 'Property') continue;
      const name = propertyKeyName(property);
      if (name === undefined) continue;
      const value = this.resolveValue(property.value, depth + 1);
      if (value?.kind === 'static') entries[name] = { kind: 'string', value: value.key };
      else if (value?.kind === 'imported') entries[name] = value;
      else {
        const nested = this.resolveObject(property.value, depth + 1, true);
        if (nested !== undefined && nested.kind !== 'imported') {
          const inner = this.exportedValueOfFrozen(nested, depth + 1);
          if (inner !== undefined) entries[name] = inner;
        }
      }
    }
    return { kind: 'object', entries };
  }
}

function findProperty(object: TSESTree.ObjectExpression, name: string): Node | undefined {
  let found: Node | undefined;
  for (const property of object.properties) {
    // A spread may override anything before it; what it holds is not known here.
    if (property.type === 'SpreadElement') found = undefined;
    else if (propertyKeyName(property) === name) found = property.value;
  }
  return found;
}

function enumMemberName(member: TSESTree.TSEnumMember): string | undefined {
  if (member.id.type === 'Identifier') return member.id.name;
  return staticString(member.id);
}

function importedKey(imported: { source: string; imported: string }, path: readonly string[]): KeyRef {
  if (imported.imported === '*' && path.length > 0) {
    return { kind: 'imported', source: imported.source, name: path[0]!, path: path.slice(1) };
  }
  return { kind: 'imported', source: imported.source, name: imported.imported, path };
}

function importedObject(object: ImportedName, name: string): ImportedName & { kind: 'imported' } {
  const key = importedKey({ source: object.source, imported: object.name }, [...object.path, name]);
  return key as ImportedName & { kind: 'imported' };
}
