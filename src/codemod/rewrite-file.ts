import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../detect/ast.js';
import type { Location } from '../detect/facts.js';
import type { ResolvedReference } from '../detect/resolve.js';
import { ReadBefore, removeListItem, removeUnusedOnce } from './cleanup.js';
import {
  deadStatements,
  foldOnce,
  movedTo,
  parseWithScopes,
  RemovalConstants,
  withScopes,
  type FoldContext,
  type ParsedSource,
} from './fold.js';
import { reparse } from './reparse.js';
import { countTestCases, enclosingTestCase, isSubjectOfTest, testCaseName } from './test-cases.js';
import { EditList, removalRange } from './text-edits.js';

/** The branch of every check on the removed flag that stays in the code (`--keep`); the manifest policy's KeepPath may also be undecided. */
export type KeptBranch = 'on' | 'off';

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
const BYTE_ORDER_MARK = '\uFEFF';

/**
 * What every rewrite of one text starts from: its parse, the bindings it reads, its dead code,
 * its test cases. Worked out once per text and shared by all rewrites of it (the ESLint rule
 * rewrites one site at a time); built from a tree already at hand when there is one.
 */
export interface RewriteBase {
  file: string;
  text: string;
  parsed: ParsedSource;
  /** The innermost node of each range. */
  nodeAt(range: readonly [number, number]): Node | undefined;
  readBefore: ReadBefore;
  preexistingDead: ReadonlySet<string>;
  constants: RemovalConstants;
  testCases: number;
}

/** The base of rewrites of `text`; `program` is its typescript-estree tree, when already parsed. */
export function rewriteBase(file: string, text: string, program?: TSESTree.Program): RewriteBase {
  const parsed = program === undefined ? parseWithScopes(file, text) : withScopes(program);
  const byRange = new Map<string, Node>();
  // Walk order is parents first: the last node with a range is the innermost.
  for (const node of parsed.nodes) byRange.set(`${node.range[0]}:${node.range[1]}`, node);
  return {
    file,
    text,
    parsed,
    nodeAt: (range) => byRange.get(`${range[0]}:${range[1]}`),
    readBefore: ReadBefore.of(parsed),
    preexistingDead: deadStatements(parsed.nodes, text),
    constants: new RemovalConstants(text),
    testCases: countTestCases(parsed.nodes),
  };
}

/**
 * Removes the entry of a flag map or list that holds a key: `{ k: true }` → the property,
 * `['a', 'b']` → the element, `new Map([[k, v]])` → the pair, `[{ name: k, enabled }]` → the object.
 */
function removeEntryHolding(keyNode: Node, text: string, edits: EditList, override = false): boolean {
  const parent = keyNode.parent;
  if (parent?.type === 'Property' && parent.parent?.type === 'ObjectExpression') {
    const object = parent.parent;
    // `mockFlags({ k: true })` forcing nothing else: the call goes, not just its only entry.
    const call = object.parent;
    if (
      override &&
      parent.key === keyNode &&
      object.properties.length === 1 &&
      call?.type === 'CallExpression' &&
      call.arguments.length === 1 &&
      call.parent?.type === 'ExpressionStatement'
    ) {
      return edits.add(...removalRange(text, call.parent.range[0], call.parent.range[1]), '');
    }
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

const TEST_HOOKS = new Set(['beforeEach', 'afterEach', 'beforeAll', 'afterAll']);

/**
 * `beforeEach(() => { mockFlags({ x: true }); })` whose every statement the removal deletes: the
 * hook goes with them, rather than stay as `beforeEach(() => {\n});`. An empty hook the code had stays.
 */
function removeEmptiedHooks(nodes: readonly Node[], text: string, edits: EditList): void {
  for (const node of nodes) {
    if (
      node.type !== 'CallExpression' ||
      node.parent?.type !== 'ExpressionStatement' ||
      node.callee.type !== 'Identifier' ||
      !TEST_HOOKS.has(node.callee.name)
    )
      continue;
    const run = node.arguments.at(-1);
    const body = run?.type === 'ArrowFunctionExpression' || run?.type === 'FunctionExpression' ? run.body : undefined;
    if (body?.type !== 'BlockStatement' || body.body.length === 0) continue;
    if (body.body.every((statement) => edits.deletes(statement.range[0], statement.range[1])))
      edits.add(...removalRange(text, node.parent.range[0], node.parent.range[1]), '');
  }
}

function enclosingStatement(node: Node): Node | undefined {
  let current: Node | undefined = node;
  while (current?.parent != null) {
    if (current.parent.type === 'BlockStatement' || current.parent.type === 'Program' || current.parent.type === 'SwitchCase')
      return current;
    current = current.parent;
  }
  return undefined;
}

/** `<IfFeatureEnabled feature="x">children</IfFeatureEnabled>`: the children when kept on, the fallback (or nothing) when off. */
function foldJsxComponent(element: TSESTree.JSXElement, text: string, on: boolean, edits: EditList): boolean {
  let replacement: string;
  if (on) {
    const children = element.children.filter((child) => !(child.type === 'JSXText' && child.value.trim() === ''));
    if (children.length === 1 && children[0]!.type === 'JSXElement') replacement = movedTo(text, children[0]!, element);
    else if (element.closingElement) replacement = `<>${text.slice(element.openingElement.range[1], element.closingElement.range[0])}</>`;
    else replacement = 'null';
  } else {
    const fallback = element.openingElement.attributes.find(
      (attribute) => attribute.type === 'JSXAttribute' && attribute.name.name === 'fallback',
    ) as TSESTree.JSXAttribute | undefined;
    const value = fallback?.value;
    replacement =
      value?.type === 'JSXExpressionContainer' && value.expression.type !== 'JSXEmptyExpression'
        ? text.slice(value.expression.range[0], value.expression.range[1])
        : 'null';
  }
  const inChildren = element.parent?.type === 'JSXElement' || element.parent?.type === 'JSXFragment';
  return edits.add(
    element.range[0],
    element.range[1],
    inChildren && replacement === 'null' ? '' : inChildren && !replacement.startsWith('<') ? `{${replacement}}` : replacement,
  );
}

export interface RewriteOptions {
  /** The file is a test: an evaluation that is the test's subject is left for a person. */
  test?: boolean;
}

/**
 * Removes one flag from one file: every evaluation becomes the kept constant, overrides in tests
 * go (with the test cases that only tested the removed state), and the code is simplified until
 * no trace of the flag remains. Untouched lines keep their exact text.
 */
export function rewriteFile(
  file: string,
  text: string,
  references: readonly ResolvedReference[],
  keep: KeptBranch,
  base?: RewriteBase,
  options: RewriteOptions = {},
): FileRewrite {
  // The parser drops a byte order mark, so positions count from after it: rewrite the rest, keep the mark.
  if (text.startsWith(BYTE_ORDER_MARK)) {
    const rewrite = rewriteFile(file, text.slice(1), references, keep, base, options);
    return { ...rewrite, after: `${BYTE_ORDER_MARK}${rewrite.after}` };
  }
  base ??= rewriteBase(file, text);
  if (base.file !== file || base.text !== text) throw new Error(`rewriteFile: the base given is not of ${file} as it is now`);
  const { nodeAt, constants } = base;
  const edits = new EditList();
  // Sites for a person, with the range that needs them: one a deleted test case holds is gone.
  const manual: (ManualSite & { range: readonly [number, number] })[] = [];
  const deletedTests: string[] = [];
  const deletedCases = new Set<Node>();
  const removed = keep === 'on' ? 'off' : 'on';
  const conflict = (reference: ResolvedReference) =>
    manual.push({
      loc: reference.loc,
      range: reference.range,
      reason: 'its rewrite overlaps another rewrite of this flag in the same code',
    });

  for (const reference of references) {
    if (reference.role === 'override') {
      const call = nodeAt(reference.valueRange) ?? nodeAt(reference.range);
      const keyNode = nodeAt(reference.range);
      const testCase = call === undefined ? undefined : enclosingTestCase(call);
      if (reference.state === removed && testCase !== undefined) {
        if (deletedCases.has(testCase)) continue;
        if (!edits.add(...removalRange(text, testCase.range[0], testCase.range[1]), '')) conflict(reference);
        else {
          deletedCases.add(testCase);
          deletedTests.push(testCaseName(testCase));
        }
        continue;
      }
      if (reference.valueKind === 'bag' && keyNode !== undefined && removeEntryHolding(keyNode, text, edits, true)) continue;
      const statement = call === undefined ? undefined : enclosingStatement(call);
      if (statement === undefined)
        manual.push({ loc: reference.loc, range: reference.range, reason: 'an override that is not a statement of its own' });
      else if (!edits.add(...removalRange(text, statement.range[0], statement.range[1]), '')) conflict(reference);
      continue;
    }
    if (reference.valueKind === 'bag') {
      const keyNode = nodeAt(reference.range);
      if (keyNode === undefined || !removeEntryHolding(keyNode, text, edits))
        manual.push({ loc: reference.loc, range: reference.range, reason: 'a key in a list that could not be removed' });
      continue;
    }
    const value = nodeAt(reference.valueRange);
    if (options.test === true && value !== undefined && isSubjectOfTest(value, file, base.parsed.program)) {
      manual.push({
        loc: reference.loc,
        range: reference.range,
        reason: "the flag is what this test is about (asserted on, or its wrapper's own module is under test): rewrite the test by hand",
      });
      continue;
    }
    if (value?.type === 'JSXElement') {
      if (!foldJsxComponent(value, text, (keep === 'on') !== reference.negated, edits)) conflict(reference);
      continue;
    }
    if (reference.folds === undefined || reference.folds.length === 0) {
      manual.push({
        loc: reference.loc,
        range: reference.range,
        reason: `the flag's value is used as a ${reference.valueKind === 'flag' ? 'lookup' : 'value'}, not as on/off`,
      });
      continue;
    }
    for (const fold of reference.folds) {
      if (!edits.add(fold.range[0], fold.range[1], constants.write(fold.whenOn === (keep === 'on')))) conflict(reference);
    }
  }

  removeEmptiedHooks(base.parsed.nodes, text, edits);

  const context: FoldContext = { constants, preexistingDead: base.preexistingDead };
  let readBefore = base.readBefore;
  let current = text;
  let parsed = base.parsed;
  const apply = (round: EditList) => {
    const next = round.apply(current);
    readBefore = readBefore.through(round, current);
    // The base's tree is shared by every rewrite of the text; the ones made since are this rewrite's own.
    parsed = reparse(file, parsed, current, round, next, parsed !== base.parsed);
    current = next;
  };
  apply(edits);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = foldOnce(parsed, current, context) ?? removeUnusedOnce(parsed, current, readBefore);
    if (next === undefined) break;
    apply(next);
  }
  const emptyTestFile = base.testCases > 0 && countTestCases(parsed.nodes) === 0;
  return {
    after: constants.finish(current),
    deletedTests,
    emptyTestFile,
    manual: manual.filter((site) => !edits.deletes(site.range[0], site.range[1])).map(({ loc, reason }) => ({ loc, reason })),
  };
}
