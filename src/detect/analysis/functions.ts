/*
 * The functions of this file: their ids and names, which function a call calls (a local one, or
 * an imported one by name), the calls of each local function, and which function's parameter an
 * expression is. Answers are found once and kept.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunctionNode, memberChain, propertyKeyName, propertyName, unwrapExpression, type Node } from '../ast.js';
import type { ImportedName } from '../facts.js';
import type { KeyResolver } from '../keys.js';
import type { MatchedKey } from '../../patterns/index.js';
import type { Binding, FunctionNode, Scopes } from '../scope.js';
import type { CallLike, CollectedNodes } from './collection.js';

/** Calls that return (a wrapped version of) the function they are given: `const useFlag = memo((name) => …)`. */
export const FUNCTION_WRAPPERS = new Set(['memo', 'useCallback', 'forwardRef', 'memoize', 'once', 'cache', 'debounce', 'throttle']);

export class LocalFunctions {
  /** The calls of each function of this file (see callsOf). */
  private callsByCallee: Map<FunctionNode, CallLike[]> | undefined;
  /** The function each function is written in, by id (see outerOf). */
  private outerFunctionIds: (number | undefined)[] | undefined;
  /** Methods by name, per class body and object literal, found once per class or object. */
  private readonly methodsByOwner = new Map<Node, Map<string, FunctionNode>>();

  constructor(
    private readonly nodes: CollectedNodes,
    private readonly scopes: Scopes,
  ) {}

  idOf(fn: FunctionNode): number | undefined {
    return this.nodes.functionIds.get(fn);
  }

  nameOf(fn: FunctionNode): string {
    if (fn.type === 'FunctionDeclaration' && fn.id) return fn.id.name;
    if (fn.type === 'FunctionExpression' && fn.id) return fn.id.name;
    const parent = fn.parent;
    if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
    if (parent?.type === 'Property' || parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') {
      const name = propertyKeyName(parent);
      if (name !== undefined) {
        const owner = parent.parent?.parent;
        const className = (owner?.type === 'ClassDeclaration' || owner?.type === 'ClassExpression') && owner.id ? `${owner.id.name}.` : '';
        return `${className}${name}`;
      }
    }
    if (parent?.type === 'ExportDefaultDeclaration') return 'default';
    // What a hook returns is called by the hook's name: `useFlagEvaluator()`.
    const returnedBy =
      parent?.type === 'ReturnStatement'
        ? this.enclosingFunction(parent)
        : parent !== undefined && isFunctionNode(parent)
          ? parent
          : undefined;
    if (returnedBy !== undefined && this.returnedFunction(returnedBy) === fn) return `${this.nameOf(returnedBy)}()`;
    if (parent?.type === 'AssignmentExpression') return memberChain(parent.left)?.join('.') ?? '<anonymous>';
    if (parent?.type === 'CallExpression') {
      // `const useFlag = memo((name) => …)` and similar wrappers around a function.
      const declarator = parent.parent;
      if (declarator?.type === 'VariableDeclarator' && declarator.id.type === 'Identifier') return declarator.id.name;
    }
    return '<anonymous>';
  }

  private enclosingFunction(node: Node): FunctionNode | undefined {
    const id = this.enclosingId(node);
    return id === undefined ? undefined : this.nodes.functionNodes[id];
  }

  /** The id of the innermost function a node is written in. */
  enclosingId(node: Node): number | undefined {
    let current: Node | undefined = node.parent;
    while (current) {
      if (isFunctionNode(current)) return this.nodes.functionIds.get(current);
      current = current.parent;
    }
    return undefined;
  }

  /**
   * The function a function is written in, by id. With enclosingId, the functions a node is
   * written in, innermost first, found by walking up (not by testing every function's range, which
   * costs every function per node) and without an array per node.
   */
  outerOf(id: number): number | undefined {
    this.outerFunctionIds ??= this.nodes.functionNodes.map((fn) => this.enclosingId(fn));
    return this.outerFunctionIds[id];
  }

  /** The function a call calls, when it is defined in this file. */
  calleeOf(call: CallLike): FunctionNode | undefined {
    const callee = unwrapExpression(call.callee);
    if (callee.type === 'Identifier') {
      const binding = this.scopes.lookup(callee.name, callee);
      return this.boundTo(binding) ?? this.returnedTo(binding);
    }
    if (callee.type !== 'MemberExpression') return undefined;
    const method = propertyName(callee);
    if (method === undefined) return undefined;
    const object = unwrapExpression(callee.object);
    if (object.type === 'ThisExpression') return this.methodOfEnclosingClass(callee, method);
    if (object.type === 'Identifier') {
      const binding = this.scopes.lookup(object.name, object);
      const init = binding?.kind === 'const' && binding.init ? unwrapExpression(binding.init) : undefined;
      if (init?.type === 'ObjectExpression') return this.methodsOf(init).get(method);
      if (init?.type === 'NewExpression' && init.callee.type === 'Identifier') {
        const classNode = this.scopes.lookup(init.callee.name, init.callee)?.classNode;
        if (classNode) return this.methodsOf(classNode.body).get(method);
      }
    }
    return undefined;
  }

  /** The function a name is bound to: declared, assigned, or wrapped (`const useFlag = memo((name) => …)`). */
  boundTo(binding: Binding | undefined): FunctionNode | undefined {
    if (binding === undefined) return undefined;
    if (binding.functionNode) return binding.functionNode;
    const init = binding.kind === 'const' && binding.init ? unwrapExpression(binding.init) : undefined;
    if (init?.type === 'CallExpression' && FUNCTION_WRAPPERS.has(memberChain(init.callee)?.at(-1) ?? '')) {
      const inner = init.arguments[0];
      if (inner && isFunctionNode(inner)) return inner;
    }
    return undefined;
  }

  /**
   * The function a hook of this file returns, to a const bound to the hook's call: `isOn` after
   * `const isOn = useFlagEvaluator()`, where `useFlagEvaluator` returns `(name) => flags[name]`.
   */
  returnedTo(binding: Binding | undefined): FunctionNode | undefined {
    const init = binding?.kind === 'const' && binding.init ? unwrapExpression(binding.init) : undefined;
    if (init?.type !== 'CallExpression') return undefined;
    const hook = unwrapExpression(init.callee);
    const fn = hook.type === 'Identifier' ? this.boundTo(this.scopes.lookup(hook.name, hook)) : undefined;
    return fn === undefined ? undefined : this.returnedFunction(fn);
  }

  /** The function a function returns, when it returns one: written there, or a local function by name. */
  returnedFunction(fn: FunctionNode): FunctionNode | undefined {
    let returned: Node | undefined;
    if (fn.body.type !== 'BlockStatement') returned = fn.body;
    else {
      const returns = fn.body.body.filter((statement): statement is TSESTree.ReturnStatement => statement.type === 'ReturnStatement');
      returned = returns.length === 1 ? (returns[0]!.argument ?? undefined) : undefined;
    }
    if (returned === undefined) return undefined;
    const expression = unwrapExpression(returned);
    if (isFunctionNode(expression)) return expression;
    return expression.type === 'Identifier' ? this.boundTo(this.scopes.lookup(expression.name, expression)) : undefined;
  }

  /** The calls of a function of this file, in order. */
  callsOf(fn: FunctionNode): readonly CallLike[] {
    if (this.callsByCallee === undefined) {
      this.callsByCallee = new Map();
      for (const call of this.nodes.calls) {
        const callee = this.calleeOf(call);
        if (callee === undefined) continue;
        const calls = this.callsByCallee.get(callee);
        if (calls === undefined) this.callsByCallee.set(callee, [call]);
        else calls.push(call);
      }
    }
    return this.callsByCallee.get(fn) ?? [];
  }

  /**
   * The first function-valued member of each name, of an object literal or a class body: found
   * once per owner, as a generated class of thousands of methods calling each other would
   * otherwise search its members at every call.
   */
  private methodsOf(owner: TSESTree.ObjectExpression | TSESTree.ClassBody): Map<string, FunctionNode> {
    let methods = this.methodsByOwner.get(owner);
    if (methods === undefined) {
      methods = new Map();
      const members: Node[] = owner.type === 'ObjectExpression' ? owner.properties : owner.body;
      for (const member of members) {
        if (member.type !== 'Property' && member.type !== 'MethodDefinition' && member.type !== 'PropertyDefinition') continue;
        const name = propertyKeyName(member);
        const value = member.value;
        if (name !== undefined && value != null && isFunctionNode(value) && !methods.has(name)) methods.set(name, value);
      }
      this.methodsByOwner.set(owner, methods);
    }
    return methods;
  }

  private methodOfEnclosingClass(node: Node, name: string): FunctionNode | undefined {
    let current: Node | undefined = node.parent;
    while (current) {
      if (current.type === 'ClassBody') return this.methodsOf(current).get(name);
      current = current.parent;
    }
    return undefined;
  }
}

/** The imported function a callee names: `isOn`, `flags.isOn`, `ns.flags.isOn` (at most two properties deep). */
export function importedCallee(node: Node, scopes: Scopes): ImportedName | undefined {
  const callee = unwrapExpression(node);
  // The root first: most callees are not imported, and need no path.
  let root: Node = callee;
  while (root.type === 'MemberExpression') root = unwrapExpression(root.object);
  if (root.type !== 'Identifier') return undefined;
  const imported = scopes.lookup(root.name, root)?.imported;
  if (imported === undefined) return undefined;
  const path: string[] = [];
  let current: Node = callee;
  while (current.type === 'MemberExpression') {
    const name = propertyName(current);
    if (name === undefined) return undefined;
    path.unshift(name);
    current = unwrapExpression(current.object);
  }
  if (path.length > 2) return undefined;
  if (imported.imported === '*') {
    const [name, ...rest] = path;
    return name === undefined ? undefined : { source: imported.source, name, path: rest };
  }
  return { source: imported.source, name: imported.imported, path };
}

/** The parameter a key expression is, when it is a plain parameter of an enclosing function. */
export function keyParameter(resolver: KeyResolver, key: MatchedKey): { fn: FunctionNode; index: number } | undefined {
  if (key.name !== undefined) return undefined;
  const resolved = resolver.resolve(key.node);
  if (resolved.kind !== 'parameter') return undefined;
  const parameterOf = resolved.binding.parameterOf;
  if (parameterOf === undefined || isCallback(parameterOf.fn)) return undefined;
  let param: Node | undefined = parameterOf.fn.params[parameterOf.index];
  if (param?.type === 'TSParameterProperty') param = param.parameter;
  if (param?.type === 'AssignmentPattern') param = param.left;
  return param?.type === 'Identifier' && param.name === resolved.binding.name ? parameterOf : undefined;
}

/**
 * A function passed straight to a call (`keys.filter((key) => flags.get(key))`) is never called
 * by name, so its parameter is not a wrapper's key: the key stays dynamic. A function wrapped
 * and bound to a name (`const useFlag = memo((name) => …)`) is still named.
 */
function isCallback(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent?.type !== 'CallExpression' && parent?.type !== 'NewExpression') return false;
  if (!parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const wrapsFunction = FUNCTION_WRAPPERS.has(memberChain(parent.callee)?.at(-1) ?? '');
  return !(wrapsFunction && parent.parent?.type === 'VariableDeclarator');
}
