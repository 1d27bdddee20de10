/*
 * What the phases of one file's analysis share: the options, the collected nodes and scopes, and
 * the facts as they grow (references, sites, decisions, wrappers). Each phase module reads and
 * extends it; analyze.ts runs the phases in order.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { nodeLocator, type Node, type NodeLocator } from '../ast.js';
import type { FactDecision, FlagReference, WrapperCall, WrapperSpec } from '../facts.js';
import { KeyResolver, type StringLiteralTypeOf } from '../keys.js';
import type { AccessorIndex } from '../../patterns/index.js';
import { Scopes, type Binding, type FunctionNode } from '../scope.js';
import { collectNodes, type CollectedNodes } from './collection.js';
import { LocalFunctions } from './functions.js';
import type { InputEvent } from './probes.js';
import type { BooleanTypeOf } from '../off-value.js';
import type { Site } from './sites.js';

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

export interface AnalysisState {
  readonly options: AnalyzeOptions;
  readonly scopes: Scopes;
  readonly resolver: KeyResolver;
  /** Where a node is, for the facts (a node of the scanner's parser has no `loc`). */
  readonly locate: NodeLocator;
  readonly nodes: CollectedNodes;
  readonly functions: LocalFunctions;
  /** The functions of this file that are flag accessors themselves (wrappers.ts). */
  readonly wrappers: Map<FunctionNode, WrapperSpec>;
  readonly references: FlagReference[];
  /** Possible wrapper calls (references.ts): evaluations if the module graph confirms their callee. */
  readonly wrapperCalls: WrapperCall[];
  readonly decisions: FactDecision[];
  /** Where each evaluation's value is read (sites.ts). */
  readonly sites: Site[];
  /** Site index by the node read, for finding wrappers that return a flag. */
  readonly siteByNode: Map<Node, number>;
  /** Calls already taken as an evaluation (by a pattern or a wrapper): not candidates, not again. */
  readonly handledCalls: Set<Node>;
  readonly notes: string[];
  /** Each decision's site node, by decision id (decisions.ts). */
  readonly decisionSites: Node[];
  /** The variables receiving each decision's value, by decision id (see fillAssigned). */
  readonly receivers: string[][];
  /** Whether a lookup held in a variable is checked, by variable (sites.ts). */
  readonly lookupChecked: Map<Binding, boolean>;
  /** What walking a root of an evaluation's inputs finds (probes.ts). */
  readonly inputEvents: Map<Node, readonly InputEvent[]>;
}

/** Collects the file's nodes and binds its scopes: the state every other phase starts from. */
export function startAnalysis(program: TSESTree.Program, options: AnalyzeOptions): AnalysisState {
  const scopes = new Scopes();
  const resolver = new KeyResolver(scopes, options.text, options.stringLiteralTypeOf);
  const nodes = collectNodes(program, scopes);
  return {
    options,
    scopes,
    resolver,
    locate: nodeLocator(options.text),
    nodes,
    functions: new LocalFunctions(nodes, scopes),
    wrappers: new Map(),
    references: [],
    wrapperCalls: [],
    decisions: [],
    sites: [],
    siteByNode: new Map(),
    handledCalls: new Set(),
    notes: [],
    decisionSites: [],
    receivers: [],
    lookupChecked: new Map(),
    inputEvents: new Map(),
  };
}
