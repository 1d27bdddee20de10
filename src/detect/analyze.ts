import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { AccessorReturns, CompiledAccessor } from '../config/patterns.js';
import {
  contains,
  isFunctionNode,
  locOf,
  memberChain,
  propertyKeyName,
  propertyName,
  rangeOf,
  unwrapExpression,
  walk,
  walkSubtree,
  type Node,
} from './ast.js';
import { containersOf } from './containment.js';
import { alwaysExits, restOfBlock } from './control-flow.js';
import {
  FACTS_VERSION,
  type CandidateArgument,
  type DecisionKind,
  type ExportedValue,
  type FileFacts,
  type FlagDecision,
  type FlagReference,
  type FunctionFact,
  type ImportedName,
  type KeyRef,
  type OverrideState,
  type Range,
  type Region,
  type RegionCall,
  type RegionState,
  type WrapperSpec,
} from './facts.js';
import { KeyResolver, type StringLiteralTypeOf } from './keys.js';
import {
  type AccessorIndex,
  matchCallExpression,
  matchDestructuring,
  matchJsxElement,
  matchMemberExpression,
  type AccessorMatch,
  type MatchedKey,
} from './match.js';
import { consumedAsBoolean, offValueMixesTypes, type BooleanTypeOf } from './off-value.js';
import { PositionQueue } from './position-queue.js';
import { Scopes, type Binding, type FunctionNode } from './scope.js';

export interface AnalyzeOptions {
  index: AccessorIndex;
  /** The file is a test file (its references force states and do not keep a flag alive). */
  test: boolean;
  /** The file's text, for dynamic keys' text. */
  text: string;
  /** With type information: the single string literal type of an expression. */
  stringLiteralTypeOf?: StringLiteralTypeOf;
  /** With type information: whether an expression is a boolean (for the off value of `flag && x`). */
  booleanTypeOf?: BooleanTypeOf;
}

type CallLike = TSESTree.CallExpression | TSESTree.NewExpression;

/** What the flag's value tells, where an expression derived from it is truthy or falsy. */
interface Truth {
  whenTruthy: RegionState | undefined;
  whenFalsy: RegionState | undefined;
}

/** A place where a flag's value is read, and how to read it. */
interface Site {
  reference: number;
  node: Node;
  kind: AccessorReturns;
  truth: Truth;
  variable?: string;
}

/** How an evaluation was found: by a pattern or through a wrapper function of this file. */
interface Finding {
  key: MatchedKey;
  value: Node;
  via: string;
  role: CompiledAccessor['role'];
  keyCase: CompiledAccessor['keyCase'];
  returns: AccessorReturns;
  negated: boolean;
  async: boolean;
  manyKeys: boolean;
  boundTo?: TSESTree.Identifier;
  jsx: boolean;
  specificity: number;
}

const NETWORK_NAMES = new Set(['fetch', 'axios', 'got', 'ky', 'superagent', 'request', 'http', 'https', '$http', 'ajax', 'undici']);
const MOCK_METHODS = new Set([
  'mockReturnValue',
  'mockReturnValueOnce',
  'mockResolvedValue',
  'mockResolvedValueOnce',
  'mockImplementation',
  'mockImplementationOnce',
]);
const MAX_VARIABLE_DEPTH = 8;

/** Calls that return (a wrapped version of) the function they are given: `const useFlag = memo((name) => …)`. */
const FUNCTION_WRAPPERS = new Set(['memo', 'useCallback', 'forwardRef', 'memoize', 'once', 'cache', 'debounce', 'throttle']);

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

function truthOf(kind: AccessorReturns, negated: boolean): Truth {
  let truth: Truth;
  switch (kind) {
    case 'boolean':
      truth = { whenTruthy: 'on', whenFalsy: 'off' };
      break;
    case 'value':
      truth = { whenTruthy: 'variant', whenFalsy: 'variant' };
      break;
    case 'flag':
      truth = { whenTruthy: undefined, whenFalsy: 'missing' };
      break;
    default:
      truth = { whenTruthy: undefined, whenFalsy: undefined };
  }
  return negated ? swap(truth) : truth;
}

function swap(truth: Truth): Truth {
  return { whenTruthy: truth.whenFalsy, whenFalsy: truth.whenTruthy };
}

/** `getFeatureValue('x', false)`: a boolean default says the flag is a boolean. */
function hasBooleanDefault(value: Node, keyNode: Node): boolean {
  if (value.type !== 'CallExpression') return false;
  return value.arguments.some((argument) => argument !== keyNode && argument.type === 'Literal' && typeof argument.value === 'boolean');
}

/** Reading a field of an evaluation result: what the field is. */
function fieldEffect(kind: AccessorReturns, field: string): { kind: AccessorReturns; truth: Truth } | undefined {
  const on: Truth = { whenTruthy: 'on', whenFalsy: 'off' };
  switch (kind) {
    case 'flag':
      if (field === 'enabled') return { kind: 'boolean', truth: on };
      if (field === 'killSwitch') return { kind: 'boolean', truth: swap(on) };
      return { kind: 'value', truth: { whenTruthy: 'variant', whenFalsy: 'variant' } };
    case 'details':
    case 'boolean-details':
      if (field === 'value') {
        return kind === 'boolean-details' ? { kind: 'boolean', truth: on } : { kind: 'value', truth: { whenTruthy: 'variant', whenFalsy: 'variant' } };
      }
      if (field === 'on' || field === 'enabled') return { kind: 'boolean', truth: on };
      if (field === 'off') return { kind: 'boolean', truth: swap(on) };
      if (field === 'name' || field === 'variant') return { kind: 'value', truth: { whenTruthy: 'variant', whenFalsy: 'variant' } };
      return undefined;
    case 'bag':
      return undefined;
    default:
      return { kind: 'value', truth: { whenTruthy: 'variant', whenFalsy: 'variant' } };
  }
}

/** `export { a as 'b-c' }`: export names may be identifiers or strings. */
function exportName(name: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return name.type === 'Identifier' ? name.name : name.value;
}

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
    if (literal('defaultValue') !== undefined) return literal('defaultValue') === true ? 'on' : literal('defaultValue') === false ? 'off' : 'unknown';
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

class FileAnalysis {
  private readonly scopes = new Scopes();
  private readonly resolver: KeyResolver;
  private readonly calls: CallLike[] = [];
  private readonly members: TSESTree.MemberExpression[] = [];
  private readonly jsxElements: TSESTree.JSXOpeningElement[] = [];
  private readonly destructurings: TSESTree.VariableDeclarator[] = [];
  private readonly functionNodes: FunctionNode[] = [];
  private readonly exportNodes: Node[] = [];
  private readonly importSources = new Set<string>();
  /** Identifiers written to: assignment targets and declared variables. */
  private readonly assignmentTargets: TSESTree.Identifier[] = [];

  private readonly functionIds = new Map<FunctionNode, number>();
  private readonly wrappers = new Map<FunctionNode, WrapperSpec>();
  readonly references: FlagReference[] = [];
  readonly decisions: FlagDecision[] = [];
  private readonly sites: Site[] = [];
  /** Evaluation value nodes, for finding wrappers that return a flag. */
  private readonly siteByNode = new Map<Node, number>();
  private readonly handledCalls = new Set<Node>();
  private readonly notes: string[] = [];
  /** Each decision's site (where the flag's value is read), by decision id. */
  private readonly decisionSites: Node[] = [];
  /** The variables receiving each decision's value, by decision id (see fillAssigned). */
  private readonly receivers: string[][] = [];
  /** The calls of each function of this file, found once (see callsOf). */
  private callsByCallee: Map<FunctionNode, CallLike[]> | undefined;
  /** The function each function is written in, by id (see functionsAround). */
  private outerFunctionIds: (number | undefined)[] | undefined;
  /** Methods by name, per class body and object literal, found once per class or object. */
  private readonly methodsByOwner = new Map<Node, Map<string, FunctionNode>>();
  private readonly lookupChecked = new Map<Binding, boolean>();
  private forwardsByFunction: Map<number, { param: number; targets: { target: ImportedName; argument: number }[] }> | undefined;
  /** What walking a root of an evaluation's inputs finds (see nondeterministicInputs). */
  private readonly inputEvents = new Map<Node, ({ found: Node } | { init: Node })[]>();

  constructor(
    private readonly program: TSESTree.Program,
    private readonly options: AnalyzeOptions,
  ) {
    this.resolver = new KeyResolver(this.scopes, options.text, options.stringLiteralTypeOf);
  }

  run(): FileFacts {
    this.collect();
    const findings = this.matchAccessors();
    this.inferKeyParameterWrappers(findings);
    for (const finding of findings.values()) this.addReference(finding);
    this.addCandidates();
    this.inferFixedKeyWrappers();
    for (const site of [...this.sites]) this.decide(site, 0);
    this.fillAssigned();
    const regionCalls = this.collectRegionCalls();
    return {
      version: FACTS_VERSION,
      test: this.options.test,
      references: this.references,
      decisions: this.decisions,
      regionCalls,
      functions: this.functionFacts(),
      module: this.moduleSummary(),
      mocks: this.options.test ? this.collectMocks() : [],
      notes: this.notes,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Collection

  private collect(): void {
    walk(this.program, (node) => {
      this.scopes.visit(node);
      switch (node.type) {
        case 'CallExpression':
        case 'NewExpression':
          this.calls.push(node);
          break;
        case 'MemberExpression':
          this.members.push(node);
          break;
        case 'JSXOpeningElement':
          this.jsxElements.push(node);
          break;
        case 'VariableDeclarator':
          if (node.id.type === 'ObjectPattern') this.destructurings.push(node);
          if (node.id.type === 'Identifier') this.assignmentTargets.push(node.id);
          break;
        case 'AssignmentExpression':
          if (node.left.type === 'Identifier') this.assignmentTargets.push(node.left);
          break;
        case 'FunctionDeclaration':
        case 'FunctionExpression':
        case 'ArrowFunctionExpression':
          this.functionIds.set(node, this.functionNodes.length);
          this.functionNodes.push(node);
          break;
        case 'ExportNamedDeclaration':
        case 'ExportDefaultDeclaration':
        case 'ExportAllDeclaration':
          this.exportNodes.push(node);
          if (node.type !== 'ExportDefaultDeclaration' && node.source) this.importSources.add(String(node.source.value));
          break;
        case 'ImportDeclaration':
          this.importSources.add(String(node.source.value));
          break;
        default:
          break;
      }
    });
    this.scopes.finish();
  }

  // ---------------------------------------------------------------------------------------------
  // Accessor matching

  private matchAccessors(): Map<Node, Finding> {
    const { index } = this.options;
    const matches: AccessorMatch[] = [];
    for (const call of this.calls) matches.push(...matchCallExpression(call, index, this.scopes));
    for (const member of this.members) matches.push(...matchMemberExpression(member, index, this.scopes));
    for (const declarator of this.destructurings) matches.push(...matchDestructuring(declarator, index, this.scopes));
    for (const element of this.jsxElements) matches.push(...matchJsxElement(element, index, this.scopes));

    // One key, one reference: `isFeatureEnabled(flags.get('x'), ctx)` is found by both seed
    // patterns; the outer evaluation wins, then the more specific pattern.
    const findings = new Map<Node, Finding>();
    // Every call a pattern matched is an accessor call, even where an outer match wins its key.
    for (const match of matches) this.handledCalls.add(match.value);
    for (const match of matches) {
      for (const key of match.keys) {
        const accessor = match.accessor;
        const finding: Finding = {
          key,
          value: match.value,
          via: accessor.source,
          role: accessor.role,
          keyCase: accessor.keyCase,
          returns: accessor.returns,
          negated: accessor.negated,
          async: accessor.async,
          manyKeys: accessor.manyKeys,
          jsx: match.value.type === 'JSXElement',
          specificity: accessor.specificity,
        };
        const bound = match.boundTo?.get(key);
        if (bound) finding.boundTo = bound;
        const existing = findings.get(key.node);
        if (existing === undefined || this.preferable(finding, existing)) findings.set(key.node, finding);
      }
    }
    return findings;
  }

  private preferable(candidate: Finding, existing: Finding): boolean {
    const [a, b] = [rangeOf(candidate.value), rangeOf(existing.value)];
    if (contains(a, b) && (a[0] !== b[0] || a[1] !== b[1])) return true;
    if (contains(b, a) && (a[0] !== b[0] || a[1] !== b[1])) return false;
    return candidate.specificity > existing.specificity;
  }

  // ---------------------------------------------------------------------------------------------
  // Wrappers of this file

  /** The parameter a key expression is, when it is a plain parameter of an enclosing function. */
  private keyParameter(key: MatchedKey): { fn: FunctionNode; index: number } | undefined {
    if (key.name !== undefined) return undefined;
    const resolved = this.resolver.resolve(key.node);
    if (resolved.kind !== 'parameter') return undefined;
    const parameterOf = resolved.binding.parameterOf;
    if (parameterOf === undefined || this.isCallback(parameterOf.fn)) return undefined;
    let param: Node | undefined = parameterOf.fn.params[parameterOf.index];
    if (param?.type === 'TSParameterProperty') param = param.parameter;
    if (param?.type === 'AssignmentPattern') param = param.left;
    return param?.type === 'Identifier' && param.name === resolved.binding.name ? parameterOf : undefined;
  }

  /**
   * A function passed straight to a call (`keys.filter((key) => flags.get(key))`) is never called
   * by name, so its parameter is not a wrapper's key: the key stays dynamic. A function wrapped
   * and bound to a name (`const useFlag = memo((name) => …)`) is still named.
   */
  private isCallback(fn: FunctionNode): boolean {
    const parent = fn.parent;
    if (parent?.type !== 'CallExpression' && parent?.type !== 'NewExpression') return false;
    if (!parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
    const wrapsFunction = FUNCTION_WRAPPERS.has(memberChain(parent.callee)?.at(-1) ?? '');
    return !(wrapsFunction && parent.parent?.type === 'VariableDeclarator');
  }

  private functionName(fn: FunctionNode): string {
    if (fn.type === 'FunctionDeclaration' && fn.id) return fn.id.name;
    if (fn.type === 'FunctionExpression' && fn.id) return fn.id.name;
    const parent = fn.parent;
    if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
    if (parent?.type === 'Property' || parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') {
      const name = propertyKeyName(parent);
      if (name !== undefined) {
        const owner = parent.parent?.parent;
        const className = (owner?.type === 'ClassDeclaration' || owner?.type === 'ClassExpression') && owner.id ? `${owner.id.name}.` : '';
        return `${className}${name}`;
      }
    }
    if (parent?.type === 'ExportDefaultDeclaration') return 'default';
    if (parent?.type === 'AssignmentExpression') return memberChain(parent.left)?.join('.') ?? '<anonymous>';
    if (parent?.type === 'CallExpression') {
      // `const useFlag = memo((name) => …)` and similar wrappers around a function.
      const declarator = parent.parent;
      if (declarator?.type === 'VariableDeclarator' && declarator.id.type === 'Identifier') return declarator.id.name;
    }
    return '<anonymous>';
  }

  /** The function a call calls, when it is defined in this file. */
  private localCallee(call: CallLike): FunctionNode | undefined {
    const callee = unwrapExpression(call.callee);
    if (callee.type === 'Identifier') return this.functionBoundTo(this.scopes.lookup(callee.name, callee));
    if (callee.type !== 'MemberExpression') return undefined;
    const method = propertyName(callee);
    if (method === undefined) return undefined;
    const object = unwrapExpression(callee.object);
    if (object.type === 'ThisExpression') return this.methodOfEnclosingClass(callee, method);
    if (object.type === 'Identifier') {
      const binding = this.scopes.lookup(object.name, object);
      const init = binding?.kind === 'const' && binding.init ? unwrapExpression(binding.init) : undefined;
      if (init?.type === 'ObjectExpression') return this.methodOfObject(init, method);
      if (init?.type === 'NewExpression' && init.callee.type === 'Identifier') {
        const classNode = this.scopes.lookup(init.callee.name, init.callee)?.classNode;
        if (classNode) return this.methodOfClass(classNode.body, method);
      }
    }
    return undefined;
  }

  private functionBoundTo(binding: Binding | undefined): FunctionNode | undefined {
    if (binding === undefined) return undefined;
    if (binding.functionNode) return binding.functionNode;
    // `const useFlag = memo((name) => …)`: the wrapped function.
    const init = binding.kind === 'const' && binding.init ? unwrapExpression(binding.init) : undefined;
    if (init?.type === 'CallExpression' && FUNCTION_WRAPPERS.has(memberChain(init.callee)?.at(-1) ?? '')) {
      const inner = init.arguments[0];
      if (inner && isFunctionNode(inner)) return inner;
    }
    return undefined;
  }

  /**
   * The first function-valued member of each name, of an object literal or a class body: found
   * once per owner, as a generated class of thousands of methods calling each other would
   * otherwise search its members at every call.
   */
  private methodsOf(owner: TSESTree.ObjectExpression | TSESTree.ClassBody): Map<string, FunctionNode> {
    let methods = this.methodsByOwner.get(owner);
    if (methods === undefined) {
      methods = new Map();
      const members: Node[] = owner.type === 'ObjectExpression' ? owner.properties : owner.body;
      for (const member of members) {
        if (member.type !== 'Property' && member.type !== 'MethodDefinition' && member.type !== 'PropertyDefinition') continue;
        const name = propertyKeyName(member);
        const value = member.value;
        if (name !== undefined && value != null && isFunctionNode(value) && !methods.has(name)) methods.set(name, value);
      }
      this.methodsByOwner.set(owner, methods);
    }
    return methods;
  }

  private methodOfObject(object: TSESTree.ObjectExpression, name: string): FunctionNode | undefined {
    return this.methodsOf(object).get(name);
  }

  private methodOfClass(body: TSESTree.ClassBody, name: string): FunctionNode | undefined {
    return this.methodsOf(body).get(name);
  }

  /** The calls of a function of this file, in order. */
  private callsOf(fn: FunctionNode): readonly CallLike[] {
    if (this.callsByCallee === undefined) {
      this.callsByCallee = new Map();
      for (const call of this.calls) {
        const callee = this.localCallee(call);
        if (callee === undefined) continue;
        const calls = this.callsByCallee.get(callee);
        if (calls === undefined) this.callsByCallee.set(callee, [call]);
        else calls.push(call);
      }
    }
    return this.callsByCallee.get(fn) ?? [];
  }

  private methodOfEnclosingClass(node: Node, name: string): FunctionNode | undefined {
    let current: Node | undefined = node.parent;
    while (current) {
      if (current.type === 'ClassBody') return this.methodOfClass(current, name);
      current = current.parent;
    }
    return undefined;
  }

  /**
   * A function whose parameter flows into an accessor's key is an accessor itself: its calls are
   * references (with `via` naming it), and the use of the parameter inside is not a dynamic key.
   * Wrappers of wrappers too, to a fixed point.
   *
   * That is passes over the file's calls in order, each taking the calls of the wrappers known when
   * it gets to them, until a pass finds no new wrapper. Which call makes a function a wrapper first
   * decides what kind of wrapper it is, so that order is kept; but a pass visits only the calls of
   * wrappers (a queue of their positions), as wrappers declared in the reverse order of their use
   * would otherwise take as many passes over every call as there are wrappers.
   */
  private inferKeyParameterWrappers(findings: Map<Node, Finding>): void {
    for (const [node, finding] of findings) {
      const parameter = this.keyParameter(finding.key);
      if (parameter === undefined) continue;
      findings.delete(node);
      this.registerKeyWrapper(parameter.fn, parameter.index, finding);
    }
    const position = new Map(this.calls.map((call, index) => [call as Node, index]));
    let pass = new PositionQueue();
    for (const fn of this.wrappers.keys()) for (const call of this.callsOf(fn)) pass.push(position.get(call)!);
    while (pass.size > 0) {
      const nextPass = new PositionQueue();
      for (let at = pass.pop(); at !== undefined; at = pass.pop()) {
        const call = this.calls[at]!;
        if (this.handledCalls.has(call)) continue;
        const fn = this.localCallee(call);
        const spec = fn === undefined ? undefined : this.wrappers.get(fn);
        if (spec === undefined || spec.kind !== 'key-param') continue;
        const argument = call.arguments[spec.param];
        if (argument === undefined) continue;
        this.handledCalls.add(call);
        const stateArgument = spec.stateParam === undefined ? undefined : call.arguments[spec.stateParam];
        const finding: Finding = {
          key: stateArgument === undefined ? { node: argument } : { node: argument, state: stateArgument },
          value: call,
          via: spec.name,
          role: spec.role,
          keyCase: spec.keyCase,
          returns: spec.valueKind,
          negated: spec.negated,
          async: spec.asyncAccessor,
          manyKeys: false,
          jsx: false,
          specificity: 0,
        };
        const parameter = this.keyParameter(finding.key);
        if (parameter === undefined) {
          findings.set(argument, finding);
          continue;
        }
        if (!this.registerKeyWrapper(parameter.fn, parameter.index, finding)) continue;
        // Calls of the new wrapper later in this pass are taken in it; earlier ones, in the next.
        for (const later of this.callsOf(parameter.fn)) {
          const laterAt = position.get(later)!;
          (laterAt > at ? pass : nextPass).push(laterAt);
        }
      }
      pass = nextPass;
    }
  }

  private registerKeyWrapper(fn: FunctionNode, param: number, finding: Finding): boolean {
    if (this.wrappers.has(fn)) return false;
    const spec: WrapperSpec = {
      kind: 'key-param',
      param,
      role: finding.role,
      keyCase: finding.keyCase,
      valueKind: finding.manyKeys ? 'bag' : finding.returns,
      negated: finding.negated,
      asyncAccessor: finding.async,
      name: this.functionName(fn),
    };
    const state = finding.key.state === undefined ? undefined : this.keyParameter({ node: finding.key.state });
    if (finding.role === 'override' && state?.fn === fn) spec.stateParam = state.index;
    this.wrappers.set(fn, spec);
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // References

  private enclosingFunctionId(node: Node): number | undefined {
    let current: Node | undefined = node.parent;
    while (current) {
      if (isFunctionNode(current)) return this.functionIds.get(current);
      current = current.parent;
    }
    return undefined;
  }

  private resolveKey(key: MatchedKey): KeyRef {
    if (key.name !== undefined) return { kind: 'static', key: key.name };
    const resolved = this.resolver.resolve(key.node);
    return resolved.kind === 'parameter' ? { kind: 'dynamic', text: this.resolver.textOf(key.node) } : resolved;
  }

  /**
   * Clock and random reads in an evaluation's arguments (the key and the context), following
   * consts to their initialisers: `{ userId: Math.random() }`, `const ctx = { id: randomUUID() }`.
   */
  private nondeterministicInputs(value: Node, keyNode: Node): { text: string; range: Range; loc: ReturnType<typeof locOf> }[] {
    const roots: Node[] = [keyNode];
    if (value.type === 'CallExpression' || value.type === 'NewExpression') roots.push(...value.arguments);
    const found = new Map<Node, { text: string; range: Range; loc: ReturnType<typeof locOf> }>();
    const visited = new Set<Node>();
    const visit = (root: Node, depth: number) => {
      if (visited.has(root) || depth > 4) return;
      visited.add(root);
      for (const event of this.inputEventsOf(root)) {
        if ('found' in event) found.set(event.found, { text: this.resolver.textOf(event.found), range: rangeOf(event.found), loc: locOf(event.found) });
        else visit(event.init, depth + 1);
      }
    };
    for (const root of roots) visit(root, 0);
    return [...found.values()];
  }

  /**
   * What a walk of one input of an evaluation meets, in order: clock and random reads, and consts
   * whose initialisers are followed. Walked once per root: a context object shared by thousands of
   * evaluations (`flags.get(key, ctx)`) is not walked again for each.
   */
  private inputEventsOf(root: Node): readonly ({ found: Node } | { init: Node })[] {
    let events = this.inputEvents.get(root);
    if (events !== undefined) return events;
    const walked: ({ found: Node } | { init: Node })[] = [];
    walkSubtree(root, (node) => {
      if (isFunctionNode(node)) return false;
      if (this.isNondeterministicCall(node)) {
        walked.push({ found: node });
        return false;
      }
      if (node.type === 'Identifier' && !(node.parent?.type === 'MemberExpression' && node.parent.property === node && !node.parent.computed)) {
        const binding = this.scopes.lookup(node.name, node);
        if (binding?.init && (binding.kind === 'const' || !binding.reassigned)) walked.push({ init: binding.init });
      }
      return true;
    });
    events = walked;
    this.inputEvents.set(root, events);
    return events;
  }

  private isNondeterministicCall(node: Node): boolean {
    if (node.type === 'NewExpression') {
      return node.callee.type === 'Identifier' && node.callee.name === 'Date' && node.arguments.length === 0 && this.scopes.lookup('Date', node) === undefined;
    }
    if (node.type !== 'CallExpression') return false;
    const chain = memberChain(node.callee);
    if (chain === undefined) return false;
    const text = chain.join('.');
    if (NONDETERMINISTIC_CALLS.has(text) && this.scopes.lookup(chain[0]!, node) === undefined) return true;
    const imported = this.scopes.lookup(chain[0]!, node)?.imported;
    if (imported === undefined) return false;
    if (chain.length === 1) return NONDETERMINISTIC_IMPORTS.has(`${imported.source}#${imported.imported}`);
    // `import crypto from 'node:crypto'; crypto.randomUUID()`, `import * as uuid from 'uuid'; uuid.v4()`
    if (chain.length === 2 && (imported.imported === 'default' || imported.imported === '*')) {
      return NONDETERMINISTIC_IMPORTS.has(`${imported.source}#${chain[1]}`);
    }
    return false;
  }

  private insideNetworkCallback(node: Node): boolean {
    let current: Node | undefined = node.parent;
    while (current) {
      const parent: Node | undefined = current.parent;
      if (isFunctionNode(current) && parent?.type === 'CallExpression' && parent.arguments.includes(current as TSESTree.CallExpressionArgument)) {
        if (this.isNetworkCall(parent)) return true;
      }
      current = parent;
    }
    return false;
  }

  private isNetworkCall(call: TSESTree.CallExpression): boolean {
    const chain = memberChain(call.callee) ?? [];
    if (chain.some((name) => NETWORK_NAMES.has(name))) return true;
    const callee = unwrapExpression(call.callee);
    if (callee.type === 'MemberExpression' && (propertyName(callee) === 'then' || propertyName(callee) === 'catch')) {
      const object = unwrapExpression(callee.object);
      return object.type === 'CallExpression' && this.isNetworkCall(object);
    }
    return false;
  }

  private addReference(finding: Finding, indirect = false): number {
    const id = this.references.length;
    const value = finding.value;
    const functionId = this.enclosingFunctionId(finding.key.node);
    const reference: FlagReference = {
      id,
      key: indirect ? { kind: 'dynamic', text: '' } : this.resolveKey(finding.key),
      keyCase: finding.keyCase,
      role: finding.role,
      via: finding.via,
      keyText: this.resolver.textOf(finding.key.node),
      range: rangeOf(finding.key.node),
      loc: locOf(finding.key.node),
      valueRange: rangeOf(value),
      valueKind: finding.manyKeys ? 'bag' : finding.returns,
      negated: finding.negated,
      awaited: false,
      asyncAccessor: finding.async,
      insideNetworkCallback: this.insideNetworkCallback(finding.key.node),
    };
    if (functionId !== undefined) reference.functionId = functionId;
    if (finding.role === 'override') reference.state = overrideStateOf(finding.key.state);
    if (finding.role === 'evaluate') {
      const sources = this.nondeterministicInputs(value, finding.key.node);
      if (sources.length > 0) reference.nondeterministic = sources;
    }
    this.references.push(reference);
    if (finding.role === 'evaluate' && !finding.manyKeys) this.addSites(reference, finding);
    return id;
  }

  private addSites(reference: FlagReference, finding: Finding): void {
    let kind = finding.returns;
    if ((kind === 'value' || kind === 'details') && hasBooleanDefault(finding.value, finding.key.node)) {
      kind = kind === 'value' ? 'boolean' : 'boolean-details';
      reference.valueKind = kind;
    }
    if (kind === 'bag') return;
    const truth = truthOf(kind, finding.negated);
    if (finding.jsx) {
      if (kind === 'boolean') this.addJsxComponentDecision(reference.id, finding.value as TSESTree.JSXElement, truth);
      return;
    }
    if (finding.boundTo !== undefined) {
      for (const read of this.readsOf(finding.boundTo)) this.addSite({ reference: reference.id, node: read, kind, truth, variable: finding.boundTo.name });
      return;
    }
    this.addSite({ reference: reference.id, node: finding.value, kind, truth });
  }

  private addSite(site: Site): void {
    const climbed = this.climbSite(site);
    if (climbed === undefined) return;
    const reference = this.references[site.reference]!;
    const { whenTruthy, whenFalsy } = climbed.truth;
    if ((whenTruthy === 'on' && whenFalsy === 'off') || (whenTruthy === 'off' && whenFalsy === 'on')) {
      (reference.folds ??= []).push({ range: rangeOf(climbed.node), whenOn: whenTruthy === 'on' });
    }
    if (climbed.awaited) reference.awaited = true;
    if (climbed.uncheckedLookup && reference.uncheckedLookup === undefined) reference.uncheckedLookup = climbed.uncheckedLookup;
    this.siteByNode.set(climbed.node, this.sites.length);
    this.sites.push(climbed);
  }

  /**
   * From an evaluation outwards through what keeps it the flag's value: `await`, `?.`, type
   * assertions, and fields of a result (`.enabled`, `.killSwitch`, `.value`).
   */
  private climbSite(site: Site): (Site & { awaited: boolean; uncheckedLookup?: Range }) | undefined {
    let { node, kind, truth } = site;
    let awaited = false;
    let uncheckedLookup: Range | undefined;
    for (;;) {
      const parent = node.parent;
      if (parent == null) break;
      if (
        parent.type === 'ChainExpression' ||
        parent.type === 'TSAsExpression' ||
        parent.type === 'TSNonNullExpression' ||
        parent.type === 'TSSatisfiesExpression' ||
        parent.type === 'TSTypeAssertion'
      ) {
        node = parent;
        continue;
      }
      if (parent.type === 'AwaitExpression') {
        awaited = true;
        node = parent;
        continue;
      }
      if (parent.type === 'MemberExpression' && parent.object === node && !this.isMethodCallee(parent)) {
        const field = propertyName(parent);
        const effect = field === undefined ? undefined : fieldEffect(kind, field);
        if (effect === undefined) return undefined;
        if (kind === 'flag' && !parent.optional && !this.lookupIsChecked(site)) uncheckedLookup = rangeOf(parent);
        kind = effect.kind;
        truth = effect.truth;
        node = parent;
        continue;
      }
      break;
    }
    // `const flagsNow = await client.getEnvironmentFlags(); flagsNow.isFeatureEnabled('x')`: the answer waited on a fetch.
    if (!awaited && site.node.type === 'CallExpression') awaited = this.receiverWasAwaited(site.node);
    const climbed: Site & { awaited: boolean; uncheckedLookup?: Range } = { ...site, node, kind, truth, awaited };
    if (uncheckedLookup) climbed.uncheckedLookup = uncheckedLookup;
    return climbed;
  }

  private receiverWasAwaited(call: TSESTree.CallExpression): boolean {
    const callee = unwrapExpression(call.callee);
    if (callee.type !== 'MemberExpression') return false;
    const receiver = unwrapExpression(callee.object);
    if (receiver.type === 'AwaitExpression') return true;
    if (receiver.type !== 'Identifier') return false;
    const binding = this.scopes.lookup(receiver.name, receiver);
    if (binding?.kind !== 'const' || binding.init === undefined || unwrapExpression(binding.init).type !== 'AwaitExpression') return false;
    // Awaited in the same function (a fetch per call), not a client awaited once at start-up.
    return this.enclosingFunctionId(binding.id) === this.enclosingFunctionId(call);
  }

  private isMethodCallee(member: TSESTree.MemberExpression): boolean {
    let node: Node = member;
    while (node.parent?.type === 'ChainExpression') node = node.parent;
    return node.parent?.type === 'CallExpression' && node.parent.callee === node;
  }

  /** A lookup held in a variable counts as checked when any read of it tests it. */
  private lookupIsChecked(site: Site): boolean {
    if (site.variable === undefined || site.node.type !== 'Identifier') return false;
    const binding = this.scopes.lookup(site.node.name, site.node);
    if (binding === undefined) return false;
    // Asked at every read of the variable: answered once.
    let checked = this.lookupChecked.get(binding);
    if (checked === undefined) {
      checked = this.anyReadChecks(binding);
      this.lookupChecked.set(binding, checked);
    }
    return checked;
  }

  private anyReadChecks(binding: Binding): boolean {
    return this.scopes.readsOf(binding).some((read) => {
      const parent = read.parent;
      if (parent == null) return false;
      if (parent.type === 'UnaryExpression' && parent.operator === '!') return true;
      if (parent.type === 'LogicalExpression' && parent.left === read) return true;
      if ((parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') && parent.test === read) return true;
      // `processor?.enabled ? … processor.x … : …`: reading with ?. is handling the missing case.
      if (parent.type === 'MemberExpression' && parent.object === read && parent.optional) return true;
      return parent.type === 'BinaryExpression' && ['==', '===', '!=', '!=='].includes(parent.operator);
    });
  }

  /** Calls to imported functions: flag accessors if the module graph finds those are wrappers. */
  private addCandidates(): void {
    for (const call of this.calls) {
      if (this.handledCalls.has(call) || call.type !== 'CallExpression') continue;
      const callee = this.importedCallee(call.callee);
      if (callee === undefined) continue;
      const functionId = this.enclosingFunctionId(call);
      const args: CandidateArgument[] = call.arguments.map((argument) => {
        const resolved = this.resolver.resolve(argument);
        if (resolved.kind === 'parameter') {
          const parameter = this.keyParameter({ node: argument });
          const id = parameter === undefined ? undefined : this.functionIds.get(parameter.fn);
          if (parameter !== undefined && id !== undefined) return { kind: 'parameter', index: parameter.index, functionId: id };
          return { kind: 'dynamic', text: this.resolver.textOf(argument) };
        }
        return resolved;
      });
      const id = this.references.length;
      const reference: FlagReference = {
        id,
        key: { kind: 'dynamic', text: this.resolver.textOf(call) },
        keyCase: 'exact',
        role: 'evaluate',
        via: callee.path.length > 0 ? `${callee.name}.${callee.path.join('.')}` : callee.name,
        keyText: this.resolver.textOf(call),
        range: rangeOf(call),
        loc: locOf(call),
        valueRange: rangeOf(call),
        valueKind: 'boolean',
        negated: false,
        awaited: false,
        asyncAccessor: false,
        insideNetworkCallback: this.insideNetworkCallback(call),
        candidate: {
          callee,
          args,
          argStates: call.arguments.map((argument) => overrideStateOf(argument)),
          argSpans: call.arguments.map((argument) => ({ range: rangeOf(argument), loc: locOf(argument), text: this.resolver.textOf(argument) })),
        },
      };
      if (functionId !== undefined) reference.functionId = functionId;
      this.references.push(reference);
      this.addSite({ reference: id, node: call, kind: 'boolean', truth: truthOf('boolean', false) });
    }
  }

  private importedCallee(node: Node): ImportedName | undefined {
    const callee = unwrapExpression(node);
    const path: string[] = [];
    let current: Node = callee;
    while (current.type === 'MemberExpression') {
      const name = propertyName(current);
      if (name === undefined) return undefined;
      path.unshift(name);
      current = unwrapExpression(current.object);
    }
    if (current.type !== 'Identifier' || path.length > 2) return undefined;
    const imported = this.scopes.lookup(current.name, current)?.imported;
    if (imported === undefined) return undefined;
    if (imported.imported === '*') {
      const [name, ...rest] = path;
      return name === undefined ? undefined : { source: imported.source, name, path: rest };
    }
    return { source: imported.source, name: imported.imported, path };
  }

  /**
   * A function that returns a flag evaluation of a fixed key (`const isNewCheckout = () =>
   * flags.isEnabled('new_checkout')`) makes each of its calls an evaluation of that flag.
   */
  private inferFixedKeyWrappers(): void {
    for (let round = 0; round < 8; round++) {
      let changed = false;
      for (const fn of this.functionNodes) {
        if (this.wrappers.has(fn)) continue;
        const returned = this.returnedFlag(fn);
        if (returned === undefined) continue;
        const reference = this.references[returned.reference]!;
        if (reference.candidate !== undefined) {
          // Passing its own parameter on makes it a forwarding wrapper, not a fixed one.
          const fnId = this.functionIds.get(fn);
          const forwards = reference.candidate.args.some((arg) => arg.kind === 'parameter' && arg.functionId === fnId);
          if (reference.candidate.through !== undefined || forwards) continue;
          this.registerFixedCallWrapper(fn, reference.candidate, returned.negated);
          changed = true;
          continue;
        }
        if (reference.key.kind === 'dynamic' && reference.indirect !== true) continue;
        const key = reference.indirect ? this.fixedKeyOf(reference) : reference.key;
        if (key === undefined) continue;
        const spec: WrapperSpec = { kind: 'fixed-key', key, negated: returned.negated, valueKind: returned.kind, name: this.functionName(fn) };
        this.wrappers.set(fn, spec);
        changed = true;
        for (const call of this.callsOf(fn)) {
          if (this.handledCalls.has(call)) continue;
          this.handledCalls.add(call);
          const id = this.addReference(
            {
              key: { node: call },
              value: call,
              via: spec.name,
              role: 'evaluate',
              keyCase: reference.keyCase,
              returns: 'boolean',
              negated: returned.negated,
              async: reference.asyncAccessor,
              manyKeys: false,
              jsx: false,
              specificity: 0,
            },
            true,
          );
          const added = this.references[id]!;
          added.key = key;
          added.indirect = true;
          added.valueKind = returned.kind;
        }
      }
      if (!changed) return;
    }
  }

  /**
   * A function returning a call of an imported function with fixed arguments: a fixed-key wrapper
   * when the module graph finds that function is a key wrapper. Its local calls stay pending too.
   */
  private registerFixedCallWrapper(fn: FunctionNode, candidate: NonNullable<FlagReference['candidate']>, negated: boolean): void {
    const name = this.functionName(fn);
    this.wrappers.set(fn, { kind: 'fixed-call', target: candidate.callee, args: candidate.args, negated, name });
    for (const call of this.callsOf(fn)) {
      if (this.handledCalls.has(call) || call.type !== 'CallExpression') continue;
      this.handledCalls.add(call);
      const id = this.references.length;
      const reference: FlagReference = {
        id,
        key: { kind: 'dynamic', text: this.resolver.textOf(call) },
        keyCase: 'exact',
        role: 'evaluate',
        via: name,
        keyText: this.resolver.textOf(call),
        range: rangeOf(call),
        loc: locOf(call),
        valueRange: rangeOf(call),
        valueKind: 'boolean',
        negated: false,
        awaited: false,
        asyncAccessor: false,
        insideNetworkCallback: this.insideNetworkCallback(call),
        candidate: { ...candidate, through: { name, negated } },
      };
      const functionId = this.enclosingFunctionId(call);
      if (functionId !== undefined) reference.functionId = functionId;
      this.references.push(reference);
      this.addSite({ reference: id, node: call, kind: 'boolean', truth: truthOf('boolean', false) });
    }
  }

  private fixedKeyOf(reference: FlagReference): KeyRef | undefined {
    return reference.key.kind === 'dynamic' ? undefined : reference.key;
  }

  /** What a function returns, when it is one flag evaluation (possibly negated). */
  private returnedFlag(fn: FunctionNode): { reference: number; negated: boolean; kind: AccessorReturns } | undefined {
    let returned: Node | undefined;
    if (fn.body.type !== 'BlockStatement') returned = fn.body;
    else {
      const returns: TSESTree.ReturnStatement[] = [];
      walkSubtree(fn.body, (node) => {
        if (isFunctionNode(node)) return false;
        if (node.type === 'ReturnStatement') returns.push(node);
        return true;
      });
      if (returns.length !== 1 || returns[0]!.argument == null) return undefined;
      returned = returns[0]!.argument;
    }
    let negated = false;
    let node: Node = returned;
    let siteIndex = this.siteByNode.get(node);
    while (siteIndex === undefined) {
      if (node.type === 'UnaryExpression' && node.operator === '!') {
        negated = !negated;
        node = node.argument;
      } else if (node.type === 'AwaitExpression') node = node.argument;
      else if (unwrapExpression(node) !== node) node = unwrapExpression(node);
      else break;
      siteIndex = this.siteByNode.get(node);
    }
    if (siteIndex === undefined && node.type === 'Identifier') {
      const binding = this.scopes.lookup(node.name, node);
      if (binding?.kind === 'const' && binding.init) siteIndex = this.siteByNode.get(unwrapExpression(binding.init)) ?? this.siteByNode.get(binding.init);
    }
    if (siteIndex === undefined) return undefined;
    const site = this.sites[siteIndex]!;
    if (site.kind !== 'boolean') return undefined;
    const siteNegated = site.truth.whenTruthy === 'off';
    return { reference: site.reference, negated: negated !== siteNegated, kind: site.kind };
  }

  // ---------------------------------------------------------------------------------------------
  // Decisions

  /** Reads of a variable: identifiers in its scope that resolve to it, other than its declaration. */
  private readsOf(id: TSESTree.Identifier): readonly TSESTree.Identifier[] {
    const binding = this.scopes.lookup(id.name, id);
    return binding === undefined ? [] : this.scopes.readsOf(binding);
  }

  private region(node: Node | Range, state: RegionState | undefined, kind: Region['kind'], label?: string): Region | undefined {
    if (state === undefined) return undefined;
    const range = Array.isArray(node) ? (node as Range) : rangeOf(node as Node);
    const region: Region = { range, state, kind };
    if (label !== undefined) region.label = label;
    return region;
  }

  /**
   * Outwards from where the flag's value is read, through `!`, `&&`, `||`, `??` and comparisons,
   * to what consumes it: an if, a conditional, a loop, a switch, a variable (whose reads are then
   * followed), JSX, or a value. Each operand or branch that runs only in a known state of the flag
   * becomes a region.
   */
  private decide(site: Site, depth: number): void {
    let node = site.node;
    let truth = site.truth;
    const regions: Region[] = [];
    let offYieldsFlagValue = false;
    const push = (region: Region | undefined) => {
      if (region) regions.push(region);
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
          if (parent.operator !== '!') return this.finishValue(site, node, regions, offYieldsFlagValue);
          truth = swap(truth);
          node = parent;
          continue;
        case 'LogicalExpression': {
          if (parent.left === node) {
            if (parent.operator === '&&') {
              push(this.region(parent.right, truth.whenTruthy, 'operand'));
              // `flag && create()` mixes the flag's falsy value with something else; `a && b === c` is a boolean either way.
              offYieldsFlagValue = truth.whenTruthy !== undefined && offValueMixesTypes(parent.right, this.options.booleanTypeOf);
              truth = { whenTruthy: truth.whenTruthy, whenFalsy: undefined };
            } else if (parent.operator === '||') {
              push(this.region(parent.right, truth.whenFalsy, 'operand'));
              offYieldsFlagValue = false;
              truth = { whenTruthy: undefined, whenFalsy: truth.whenFalsy };
            } else {
              push(this.region(parent.right, site.kind === 'boolean' || site.kind === 'value' ? 'missing' : undefined, 'operand'));
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
          if (!['===', '==', '!==', '!='].includes(parent.operator)) return this.finishValue(site, node, regions, offYieldsFlagValue);
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
          if (parent.test !== node) return this.finishValue(site, node, regions, offYieldsFlagValue);
          push(this.region(parent.consequent, truth.whenTruthy, 'consequent'));
          push(this.region(parent.alternate, truth.whenFalsy, 'alternate'));
          this.emit(site, 'conditional', parent, parent.test, regions, { inJsx: this.inJsx(parent) });
          return;
        case 'IfStatement': {
          if (parent.test !== node) return;
          push(this.region(parent.consequent, truth.whenTruthy, 'consequent'));
          const consequentExits = alwaysExits(parent.consequent);
          let fallsThrough = false;
          if (parent.alternate) {
            push(this.region(parent.alternate, truth.whenFalsy, 'alternate'));
            const rest = restOfBlock(parent);
            if (rest && !consequentExits && alwaysExits(parent.alternate)) push(this.region(rest, truth.whenTruthy, 'rest'));
          } else if (consequentExits) {
            const rest = restOfBlock(parent);
            if (rest) push(this.region(rest, truth.whenFalsy, 'rest'));
          } else {
            fallsThrough = true;
          }
          this.emit(site, 'if', parent, parent.test, regions, { fallsThrough });
          return;
        }
        case 'WhileStatement':
        case 'DoWhileStatement':
        case 'ForStatement':
          if (parent.test !== node) return;
          push(this.region(parent.body, truth.whenTruthy, 'body'));
          this.emit(site, 'loop', parent, node, regions);
          return;
        case 'SwitchStatement': {
          if (parent.discriminant !== node) return;
          for (const switchCase of parent.cases) {
            const first = switchCase.consequent[0];
            const last = switchCase.consequent.at(-1);
            if (first === undefined || last === undefined) continue;
            const test = switchCase.test ? unwrapExpression(switchCase.test) : undefined;
            let state: RegionState = 'variant';
            if (test?.type === 'Literal' && typeof test.value === 'boolean') state = (test.value ? truth.whenTruthy : truth.whenFalsy) ?? 'variant';
            const label = test ? this.options.text.slice(test.range[0], test.range[1]) : 'default';
            push(this.region([first.range[0], last.range[1]], state, test ? 'case' : 'default', label));
          }
          this.emit(site, 'switch', parent, node, regions);
          return;
        }
        case 'VariableDeclarator':
          if (parent.init !== node) return;
          if (regions.length > 0) this.emit(site, 'logical', node, node, regions, { offYieldsFlagValue: offYieldsFlagValue && !consumedAsBoolean(node, this.options.booleanTypeOf) });
          this.followVariable(site, parent, truth, depth);
          return;
        default:
          return this.finishValue(site, node, regions, offYieldsFlagValue);
      }
    }
  }

  /** `const useNew = isFeatureEnabled(…)`, `const { value: on } = useFlag(…)`: the variable's reads decide. */
  private followVariable(site: Site, declarator: TSESTree.VariableDeclarator, truth: Truth, depth: number): void {
    if (depth >= MAX_VARIABLE_DEPTH) return;
    const declaration = declarator.parent;
    if (declaration?.type !== 'VariableDeclaration') return;
    if (declarator.id.type === 'Identifier') {
      const binding = this.scopes.lookup(declarator.id.name, declarator.id);
      if (binding === undefined || (binding.kind !== 'const' && binding.reassigned)) return;
      const kind = site.kind === 'boolean' || site.kind === 'flag' || site.kind.endsWith('details') ? site.kind : 'value';
      for (const read of this.readsOf(declarator.id)) {
        const climbed = this.climbSite({ reference: site.reference, node: read, kind, truth, variable: declarator.id.name });
        if (climbed === undefined) continue;
        const reference = this.references[site.reference]!;
        if (climbed.uncheckedLookup && reference.uncheckedLookup === undefined) reference.uncheckedLookup = climbed.uncheckedLookup;
        this.decide(climbed, depth + 1);
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
      for (const read of this.readsOf(target)) {
        this.decide({ reference: site.reference, node: read, kind: effect.kind, truth: effect.truth, variable: target.name }, depth + 1);
      }
    }
  }

  private inJsx(node: Node): boolean {
    let current = node.parent;
    while (current?.type === 'ConditionalExpression' || current?.type === 'LogicalExpression') current = current.parent;
    return current?.type === 'JSXExpressionContainer';
  }

  /** The flag's value ends in a value position; only operands that ran under a known state make it a decision. */
  private finishValue(site: Site, node: Node, regions: Region[], offYieldsFlagValue: boolean): void {
    if (regions.length === 0) return;
    const jsx = node.parent?.type === 'JSXExpressionContainer';
    // `flag && warmCache()` as a statement: nobody uses the value, so the off path needs none.
    const unused = node.parent?.type === 'ExpressionStatement' || (node.parent?.type === 'UnaryExpression' && node.parent.operator === 'void');
    this.emit(site, jsx ? 'jsx' : 'logical', node, node, regions, { offYieldsFlagValue: offYieldsFlagValue && !unused && !consumedAsBoolean(node, this.options.booleanTypeOf), inJsx: jsx });
  }

  private emit(
    site: Site,
    kind: DecisionKind,
    construct: Node,
    condition: Node,
    regions: Region[],
    extra: { fallsThrough?: boolean; offYieldsFlagValue?: boolean; inJsx?: boolean } = {},
  ): void {
    const decision: FlagDecision = {
      id: this.decisions.length,
      reference: site.reference,
      kind,
      range: rangeOf(construct),
      conditionRange: rangeOf(condition),
      loc: locOf(condition),
      siteRange: rangeOf(site.node),
      regions: [...regions],
      fallsThrough: extra.fallsThrough ?? false,
      offYieldsFlagValue: extra.offYieldsFlagValue ?? false,
      inJsx: extra.inJsx ?? false,
      // Filled in once every decision is known (fillAssigned).
      assigned: [],
    };
    this.decisionSites.push(site.node);
    this.receivers.push(this.receivingVariable(construct));
    if (site.variable !== undefined) decision.variable = site.variable;
    const functionId = this.enclosingFunctionId(site.node);
    if (functionId !== undefined) decision.functionId = functionId;
    this.decisions.push(decision);
  }

  /** `const variant = flag ? 'v2' : 'v1'`: the variable that receives the decided value. */
  private receivingVariable(construct: Node): string[] {
    let node = construct;
    while (node.parent && unwrapExpression(node.parent) !== node.parent) node = node.parent;
    const parent = node.parent;
    if (parent?.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier') return [parent.id.name];
    if (parent?.type === 'AssignmentExpression' && parent.right === node && parent.left.type === 'Identifier') return [parent.left.name];
    return [];
  }

  /** Every decision's regions, as one list (for containersOf), with the decision and index of each. */
  private allRegions(): { decision: number; regionIndex: number; range: Range }[] {
    return this.decisions.flatMap((decision) => decision.regions.map((region, regionIndex) => ({ decision: decision.id, regionIndex, range: region.range })));
  }

  /**
   * Each decision's `assigned`: the names assigned or declared inside its regions (a region's
   * `algorithm = 'v2'` is a value derived from the decision), then the variable receiving its value.
   */
  private fillAssigned(): void {
    const regions = this.allRegions();
    const names = this.decisions.map(() => new Set<string>());
    const holding = containersOf(
      regions.map((region) => region.range),
      this.assignmentTargets.map((target) => rangeOf(target)),
    );
    this.assignmentTargets.forEach((target, index) => {
      for (const region of holding[index]!) names[regions[region]!.decision]!.add(target.name);
    });
    for (const decision of this.decisions) decision.assigned = [...new Set([...names[decision.id]!, ...this.receivers[decision.id]!])];
  }

  /** `<IfFeatureEnabled feature="x">children</IfFeatureEnabled>`: children run when on; `fallback` when off. */
  private addJsxComponentDecision(reference: number, element: TSESTree.JSXElement, truth: Truth): void {
    const regions: Region[] = [];
    if (element.closingElement && element.children.length > 0) {
      const children = this.region([element.openingElement.range[1], element.closingElement.range[0]], truth.whenTruthy, 'children');
      if (children) regions.push(children);
    }
    for (const attribute of element.openingElement.attributes) {
      if (attribute.type === 'JSXAttribute' && attribute.name.name === 'fallback' && attribute.value) {
        const fallback = this.region(attribute.value, truth.whenFalsy, 'alternate');
        if (fallback) regions.push(fallback);
      }
    }
    this.emit({ reference, node: element, kind: 'boolean', truth }, 'jsx-component', element, element.openingElement, regions, { inJsx: true });
  }

  // ---------------------------------------------------------------------------------------------
  // Calls inside regions, functions, module summary, mocks

  /** `<ExpressSection />` renders (calls) a component: the local function or the imported one it names. */
  private componentRef(element: TSESTree.JSXOpeningElement): RegionCall['callee'] | undefined {
    if (element.name.type !== 'JSXIdentifier' || !/^[A-Z]/.test(element.name.name)) return undefined;
    const binding = this.scopes.lookup(element.name.name, element);
    const fn = this.functionBoundTo(binding);
    const id = fn === undefined ? undefined : this.functionIds.get(fn);
    if (id !== undefined) return { kind: 'local', functionId: id };
    const imported = binding?.imported;
    if (imported === undefined || imported.imported === '*') return undefined;
    return { kind: 'imported', source: imported.source, name: imported.imported, path: [] };
  }

  private calleeRef(call: CallLike): RegionCall['callee'] | undefined {
    const fn = this.localCallee(call);
    const id = fn === undefined ? undefined : this.functionIds.get(fn);
    if (id !== undefined) return { kind: 'local', functionId: id };
    const imported = call.type === 'CallExpression' ? this.importedCallee(call.callee) : undefined;
    return imported === undefined ? undefined : { kind: 'imported', ...imported };
  }

  /** Calls and rendered components, each with how to find what it runs. */
  private invocations(): { node: Node; callee: () => RegionCall['callee'] | undefined }[] {
    return [
      ...this.calls.map((call) => ({ node: call as Node, callee: () => this.calleeRef(call) })),
      ...this.jsxElements.map((element) => ({ node: element as Node, callee: () => this.componentRef(element) })),
    ];
  }

  private collectRegionCalls(): RegionCall[] {
    const regionCalls: RegionCall[] = [];
    if (this.decisions.length === 0) return regionCalls;
    const regions = this.allRegions();
    const invocations = this.invocations();
    const ranges = invocations.map((invocation) => rangeOf(invocation.node));
    const holding = containersOf(
      regions.map((region) => region.range),
      ranges,
    );
    invocations.forEach((invocation, index) => {
      if (holding[index]!.length === 0) return;
      const callee = invocation.callee();
      if (callee === undefined) return;
      for (const region of holding[index]!) {
        const { decision, regionIndex } = regions[region]!;
        regionCalls.push({ decision, regionIndex, callee, range: ranges[index]!, loc: locOf(invocation.node) });
      }
    });
    return regionCalls;
  }

  private functionFacts(): FunctionFact[] {
    const exportedAs = this.exportedFunctionNames();
    const facts: FunctionFact[] = this.functionNodes.map((fn, id) => {
      const fact: FunctionFact = {
        id,
        name: this.functionName(fn),
        range: rangeOf(fn),
        exportedAs: exportedAs.get(fn) ?? [],
        decisions: [],
        calls: [],
      };
      const wrapper = this.wrappers.get(fn);
      if (wrapper) fact.wrapper = wrapper;
      return fact;
    });
    const inside = (node: Node) => this.functionsAround(node).map((id) => facts[id]!);
    for (const decision of this.decisions) {
      for (const fact of inside(this.decisionSites[decision.id]!)) (fact.decisions as number[]).push(decision.id);
    }
    for (const call of this.calls) {
      const containing = inside(call);
      if (containing.length === 0) continue;
      const deciding = containing.filter((fact) => fact.decisions.length > 0);
      if (deciding.length > 0 && call.type === 'CallExpression') {
        const entry = { callee: memberChain(call.callee)?.join('.') ?? '', mentions: this.mentionsOf(call), range: rangeOf(call), loc: locOf(call) };
        for (const fact of deciding) (fact.calledWith ??= []).push(entry);
      }
    }
    for (const invocation of this.invocations()) {
      const containing = inside(invocation.node);
      if (containing.length === 0) continue;
      const callee = invocation.callee();
      if (callee === undefined) continue;
      for (const fact of containing) if (!(callee.kind === 'local' && callee.functionId === fact.id)) (fact.calls as RegionCall['callee'][]).push(callee);
    }
    return facts;
  }

  /**
   * The functions a node is written in, outermost first: its ancestors, found by walking up (not by
   * testing every function's range, which costs every function per node). Functions are numbered
   * parents first, so the ids ascend.
   */
  private functionsAround(node: Node): number[] {
    this.outerFunctionIds ??= this.functionNodes.map((fn) => this.enclosingFunctionId(fn));
    const ids: number[] = [];
    for (let id = this.enclosingFunctionId(node); id !== undefined; id = this.outerFunctionIds[id]) ids.push(id);
    return ids.reverse();
  }

  /** The names and strings a call's arguments mention, nested objects included (`{ algorithm }`). */
  private mentionsOf(call: TSESTree.CallExpression): string[] {
    const mentions = new Set<string>();
    for (const argument of call.arguments) {
      walkSubtree(argument, (node) => {
        if (isFunctionNode(node)) return false;
        if (node.type === 'Identifier') {
          const parent = node.parent;
          const isKey = (parent?.type === 'Property' && parent.key === node && !parent.shorthand) || (parent?.type === 'MemberExpression' && parent.property === node && !parent.computed);
          if (!isKey) mentions.add(node.name);
        } else if (node.type === 'Literal' && typeof node.value === 'string') mentions.add(node.value);
        else if (node.type === 'TemplateElement') mentions.add(node.value.cooked ?? node.value.raw);
        return true;
      });
    }
    return [...mentions];
  }

  private exportedFunctionNames(): Map<FunctionNode, string[]> {
    const names = new Map<FunctionNode, string[]>();
    const addName = (fn: FunctionNode | undefined, name: string) => {
      if (fn === undefined) return;
      names.set(fn, [...(names.get(fn) ?? []), name]);
    };
    for (const node of this.exportNodes) {
      if (node.type === 'ExportDefaultDeclaration') {
        const declaration = node.declaration;
        if (isFunctionNode(declaration)) addName(declaration, 'default');
        else if (declaration.type === 'Identifier') addName(this.functionBoundTo(this.scopes.lookup(declaration.name, declaration)), 'default');
      } else if (node.type === 'ExportNamedDeclaration' && node.source == null) {
        const declaration = node.declaration;
        if (declaration?.type === 'FunctionDeclaration' && declaration.id) addName(declaration, declaration.id.name);
        if (declaration?.type === 'VariableDeclaration') {
          for (const declarator of declaration.declarations) {
            if (declarator.id.type === 'Identifier') addName(this.functionBoundTo(this.scopes.lookup(declarator.id.name, declarator.id)), declarator.id.name);
          }
        }
        for (const specifier of node.specifiers) {
          if (specifier.local.type !== 'Identifier') continue;
          const exported = exportName(specifier.exported);
          addName(this.functionBoundTo(this.scopes.lookup(specifier.local.name, specifier.local)), exported);
        }
      }
    }
    return names;
  }

  private functionExport(fn: FunctionNode): ExportedValue {
    const functionId = this.functionIds.get(fn)!;
    const wrapper = this.wrappers.get(fn) ?? this.forwardOf(fn);
    if (wrapper) return { kind: 'wrapper', wrapper, functionId };
    return { kind: 'function', functionId };
  }

  /** A function passing its parameter to imported functions: a wrapper if one of those is. */
  private forwardOf(fn: FunctionNode): WrapperSpec | undefined {
    const forwarded = this.forwards().get(this.functionIds.get(fn)!);
    return forwarded === undefined ? undefined : { kind: 'forward', ...forwarded, name: this.functionName(fn) };
  }

  /**
   * For each function passing a parameter into imported functions, the first such parameter and
   * where it goes: one pass over the calls of imported functions, for every exported function.
   */
  private forwards(): Map<number, { param: number; targets: { target: ImportedName; argument: number }[] }> {
    if (this.forwardsByFunction !== undefined) return this.forwardsByFunction;
    const forwards = new Map<number, { param: number; targets: { target: ImportedName; argument: number }[] }>();
    for (const reference of this.references) {
      const candidate = reference.candidate;
      if (candidate === undefined) continue;
      candidate.args.forEach((arg, argument) => {
        if (arg.kind !== 'parameter') return;
        const forward = forwards.get(arg.functionId);
        if (forward === undefined) forwards.set(arg.functionId, { param: arg.index, targets: [{ target: candidate.callee, argument }] });
        else if (forward.param === arg.index) forward.targets.push({ target: candidate.callee, argument });
      });
    }
    this.forwardsByFunction = forwards;
    return forwards;
  }

  /** What a local binding exports: a key constant, a frozen object, a wrapper, an object of wrappers. */
  private exportedBinding(id: TSESTree.Identifier): ExportedValue | undefined {
    const binding = this.scopes.lookup(id.name, id);
    if (binding === undefined) return undefined;
    if (binding.kind === 'import') {
      const { source, imported } = binding.imported!;
      return { kind: 'imported', source, name: imported, path: [] };
    }
    const fn = this.functionBoundTo(binding);
    if (fn) return this.functionExport(fn);
    const value = this.resolver.exportedValue(id);
    if (value !== undefined) return value;
    const init = binding.init ? unwrapExpression(binding.init) : undefined;
    if (init?.type === 'ObjectExpression') return this.objectOfFunctions(init.properties.flatMap((p) => (p.type === 'Property' ? [p] : [])));
    if (init?.type === 'NewExpression' && init.callee.type === 'Identifier') {
      const classNode = this.scopes.lookup(init.callee.name, init.callee)?.classNode;
      if (classNode) return this.objectOfFunctions(classNode.body.body);
    }
    return undefined;
  }

  private objectOfFunctions(members: readonly Node[]): ExportedValue | undefined {
    const entries: Record<string, ExportedValue> = {};
    for (const member of members) {
      if (member.type !== 'Property' && member.type !== 'MethodDefinition' && member.type !== 'PropertyDefinition') continue;
      const name = propertyKeyName(member);
      const value = member.value;
      if (name === undefined || value == null || !isFunctionNode(value)) continue;
      entries[name] = this.functionExport(value);
    }
    return Object.keys(entries).length > 0 ? { kind: 'object', entries } : undefined;
  }

  private moduleSummary(): FileFacts['module'] {
    const exports: Record<string, ExportedValue> = {};
    const exportAll: string[] = [];
    const set = (name: string, value: ExportedValue | undefined) => {
      if (value !== undefined) exports[name] = value;
    };
    for (const node of this.exportNodes) {
      if (node.type === 'ExportAllDeclaration') {
        const source = String(node.source.value);
        if (node.exported == null) exportAll.push(source);
        else set(exportName(node.exported), { kind: 'imported', source, name: '*', path: [] });
      } else if (node.type === 'ExportDefaultDeclaration') {
        const declaration = node.declaration;
        if (isFunctionNode(declaration)) set('default', this.functionExport(declaration));
        else if (declaration.type === 'Identifier') set('default', this.exportedBinding(declaration));
        else if (declaration.type !== 'ClassDeclaration' && declaration.type !== 'TSDeclareFunction' && declaration.type !== 'TSInterfaceDeclaration') {
          set('default', this.resolver.exportedValue(declaration));
        }
      } else if (node.type === 'ExportNamedDeclaration') {
        if (node.exportKind === 'type') continue;
        const declaration = node.declaration;
        if (declaration?.type === 'VariableDeclaration') {
          for (const declarator of declaration.declarations) if (declarator.id.type === 'Identifier') set(declarator.id.name, this.exportedBinding(declarator.id));
        } else if ((declaration?.type === 'FunctionDeclaration' || declaration?.type === 'TSEnumDeclaration') && declaration.id) {
          set(declaration.id.name, this.exportedBinding(declaration.id));
        }
        for (const specifier of node.specifiers) {
          if (specifier.exportKind === 'type') continue;
          const local = exportName(specifier.local);
          const exported = exportName(specifier.exported);
          if (node.source) set(exported, { kind: 'imported', source: String(node.source.value), name: local, path: [] });
          else if (specifier.local.type === 'Identifier') set(exported, this.exportedBinding(specifier.local));
        }
      }
    }
    return { exports, exportAll, imports: [...this.importSources] };
  }

  /** `vi.mocked(isNewCheckout).mockReturnValue(true)`, `jest.spyOn(flags, 'isOn').mockReturnValue(false)`. */
  private collectMocks(): FileFacts['mocks'] {
    const mocks: FileFacts['mocks'] = [];
    for (const call of this.calls) {
      if (call.type !== 'CallExpression') continue;
      const callee = unwrapExpression(call.callee);
      if (callee.type !== 'MemberExpression') continue;
      const method = propertyName(callee);
      if (method === undefined || !MOCK_METHODS.has(method)) continue;
      const target = this.mockTarget(unwrapExpression(callee.object));
      if (target === undefined) continue;
      let stateNode: Node | undefined = call.arguments[0];
      if (stateNode !== undefined && isFunctionNode(stateNode) && stateNode.body.type !== 'BlockStatement') stateNode = stateNode.body;
      const state = overrideStateOf(stateNode);
      mocks.push({ callee: target, state, range: rangeOf(call), loc: locOf(call) });
    }
    return mocks;
  }

  private mockTarget(node: Node): FileFacts['mocks'][number]['callee'] | undefined {
    if (node.type === 'CallExpression') {
      const chain = memberChain(node.callee);
      const last = chain?.at(-1);
      if ((last === 'mocked' || last === 'spyOn') && chain !== undefined && ['vi', 'jest'].includes(chain[0]!)) {
        const [first, second] = node.arguments;
        if (last === 'mocked' && first) return this.mockTarget(unwrapExpression(first));
        if (last === 'spyOn' && first && second) {
          const name = this.resolver.resolve(second);
          const object = unwrapExpression(first);
          if (name.kind !== 'static' || object.type !== 'Identifier') return undefined;
          const imported = this.scopes.lookup(object.name, object)?.imported;
          if (imported === undefined) return undefined;
          return imported.imported === '*'
            ? { kind: 'imported', source: imported.source, name: name.key, path: [] }
            : { kind: 'imported', source: imported.source, name: imported.imported, path: [name.key] };
        }
      }
      return undefined;
    }
    if (node.type === 'Identifier') {
      const binding = this.scopes.lookup(node.name, node);
      const fn = this.functionBoundTo(binding);
      const id = fn === undefined ? undefined : this.functionIds.get(fn);
      if (id !== undefined) return { kind: 'local', functionId: id };
      const imported = binding?.imported;
      if (imported && imported.imported !== '*') return { kind: 'imported', source: imported.source, name: imported.imported, path: [] };
    }
    if (node.type === 'MemberExpression') {
      const imported = this.importedCallee(node);
      if (imported) return { kind: 'imported', ...imported };
    }
    return undefined;
  }
}

/** Analyses one parsed file into its flag facts. The tree may come from ESLint or from the scanner's parser. */
export function analyzeFile(program: TSESTree.Program, options: AnalyzeOptions): FileFacts {
  return new FileAnalysis(program, options).run();
}

