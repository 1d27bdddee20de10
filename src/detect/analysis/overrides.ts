/*
 * Override and mock shapes: the flag state a test forces, from an override's state argument
 * (`true`, `{ enabled: false }` …) or from a mocked flag-checking function
 * (`vi.mocked(isNewCheckout).mockReturnValue(true)`).
 */
import { isFunctionNode, memberChain, propertyKeyName, propertyName, rangeOf, unwrapExpression, type Node } from '../ast.js';
import type { FileFacts, OverrideState } from '../facts.js';
import { importedCallee } from './functions.js';
import type { AnalysisState } from './state.js';

const MOCK_METHODS = new Set([
  'mockReturnValue',
  'mockReturnValueOnce',
  'mockResolvedValue',
  'mockResolvedValueOnce',
  'mockImplementation',
  'mockImplementationOnce',
]);

/** The state forced by an override's state expression: `true`, `{ enabled: false }`, `{ killSwitch: true }` … */
export function overrideStateOf(node: Node | undefined): OverrideState {
  if (node === undefined) return 'unknown';
  const expression = unwrapExpression(node);
  if (expression.type === 'Literal' && typeof expression.value === 'boolean') return expression.value ? 'on' : 'off';
  if (expression.type === 'ObjectExpression') {
    const field = (name: string) => {
      for (const property of expression.properties) {
        if (property.type === 'Property' && propertyKeyName(property) === name) return unwrapExpression(property.value);
      }
      return undefined;
    };
    const literal = (name: string) => {
      const value = field(name);
      return value?.type === 'Literal' ? value.value : undefined;
    };
    if (literal('killSwitch') === true || literal('disabled') === true) return 'off';
    if (literal('enabled') === false || literal('rolloutPercentage') === 0) return 'off';
    if (literal('defaultValue') !== undefined)
      return literal('defaultValue') === true ? 'on' : literal('defaultValue') === false ? 'off' : 'unknown';
    const defaultVariant = literal('defaultVariant');
    const variants = field('variants');
    if (typeof defaultVariant === 'string' && variants?.type === 'ObjectExpression') {
      for (const property of variants.properties) {
        if (property.type === 'Property' && propertyKeyName(property) === defaultVariant) return overrideStateOf(property.value);
      }
    }
    if (literal('enabled') === true) {
      const rollout = literal('rolloutPercentage');
      return rollout === undefined || rollout === 100 ? 'on' : 'unknown';
    }
  }
  return 'unknown';
}

/** `vi.mocked(isNewCheckout).mockReturnValue(true)`, `jest.spyOn(flags, 'isOn').mockReturnValue(false)`. */
export function collectMocks(state: AnalysisState): FileFacts['mocks'] {
  const mocks: FileFacts['mocks'] = [];
  for (const call of state.nodes.calls) {
    if (call.type !== 'CallExpression') continue;
    const callee = unwrapExpression(call.callee);
    if (callee.type !== 'MemberExpression') continue;
    const method = propertyName(callee);
    if (method === undefined || !MOCK_METHODS.has(method)) continue;
    const target = mockTarget(state, unwrapExpression(callee.object));
    if (target === undefined) continue;
    let stateNode: Node | undefined = call.arguments[0];
    if (stateNode !== undefined && isFunctionNode(stateNode) && stateNode.body.type !== 'BlockStatement') stateNode = stateNode.body;
    mocks.push({ callee: target, state: overrideStateOf(stateNode), range: rangeOf(call), loc: state.locate(call) });
  }
  return mocks;
}

function mockTarget(state: AnalysisState, node: Node): FileFacts['mocks'][number]['callee'] | undefined {
  const { scopes } = state;
  if (node.type === 'CallExpression') {
    const chain = memberChain(node.callee);
    const last = chain?.at(-1);
    if ((last === 'mocked' || last === 'spyOn') && chain !== undefined && ['vi', 'jest'].includes(chain[0]!)) {
      const [first, second] = node.arguments;
      if (last === 'mocked' && first) return mockTarget(state, unwrapExpression(first));
      if (last === 'spyOn' && first && second) {
        const name = state.resolver.resolve(second);
        const object = unwrapExpression(first);
        if (name.kind !== 'static' || object.type !== 'Identifier') return undefined;
        const imported = scopes.lookup(object.name, object)?.imported;
        if (imported === undefined) return undefined;
        return imported.imported === '*'
          ? { kind: 'imported', source: imported.source, name: name.key, path: [] }
          : { kind: 'imported', source: imported.source, name: imported.imported, path: [name.key] };
      }
    }
    return undefined;
  }
  if (node.type === 'Identifier') {
    const binding = scopes.lookup(node.name, node);
    const fn = state.functions.boundTo(binding);
    const id = fn === undefined ? undefined : state.functions.idOf(fn);
    if (id !== undefined) return { kind: 'local', functionId: id };
    const imported = binding?.imported;
    if (imported && imported.imported !== '*') return { kind: 'imported', source: imported.source, name: imported.imported, path: [] };
  }
  if (node.type === 'MemberExpression') {
    const imported = importedCallee(node, scopes);
    if (imported) return { kind: 'imported', ...imported };
  }
  return undefined;
}
