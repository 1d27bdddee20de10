import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { decideSites } from './analysis/decisions.js';
import { reportEscapedWrapperKeys } from './analysis/escaping-wrappers.js';
import { functionFacts } from './analysis/function-facts.js';
import { dropEvaluationsThatAreKeys, matchAccessors } from './analysis/matching.js';
import { moduleSummary } from './analysis/module-summary.js';
import { collectMocks } from './analysis/overrides.js';
import { addCandidates, addEvaluation } from './analysis/references.js';
import { collectRegionCalls, fillAssigned } from './analysis/regions.js';
import { startAnalysis, type AnalyzeOptions } from './analysis/state.js';
import { inferFixedKeyWrappers, inferKeyParameterWrappers } from './analysis/wrappers.js';
import { FACTS_VERSION, type FileFacts } from './facts.js';

export type { AnalyzeOptions } from './analysis/state.js';

/**
 * Analyses one parsed file into its flag facts. The tree may come from ESLint or from the scanner's
 * parser. The phases run in this order, each on what the earlier ones found (analysis/ holds one
 * module per phase); the order matters, as a later phase reads what an earlier one recorded:
 */
export function analyzeFile(program: TSESTree.Program, options: AnalyzeOptions): FileFacts {
  // 1. One walk: scopes, calls, members, JSX, functions, exports (collection.ts).
  const state = startAnalysis(program, options);
  // 2. What the accessor patterns find, one evaluation per key (matching.ts).
  const evaluations = matchAccessors(state);
  // 3. Fixed point: functions whose parameter is an accessor's key, and their calls (wrappers.ts).
  const keyedByParameter = inferKeyParameterWrappers(state, evaluations);
  // 3a. The keys of wrappers handed out of reach of their calls are dynamic (escaping-wrappers.ts).
  reportEscapedWrapperKeys(state, keyedByParameter, evaluations);
  // 3b. One site, one reference: an evaluation that is another's key is not a use of its own (matching.ts).
  dropEvaluationsThatAreKeys(evaluations);
  // 4. The evaluations as references, with the sites where their values are read (references.ts).
  for (const evaluation of evaluations.values()) addEvaluation(state, evaluation);
  // 5. Calls of imported functions, pending the module graph: possible wrapper calls.
  addCandidates(state);
  // 6. Fixed point: functions returning one evaluation of a fixed key (or one wrapper call); reads the sites of 4 and 5.
  inferFixedKeyWrappers(state);
  // 7. From every site outwards, to what it decides (decisions.ts).
  decideSites(state);
  // 8. Once every decision is known: what its regions assign and call (regions.ts).
  fillAssigned(state);
  const regionCalls = collectRegionCalls(state);
  return {
    version: FACTS_VERSION,
    test: options.test,
    references: state.references,
    wrapperCalls: state.wrapperCalls,
    decisions: state.decisions,
    regionCalls,
    // 9. Per function, per module, per test file (function-facts.ts, module-summary.ts, overrides.ts).
    functions: functionFacts(state),
    module: moduleSummary(state),
    mocks: options.test ? collectMocks(state) : [],
    notes: state.notes,
  };
}
