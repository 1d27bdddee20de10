/*
 * Rule probes: facts that one rule each needs, kept out of the detection core.
 * - clock and random reads flowing into an evaluation (deterministic-flag-context);
 * - evaluations inside network callbacks (no-remote-kill-switch);
 * - what a call's arguments mention, for logging a decision's variant (require-flag-decision-log).
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunctionNode, memberChain, propertyName, rangeOf, unwrapExpression, walkSubtree, type Node } from '../ast.js';
import type { FlagReference } from '../facts.js';
import type { AnalysisState } from './state.js';

/** What a walk of an evaluation's input meets: a clock or random read, or a const whose initialiser is followed. */
export type InputEvent = { found: Node } | { init: Node };

const NETWORK_NAMES = new Set(['fetch', 'axios', 'got', 'ky', 'superagent', 'request', 'http', 'https', '$http', 'ajax', 'undici']);

/** Globals whose result differs from call to call. */
const NONDETERMINISTIC_CALLS = new Set([
  'Math.random',
  'Date.now',
  'performance.now',
  'crypto.randomUUID',
  'crypto.getRandomValues',
  'crypto.randomBytes',
  'crypto.randomInt',
  'process.hrtime',
  'process.hrtime.bigint',
  'process.uptime',
]);

/** Imported functions whose result differs from call to call (module#export). */
const NONDETERMINISTIC_IMPORTS = new Set([
  'crypto#randomUUID',
  'node:crypto#randomUUID',
  'crypto#randomBytes',
  'node:crypto#randomBytes',
  'crypto#randomInt',
  'node:crypto#randomInt',
  'uuid#v4',
  'uuid#v1',
  'uuid#v7',
  'nanoid#nanoid',
  'node:perf_hooks#performance',
]);

/**
 * Clock and random reads in an evaluation's arguments (the key and the context), following
 * consts to their initialisers: `{ userId: Math.random() }`, `const ctx = { id: randomUUID() }`.
 */
export function nondeterministicInputs(state: AnalysisState, value: Node, keyNode: Node): NonNullable<FlagReference['nondeterministic']> {
  const roots: Node[] = [keyNode];
  if (value.type === 'CallExpression' || value.type === 'NewExpression') roots.push(...value.arguments);
  const found = new Map<Node, NonNullable<FlagReference['nondeterministic']>[number]>();
  const visited = new Set<Node>();
  const visit = (root: Node, depth: number) => {
    if (visited.has(root) || depth > 4) return;
    visited.add(root);
    for (const event of inputEventsOf(state, root)) {
      if ('found' in event)
        found.set(event.found, { text: state.resolver.textOf(event.found), range: rangeOf(event.found), loc: state.locate(event.found) });
      else visit(event.init, depth + 1);
    }
  };
  for (const root of roots) visit(root, 0);
  return [...found.values()];
}

/**
 * What a walk of one input of an evaluation meets, in order. Walked once per root: a context
 * object shared by thousands of evaluations (`flags.get(key, ctx)`) is not walked again for each.
 */
function inputEventsOf(state: AnalysisState, root: Node): readonly InputEvent[] {
  let events = state.inputEvents.get(root);
  if (events !== undefined) return events;
  const walked: InputEvent[] = [];
  walkSubtree(root, (node) => {
    if (isFunctionNode(node)) return false;
    if (isNondeterministicCall(state, node)) {
      walked.push({ found: node });
      return false;
    }
    if (
      node.type === 'Identifier' &&
      !(node.parent?.type === 'MemberExpression' && node.parent.property === node && !node.parent.computed)
    ) {
      const binding = state.scopes.lookup(node.name, node);
      if (binding?.init && (binding.kind === 'const' || !binding.reassigned)) walked.push({ init: binding.init });
    }
    return true;
  });
  events = walked;
  state.inputEvents.set(root, events);
  return events;
}

function isNondeterministicCall(state: AnalysisState, node: Node): boolean {
  const { scopes } = state;
  if (node.type === 'NewExpression') {
    return (
      node.callee.type === 'Identifier' &&
      node.callee.name === 'Date' &&
      node.arguments.length === 0 &&
      scopes.lookup('Date', node) === undefined
    );
  }
  if (node.type !== 'CallExpression') return false;
  const chain = memberChain(node.callee);
  if (chain === undefined) return false;
  const text = chain.join('.');
  if (NONDETERMINISTIC_CALLS.has(text) && scopes.lookup(chain[0]!, node) === undefined) return true;
  const imported = scopes.lookup(chain[0]!, node)?.imported;
  if (imported === undefined) return false;
  if (chain.length === 1) return NONDETERMINISTIC_IMPORTS.has(`${imported.source}#${imported.imported}`);
  // `import crypto from 'node:crypto'; crypto.randomUUID()`, `import * as uuid from 'uuid'; uuid.v4()`
  if (chain.length === 2 && (imported.imported === 'default' || imported.imported === '*')) {
    return NONDETERMINISTIC_IMPORTS.has(`${imported.source}#${chain[1]}`);
  }
  return false;
}

/** Inside a function passed to a call that looks like network I/O: `fetch(…).then((r) => flags.get('x'))`. */
export function insideNetworkCallback(node: Node): boolean {
  let current: Node | undefined = node.parent;
  while (current) {
    const parent: Node | undefined = current.parent;
    if (
      isFunctionNode(current) &&
      parent?.type === 'CallExpression' &&
      parent.arguments.includes(current as TSESTree.CallExpressionArgument)
    ) {
      if (isNetworkCall(parent)) return true;
    }
    current = parent;
  }
  return false;
}

function isNetworkCall(call: TSESTree.CallExpression): boolean {
  const chain = memberChain(call.callee) ?? [];
  if (chain.some((name) => NETWORK_NAMES.has(name))) return true;
  const callee = unwrapExpression(call.callee);
  if (callee.type === 'MemberExpression' && (propertyName(callee) === 'then' || propertyName(callee) === 'catch')) {
    const object = unwrapExpression(callee.object);
    return object.type === 'CallExpression' && isNetworkCall(object);
  }
  return false;
}

/** The names and strings a call's arguments mention, nested objects included (`{ algorithm }`). */
export function mentionsOf(call: TSESTree.CallExpression): string[] {
  const mentions = new Set<string>();
  for (const argument of call.arguments) {
    walkSubtree(argument, (node) => {
      if (isFunctionNode(node)) return false;
      if (node.type === 'Identifier') {
        const parent = node.parent;
        const isKey =
          (parent?.type === 'Property' && parent.key === node && !parent.shorthand) ||
          (parent?.type === 'MemberExpression' && parent.property === node && !parent.computed);
        if (!isKey) mentions.add(node.name);
      } else if (node.type === 'Literal' && typeof node.value === 'string') mentions.add(node.value);
      else if (node.type === 'TemplateElement') mentions.add(node.value.cooked ?? node.value.raw);
      return true;
    });
  }
  return [...mentions];
}
