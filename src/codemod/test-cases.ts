import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberChain, staticString, type Node } from '../detect/ast.js';

const TEST_FUNCTIONS = new Set(['it', 'test']);

/** The `it(…)` / `test(…)` statement around a node, if any. */
export function enclosingTestCase(node: Node): TSESTree.ExpressionStatement | undefined {
  let current: Node | undefined = node.parent;
  while (current != null) {
    if (current.type === 'CallExpression' && isTestCall(current) && current.parent?.type === 'ExpressionStatement') {
      return current.parent;
    }
    current = current.parent;
  }
  return undefined;
}

function isTestCall(call: TSESTree.CallExpression): boolean {
  const chain = memberChain(call.callee);
  return chain !== undefined && TEST_FUNCTIONS.has(chain[0]!) && chain.every((part) => part !== '()');
}

/** The name a test case was given (`it('charges with the new processor', …)`). */
export function testCaseName(statement: TSESTree.ExpressionStatement): string {
  const call = statement.expression as TSESTree.CallExpression;
  const first = call.arguments[0];
  return first === undefined ? '(unnamed test)' : (staticString(first) ?? '(unnamed test)');
}

/** How many test cases a program holds. */
export function countTestCases(nodes: readonly Node[]): number {
  return nodes.filter((node) => node.type === 'CallExpression' && isTestCall(node) && node.parent?.type === 'ExpressionStatement').length;
}
