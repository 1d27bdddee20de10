import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunctionNode, type Node } from './ast.js';

export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

export type BindingKind = 'const' | 'let' | 'var' | 'param' | 'function' | 'class' | 'import' | 'enum' | 'catch';

export interface Binding {
  name: string;
  kind: BindingKind;
  id: TSESTree.Identifier;
  scope: Node;
  /** A variable's initializer, when the variable is the whole declarator (not destructured). */
  init?: TSESTree.Expression;
  /** `const { a: b } = expr`: the expression destructured and the property path to this binding. */
  destructured?: { from: TSESTree.Expression; path: readonly string[] };
  /** `import { a as b } from 'x'`: `{ source: 'x', imported: 'a' }` (`default`, `*`). */
  imported?: { source: string; imported: string };
  enumDeclaration?: TSESTree.TSEnumDeclaration;
  /** The function a function binding names (declarations and `const f = () => …`). */
  functionNode?: FunctionNode;
  classNode?: TSESTree.ClassDeclaration;
  /** For a parameter: its function and position. */
  parameterOf?: { fn: FunctionNode; index: number };
  reassigned: boolean;
}

function isScopeNode(node: Node): boolean {
  switch (node.type) {
    case 'Program':
    case 'BlockStatement':
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
    case 'CatchClause':
    case 'SwitchStatement':
    case 'StaticBlock':
    case 'TSModuleBlock':
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      return true;
    default:
      return false;
  }
}

function nearest(node: Node, accept: (candidate: Node) => boolean): Node {
  let current: Node | undefined = node.parent;
  while (current != null) {
    if (accept(current)) return current;
    current = current.parent;
  }
  throw new Error('node is not inside a Program');
}

/**
 * A small, exact-enough model of JavaScript scopes: every declaration in its scope, and lookups
 * that walk outwards. It sees only what is written in the file, which is all the detector needs,
 * and it behaves the same whichever parser produced the tree.
 */
export class Scopes {
  private readonly byScope = new Map<Node, Map<string, Binding>>();
  private readonly writes: TSESTree.Identifier[] = [];
  /** Every identifier and JSX name visited, in walk order: the places a binding can be read. */
  private readonly names: Node[] = [];
  /** The reads of each binding, found for all of them at the first readsOf. */
  private reads: Map<Binding, TSESTree.Identifier[]> | undefined;
  /** Lookups answered since `finish` (null: no binding), by scope node and name. */
  private answers: Map<Node, Map<string, Binding | null>> | undefined;

  private declare(scope: Node, binding: Omit<Binding, 'scope' | 'reassigned'>): Binding {
    let names = this.byScope.get(scope);
    if (names === undefined) {
      names = new Map();
      this.byScope.set(scope, names);
    }
    const full: Binding = { ...binding, scope, reassigned: false };
    names.set(binding.name, full);
    return full;
  }

  /** Records the declarations a node introduces; call for every node, parents first. */
  visit(node: Node): void {
    this.reads = undefined;
    this.answers = undefined;
    if (node.type === 'Identifier' || node.type === 'JSXIdentifier') this.names.push(node);
    switch (node.type) {
      case 'VariableDeclaration':
        this.declareVariables(node);
        break;
      case 'FunctionDeclaration':
        if (node.id) {
          const hoistTo = nearest(node, (candidate) => isScopeNode(candidate) && candidate.type !== 'ForStatement');
          this.declare(hoistTo, { name: node.id.name, kind: 'function', id: node.id, functionNode: node });
        }
        this.declareParameters(node);
        break;
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        if (node.type === 'FunctionExpression' && node.id) {
          this.declare(node, { name: node.id.name, kind: 'function', id: node.id, functionNode: node });
        }
        this.declareParameters(node);
        break;
      case 'ClassDeclaration':
        if (node.id) this.declare(nearest(node, isScopeNode), { name: node.id.name, kind: 'class', id: node.id, classNode: node });
        break;
      case 'CatchClause':
        for (const id of node.param ? identifiersIn(node.param) : []) this.declare(node, { name: id.name, kind: 'catch', id });
        break;
      case 'ImportDeclaration':
        if (node.importKind === 'type') break;
        for (const specifier of node.specifiers) {
          if (specifier.type === 'ImportSpecifier' && specifier.importKind === 'type') continue;
          const imported =
            specifier.type === 'ImportDefaultSpecifier'
              ? 'default'
              : specifier.type === 'ImportNamespaceSpecifier'
                ? '*'
                : specifier.imported.type === 'Identifier'
                  ? specifier.imported.name
                  : String(specifier.imported.value);
          this.declare(nearest(node, isScopeNode), {
            name: specifier.local.name,
            kind: 'import',
            id: specifier.local,
            imported: { source: String(node.source.value), imported },
          });
        }
        break;
      case 'TSEnumDeclaration':
        this.declare(nearest(node, isScopeNode), { name: node.id.name, kind: 'enum', id: node.id, enumDeclaration: node });
        break;
      case 'AssignmentExpression':
        for (const id of identifiersIn(node.left)) this.writes.push(id);
        break;
      case 'UpdateExpression':
        if (node.argument.type === 'Identifier') this.writes.push(node.argument);
        break;
      default:
        break;
    }
  }

  private declareVariables(node: TSESTree.VariableDeclaration): void {
    const kind = node.kind === 'const' || node.kind === 'let' || node.kind === 'var' ? node.kind : 'const';
    const scope =
      kind === 'var'
        ? nearest(node, (candidate) => isFunctionNode(candidate) || candidate.type === 'Program' || candidate.type === 'TSModuleBlock')
        : nearest(node, isScopeNode);
    for (const declarator of node.declarations) {
      const required = requiredModule(declarator.init);
      if (required !== undefined && this.declareRequire(scope, declarator, required)) continue;
      if (declarator.id.type === 'Identifier') {
        const binding: Omit<Binding, 'scope' | 'reassigned'> = { name: declarator.id.name, kind, id: declarator.id };
        if (declarator.init) {
          binding.init = declarator.init;
          const value = declarator.init;
          if (value.type === 'ArrowFunctionExpression' || value.type === 'FunctionExpression') binding.functionNode = value;
        }
        this.declare(scope, binding);
      } else {
        for (const [id, path] of destructuredIdentifiers(declarator.id, [])) {
          const binding: Omit<Binding, 'scope' | 'reassigned'> = { name: id.name, kind, id };
          if (declarator.init && path !== undefined) binding.destructured = { from: declarator.init, path };
          this.declare(scope, binding);
        }
      }
    }
  }

  /**
   * CommonJS: `const flags = require('./flags')` binds the module (like a namespace import) and
   * `const { isNewCheckout } = require('./checks')` binds its exports (like named imports).
   */
  private declareRequire(scope: Node, declarator: TSESTree.VariableDeclarator, source: string): boolean {
    if (declarator.id.type === 'Identifier') {
      this.declare(scope, { name: declarator.id.name, kind: 'import', id: declarator.id, imported: { source, imported: '*' } });
      return true;
    }
    if (declarator.id.type !== 'ObjectPattern') return false;
    for (const property of declarator.id.properties) {
      if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier') continue;
      const target = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
      if (target.type === 'Identifier')
        this.declare(scope, { name: target.name, kind: 'import', id: target, imported: { source, imported: property.key.name } });
    }
    return true;
  }

  private declareParameters(fn: FunctionNode): void {
    fn.params.forEach((param, index) => {
      const target = param.type === 'TSParameterProperty' ? param.parameter : param;
      for (const id of identifiersIn(target)) {
        this.declare(fn, { name: id.name, kind: 'param', id, parameterOf: { fn, index } });
      }
    });
  }

  /** Marks reassigned bindings; call once every declaration has been visited. */
  finish(): void {
    this.answers = new Map();
    for (const id of this.writes) {
      const binding = this.lookup(id.name, id);
      if (binding) binding.reassigned = true;
    }
    this.writes.length = 0;
  }

  /**
   * The binding a name refers to at a node, or undefined for a global or unknown name. Only scope
   * nodes declare, so the answer is the nearest enclosing scope's (the node's own, if it is one);
   * once every declaration is in (`finish`), answers are kept per scope and name, as a file reads
   * the same few names many times in one scope.
   */
  lookup(name: string, from: Node): Binding | undefined {
    let scope: Node | undefined = from;
    while (scope != null && !isScopeNode(scope)) scope = scope.parent;
    if (scope == null) return undefined;
    let known = this.answers?.get(scope);
    const answer = known?.get(name);
    if (answer !== undefined) return answer ?? undefined;
    let binding: Binding | undefined;
    for (let current: Node | undefined = scope; current != null && binding === undefined; current = current.parent)
      binding = this.byScope.get(current)?.get(name);
    if (this.answers !== undefined) {
      if (known === undefined) this.answers.set(scope, (known = new Map()));
      known.set(name, binding ?? null);
    }
    return binding;
  }

  /**
   * Reads of a binding, in walk order. One pass over the file's names finds the reads of every
   * binding at once: searching a binding's scope for its reads would cost the scope's size per
   * binding, and a module's top-level bindings all share the module as their scope.
   */
  readsOf(binding: Binding): readonly TSESTree.Identifier[] {
    if (this.reads === undefined) {
      this.reads = new Map();
      for (const node of this.names) {
        const read = bindingRead(this, node);
        if (read === undefined) continue;
        const reads = this.reads.get(read);
        if (reads === undefined) this.reads.set(read, [node as TSESTree.Identifier]);
        else reads.push(node as TSESTree.Identifier);
      }
    }
    return this.reads.get(binding) ?? [];
  }

  /** Every binding declared directly in a scope node. */
  bindingsOf(scope: Node): Iterable<Binding> {
    return this.byScope.get(scope)?.values() ?? [];
  }
}

/** The module a `require('x')` initialiser loads. */
function requiredModule(init: TSESTree.Expression | null | undefined): string | undefined {
  if (init?.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require') return undefined;
  const [argument] = init.arguments;
  return argument?.type === 'Literal' && typeof argument.value === 'string' ? argument.value : undefined;
}

/** Every identifier a binding pattern declares. */
export function identifiersIn(pattern: Node): TSESTree.Identifier[] {
  return destructuredIdentifiers(pattern, []).map(([id]) => id);
}

/**
 * Identifiers of a binding pattern, each with the property path that reaches it (undefined once
 * the path stops being static: arrays, rest elements, computed keys).
 */
function destructuredIdentifiers(pattern: Node, path: string[] | undefined): [TSESTree.Identifier, string[] | undefined][] {
  switch (pattern.type) {
    case 'Identifier':
      return [[pattern, path]];
    case 'AssignmentPattern':
      return destructuredIdentifiers(pattern.left, undefined);
    case 'RestElement':
      return destructuredIdentifiers(pattern.argument, undefined);
    case 'ArrayPattern':
      return pattern.elements.flatMap((element) => (element ? destructuredIdentifiers(element, undefined) : []));
    case 'ObjectPattern':
      return pattern.properties.flatMap((property) => {
        if (property.type === 'RestElement') return destructuredIdentifiers(property.argument, undefined);
        const key =
          !property.computed && property.key.type === 'Identifier'
            ? property.key.name
            : property.key.type === 'Literal'
              ? String(property.key.value)
              : undefined;
        const next = path !== undefined && key !== undefined ? [...path, key] : undefined;
        return destructuredIdentifiers(property.value, next);
      });
    case 'TSParameterProperty':
      return destructuredIdentifiers(pattern.parameter, path);
    case 'MemberExpression':
      return [];
    default:
      return [];
  }
}

/** A JSX name that refers to a binding: an element name, or the object of `<Flags.On>`. */
function isJsxReference(node: TSESTree.JSXIdentifier): boolean {
  const parent = node.parent;
  if (parent?.type === 'JSXOpeningElement' || parent?.type === 'JSXClosingElement') return parent.name === node && /^[A-Z]/.test(node.name);
  return parent?.type === 'JSXMemberExpression' && parent.object === node;
}

/**
 * Whether an identifier names a binding here (a use or its declaration), as opposed to naming a
 * property (`x.name`, `{ name: 1 }`, the key of `const { a } = x`) or the other module's export
 * in an import.
 */
function namesABinding(node: TSESTree.Identifier): boolean {
  const parent = node.parent;
  if (parent?.type === 'MemberExpression' && parent.property === node && !parent.computed) return false;
  if (parent?.type === 'Property' && parent.key === node && !parent.shorthand) return false;
  // `const { a } = x`: the key of a shorthand pattern names the property, it does not read `a`.
  if (parent?.type === 'Property' && parent.key === node && parent.parent?.type === 'ObjectPattern') return false;
  if (parent?.type === 'ImportSpecifier' || parent?.type === 'ImportDefaultSpecifier' || parent?.type === 'ImportNamespaceSpecifier')
    return false;
  return true;
}

/** The binding an identifier or JSX name reads, if it reads one. */
function bindingRead(scopes: Scopes, node: Node): Binding | undefined {
  // `<Banner />` reads the binding `Banner`.
  if (node.type === 'JSXIdentifier') return isJsxReference(node) ? scopes.lookup(node.name, node) : undefined;
  if (node.type !== 'Identifier' || !namesABinding(node)) return undefined;
  const binding = scopes.lookup(node.name, node);
  return binding === undefined || binding.id === node ? undefined : binding;
}

/**
 * Reads of a binding: identifiers in its scope that resolve to it, other than its declaration and
 * other than property names (`x.name`, `{ name: 1 }`).
 */
export function readsOf(scopes: Scopes, binding: Binding): TSESTree.Identifier[] {
  return [...scopes.readsOf(binding)];
}

/** Every binding read somewhere among `nodes` (all the nodes of a file): readsOf for all bindings in one pass. */
export function readBindings(scopes: Scopes, nodes: readonly Node[]): Set<Binding> {
  const read = new Set<Binding>();
  for (const node of nodes) {
    const binding = bindingRead(scopes, node);
    if (binding !== undefined) read.add(binding);
  }
  return read;
}
