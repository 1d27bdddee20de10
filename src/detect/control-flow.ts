import { walkSubtree, type Node } from './ast.js';
import type { Range } from './facts.js';

/**
 * True when a statement never completes normally: every path through it returns, throws, or
 * jumps to a statement around it. Used to see that `if (!flag) return;` guards the rest of its
 * block, and which statements after it no path reaches. A jump that lands inside the statement
 * (`lbl: { … break lbl; … }`, a `break` of a loop or switch in it) lets it complete; where the
 * answer depends on more than the code's shape (how often a loop runs), the statement may complete.
 */
export function alwaysExits(statement: Node): boolean {
  return !mayComplete(statement);
}

function mayComplete(statement: Node): boolean {
  switch (statement.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return false;
    case 'BlockStatement':
      return statement.body.every(mayComplete);
    case 'IfStatement':
      return statement.alternate == null || mayComplete(statement.consequent) || mayComplete(statement.alternate);
    case 'TryStatement':
      if (statement.finalizer != null && !mayComplete(statement.finalizer)) return false;
      return mayComplete(statement.block) || (statement.handler != null && mayComplete(statement.handler.body));
    case 'LabeledStatement':
      return (
        mayComplete(statement.body) || jumpsTo(statement.body, { labels: new Set([statement.label.name]), breaks: false, continues: false })
      );
    case 'SwitchStatement': {
      // The end of a switch is reached from the end of its last case (a value no case matches
      // gets there too, without a default), or by a `break` of the switch.
      const hasDefault = statement.cases.some((switchCase) => switchCase.test === null);
      const lastCase = statement.cases.at(-1);
      if (!hasDefault || lastCase === undefined || lastCase.consequent.every(mayComplete)) return true;
      return jumpsTo(statement, { labels: new Set(), breaks: true, continues: false });
    }
    default:
      return true;
  }
}

/** The jumps that land on one statement: those naming its labels, and the unlabelled ones it takes. */
export interface JumpTarget {
  labels: ReadonlySet<string>;
  /** A `break` without a label lands here when no statement in between takes it (a loop or switch does). */
  breaks: boolean;
  /** A `continue` without a label lands here when no loop in between takes it. */
  continues: boolean;
}

const LOOP = /^(For|ForIn|ForOf|While|DoWhile)Statement$/;

/**
 * Whether a `break` or `continue` inside `root` lands on `target`. A loop or switch inside `root`
 * (not `root` itself) takes the unlabelled jumps it holds. Functions and classes inside are not
 * searched: no jump crosses them.
 */
export function jumpsTo(root: Node, target: JumpTarget): boolean {
  let found = false;
  const search = (from: Node, breakTaken: boolean, continueTaken: boolean): void => {
    walkSubtree(from, (node) => {
      if (found) return false;
      if (node !== from) {
        if (node.type.includes('Function') || node.type === 'ClassDeclaration' || node.type === 'ClassExpression') return false;
        if (LOOP.test(node.type)) {
          search(node, true, true);
          return false;
        }
        if (node.type === 'SwitchStatement') {
          search(node, true, continueTaken);
          return false;
        }
      }
      if (node.type === 'BreakStatement') found = node.label === null ? target.breaks && !breakTaken : target.labels.has(node.label.name);
      if (node.type === 'ContinueStatement')
        found = node.label === null ? target.continues && !continueTaken : target.labels.has(node.label.name);
      return !found;
    });
  };
  search(root, false, false);
  return found;
}

/** The statements that follow `statement` in its block, as one range; undefined when it is last. */
export function restOfBlock(statement: Node): Range | undefined {
  const parent = statement.parent;
  let list: readonly Node[] | undefined;
  if (
    parent?.type === 'BlockStatement' ||
    parent?.type === 'Program' ||
    parent?.type === 'StaticBlock' ||
    parent?.type === 'TSModuleBlock'
  ) {
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
