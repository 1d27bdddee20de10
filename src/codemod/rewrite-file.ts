import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../detect/ast.js';
import type { Location } from '../detect/facts.js';
import type { ResolvedReference } from '../detect/resolve.js';
import { removeListItem, removeUnusedOnce, usedNames } from './cleanup.js';
import { deadStatements, foldOnce, parseWithScopes, type FoldContext } from './fold.js';
import { countTestCases, enclosingTestCase, testCaseName } from './test-cases.js';
import { EditList, removalRange } from './text-edits.js';

export type KeepPath = 'on' | 'off';

export interface ManualSite {
  loc: Location;
  reason: string;
}

export interface FileRewrite {
  after: string;
  /** Test cases deleted because they only exercised the removed state. */
  deletedTests: string[];
  /** The file had test cases and has none left (reported, never deleted). */
  emptyTestFile: boolean;
  /** Evaluations the codemod could not fold (a variant value, a bare lookup): left for a person. */
  manual: ManualSite[];
}

const MAX_ROUNDS = 50;

function nodeAt(nodes: readonly Node[], range: readonly [number, number]): Node | undefined {
  let found: Node | undefined;
  for (const node of nodes) if (node.range[0] === range[0] && node.range[1] === range[1]) found = node;
  return found;
}

/**
 * Removes the entry of a flag map or list that holds a key: `{ k: true }` → the property,
 * `['a', 'b']` → the element, `new Map([[k, v]])` → the pair, `[{ name: k, enabled }]` → the object.
 */
function removeEntryHolding(keyNode: Node, text: string, edits: EditList): boolean {
  const parent = keyNode.parent;
  if (parent?.type === 'Property' && parent.parent?.type === 'ObjectExpression') {
    const object = parent.parent;
    if (parent.key === keyNode) return removeListItem(text, object.properties, object.properties.indexOf(parent), edits);
    const list = object.parent;
    if (list?.type === 'ArrayExpression') return removeListItem(text, list.elements as Node[], list.elements.indexOf(object), edits);
    return false;
  }
  if (parent?.type === 'ArrayExpression') {
    const outer = parent.parent;
    if (outer?.type === 'ArrayExpression') return removeListItem(text, outer.elements as Node[], outer.elements.indexOf(parent), edits);
    return removeListItem(text, parent.elements as Node[], parent.elements.indexOf(keyNode as TSESTree.Expression), edits);
  }
  return false;
}

function enclosingStatement(node: Node): Node | undefined {
  let current: Node | undefined = node;
  while (current?.parent != null) {
    if (current.parent.type === 'BlockStatement' || current.parent.type === 'Program' || current.parent.type === 'SwitchCase') return current;
    current = current.parent;
  }
  return undefined;
}

/** `<IfFeatureEnabled feature="x">children</IfFeatureEnabled>`: the children when kept on, the fallback (or nothing) when off. */
function foldJsxComponent(element: TSESTree.JSXElement, text: string, on: boolean, edits: EditList): void {
  let replacement: string;
  if (on) {
    const children = element.children.filter((child) => !(child.type === 'JSXText' && child.value.trim() === ''));
    if (children.length === 1 && children[0]!.type === 'JSXElement') replacement = text.slice(children[0]!.range[0], children[0]!.range[1]);
    else if (element.closingElement) replacement = `<>${text.slice(element.openingElement.range[1], element.closingElement.range[0])}</>`;
    else replacement = 'null';
  } else {
    const fallback = element.openingElement.attributes.find((attribute) => attribute.type === 'JSXAttribute' && attribute.name.name === 'fallback') as TSESTree.JSXAttribute | undefined;
    const value = fallback?.value;
    replacement = value?.type === 'JSXExpressionContainer' && value.expression.type !== 'JSXEmptyExpression' ? text.slice(value.expression.range[0], value.expression.range[1]) : 'null';
  }
  const inChildren = element.parent?.type === 'JSXElement' || element.parent?.type === 'JSXFragment';
  edits.add(element.range[0], element.range[1], inChildren && replacement === 'null' ? '' : inChildren && !replacement.startsWith('<') ? `{${replacement}}` : replacement);
}

/**
 * Removes one flag from one file: every evaluation becomes the kept constant, overrides in tests
 * go (with the test cases that only tested the removed state), and the code is simplified until
 * no trace of the flag remains. Untouched lines keep their exact text.
 */
export function rewriteFile(file: string, text: string, references: readonly ResolvedReference[], keep: KeepPath): FileRewrite {
  const { nodes } = parseWithScopes(file, text);
  const edits = new EditList();
  const inline = new Set<string>();
  const manual: ManualSite[] = [];
  const deletedTests: string[] = [];
  const removed = keep === 'on' ? 'off' : 'on';

  for (const reference of references) {
    if (reference.role === 'override') {
      const call = nodeAt(nodes, reference.valueRange) ?? nodeAt(nodes, reference.range);
      const keyNode = nodeAt(nodes, reference.range);
      const testCase = call === undefined ? undefined : enclosingTestCase(call);
      if (reference.state === removed && testCase !== undefined) {
        if (edits.add(...removalRange(text, testCase.range[0], testCase.range[1]), '')) deletedTests.push(testCaseName(testCase));
        continue;
      }
      if (reference.valueKind === 'bag' && keyNode !== undefined && removeEntryHolding(keyNode, text, edits)) continue;
      const statement = call === undefined ? undefined : enclosingStatement(call);
      if (statement !== undefined) edits.add(...removalRange(text, statement.range[0], statement.range[1]), '');
      else manual.push({ loc: reference.loc, reason: 'an override that is not a statement of its own' });
      continue;
    }
    if (reference.valueKind === 'bag') {
      const keyNode = nodeAt(nodes, reference.range);
      if (keyNode === undefined || !removeEntryHolding(keyNode, text, edits)) manual.push({ loc: reference.loc, reason: 'a key in a list that could not be removed' });
      continue;
    }
    const value = nodeAt(nodes, reference.valueRange);
    if (value?.type === 'JSXElement') {
      foldJsxComponent(value, text, (keep === 'on') !== reference.negated, edits);
      continue;
    }
    if (reference.folds === undefined || reference.folds.length === 0) {
      manual.push({ loc: reference.loc, reason: `the flag's value is used as a ${reference.valueKind === 'flag' ? 'lookup' : 'value'}, not as on/off` });
      continue;
    }
    for (const fold of reference.folds) {
      edits.add(fold.range[0], fold.range[1], String(fold.whenOn === (keep === 'on')));
      const folded = nodeAt(nodes, fold.range);
      const declarator = folded?.parent;
      if (declarator?.type === 'VariableDeclarator' && declarator.init === folded && declarator.id.type === 'Identifier') inline.add(declarator.id.name);
    }
  }

  const before = text;
  const usedBefore = usedNames(file, text);
  const context: FoldContext = { inline, preexistingDead: deadStatements(file, text) };
  let current = edits.apply(text);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = foldOnce(file, current, context) ?? removeUnusedOnce(file, current, usedBefore);
    if (next === undefined) break;
    current = next;
  }
  const testsBefore = countTestCases(parseWithScopes(file, before).nodes);
  const testsAfter = countTestCases(parseWithScopes(file, current).nodes);
  return { after: current, deletedTests, emptyTestFile: testsBefore > 0 && testsAfter === 0, manual };
}

