/*
 * Decisions: from each site outwards, through `!`, `&&`, `||`, `??` and comparisons, to what
 * consumes the flag's value (an if, a conditional, a loop, a switch, a variable whose reads are
 * followed, JSX or a value). Each operand or branch that runs only in a known state of the flag
 * becomes a region of the decision.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyKeyName, rangeOf, unwrapExpression, type Node } from '../ast.js';
import { alwaysExits, restOfBlock } from '../control-flow.js';
import type { DecisionKind, FactDecision, Range, Region, RegionState } from '../facts.js';
import { consumedAsBoolean, offValueMixesTypes } from '../off-value.js';
import { climbSite, fieldEffect, noteUncheckedLookup, readsOf, swap, type Site, type Truth } from './sites.js';
import type { AnalysisState } from './state.js';

const MAX_VARIABLE_DEPTH = 8;

/** Every site known once references are complete: each decides what it decides. */
export function decideSites(state: AnalysisState): void {
  for (const site of [...state.sites]) decide(state, site, 0);
}

function region(node: Node | Range, state: RegionState | undefined, kind: Region['kind'], label?: string): Region | undefined {
  if (state === undefined) return undefined;
  const range = Array.isArray(node) ? (node as Range) : rangeOf(node as Node);
  const result: Region = { range, state, kind };
  if (label !== undefined) result.label = label;
  return result;
}

function decide(state: AnalysisState, site: Site, depth: number): void {
  let node = site.node;
  let truth = site.truth;
  const regions: Region[] = [];
  let offYieldsFlagValue = false;
  const push = (found: Region | undefined) => {
    if (found) regions.push(found);
  };
  for (;;) {
    const parent: Node | undefined = node.parent;
    if (parent == null) return;
    switch (parent.type) {
      case 'ChainExpression':
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'AwaitExpression':
        node = parent;
        continue;
      case 'UnaryExpression':
        if (parent.operator !== '!') return finishValue(state, site, node, regions, offYieldsFlagValue);
        truth = swap(truth);
        node = parent;
        continue;
      case 'LogicalExpression': {
        if (parent.left === node) {
          if (parent.operator === '&&') {
            push(region(parent.right, truth.whenTruthy, 'operand'));
            // `flag && create()` mixes the flag's falsy value with something else; `a && b === c` is a boolean either way.
            offYieldsFlagValue = truth.whenTruthy !== undefined && offValueMixesTypes(parent.right, state.options.booleanTypeOf);
            truth = { whenTruthy: truth.whenTruthy, whenFalsy: undefined };
          } else if (parent.operator === '||') {
            push(region(parent.right, truth.whenFalsy, 'operand'));
            offYieldsFlagValue = false;
            truth = { whenTruthy: undefined, whenFalsy: truth.whenFalsy };
          } else {
            push(region(parent.right, site.kind === 'boolean' || site.kind === 'value' ? 'missing' : undefined, 'operand'));
            offYieldsFlagValue = false;
            const right = unwrapExpression(parent.right);
            const keepsTruth = right.type === 'Literal' && right.value === false;
            if (!keepsTruth) truth = { whenTruthy: undefined, whenFalsy: undefined };
          }
        } else {
          if (parent.operator === '&&') truth = { whenTruthy: truth.whenTruthy, whenFalsy: undefined };
          else if (parent.operator === '||') truth = { whenTruthy: undefined, whenFalsy: truth.whenFalsy };
          else truth = { whenTruthy: undefined, whenFalsy: undefined };
        }
        node = parent;
        continue;
      }
      case 'BinaryExpression': {
        if (!['===', '==', '!==', '!='].includes(parent.operator)) return finishValue(state, site, node, regions, offYieldsFlagValue);
        const other = unwrapExpression(parent.left === node ? parent.right : parent.left);
        const negative = parent.operator.startsWith('!');
        if (other.type === 'Literal' && typeof other.value === 'boolean') {
          if (other.value === negative) truth = swap(truth);
        } else if (truth.whenTruthy !== undefined || truth.whenFalsy !== undefined) {
          truth = { whenTruthy: 'variant', whenFalsy: 'variant' };
        }
        node = parent;
        continue;
      }
      case 'ConditionalExpression':
        if (parent.test !== node) return finishValue(state, site, node, regions, offYieldsFlagValue);
        push(region(parent.consequent, truth.whenTruthy, 'consequent'));
        push(region(parent.alternate, truth.whenFalsy, 'alternate'));
        emit(state, site, 'conditional', parent, parent.test, regions, { inJsx: inJsx(parent) });
        return;
      case 'IfStatement': {
        if (parent.test !== node) return;
        push(region(parent.consequent, truth.whenTruthy, 'consequent'));
        const consequentExits = alwaysExits(parent.consequent);
        let fallsThrough = false;
        if (parent.alternate) {
          push(region(parent.alternate, truth.whenFalsy, 'alternate'));
          const rest = restOfBlock(parent);
          if (rest && !consequentExits && alwaysExits(parent.alternate)) push(region(rest, truth.whenTruthy, 'rest'));
        } else if (consequentExits) {
          const rest = restOfBlock(parent);
          if (rest) push(region(rest, truth.whenFalsy, 'rest'));
        } else {
          fallsThrough = true;
        }
        emit(state, site, 'if', parent, parent.test, regions, { fallsThrough });
        return;
      }
      case 'WhileStatement':
      case 'DoWhileStatement':
      case 'ForStatement':
        if (parent.test !== node) return;
        push(region(parent.body, truth.whenTruthy, 'body'));
        emit(state, site, 'loop', parent, node, regions);
        return;
      case 'SwitchStatement': {
        if (parent.discriminant !== node) return;
        for (const switchCase of parent.cases) {
          const first = switchCase.consequent[0];
          const last = switchCase.consequent.at(-1);
          if (first === undefined || last === undefined) continue;
          const test = switchCase.test ? unwrapExpression(switchCase.test) : undefined;
          let caseState: RegionState = 'variant';
          if (test?.type === 'Literal' && typeof test.value === 'boolean')
            caseState = (test.value ? truth.whenTruthy : truth.whenFalsy) ?? 'variant';
          const label = test ? state.options.text.slice(test.range[0], test.range[1]) : 'default';
          push(region([first.range[0], last.range[1]], caseState, test ? 'case' : 'default', label));
        }
        emit(state, site, 'switch', parent, node, regions);
        return;
      }
      case 'VariableDeclarator':
        if (parent.init !== node) return;
        if (regions.length > 0)
          emit(state, site, 'logical', node, node, regions, {
            offYieldsFlagValue: offYieldsFlagValue && !consumedAsBoolean(node, state.options.booleanTypeOf),
          });
        followVariable(state, site, parent, truth, depth);
        return;
      default:
        return finishValue(state, site, node, regions, offYieldsFlagValue);
    }
  }
}

/** `const useNew = isFeatureEnabled(…)`, `const { value: on } = useFlag(…)`: the variable's reads decide. */
function followVariable(state: AnalysisState, site: Site, declarator: TSESTree.VariableDeclarator, truth: Truth, depth: number): void {
  if (depth >= MAX_VARIABLE_DEPTH) return;
  const declaration = declarator.parent;
  if (declaration?.type !== 'VariableDeclaration') return;
  if (declarator.id.type === 'Identifier') {
    const binding = state.scopes.lookup(declarator.id.name, declarator.id);
    if (binding === undefined || (binding.kind !== 'const' && binding.reassigned)) return;
    const kind = site.kind === 'boolean' || site.kind === 'flag' || site.kind.endsWith('details') ? site.kind : 'value';
    for (const read of readsOf(state, declarator.id)) {
      const climbed = climbSite(state, { subject: site.subject, node: read, kind, truth, variable: declarator.id.name });
      if (climbed === undefined) continue;
      noteUncheckedLookup(state, site, climbed);
      decide(state, climbed, depth + 1);
    }
    return;
  }
  if (declarator.id.type !== 'ObjectPattern') return;
  for (const property of declarator.id.properties) {
    if (property.type !== 'Property') continue;
    const field = propertyKeyName(property);
    const target = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
    const effect = field === undefined ? undefined : fieldEffect(site.kind, field);
    if (effect === undefined || target.type !== 'Identifier') continue;
    for (const read of readsOf(state, target)) {
      decide(state, { subject: site.subject, node: read, kind: effect.kind, truth: effect.truth, variable: target.name }, depth + 1);
    }
  }
}

function inJsx(node: Node): boolean {
  let current = node.parent;
  while (current?.type === 'ConditionalExpression' || current?.type === 'LogicalExpression') current = current.parent;
  return current?.type === 'JSXExpressionContainer';
}

/** The flag's value ends in a value position; only operands that ran under a known state make it a decision. */
function finishValue(state: AnalysisState, site: Site, node: Node, regions: Region[], offYieldsFlagValue: boolean): void {
  if (regions.length === 0) return;
  const jsx = node.parent?.type === 'JSXExpressionContainer';
  // `flag && warmCache()` as a statement: nobody uses the value, so the off path needs none.
  const unused =
    node.parent?.type === 'ExpressionStatement' || (node.parent?.type === 'UnaryExpression' && node.parent.operator === 'void');
  emit(state, site, jsx ? 'jsx' : 'logical', node, node, regions, {
    offYieldsFlagValue: offYieldsFlagValue && !unused && !spreadAsProperties(node) && !consumedAsBoolean(node, state.options.booleanTypeOf),
    inJsx: jsx,
  });
}

/**
 * `{ ...(flag && { align: 'top' }) }`, `<Box {...(flag && extra)} />`: spread into an object or
 * JSX props, a falsy value adds no properties, which is the off path (an array or call spread of
 * `false` throws, so those still need one).
 */
function spreadAsProperties(node: Node): boolean {
  const parent = node.parent;
  if (parent?.type === 'JSXSpreadAttribute') return parent.argument === node;
  return parent?.type === 'SpreadElement' && parent.argument === node && parent.parent?.type === 'ObjectExpression';
}

function emit(
  state: AnalysisState,
  site: Site,
  kind: DecisionKind,
  construct: Node,
  condition: Node,
  regions: Region[],
  extra: { fallsThrough?: boolean; offYieldsFlagValue?: boolean; inJsx?: boolean } = {},
): void {
  const decision: FactDecision = {
    id: state.decisions.length,
    ...site.subject,
    kind,
    range: rangeOf(construct),
    conditionRange: rangeOf(condition),
    loc: state.locate(condition),
    siteRange: rangeOf(site.node),
    regions: [...regions],
    fallsThrough: extra.fallsThrough ?? false,
    offYieldsFlagValue: extra.offYieldsFlagValue ?? false,
    inJsx: extra.inJsx ?? false,
    // Filled in once every decision is known (fillAssigned).
    assigned: [],
  };
  state.decisionSites.push(site.node);
  state.receivers.push(receivingVariable(construct));
  if (site.variable !== undefined) decision.variable = site.variable;
  const functionId = state.functions.enclosingId(site.node);
  if (functionId !== undefined) decision.functionId = functionId;
  state.decisions.push(decision);
}

/** `const variant = flag ? 'v2' : 'v1'`: the variable that receives the decided value. */
function receivingVariable(construct: Node): string[] {
  let node = construct;
  while (node.parent && unwrapExpression(node.parent) !== node.parent) node = node.parent;
  const parent = node.parent;
  if (parent?.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier') return [parent.id.name];
  if (parent?.type === 'AssignmentExpression' && parent.right === node && parent.left.type === 'Identifier') return [parent.left.name];
  return [];
}

/** `<IfFeatureEnabled feature="x">children</IfFeatureEnabled>`: children run when on; `fallback` when off. */
export function addJsxComponentDecision(state: AnalysisState, reference: number, element: TSESTree.JSXElement, truth: Truth): void {
  const regions: Region[] = [];
  if (element.closingElement && element.children.length > 0) {
    const children = region([element.openingElement.range[1], element.closingElement.range[0]], truth.whenTruthy, 'children');
    if (children) regions.push(children);
  }
  for (const attribute of element.openingElement.attributes) {
    if (attribute.type === 'JSXAttribute' && attribute.name.name === 'fallback' && attribute.value) {
      const fallback = region(attribute.value, truth.whenFalsy, 'alternate');
      if (fallback) regions.push(fallback);
    }
  }
  emit(
    state,
    { subject: { reference }, node: element, kind: 'boolean', truth },
    'jsx-component',
    element,
    element.openingElement,
    regions,
    { inJsx: true },
  );
}
