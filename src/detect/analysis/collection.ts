/*
 * Collection: the one walk over a file's tree. It binds scopes and gathers the nodes the later
 * phases look at (calls, member accesses, JSX, functions, exports …), so that no phase walks the
 * whole tree again.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { walk, type Node } from '../ast.js';
import type { FunctionNode, Scopes } from '../scope.js';

export type CallLike = TSESTree.CallExpression | TSESTree.NewExpression;

export interface CollectedNodes {
  readonly calls: CallLike[];
  readonly members: TSESTree.MemberExpression[];
  readonly jsxElements: TSESTree.JSXOpeningElement[];
  /** Object literals, for object-literal patterns (`{ flag: $KEY }`). */
  readonly objects: TSESTree.ObjectExpression[];
  /** Declarators destructuring an object: `const { value } = useFlag('x')`. */
  readonly destructurings: TSESTree.VariableDeclarator[];
  /** In source order, parents before the functions written in them: the index is the function's id. */
  readonly functionNodes: FunctionNode[];
  readonly functionIds: Map<FunctionNode, number>;
  readonly exportNodes: Node[];
  readonly importSources: Set<string>;
  /** Identifiers written to: assignment targets and declared variables. */
  readonly assignmentTargets: TSESTree.Identifier[];
  readonly returns: TSESTree.ReturnStatement[];
}

export function collectNodes(program: TSESTree.Program, scopes: Scopes): CollectedNodes {
  const nodes: CollectedNodes = {
    calls: [],
    members: [],
    jsxElements: [],
    objects: [],
    destructurings: [],
    functionNodes: [],
    functionIds: new Map(),
    exportNodes: [],
    importSources: new Set(),
    assignmentTargets: [],
    returns: [],
  };
  walk(program, (node) => {
    scopes.visit(node);
    switch (node.type) {
      case 'CallExpression':
      case 'NewExpression':
        nodes.calls.push(node);
        break;
      case 'MemberExpression':
        nodes.members.push(node);
        break;
      case 'JSXOpeningElement':
        nodes.jsxElements.push(node);
        break;
      case 'ObjectExpression':
        nodes.objects.push(node);
        break;
      case 'VariableDeclarator':
        if (node.id.type === 'ObjectPattern') nodes.destructurings.push(node);
        if (node.id.type === 'Identifier') nodes.assignmentTargets.push(node.id);
        break;
      case 'AssignmentExpression':
        if (node.left.type === 'Identifier') nodes.assignmentTargets.push(node.left);
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        nodes.functionIds.set(node, nodes.functionNodes.length);
        nodes.functionNodes.push(node);
        break;
      case 'ExportNamedDeclaration':
      case 'ExportDefaultDeclaration':
      case 'ExportAllDeclaration':
        nodes.exportNodes.push(node);
        if (node.type !== 'ExportDefaultDeclaration' && node.source) nodes.importSources.add(String(node.source.value));
        break;
      case 'ImportDeclaration':
        nodes.importSources.add(String(node.source.value));
        break;
      case 'ReturnStatement':
        nodes.returns.push(node);
        break;
      default:
        break;
    }
  });
  scopes.finish();
  return nodes;
}
