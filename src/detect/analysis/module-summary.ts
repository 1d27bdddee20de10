/*
 * Module summary: what this file offers other files (key constants, frozen objects, wrappers,
 * objects of wrappers, re-exports) and what it imports. The module graph reads it to resolve
 * imported keys and to tell whether an imported function is a wrapper.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunctionNode, propertyKeyName, unwrapExpression, type Node } from '../ast.js';
import type { ExportedValue, ImportedName, ModuleSummary, WrapperSpec } from '../facts.js';
import type { FunctionNode } from '../scope.js';
import type { AnalysisState } from './state.js';

type Forwards = Map<number, { param: number; targets: { target: ImportedName; argument: number }[] }>;

/** `export { a as 'b-c' }`: export names may be identifiers or strings. */
export function exportName(name: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return name.type === 'Identifier' ? name.name : name.value;
}

export function moduleSummary(state: AnalysisState): ModuleSummary {
  return new ModuleExports(state).summary();
}

class ModuleExports {
  private forwardsByFunction: Forwards | undefined;

  constructor(private readonly state: AnalysisState) {}

  summary(): ModuleSummary {
    const exports: Record<string, ExportedValue> = {};
    const exportAll: string[] = [];
    const set = (name: string, value: ExportedValue | undefined) => {
      if (value !== undefined) exports[name] = value;
    };
    for (const node of this.state.nodes.exportNodes) {
      if (node.type === 'ExportAllDeclaration') {
        const source = String(node.source.value);
        if (node.exported == null) exportAll.push(source);
        else set(exportName(node.exported), { kind: 'imported', source, name: '*', path: [] });
      } else if (node.type === 'ExportDefaultDeclaration') {
        const declaration = node.declaration;
        if (isFunctionNode(declaration)) set('default', this.functionExport(declaration));
        else if (declaration.type === 'Identifier') set('default', this.exportedBinding(declaration));
        else if (
          declaration.type !== 'ClassDeclaration' &&
          declaration.type !== 'TSDeclareFunction' &&
          declaration.type !== 'TSInterfaceDeclaration'
        ) {
          set('default', this.state.resolver.exportedValue(declaration));
        }
      } else if (node.type === 'ExportNamedDeclaration') {
        if (node.exportKind === 'type') continue;
        const declaration = node.declaration;
        if (declaration?.type === 'VariableDeclaration') {
          for (const declarator of declaration.declarations)
            if (declarator.id.type === 'Identifier') set(declarator.id.name, this.exportedBinding(declarator.id));
        } else if ((declaration?.type === 'FunctionDeclaration' || declaration?.type === 'TSEnumDeclaration') && declaration.id) {
          set(declaration.id.name, this.exportedBinding(declaration.id));
        }
        for (const specifier of node.specifiers) {
          if (specifier.exportKind === 'type') continue;
          const local = exportName(specifier.local);
          const exported = exportName(specifier.exported);
          if (node.source) set(exported, { kind: 'imported', source: String(node.source.value), name: local, path: [] });
          else if (specifier.local.type === 'Identifier') set(exported, this.exportedBinding(specifier.local));
        }
      }
    }
    return { exports, exportAll, imports: [...this.state.nodes.importSources] };
  }

  /** What a local binding exports: a key constant, a frozen object, a wrapper, an object of wrappers. */
  private exportedBinding(id: TSESTree.Identifier): ExportedValue | undefined {
    const { scopes, functions, resolver } = this.state;
    const binding = scopes.lookup(id.name, id);
    if (binding === undefined) return undefined;
    if (binding.kind === 'import') {
      const { source, imported } = binding.imported!;
      return { kind: 'imported', source, name: imported, path: [] };
    }
    const fn = functions.boundTo(binding);
    if (fn) return this.functionExport(fn);
    const value = resolver.exportedValue(id);
    if (value !== undefined) return value;
    const init = binding.init ? unwrapExpression(binding.init) : undefined;
    if (init?.type === 'ObjectExpression')
      return this.objectOfFunctions(init.properties.flatMap((p) => (p.type === 'Property' ? [p] : [])));
    if (init?.type === 'NewExpression' && init.callee.type === 'Identifier') {
      const classNode = scopes.lookup(init.callee.name, init.callee)?.classNode;
      if (classNode) return this.objectOfFunctions(classNode.body.body);
    }
    return undefined;
  }

  private objectOfFunctions(members: readonly Node[]): ExportedValue | undefined {
    const entries: Record<string, ExportedValue> = {};
    for (const member of members) {
      if (member.type !== 'Property' && member.type !== 'MethodDefinition' && member.type !== 'PropertyDefinition') continue;
      const name = propertyKeyName(member);
      const value = member.value;
      if (name === undefined || value == null || !isFunctionNode(value)) continue;
      entries[name] = this.functionExport(value);
    }
    return Object.keys(entries).length > 0 ? { kind: 'object', entries } : undefined;
  }

  private functionExport(fn: FunctionNode): ExportedValue {
    const functionId = this.state.functions.idOf(fn)!;
    const wrapper = this.state.wrappers.get(fn) ?? this.forwardOf(fn);
    if (wrapper) return { kind: 'wrapper', wrapper, functionId };
    return { kind: 'function', functionId };
  }

  /** A function passing its parameter to imported functions: a wrapper if one of those is. */
  private forwardOf(fn: FunctionNode): WrapperSpec | undefined {
    const forwarded = this.forwards().get(this.state.functions.idOf(fn)!);
    return forwarded === undefined ? undefined : { kind: 'forward', ...forwarded, name: this.state.functions.nameOf(fn) };
  }

  /**
   * For each function passing a parameter into imported functions, the first such parameter and
   * where it goes: one pass over the calls of imported functions, for every exported function.
   */
  private forwards(): Forwards {
    if (this.forwardsByFunction !== undefined) return this.forwardsByFunction;
    const forwards: Forwards = new Map();
    for (const call of this.state.wrapperCalls) {
      call.args.forEach((arg, argument) => {
        if (arg.kind !== 'parameter') return;
        const forward = forwards.get(arg.functionId);
        if (forward === undefined) forwards.set(arg.functionId, { param: arg.index, targets: [{ target: call.callee, argument }] });
        else if (forward.param === arg.index) forward.targets.push({ target: call.callee, argument });
      });
    }
    this.forwardsByFunction = forwards;
    return forwards;
  }
}
