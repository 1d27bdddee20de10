import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from './ast.js';
import type { Range } from './facts.js';

/**
 * True when a statement never completes normally: every path through it returns, throws, breaks
 * or continues. Used to see that `if (!flag) return;` guards the rest of its block.
 */
export function alwaysExits(statement: Node): boolean {
  switch (statement.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return true;
    case 'BlockStatement':
      return statement.body.some(alwaysExits);
    case 'IfStatement':
      return statement.alternate != null && alwaysExits(statement.consequent) && alwaysExits(statement.alternate);
    case 'TryStatement': {
      if (statement.finalizer != null && alwaysExits(statement.finalizer)) return true;
      return alwaysExits(statement.block) && (statement.handler == null || alwaysExits(statement.handler.body));
    }
    case 'LabeledStatement':
      return alwaysExits(statement.body);
    default:
      return false;
  }
}

/** The statements that follow `statement` in its block, as one range; undefined when it is last. */
export function restOfBlock(statement: Node): Range | undefined {
  const parent = statement.parent;
  let list: readonly Node[] | undefined;
  if (parent?.type === 'BlockStatement' || parent?.type === 'Program' || parent?.type === 'StaticBlock' || parent?.type === 'TSModuleBlock') {
    list = parent.body;
  } else if (parent?.type === 'SwitchCase') {
    list = parent.consequent;
  }
  if (list === undefined) return undefined;
  const index = list.indexOf(statement);
  const next = list[index + 1];
  const last = list.at(-1);
  if (index < 0 || next === undefined || last === undefined) return undefined;
  return [next.range[0], last.range[1]];
}

/** The innermost statement list owner of a node: where a guard's "rest of block" lives. */
export function enclosingStatement(node: Node): TSESTree.Statement | undefined {
  let current: Node | undefined = node;
  while (current?.parent != null) {
    const parent: Node = current.parent;
    if (parent.type === 'BlockStatement' || parent.type === 'Program' || parent.type === 'SwitchCase') return current as TSESTree.Statement;
    current = parent;
  }
  return undefined;
}
