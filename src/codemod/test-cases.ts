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

/** Calls whose arguments a test asserts on, or runs to assert on what they return. */
const SUBJECT_CALLS = new Set(['expect', 'renderHook']);

/**
 * Whether an evaluation in a test file is what the test is about, so that folding it would
 * rewrite the test into nonsense (issue 17 item 4): its value is asserted on (`expect(isOn('x'))`),
 * it is the hook under test (`renderHook(() => useFlag('markets'))`), or it calls a function
 * imported from the module the file tests (`useFlag.test.ts` importing `./useFlag`).
 */
export function isSubjectOfTest(evaluation: Node, file: string, program: TSESTree.Program): boolean {
  for (let current: Node = evaluation; current.parent != null; current = current.parent) {
    const parent = current.parent;
    if (parent.type !== 'CallExpression' || !parent.arguments.includes(current as TSESTree.CallExpressionArgument)) continue;
    const chain = memberChain(parent.callee);
    if (chain !== undefined && SUBJECT_CALLS.has(chain.at(-1)!)) return true;
  }
  if (evaluation.type !== 'CallExpression' || evaluation.callee.type !== 'Identifier') return false;
  const name = evaluation.callee.name;
  const stem = (path: string) => path.replace(/^.*\//, '').replace(/\.[cm]?[jt]sx?$/, '');
  const tested = stem(file).replace(/\.(test|spec)$/, '');
  return program.body.some(
    (statement) =>
      statement.type === 'ImportDeclaration' &&
      stem(statement.source.value) === tested &&
      statement.specifiers.some((specifier) => specifier.local.name === name),
  );
}
